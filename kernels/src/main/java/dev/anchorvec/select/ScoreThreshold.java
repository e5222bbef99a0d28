package dev.anchorvec.select;

import dev.anchorvec.simd.FloatMath;

/**
 * Sigmoid score thresholds moved into logit space: {@code sigmoid(x) > s} holds exactly when
 * {@code x >= minLogit(s)}, for every float {@code x}, with {@link #sigmoid} the float sigmoid the pipelines
 * report. A filter then compares raw logits and runs the sigmoid on the few survivors only. The bound is found
 * by bisection over the ordered floats against {@link #sigmoid} itself, so the two decisions agree bit for bit
 * (an analytic {@code log(s / (1 - s))} can be an ulp off either way).
 */
public final class ScoreThreshold {

    private ScoreThreshold() {}

    /**
     * The float sigmoid of the pipelines: {@code 1 / (1 + e^-x)} in float32 with anchorvec's {@code exp} (within 1
     * ulp, see {@code dev.anchorvec.simd.FloatMath}), so within 2 ulp of the exact value, with the same bits on
     * every CPU and JIT tier and in vector code that repeats it lane by lane. It never decreases as {@code x}
     * grows (the {@code exp} never does, checked over every float, and each rounding is monotone);
     * {@code sigmoid(NaN)} is NaN.
     */
    public static float sigmoid(float x) {
        return 1f / (1f + FloatMath.exp(-x));
    }

    /**
     * The smallest float {@code x} with {@code sigmoid(x) > probability}: {@code -Infinity} when every float
     * passes, NaN when none does (so {@code x >= minLogit} is false for every x, NaN included).
     *
     * @throws IllegalArgumentException if {@code probability} is NaN
     */
    public static float minLogit(float probability) {
        if (Float.isNaN(probability)) {
            throw new IllegalArgumentException("score threshold must not be NaN");
        }
        if (!(sigmoid(Float.POSITIVE_INFINITY) > probability)) {
            return Float.NaN;
        }
        if (sigmoid(Float.NEGATIVE_INFINITY) > probability) {
            return Float.NEGATIVE_INFINITY;
        }
        int lo = ordered(Float.NEGATIVE_INFINITY), hi = ordered(Float.POSITIVE_INFINITY); // lo fails, hi passes
        while ((long) hi - lo > 1) {
            int mid = (int) (((long) lo + hi) >> 1);
            if (sigmoid(fromOrdered(mid)) > probability) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return fromOrdered(hi);
    }

    /**
     * The bound for a strict score threshold: {@code x > score} holds exactly when {@code x >= above(score)}
     * (NaN when nothing passes, that is for {@code score = +Infinity}).
     *
     * @throws IllegalArgumentException if {@code score} is NaN
     */
    public static float above(float score) {
        if (Float.isNaN(score)) {
            throw new IllegalArgumentException("score threshold must not be NaN");
        }
        return score == Float.POSITIVE_INFINITY ? Float.NaN : Math.nextUp(score);
    }

    /** Float bits as a signed int in the floats' order ({@code -0.0} just below {@code 0.0}). */
    private static int ordered(float f) {
        int bits = Float.floatToRawIntBits(f);
        return bits >= 0 ? bits : bits ^ 0x7fffffff;
    }

    private static float fromOrdered(int o) {
        return Float.intBitsToFloat(o >= 0 ? o : o ^ 0x7fffffff);
    }
}
