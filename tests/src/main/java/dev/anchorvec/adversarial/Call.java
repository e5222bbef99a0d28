package dev.anchorvec.adversarial;

/**
 * How to call an entry point (or a twin implementation of it) with generated arguments; returns the entry
 * point's result, or null for a void method.
 */
@FunctionalInterface
public interface Call {

    /** Calls the entry point with {@code x}'s arguments. */
    Object call(Invocation x) throws Throwable;
}
