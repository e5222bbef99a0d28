package dev.anchorvec.match;

/**
 * The per-anchor passes of {@link MaxIouMatcher} after the fused reductions: thresholds to codes, applying the
 * low-quality ties, counting positives. Each is one loop over the anchors, so a vector implementation pays off
 * (76725 anchors per RetinaNet image).
 */
interface CodeKernels {

    /**
     * {@code out[off + i]} = {@code arg[i]} if {@code best[i] >= high}, else -1; then -2 where
     * {@code low <= best[i] < high} or {@code best[i] < floor}.
     */
    void codes(float[] best, int[] arg, int n, float high, float low, float floor, int[] out, int off);

    /** {@code out[off + i] = arg[i]} wherever {@code ties[i] >= 0}. */
    void applyTies(int[] ties, int[] arg, int n, int[] out, int off);

    /** The number of {@code out[off + i] >= 0} for {@code i < n}. */
    int positives(int[] out, int off, int n);
}
