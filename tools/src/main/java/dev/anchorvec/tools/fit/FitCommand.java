package dev.anchorvec.tools.fit;

import dev.anchorvec.KernelInfo;
import dev.anchorvec.anchors.fit.AnchorEvolution;
import dev.anchorvec.anchors.fit.AnchorMetrics;
import dev.anchorvec.anchors.fit.AnchorSet;
import dev.anchorvec.anchors.fit.BoxSizes;
import dev.anchorvec.anchors.fit.KMeansAnchors;
import dev.anchorvec.anchors.fit.SizeStatistics;
import dev.anchorvec.tools.data.Dataset;
import dev.anchorvec.tools.data.DatasetException;
import dev.anchorvec.tools.io.AtomicFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Locale;

/**
 * {@code anchorvec fit}: reads the dataset, drops boxes under {@code --min-side}, evaluates YOLOv5's default
 * anchors, clusters with k-means (1 - IoU), evolves the k-means anchors, prints the result and writes the
 * optional JSON report and SVG figure (each all or nothing, after the fit succeeded).
 */
public final class FitCommand {

    private FitCommand() {}

    /** The kernels in use; for scalar, why (typically: no --add-modules jdk.incubator.vector). */
    static String kernels() {
        return KernelInfo.implementation().equals("scalar") ? KernelInfo.reason() : KernelInfo.summary();
    }

    /**
     * Runs the fit.
     *
     * @param out      where the report is printed
     * @param err      where the progress line goes
     * @param progress whether to show the progress line (stderr is a terminal and not {@code --quiet})
     * @throws DatasetException for bad input (the dataset, or too few boxes for k)
     * @throws IOException      when an output cannot be written
     */
    public static FitReport run(FitOptions o, PrintStream out, PrintStream err, boolean progress)
            throws IOException {
        ProgressLine line = new ProgressLine(err, progress && !o.quiet());
        try {
            line.show("reading " + o.source().format().id() + " " + o.source().path() + " ...");
            Dataset dataset = o.source().read(o.img());
            BoxSizes boxes = dataset.boxes().withAnySideAtLeast(o.minSide());
            if (boxes.size() < o.k()) {
                String why = boxes.size() + " boxes" + (dataset.boxes().size() > boxes.size()
                        ? " left after --min-side " + TextReport.number(o.minSide()) + " (of "
                        + dataset.boxes().size() + ")" : "");
                throw DatasetException.inFile(o.source().path(), "too few boxes to fit k = " + o.k() + " anchors: "
                        + why, null);
            }
            SizeStatistics stats = SizeStatistics.of(boxes, FitReport.BINS);
            AnchorSet baseline = AnchorSet.yolov5Default();
            AnchorMetrics.Evaluation baselineEval = AnchorMetrics.evaluate(boxes, baseline, o.thr());
            line.show(String.format(Locale.ROOT, "k-means: k %d on %d boxes ...", o.k(), boxes.size()));
            KMeansAnchors.Result kmeans = KMeansAnchors.fit(boxes, KMeansAnchors.Options.of(o.k()).withSeed(o.seed())
                    .withUpdate(o.update()).withRestarts(o.restarts()));
            AnchorMetrics.Evaluation kmeansEval = AnchorMetrics.evaluate(boxes, kmeans.anchors(), o.thr());
            // Anchors stay within [min size, img]: no anchor larger than the training image.
            AnchorEvolution.Options eo = AnchorEvolution.Options.defaults().withGenerations(o.generations())
                    .withThreshold(o.thr()).withSizeBounds(AnchorEvolution.Options.defaults().minSize(), o.img())
                    .withFitness(o.fitness()).withSeed(o.seed());
            AnchorEvolution.Result evolution = AnchorEvolution.evolve(boxes, kmeans.anchors(), eo, line);
            line.clear();
            FitReport report = new FitReport(o, dataset, boxes.size(), dataset.boxes().size() - boxes.size(), stats,
                    baseline, baselineEval, kmeans, kmeansEval, evolution, kernels());
            TextReport.print(report, out);
            if (o.json() != null) {
                AtomicFiles.write(o.json(), s -> JsonReport.write(report, s));
                out.println("Wrote " + o.json());
            }
            if (o.svg() != null) {
                AtomicFiles.write(o.svg(), s -> SvgFigure.write(report.anchors(), o.levels(), o.img(), s));
                out.println("Wrote " + o.svg());
            }
            return report;
        } finally {
            line.clear();
        }
    }
}
