package dev.anchorvec.testkit;

import java.util.Locale;
import java.util.function.IntFunction;

/**
 * Assertions on float arrays that say where and by how much they differ. Bit-exact comparison uses
 * {@link Float#floatToRawIntBits}, so {@code 0.0} and {@code -0.0} differ and NaN payloads matter.
 */
public final class FloatChecks {

    private FloatChecks() {}

    /** Asserts {@code actual} has the same length and bits as {@code expected}; {@code where} names an index. */
    public static void assertSameBits(String what, float[] expected, float[] actual, IntFunction<String> where) {
        if (expected.length != actual.length) {
            throw new AssertionError(what + ": length " + actual.length + ", expected " + expected.length);
        }
        int first = -1, count = 0;
        for (int k = 0; k < expected.length; k++) {
            if (Float.floatToRawIntBits(expected[k]) != Float.floatToRawIntBits(actual[k])) {
                if (first < 0) {
                    first = k;
                }
                count++;
            }
        }
        if (first >= 0) {
            throw new AssertionError(String.format(Locale.ROOT,
                    "%s: %d of %d values differ; first at %s: expected %s, got %s (%d ulp)", what, count,
                    expected.length, where.apply(first), describe(expected[first]), describe(actual[first]),
                    ulpDistance(expected[first], actual[first])));
        }
    }

    /** {@link #assertSameBits(String, float[], float[], IntFunction)} naming indices as {@code [k]}. */
    public static void assertSameBits(String what, float[] expected, float[] actual) {
        assertSameBits(what, expected, actual, k -> "[" + k + "]");
    }

    /** Asserts no value is NaN. */
    public static void assertNoNaN(String what, float[] values, IntFunction<String> where) {
        for (int k = 0; k < values.length; k++) {
            if (Float.isNaN(values[k])) {
                throw new AssertionError(what + ": NaN at " + where.apply(k));
            }
        }
    }

    /** Row-major {@code (i, j)} names for a matrix with {@code cols} columns. */
    public static IntFunction<String> matrixIndex(int cols) {
        return k -> cols == 0 ? "[" + k + "]" : "(" + k / cols + ", " + k % cols + ")";
    }

    /**
     * Number of floats between {@code a} and {@code b} on the number line (0 when equal, counting -0.0 and 0.0
     * as one point); {@link Integer#MAX_VALUE} when either is NaN.
     */
    public static int ulpDistance(float a, float b) {
        if (Float.isNaN(a) || Float.isNaN(b)) {
            return Integer.MAX_VALUE;
        }
        long d = Math.abs(ordered(a) - ordered(b));
        return (int) Math.min(Integer.MAX_VALUE, d);
    }

    private static long ordered(float f) {
        int bits = Float.floatToRawIntBits(f);
        // Maps the sign-magnitude bit pattern onto a monotone integer line with -0.0 == 0.0.
        return bits < 0 ? -(long) (bits & 0x7fffffff) : bits;
    }

    /** A value with its bits, for messages: {@code 0.25 (0x3e800000)}. */
    public static String describe(float v) {
        return v + String.format(Locale.ROOT, " (0x%08x)", Float.floatToRawIntBits(v));
    }
}
