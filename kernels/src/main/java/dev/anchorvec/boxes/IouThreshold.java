package dev.anchorvec.boxes;

/**
 * {@code IoU > t} rewritten without a division, exactly. The IoU anchorvec reports is the float32 quotient
 * {@code q = fl(inter / union)}, and {@code q > t} (t a double, as torchvision compares) holds iff
 * {@code q >= T}, T the smallest float above t. Rounding to nearest makes that {@code inter / union >= beta}
 * with beta the midpoint between T and its predecessor ({@code >} instead of {@code >=} when a tie would round
 * down to the predecessor, i.e. T's significand is odd). beta has at most 25 significant bits and union 24, so
 * {@code beta * union} is exact in double: the test {@code inter >= beta * union} decides exactly as the
 * division would, including thresholds that equal an IoU.
 *
 * <p>Plain static functions of t rather than an object: a threshold object handed to an out-of-line kernel
 * would be allocated on every call.
 */
final class IouThreshold {

    /** t < 0: every pair counts (IoU is never below 0). */
    static final int ALL = 0;
    /** No float exceeds t. */
    static final int NONE = 1;
    /** Compare {@code inter} with {@code beta * union}. */
    static final int TEST = 2;

    private IouThreshold() {}

    static int mode(double t) {
        return t < 0 ? ALL : above(t) == Float.POSITIVE_INFINITY ? NONE : TEST;
    }

    /** The rounding boundary below {@code T}; only for {@link #TEST} thresholds. */
    static double beta(double t) {
        float above = above(t);
        return ((double) Math.nextDown(above) + (double) above) / 2;
    }

    /** Whether {@code inter == beta * union} counts (a tie rounds up to T); only for {@link #TEST} thresholds. */
    static boolean inclusive(double t) {
        return (Float.floatToRawIntBits(above(t)) & 1) == 0;
    }

    /** T: the smallest float greater than {@code t >= 0}. */
    private static float above(double t) {
        float f = (float) t;
        return f > t ? f : Math.nextUp(f);
    }

    /**
     * The decision for one pair under a {@link #TEST} threshold; {@code inter > 0} also rules out union 0 and
     * NaN. {@code inter > bound} is written as {@code inter >= nextUp(bound)} (no double lies between them) so
     * that vector code needs one comparison for both cases; the bound is never negative, so nextUp is "add 1
     * to the bits", done here the same way as in the vector code (it turns +inf into NaN: false either way).
     */
    static boolean above(float inter, float union, double beta, boolean inclusive) {
        double bound = Double.longBitsToDouble(Double.doubleToRawLongBits(beta * union) + (inclusive ? 0 : 1));
        return inter > 0 && inter >= bound;
    }
}
