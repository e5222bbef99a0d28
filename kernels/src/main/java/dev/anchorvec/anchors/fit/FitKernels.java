package dev.anchorvec.anchors.fit;

/**
 * The kernels of anchor fitting: label boxes {@code [from, to)} (planar widths and heights) against k anchor
 * shapes. Arguments are validated by the callers in this package.
 */
interface FitKernels {

    /**
     * For each box, the anchor with the highest corner-aligned IoU ({@code min(w) * min(h) / (w*h + cw*ch -
     * inter)}, float32), lowest index on ties, into {@code arg[i]} (and the IoU into {@code best[i]} when
     * {@code best} is non-null; {@code arg} may be null too). Returns the sum of the best IoUs (accumulated per block in float, then in
     * double).
     */
    double assign(float[] w, float[] h, int from, int to, float[] cw, float[] ch, int k, int[] arg, float[] best);

    /**
     * YOLOv5's ratio metric: for box i and anchor c, {@code x = min(min(w, cw) / max(w, cw), min(h, ch) /
     * max(h, ch))}; {@code best_i = max_c x}. Adds to {@code totals}: [0] the sum of {@code best_i} over the
     * boxes with {@code best_i > t}, [1] the number of such boxes, [2] the number of (box, anchor) pairs with
     * {@code x > t}.
     */
    void ratioTotals(float[] w, float[] h, int from, int to, float[] cw, float[] ch, int k, float t, double[] totals);
}
