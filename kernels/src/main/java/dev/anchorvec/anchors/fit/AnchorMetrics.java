package dev.anchorvec.anchors.fit;

import java.util.Objects;

/**
 * How well a set of anchor shapes covers a dataset's boxes, with the two metrics in use:
 *
 * <ul>
 *   <li>YOLOv5's ratio metric ({@code utils/autoanchor.py}): for a box and an anchor, {@code x = min(r, 1/r)}
 *   over width and height ratios, the worse side. A box is <em>recallable</em> when some anchor has
 *   {@code x > 1 / thr} (thr 4.0 by default: within a factor 4 on both sides). <b>BPR</b> (best possible
 *   recall) is the fraction of recallable boxes, <b>AAT</b> (anchors above threshold) the mean number of
 *   anchors per box with {@code x > 1 / thr}, and YOLOv5's <b>fitness</b> the mean of the best x over
 *   recallable boxes (0 for the others).</li>
 *   <li>The IoU metric (YOLOv2 k-means, darknet, mmdet): the <b>mean best IoU</b> of each box with its best
 *   anchor, both placed at the same corner.</li>
 * </ul>
 *
 * Ratios and IoUs are computed in float32 per pair and summed in double.
 */
public final class AnchorMetrics {

    /** YOLOv5's default ratio threshold ({@code anchor_t} in {@code hyp.scratch-low.yaml}). */
    public static final double DEFAULT_THRESHOLD = 4.0;

    private AnchorMetrics() {}

    /**
     * The metrics of one anchor set on one dataset.
     *
     * @param bpr         best possible recall, in [0, 1]
     * @param aat         anchors above threshold per box, in [0, k]
     * @param fitness     YOLOv5's fitness, in [0, 1]
     * @param meanBestIou mean over boxes of the best corner-aligned IoU, in (0, 1]
     */
    public record Evaluation(double bpr, double aat, double fitness, double meanBestIou) {}

    /**
     * BPR, AAT, YOLOv5 fitness and mean best IoU.
     *
     * @param threshold the ratio threshold (YOLOv5 {@code thr}, 4.0), > 1
     * @throws IllegalArgumentException for an empty dataset or a threshold that is not finite and > 1
     */
    public static Evaluation evaluate(BoxSizes boxes, AnchorSet anchors, double threshold) {
        check(boxes, anchors, threshold);
        double[] totals = ratioTotals(boxes, anchors, threshold);
        int n = boxes.size();
        return new Evaluation(totals[1] / n, totals[2] / n, totals[0] / n, meanBestIou(boxes, anchors));
    }

    /** {@link #evaluate(BoxSizes, AnchorSet, double)} with the default threshold 4.0. */
    public static Evaluation evaluate(BoxSizes boxes, AnchorSet anchors) {
        return evaluate(boxes, anchors, DEFAULT_THRESHOLD);
    }

    /** Best possible recall under the ratio metric. */
    public static double bestPossibleRecall(BoxSizes boxes, AnchorSet anchors, double threshold) {
        check(boxes, anchors, threshold);
        return ratioTotals(boxes, anchors, threshold)[1] / boxes.size();
    }

    /** Mean over boxes of the best corner-aligned IoU with any anchor. */
    public static double meanBestIou(BoxSizes boxes, AnchorSet anchors) {
        Objects.requireNonNull(boxes, "boxes");
        Objects.requireNonNull(anchors, "anchors");
        if (boxes.size() == 0) {
            throw new IllegalArgumentException("boxes is empty");
        }
        double sum = Fit.KERNELS.assign(boxes.widthsArray(), boxes.heightsArray(), 0, boxes.size(),
                anchors.widthsArray(), anchors.heightsArray(), anchors.size(), null, null);
        return sum / boxes.size();
    }

    /** [sum of best over recallable boxes, recallable boxes, pairs above threshold]. */
    static double[] ratioTotals(BoxSizes boxes, AnchorSet anchors, double threshold) {
        double[] totals = new double[3];
        Fit.KERNELS.ratioTotals(boxes.widthsArray(), boxes.heightsArray(), 0, boxes.size(), anchors.widthsArray(),
                anchors.heightsArray(), anchors.size(), (float) (1 / threshold), totals);
        return totals;
    }

    static void check(BoxSizes boxes, AnchorSet anchors, double threshold) {
        Objects.requireNonNull(boxes, "boxes");
        Objects.requireNonNull(anchors, "anchors");
        if (boxes.size() == 0) {
            throw new IllegalArgumentException("boxes is empty");
        }
        if (!(threshold > 1 && threshold < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("threshold must be finite and > 1, got " + threshold);
        }
    }
}
