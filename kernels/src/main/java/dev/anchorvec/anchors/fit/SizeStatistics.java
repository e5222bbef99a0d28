package dev.anchorvec.anchors.fit;

import java.util.Arrays;
import java.util.Objects;

/**
 * Histograms of a dataset's box sizes ({@code sqrt(w * h)}, pixels) and aspect ratios ({@code h / w}, the
 * convention of torchvision, detectron2 and mmdet), on logarithmic bins, plus the extremes: what one looks at
 * before choosing anchor sizes and ratios.
 *
 * @param minSide       smallest {@code min(w, h)}
 * @param maxSide       largest {@code max(w, h)}
 * @param sizeEdges     bin edges of the size histogram ({@code bins + 1} values, geometric)
 * @param sizeCounts    boxes per size bin
 * @param ratioEdges    bin edges of the aspect-ratio histogram ({@code bins + 1} values, geometric)
 * @param ratioCounts   boxes per ratio bin
 */
public record SizeStatistics(double minSide, double maxSide, double[] sizeEdges, long[] sizeCounts,
                             double[] ratioEdges, long[] ratioCounts) {

    /**
     * The statistics of {@code boxes} with {@code bins} bins per histogram.
     *
     * @throws IllegalArgumentException for an empty dataset or {@code bins < 1}
     */
    public static SizeStatistics of(BoxSizes boxes, int bins) {
        Objects.requireNonNull(boxes, "boxes");
        if (boxes.size() == 0) {
            throw new IllegalArgumentException("boxes is empty");
        }
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be >= 1, got " + bins);
        }
        int n = boxes.size();
        double[] size = new double[n], ratio = new double[n];
        double minSide = Double.POSITIVE_INFINITY, maxSide = 0;
        for (int i = 0; i < n; i++) {
            double w = boxes.width(i), h = boxes.height(i);
            size[i] = Math.sqrt(w * h);
            ratio[i] = h / w;
            minSide = Math.min(minSide, Math.min(w, h));
            maxSide = Math.max(maxSide, Math.max(w, h));
        }
        double[] sizeEdges = edges(size, bins), ratioEdges = edges(ratio, bins);
        return new SizeStatistics(minSide, maxSide, sizeEdges, count(size, sizeEdges), ratioEdges,
                count(ratio, ratioEdges));
    }

    /** Geometric edges from the minimum to the maximum of {@code v} (one bin around a single value). */
    private static double[] edges(double[] v, int bins) {
        double lo = Arrays.stream(v).min().orElseThrow(), hi = Arrays.stream(v).max().orElseThrow();
        if (hi <= lo) {
            lo /= 1.01;
            hi *= 1.01;
        }
        double[] e = new double[bins + 1];
        double step = StrictMath.log(hi / lo) / bins;
        for (int b = 0; b <= bins; b++) {
            e[b] = lo * StrictMath.exp(step * b);
        }
        e[0] = lo;
        e[bins] = hi;
        return e;
    }

    private static long[] count(double[] v, double[] edges) {
        int bins = edges.length - 1;
        long[] c = new long[bins];
        double lo = edges[0], step = StrictMath.log(edges[bins] / lo) / bins;
        for (double x : v) {
            int b = (int) Math.floor(StrictMath.log(x / lo) / step);
            c[Math.max(0, Math.min(bins - 1, b))]++;
        }
        return c;
    }
}
