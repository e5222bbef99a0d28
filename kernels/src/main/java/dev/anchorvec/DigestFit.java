package dev.anchorvec;

import dev.anchorvec.anchors.fit.AnchorEvolution;
import dev.anchorvec.anchors.fit.AnchorMetrics;
import dev.anchorvec.anchors.fit.AnchorScales;
import dev.anchorvec.anchors.fit.AnchorSet;
import dev.anchorvec.anchors.fit.BoxSizes;
import dev.anchorvec.anchors.fit.KMeansAnchors;
import dev.anchorvec.anchors.fit.SizeStatistics;
import java.util.List;

/**
 * {@link KernelDigest}'s workload for {@code dev.anchorvec.anchors.fit}: the metrics (best possible recall,
 * YOLOv5 fitness, mean best IoU) on their vector assignment kernels, k-means with each update and seeding, and
 * a short anchor evolution with each fitness. The datasets have 3 to 103 box shapes (main loops and tails at
 * every width) from a few pixels to thousands, with extreme aspect ratios; iterations and generations are few,
 * enough to run every branch, since each one sweeps all boxes against all anchors.
 */
final class DigestFit {

    static final List<DigestFamily> FAMILIES = List.of(
            new DigestFamily("anchors.fit.metrics", DigestFit::metrics),
            new DigestFamily("anchors.fit.kmeans", DigestFit::kmeans),
            new DigestFamily("anchors.fit.evolution", DigestFit::evolution));

    private DigestFit() {}

    /** {@code n} box shapes: mostly ordinary, some tiny, huge or very elongated, some repeated exactly. */
    static BoxSizes sizes(DigestInputs in, int n) {
        float[] w = new float[n], h = new float[n];
        for (int i = 0; i < n; i++) {
            switch (in.nextInt(8)) {
                case 0 -> {
                    w[i] = in.uniform(0.5f, 4f);
                    h[i] = in.uniform(0.5f, 4f);
                }
                case 1 -> {
                    w[i] = in.magnitude(2, 4);
                    h[i] = in.magnitude(2, 4);
                }
                case 2 -> {
                    w[i] = in.uniform(1f, 8f);
                    h[i] = in.uniform(200f, 600f);
                }
                case 3 -> {
                    w[i] = i > 0 ? w[i - 1] : 32f;
                    h[i] = i > 0 ? h[i - 1] : 32f;
                }
                default -> {
                    w[i] = in.uniform(8f, 300f);
                    h[i] = in.uniform(8f, 300f);
                }
            }
        }
        return BoxSizes.of(w, h);
    }

    private static void metrics(DigestInputs in, DigestHash out) {
        AnchorSet anchors = AnchorSet.yolov5Default();
        for (int n : new int[] {3, 37, 103}) {
            BoxSizes boxes = sizes(in, n);
            for (double t : new double[] {4.0, 2.0, 1.0001}) {
                evaluation(n + " " + t, AnchorMetrics.evaluate(boxes, anchors, t), out);
            }
            out.value(n + " bpr", AnchorMetrics.bestPossibleRecall(boxes, anchors.level(1, 3), 4.0));
            out.value(n + " mean best iou", AnchorMetrics.meanBestIou(boxes, anchors));
            SizeStatistics s = SizeStatistics.of(boxes, 7);
            out.value(n + " min side", s.minSide()).value(n + " max side", s.maxSide());
            out.doubles(n + " size edges", s.sizeEdges()).longs(n + " size counts", s.sizeCounts());
            out.doubles(n + " ratio edges", s.ratioEdges()).longs(n + " ratio counts", s.ratioCounts());
            out.doubles(n + " scales", AnchorScales.fromData(boxes, 640, 3));
        }
        out.doubles("linear scales", AnchorScales.linear(0.1, 0.9, 5));
    }

    private static void evaluation(String label, AnchorMetrics.Evaluation e, DigestHash out) {
        out.value(label + " bpr", e.bpr()).value(label + " aat", e.aat()).value(label + " fitness", e.fitness())
                .value(label + " mean best iou", e.meanBestIou());
    }

    private static void kmeans(DigestInputs in, DigestHash out) {
        BoxSizes boxes = sizes(in, 103);
        KMeansAnchors.Options base = KMeansAnchors.Options.of(5).withMaxIterations(6).withRestarts(2).withSeed(11);
        List<KMeansAnchors.Options> options = List.of(base,
                base.withUpdate(KMeansAnchors.Update.MEDIAN),
                base.withInit(KMeansAnchors.Init.RANDOM).withRestarts(1),
                KMeansAnchors.Options.of(1).withMaxIterations(3).withRestarts(1));
        for (int k = 0; k < options.size(); k++) {
            KMeansAnchors.Result r = KMeansAnchors.fit(boxes, options.get(k));
            out.floats(k + " anchors", r.anchors().toArray()).value(k + " iterations", r.iterations());
            out.doubles(k + " history", r.meanIouHistory()).label(r.stop().name());
        }
    }

    private static void evolution(DigestInputs in, DigestHash out) {
        BoxSizes boxes = sizes(in, 100);
        AnchorSet start = AnchorSet.of(10, 13, 30, 61, 62, 45, 156, 198);
        for (AnchorEvolution.Fitness fitness : AnchorEvolution.Fitness.values()) {
            AnchorEvolution.Options o = AnchorEvolution.Options.defaults().withFitness(fitness).withGenerations(4)
                    .withSeed(5).withSizeBounds(2f, 640f);
            AnchorEvolution.Result r = AnchorEvolution.evolve(boxes, start, o, null);
            out.floats(fitness + " anchors", r.anchors().toArray()).value(fitness + " accepted", r.accepted());
            evaluation(fitness + " before", r.before(), out);
            evaluation(fitness + " after", r.after(), out);
        }
    }
}
