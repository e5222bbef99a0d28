package dev.anchorvec.reference;

import dev.anchorvec.simd.FloatMath;
import dev.anchorvec.simd.Shapes;
import dev.anchorvec.simd.VectorFloatMath;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import jdk.incubator.vector.FloatVector;

/**
 * Every float through anchorvec's {@code exp}, {@code log}, {@code log1p} and {@code atan}: the largest error
 * against float64 {@code StrictMath} (in ulps of the exact value, as {@code FloatMathTest} measures it), whether the
 * function ever decreases between neighbouring floats, and whether {@link VectorFloatMath} at this JVM's width
 * equals {@link FloatMath} on every lane. The unit test checks a dense sample in every build; this scan, a few
 * minutes per function on one core, is where the bounds in {@link FloatMath}'s Javadoc come from:
 *
 * <pre>
 * ./mvnw -B -q -pl tests -am package -DskipTests
 * java --add-modules jdk.incubator.vector -cp kernels/target/classes:tests/target/classes \
 *     dev.anchorvec.reference.FloatMathScan [exp|log|log1p|atan ...]
 * </pre>
 *
 * Add {@code -Danchorvec.vectorBits=128} (or 256) to scan the vector functions at another width. Exit status 1 if
 * a function exceeds its stated bound, decreases, or differs between vector and scalar.
 */
public final class FloatMathScan {

    private FloatMathScan() {}

    private record Fn(String name, FloatFn scalar, DoubleUnaryOperator exact, UnaryOperator<FloatVector> vector,
                      double bound) {}

    @FunctionalInterface
    private interface FloatFn {
        float apply(float x);
    }

    private static final Fn[] FUNCTIONS = {
        new Fn("exp", FloatMath::exp, StrictMath::exp, VectorFloatMath::exp, FloatMath.EXP_ULPS),
        new Fn("log", FloatMath::log, StrictMath::log, VectorFloatMath::log, FloatMath.LOG_ULPS),
        new Fn("log1p", FloatMath::log1p, StrictMath::log1p, VectorFloatMath::log1p, FloatMath.LOG1P_ULPS),
        new Fn("atan", FloatMath::atan, StrictMath::atan, VectorFloatMath::atan, FloatMath.ATAN_ULPS),
    };

    /**
     * Result of scanning a run of consecutive floats: the worst error and where, the counts, and the first and last
     * non-NaN results (NaN if none), so that runs merged in order also check the step between them.
     */
    private record Scan(double maxUlps, float worstX, long specialMismatches, long decreases, long vectorDiffs,
                        float firstY, float lastY) {}

    public static void main(String[] args) {
        boolean ok = true;
        for (Fn fn : FUNCTIONS) {
            if (args.length > 0 && !java.util.Arrays.asList(args).contains(fn.name())) {
                continue;
            }
            long start = System.nanoTime();
            Scan s = scan(fn);
            boolean pass = s.maxUlps() <= fn.bound() && s.specialMismatches() == 0 && s.decreases() == 0
                    && s.vectorDiffs() == 0;
            ok &= pass;
            System.out.printf(Locale.ROOT, "%-6s max %.4f ulp at %s (bound %.1f); special-value mismatches %d; "
                            + "decreases %d; vector (%d lanes) != scalar %d; %.0f s: %s%n", fn.name(), s.maxUlps(),
                    Float.toHexString(s.worstX()), fn.bound(), s.specialMismatches(), s.decreases(), Shapes.FL,
                    s.vectorDiffs(), (System.nanoTime() - start) / 1e9, pass ? "ok" : "FAILED");
        }
        System.exit(ok ? 0 : 1);
    }

    /** Walks the floats in increasing order (-Inf .. -0, +0 .. +Inf), in blocks of 2^16, over the CPU's cores. */
    private static Scan scan(Fn fn) {
        int blocks = 1 << 16;
        return IntStream.range(0, blocks).parallel().mapToObj(b -> block(fn, b)).reduce(FloatMathScan::merge)
                .orElseThrow();
    }

    /** The float at position {@code k} of the increasing order (NaNs included; callers skip them). */
    private static float ordered(long k) {
        // k in [0, 2^32): the first half walks the negatives from the largest magnitude down, the second the
        // positives up.
        int bits = k < (1L << 31) ? (int) (0xffffffffL - k) : (int) (k - (1L << 31));
        return Float.intBitsToFloat(bits);
    }

    private static Scan block(Fn fn, int b) {
        long from = (long) b << 16, to = from + (1 << 16);
        double worst = 0;
        float worstX = 0;
        long special = 0, decreases = 0, vectorDiffs = 0;
        float prev = Float.NaN, first = Float.NaN;
        int lanes = Shapes.FL;
        float[] in = new float[lanes], out = new float[lanes];
        for (long k = from; k < to; k += lanes) {
            for (int l = 0; l < lanes; l++) {
                in[l] = ordered(k + l);
            }
            fn.vector().apply(FloatVector.fromArray(Shapes.F, in, 0)).intoArray(out, 0);
            for (int l = 0; l < lanes; l++) {
                float x = in[l];
                float y = fn.scalar().apply(x);
                if (Float.floatToRawIntBits(y) != Float.floatToRawIntBits(out[l])) {
                    vectorDiffs++;
                }
                if (x != x) {
                    continue;
                }
                if (y < prev) {
                    decreases++;
                }
                if (y == y) {
                    first = first == first ? first : y;
                    prev = y;
                }
                double e = fn.exact().applyAsDouble(x);
                if (Double.isNaN(e) || Math.abs(e) > Float.MAX_VALUE || e == 0) {
                    special += Float.floatToIntBits(y) == Float.floatToIntBits((float) e) ? 0 : 1;
                    continue;
                }
                double err = Math.abs(y - e) / ulpAt(e);
                if (!(err <= worst)) {
                    worst = Double.isNaN(err) ? Double.POSITIVE_INFINITY : err;
                    worstX = x;
                }
            }
        }
        return new Scan(worst, worstX, special, decreases, vectorDiffs, first, prev);
    }

    /** {@code a} then {@code b} (the stream reduces in encounter order): the step between them counts too. */
    private static Scan merge(Scan a, Scan b) {
        boolean first = a.maxUlps() >= b.maxUlps();
        long step = b.firstY() < a.lastY() ? 1 : 0;
        return new Scan(first ? a.maxUlps() : b.maxUlps(), first ? a.worstX() : b.worstX(),
                a.specialMismatches() + b.specialMismatches(), a.decreases() + b.decreases() + step,
                a.vectorDiffs() + b.vectorDiffs(), a.firstY() == a.firstY() ? a.firstY() : b.firstY(),
                b.lastY() == b.lastY() ? b.lastY() : a.lastY());
    }

    /** The spacing of floats at the magnitude of {@code exact} (2^-149 in the subnormals). */
    static double ulpAt(double exact) {
        double a = Math.abs(exact);
        return a < 0x1p-126 ? 0x1p-149 : Math.scalb(1.0, Math.getExponent(a) - 23);
    }
}
