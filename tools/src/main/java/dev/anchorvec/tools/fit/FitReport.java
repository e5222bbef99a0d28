package dev.anchorvec.tools.fit;

import dev.anchorvec.anchors.fit.AnchorEvolution;
import dev.anchorvec.anchors.fit.AnchorMetrics;
import dev.anchorvec.anchors.fit.AnchorSet;
import dev.anchorvec.anchors.fit.KMeansAnchors;
import dev.anchorvec.anchors.fit.SizeStatistics;
import dev.anchorvec.tools.data.Dataset;

/**
 * Everything {@code anchorvec fit} found, for the text output, the JSON report and the SVG figure.
 *
 * @param options       the options
 * @param dataset       the dataset as read (all boxes with a non-zero side)
 * @param boxesUsed     boxes left after {@code --min-side}
 * @param belowMinSide  boxes dropped by {@code --min-side}
 * @param statistics    size and ratio histograms of the boxes used
 * @param baseline      YOLOv5's default anchors
 * @param baselineEval  their metrics on the boxes used
 * @param kmeans        the k-means result
 * @param kmeansEval    its metrics
 * @param evolution     the evolution result (started from the k-means anchors)
 * @param kernels       which kernels ran ({@code dev.anchorvec.KernelInfo.summary()})
 */
public record FitReport(FitOptions options, Dataset dataset, int boxesUsed, int belowMinSide,
                        SizeStatistics statistics, AnchorSet baseline, AnchorMetrics.Evaluation baselineEval,
                        KMeansAnchors.Result kmeans, AnchorMetrics.Evaluation kmeansEval,
                        AnchorEvolution.Result evolution, String kernels) {

    /** Number of bins of each histogram. */
    public static final int BINS = 8;

    /** The recommended anchors: the evolution's. */
    public AnchorSet anchors() {
        return evolution.anchors();
    }
}
