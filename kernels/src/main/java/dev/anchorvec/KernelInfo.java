package dev.anchorvec;

import dev.anchorvec.simd.Simd;

/**
 * Which implementation the kernels run in this JVM, decided once at first use.
 *
 * <p>The Vector API implementation is chosen when {@code jdk.incubator.vector} is readable (start the JVM with
 * {@code --add-modules jdk.incubator.vector}) and C2 is on; otherwise every kernel runs its scalar fallback,
 * which gives the same results. Force a choice with {@code -Danchorvec.impl=scalar|vector} and a width with
 * {@code -Danchorvec.vectorBits=128|256|512}; a forced {@code vector} runs even without C2 (interpreter, C1),
 * correct but many times slower, as the determinism check {@link KernelDigest} does. The choice is logged once through {@link System.Logger}
 * (logger {@code dev.anchorvec}).
 */
public final class KernelInfo {

    private KernelInfo() {}

    /** {@code "vector"} or {@code "scalar"}. */
    public static String implementation() {
        return Simd.vectorEnabled() ? "vector" : "scalar";
    }

    /** Width of the vectors in bits; 0 for the scalar implementation. */
    public static int vectorBits() {
        return Simd.vectorBits();
    }

    /** Float lanes per vector; 1 for the scalar implementation. */
    public static int floatLanes() {
        return Simd.floatLanes();
    }

    /** A sentence saying what was chosen and why, as logged. */
    public static String reason() {
        return Simd.reason();
    }

    /** One line for logs and reports, for example {@code vector 512-bit (16 float lanes)}. */
    public static String summary() {
        return Simd.vectorEnabled()
                ? "vector " + vectorBits() + "-bit (" + floatLanes() + " float lanes)"
                : "scalar";
    }
}
