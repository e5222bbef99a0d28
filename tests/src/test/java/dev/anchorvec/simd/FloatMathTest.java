package dev.anchorvec.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

/**
 * anchorvec's own {@code exp}, {@code log}, {@code log1p} and {@code atan} ({@link FloatMath}) against float64
 * {@code StrictMath}, and their vector form ({@link VectorFloatMath}, at this run's width) against the scalar one,
 * bit for bit.
 *
 * <p>The sample: every 1021st float bit pattern (4.2 million, every binade of both signs), plus every float of the
 * ranges where the functions change regime: exp's subnormal results and its overflow and underflow edges, log
 * and log1p around their reduction boundaries (0.75, 1.5, the subnormals, k = 24/25 in log1p) and near -1, atan
 * around 1, and the special values. Error = |result - exact| / ulp(exact), where ulp(exact) is the spacing of
 * floats at the exact value's magnitude (2^-149 in the subnormals); it must not exceed the bound
 * {@link FloatMath} states. Where the exact value is not a finite float (overflow, NaN, infinities) the result
 * must be the float that StrictMath's value rounds to, bit for bit (which also checks the sign of zero).
 */
class FloatMathTest {

    private static final int STRIDE = 1021;

    private enum Fn {
        EXP(FloatMath::exp, StrictMath::exp, FloatMath.EXP_ULPS,
                range(-104.5f, -87f), range(88.5f, 89.5f), range(-0x1p-20f, 0x1p-20f, 1009)),
        LOG(FloatMath::log, StrictMath::log, FloatMath.LOG_ULPS,
                range(0f, 0x1p-120f, 31), range(0.74f, 0.76f), range(1.49f, 1.51f), range(0.999f, 1.001f)),
        LOG1P(FloatMath::log1p, StrictMath::log1p, FloatMath.LOG1P_ULPS,
                range(-1f, -0.99f), range(-0.26f, -0.24f), range(0.49f, 0.51f), range(-0x1p-12f, 0x1p-12f, 4001),
                range(0x1p23f, 0x1p27f, 61), range(1e37f, Float.MAX_VALUE, 61)),
        ATAN(FloatMath::atan, StrictMath::atan, FloatMath.ATAN_ULPS,
                range(0.99f, 1.01f), range(-1.01f, -0.99f), range(0.41f, 0.42f), range(2.41f, 2.42f), range(-0x1p-10f, 0x1p-10f, 4001), range(1e6f, 1e9f, 127));

        final FloatUnary scalar;
        final DoubleUnaryOperator exact;
        final double bound;
        final int[][] ranges;

        Fn(FloatUnary scalar, DoubleUnaryOperator exact, double bound, int[]... ranges) {
            this.scalar = scalar;
            this.exact = exact;
            this.bound = bound;
            this.ranges = ranges;
        }

        FloatVector vector(FloatVector v) {
            return switch (this) {
                case EXP -> VectorFloatMath.exp(v);
                case LOG -> VectorFloatMath.log(v);
                case LOG1P -> VectorFloatMath.log1p(v);
                case ATAN -> VectorFloatMath.atan(v);
            };
        }
    }

    @FunctionalInterface
    private interface FloatUnary {
        float apply(float x);
    }

    /** Special inputs checked for every function (NaN with two payloads). */
    private static final float[] SPECIAL = {0f, -0f, Float.NaN, Float.intBitsToFloat(0xffc00001),
            Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL,
            -Float.MIN_NORMAL, Float.MAX_VALUE, -Float.MAX_VALUE, 1f, -1f, 0.5f, 2f, 0.75f, 1.5f,
            88.72283f, 88.72284f, 88.722846f, -87.33655f, -103.97207f, -103.97208f, -103.9721f, 1e-45f, 16777216f,
            -0.99999994f, 0x1p24f, 0x1.fffffep24f, 0x1p25f, 3.4e38f};

    /** Bit patterns {@code [from, to]} of the floats in {@code [lo, hi]} (same sign), every {@code step}th. */
    private static int[] range(float lo, float hi, int step) {
        return new int[] {Float.floatToRawIntBits(lo), Float.floatToRawIntBits(hi), step};
    }

    private static int[] range(float lo, float hi) {
        return range(lo, hi, 1);
    }

    /** Inputs for one function: the stride sample, its ranges (walked by bit pattern), the specials. */
    private static float[] inputs(Fn fn) {
        int count = (int) ((1L << 32) / STRIDE) + 1 + SPECIAL.length;
        for (int[] r : fn.ranges) {
            count += span(r) / r[2] + 1;
        }
        float[] x = new float[count];
        int n = 0;
        for (long b = 0; b <= 0xffffffffL; b += STRIDE) {
            x[n++] = Float.intBitsToFloat((int) b);
        }
        for (int[] r : fn.ranges) {
            // Negative floats' bit patterns grow with the magnitude, so walk from the smaller pattern to the larger;
            // a range that crosses zero is walked as two halves.
            n = walk(r, x, n);
        }
        for (float s : SPECIAL) {
            x[n++] = s;
        }
        return Arrays.copyOf(x, n);
    }

    private static long span(int[] r) {
        return crossesZero(r) ? (r[0] & 0x7fffffffL) + (r[1] & 0x7fffffffL) + 2 : Math.abs((long) r[1] - r[0]) + 1;
    }

    private static boolean crossesZero(int[] r) {
        return (r[0] < 0) != (r[1] < 0);
    }

    private static int walk(int[] r, float[] x, int n) {
        if (crossesZero(r)) {
            n = walk(new int[] {0x80000000, r[0], r[2]}, x, n);
            return walk(new int[] {0, r[1], r[2]}, x, n);
        }
        long from = Math.min(r[0] & 0xffffffffL, r[1] & 0xffffffffL);
        long to = Math.max(r[0] & 0xffffffffL, r[1] & 0xffffffffL);
        for (long b = from; b <= to; b += r[2]) {
            x[n++] = Float.intBitsToFloat((int) b);
        }
        return n;
    }

    /** The spacing of floats at the magnitude of {@code exact} (which is finite and within the float range). */
    static double ulpAt(double exact) {
        double a = Math.abs(exact);
        if (a < 0x1p-126) {
            return 0x1p-149;
        }
        return Math.scalb(1.0, Math.getExponent(a) - 23);
    }

    private static void checkAgainstFloat64(Fn fn) {
        float[] xs = inputs(fn);
        double worst = 0;
        float worstX = 0;
        StringBuilder failures = new StringBuilder();
        int failed = 0;
        for (float x : xs) {
            float got = fn.scalar.apply(x);
            double exact = fn.exact.applyAsDouble(x);
            boolean representable = !Double.isNaN(exact) && Math.abs(exact) <= Float.MAX_VALUE;
            String problem = null;
            if (representable) {
                double err = Math.abs(got - exact) / ulpAt(exact);
                if (err > worst || Double.isNaN(err)) {
                    worst = Double.isNaN(err) ? Double.POSITIVE_INFINITY : err;
                    worstX = x;
                }
                if (!(err <= fn.bound) || (exact == 0 && Float.floatToRawIntBits(got) != Float.floatToRawIntBits(
                        (float) exact))) {
                    problem = String.format(Locale.ROOT, "%.3f ulp", err);
                }
            } else if (Float.floatToIntBits(got) != Float.floatToIntBits((float) exact)) {
                problem = "special value";
            }
            if (problem != null && failed++ < 10) {
                failures.append(String.format(Locale.ROOT, "%n  %s(%s = %s) = %s, exact %.12g: %s", fn, x,
                        Float.toHexString(x), got, exact, problem));
            }
        }
        System.out.printf(Locale.ROOT, "[floatmath] %s: %d inputs, max error %.4f ulp at %s (bound %.1f)%n", fn,
                xs.length, worst, Float.toHexString(worstX), fn.bound);
        assertEquals(0, failed, fn + ": " + failed + " inputs beyond the bound of " + fn.bound + " ulp:" + failures);
    }

    private static void checkVectorEqualsScalar(Fn fn) {
        float[] xs = inputs(fn);
        int lanes = Shapes.FL;
        float[] lane = new float[lanes];
        int differing = 0;
        StringBuilder first = new StringBuilder();
        for (int i = 0; i < xs.length; i += lanes) {
            int m = Math.min(lanes, xs.length - i);
            float[] in = Arrays.copyOfRange(xs, i, i + lanes);   // zero-padded past the end
            fn.vector(FloatVector.fromArray(Shapes.F, in, 0)).intoArray(lane, 0);
            for (int k = 0; k < m; k++) {
                float want = fn.scalar.apply(in[k]);
                if (Float.floatToRawIntBits(want) != Float.floatToRawIntBits(lane[k]) && differing++ < 5) {
                    first.append(String.format(Locale.ROOT, "%n  x = %s: scalar %s, vector %s", Float.toHexString(
                            in[k]), want, lane[k]));
                }
            }
        }
        assertEquals(0, differing, fn + " at " + lanes + " lanes: vector differs from scalar" + first);
    }

    @Test
    void expWithinItsBound() {
        checkAgainstFloat64(Fn.EXP);
    }

    @Test
    void logWithinItsBound() {
        checkAgainstFloat64(Fn.LOG);
    }

    @Test
    void log1pWithinItsBound() {
        checkAgainstFloat64(Fn.LOG1P);
    }

    @Test
    void atanWithinItsBound() {
        checkAgainstFloat64(Fn.ATAN);
    }

    @Test
    void vectorLanesEqualTheScalarFunctionsBitForBit() {
        for (Fn fn : Fn.values()) {
            checkVectorEqualsScalar(fn);
        }
    }

    /**
     * {@code log1pUnit} is {@code log1p} on {@code [0, 1]}, bit for bit, scalar and vector: every 7th float of
     * {@code [0, 1]} and every float around {@code 0.5}, where {@code 1 + e} starts to round up to 1.5.
     */
    @Test
    void log1pUnitIsLog1pOnTheUnitInterval() {
        int lo = Float.floatToRawIntBits(0.49f), hi = Float.floatToRawIntBits(0.51f);
        int one = Float.floatToRawIntBits(1f);
        int lanes = Shapes.FL;
        float[] in = new float[lanes], out = new float[lanes];
        int n = 0, differing = 0;
        for (int b = 0; b <= one; b += b >= lo && b <= hi ? 1 : 7) {
            float e = Float.intBitsToFloat(b);
            int want = Float.floatToRawIntBits(FloatMath.log1p(e));
            differing += want == Float.floatToRawIntBits(FloatMath.log1pUnit(e)) ? 0 : 1;
            in[n++] = e;
            if (n == lanes) {
                VectorFloatMath.log1pUnit(FloatVector.fromArray(Shapes.F, in, 0)).intoArray(out, 0);
                for (int k = 0; k < lanes; k++) {
                    differing += Float.floatToRawIntBits(FloatMath.log1p(in[k])) == Float.floatToRawIntBits(out[k])
                            ? 0 : 1;
                }
                n = 0;
            }
        }
        assertEquals(0, differing, "log1pUnit differs from log1p");
    }

    @Test
    void documentedSpecialValues() {
        assertEquals(Float.POSITIVE_INFINITY, FloatMath.exp(88.72284f), "exp overflows just above ln(MAX_VALUE)");
        float nearMax = FloatMath.exp(88.72283f);
        assertTrue(nearMax > 3.4e38f && nearMax <= Float.MAX_VALUE, "exp(88.72283) is just below MAX_VALUE: " + nearMax);
        assertEquals(0f, FloatMath.exp(-104f));
        assertEquals(Float.MIN_VALUE, FloatMath.exp(-103.9f));
        assertEquals(1f, FloatMath.exp(-0f));
        assertEquals(Float.NEGATIVE_INFINITY, FloatMath.log(-0f));
        assertTrue(Float.isNaN(FloatMath.log(-Float.MIN_VALUE)));
        assertEquals(-103.27893f, FloatMath.log(Float.MIN_VALUE), 1e-5f, "log of the smallest subnormal");
        assertEquals(Float.NEGATIVE_INFINITY, FloatMath.log1p(-1f));
        assertTrue(Float.isNaN(FloatMath.log1p(-1.0000001f)));
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(FloatMath.log1p(-0f)));
        assertEquals(Float.MIN_VALUE, FloatMath.log1p(Float.MIN_VALUE), "log1p(x) = x for tiny x");
        assertEquals((float) (Math.PI / 2), FloatMath.atan(Float.POSITIVE_INFINITY));
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(FloatMath.atan(-0f)));
    }
}
