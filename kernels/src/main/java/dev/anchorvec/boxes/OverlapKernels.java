package dev.anchorvec.boxes;

/**
 * The division-free one-against-many IoU threshold test behind {@link OverlapTest}, for
 * {@link IouThreshold#TEST} thresholds given as their {@code beta} and {@code inclusive}; the facade answers the
 * other thresholds itself. Arguments are validated by the facade.
 */
interface OverlapKernels {

    /**
     * Tests the box against {@code others[from, to)} and returns how many exceed the threshold. When
     * {@code mask} is non-null, {@code mask[maskOffset + k]} receives the decision for {@code others[from + k]};
     * when {@code bits} is non-null, bit {@code k} of it does (whole words written, bits past the end 0).
     */
    int test(float x1, float y1, float x2, float y2, Boxes others, int from, int to, double beta, boolean inclusive,
             boolean[] mask, int maskOffset, long[] bits);

    /**
     * The shortest run this implementation should be given: the facade sends shorter runs to the scalar kernel
     * without calling this one. 0 for the scalar kernel.
     */
    int minRun();
}
