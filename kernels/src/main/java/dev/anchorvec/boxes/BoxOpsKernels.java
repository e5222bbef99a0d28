package dev.anchorvec.boxes;

/** Per-box kernels behind {@link BoxOps}; arguments are validated by the facade. */
interface BoxOpsKernels {

    /** {@code out[outOffset + i - from] = area(b[i])}. */
    void area(Boxes b, int from, int to, float[] out, int outOffset);

    /** Clamps x to [0, width] and y to [0, height] in place. */
    void clip(Boxes b, float width, float height);

    /**
     * Writes the indices of boxes with width and height {@code >= minSize} into {@code keep[0, count)} (and
     * nothing else); returns {@code count}.
     */
    int removeSmall(Boxes b, float minSize, int[] keep);
}
