package dev.anchorvec.boxes;

/**
 * The division-free one-against-many IoU threshold tests behind {@link OverlapTest}, for
 * {@link IouThreshold#TEST} thresholds given as their {@code beta} and {@code inclusive}; the facade answers
 * {@code ALL} and {@code NONE} itself.
 */
interface OverlapKernels {

    /** Number of {@code others[from, to)} whose IoU with the box exceeds the threshold. */
    int count(float x1, float y1, float x2, float y2, Boxes others, int from, int to, double beta, boolean inclusive);

    /** {@code mask[maskOffset + k]} for {@code others[from + k]}; returns the count. */
    int mask(float x1, float y1, float x2, float y2, Boxes others, int from, int to, double beta, boolean inclusive,
             boolean[] mask, int maskOffset);

    /** Bit {@code k} of {@code bits} for {@code others[from + k]}; whole words are written; returns the count. */
    int bits(float x1, float y1, float x2, float y2, Boxes others, int from, int to, double beta, boolean inclusive, long[] bits);
}
