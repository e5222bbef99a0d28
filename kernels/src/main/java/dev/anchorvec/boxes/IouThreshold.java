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
 * @param mode      {@link #ALL}, {@link #NONE} or {@link #TEST}
 * @param beta      the rounding boundary (only for {@link #TEST})
 * @param inclusive whether {@code inter == beta * union} counts
 */
record IouThreshold(int mode, double beta, boolean inclusive) {

    /** t < 0: every pair counts (IoU is never below 0). */
    static final int ALL = 0;
    /** No float exceeds t. */
    static final int NONE = 1;
    /** Compare {@code inter} with {@code beta * union}. */
    static final int TEST = 2;

    static IouThreshold of(double t) {
        if (t < 0) {
            return new IouThreshold(ALL, 0, false);
        }
        float f = (float) t;
        float above = f > t ? f : Math.nextUp(f);
        if (above == Float.POSITIVE_INFINITY) {
            return new IouThreshold(NONE, 0, false);
        }
        double beta = ((double) Math.nextDown(above) + (double) above) / 2;
        boolean evenSignificand = (Float.floatToRawIntBits(above) & 1) == 0;
        return new IouThreshold(TEST, beta, evenSignificand);
    }

    /** The scalar decision for one pair; {@code inter > 0} also rules out union 0 and NaN. */
    boolean above(float inter, float union) {
        if (mode != TEST) {
            return mode == ALL;
        }
        double bound = beta * union;
        return inter > 0 && (inclusive ? inter >= bound : inter > bound);
    }
}
