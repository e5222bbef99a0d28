package dev.anchorvec.adversarial;

/**
 * A documented answer an entry point promises for the inputs it accepts (a saturation value, a sign, an
 * identity); checked on every call that returned normally. Throw {@link AssertionError} (or return a non-null
 * description) when the promise is broken.
 */
@FunctionalInterface
public interface Rule {

    /**
     * Checks one successful call.
     *
     * @param x      the arguments after the call (outputs hold what the call wrote)
     * @param before the arguments as they were before the call (deep copies)
     * @param result what the call returned (null for void)
     * @return null if the promise holds, else what is wrong
     */
    String check(Invocation x, Invocation before, Object result);
}
