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
import dev.anchorvec.tools.io.AtomicOutputs;
import dev.anchorvec.tools.io.OutputCheck;
import dev.anchorvec.tools.io.OutputException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code anchorvec fit}: reads the dataset, drops boxes under {@code --min-side}, evaluates YOLOv5's default
 * anchors, clusters with k-means (1 - IoU), evolves the k-means anchors, prints the result and writes the
 * optional JSON report and SVG figure: all of them or none, after the fit succeeded ({@link AtomicOutputs}).
 * Whether each output can be written is checked before the dataset is read ({@link OutputCheck}).
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
     * @throws OutputException  when an output cannot be written (checked before the dataset is read; at the end
     *                          no output file is written or replaced, or the message says what is left)
     */
    public static FitReport run(FitOptions o, PrintStream out, PrintStream err, boolean progress)
            throws IOException {
        ProgressLine line = new ProgressLine(err, progress && !o.quiet());
        try {
            // Before reading anything: an output that cannot be written fails now, not after a long fit.
            if (o.json() != null) {
                OutputCheck.writable("--json", o.json());
            }
            if (o.svg() != null) {
                OutputCheck.writable("--svg", o.svg());
            }
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
            AtomicOutputs outputs = new AtomicOutputs();
            if (o.json() != null) {
                outputs.add("--json", o.json(), s -> JsonReport.write(report, s));
            }
            if (o.svg() != null) {
                outputs.add("--svg", o.svg(), s -> SvgFigure.write(report.anchors(), o.levels(), o.img(), s));
            }
            for (Path written : outputs.commit()) {
                out.println("Wrote " + written);
            }
            return report;
        } finally {
            line.clear();
        }
    }
}
