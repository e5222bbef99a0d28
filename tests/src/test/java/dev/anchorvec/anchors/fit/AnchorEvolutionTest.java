package dev.anchorvec.anchors.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The evolution keeps only fitter anchors; with the default fitness it can never lower BPR. */
class AnchorEvolutionTest {

    private static BoxSizes dataset(long seed) {
        KMeansAnchorsTest.Planted p = KMeansAnchorsTest.planted(new SplittableRandom(seed), 7, 200, 0.8);
        return p.boxes();
    }

    @Test
    void defaultFitnessNeverLowersBprAndNeverLowersFitness() {
        for (long seed = 1; seed <= 3; seed++) {
            BoxSizes boxes = dataset(seed);
            AnchorEvolution.Result r = AnchorEvolution.evolve(boxes, AnchorSet.yolov5Default(),
                    AnchorEvolution.Options.defaults().withGenerations(150).withSeed(seed), null);
            assertTrue(r.after().bpr() >= r.before().bpr(), r.before() + " -> " + r.after());
            if (r.after().bpr() == r.before().bpr()) {
                assertTrue(r.after().fitness() >= r.before().fitness());
            }
            assertEquals(AnchorMetrics.evaluate(boxes, r.anchors()), r.after());
        }
    }

    @Test
    void yolov5FitnessImprovesItsOwnObjective() {
        BoxSizes boxes = dataset(9);
        AnchorEvolution.Result r = AnchorEvolution.evolve(boxes, AnchorSet.yolov5Default(),
                AnchorEvolution.Options.defaults().withFitness(AnchorEvolution.Fitness.YOLOV5).withGenerations(150),
                null);
        assertTrue(r.after().fitness() >= r.before().fitness());
        AnchorEvolution.Result iou = AnchorEvolution.evolve(boxes, AnchorSet.yolov5Default(),
                AnchorEvolution.Options.defaults().withFitness(AnchorEvolution.Fitness.MEAN_IOU).withGenerations(150),
                null);
        assertTrue(iou.after().meanBestIou() >= iou.before().meanBestIou());
    }

    /**
     * A mutation probability or sigma so small that no factor ever differs from 1: each generation gives up after
     * {@link AnchorEvolution#MAX_REDRAWS} draws and keeps the anchors (the unbounded redraw loop never ended).
     */
    @Test
    void mutationsThatNeverChangeAnythingEndAndKeepTheAnchors() {
        BoxSizes boxes = dataset(5);
        for (double[] ps : new double[][] {{Double.MIN_VALUE, 0.1}, {0.9, 1e-300}}) {
            AnchorEvolution.Options o = new AnchorEvolution.Options(20, ps[0], ps[1], 4.0, 2f, Float.POSITIVE_INFINITY,
                    AnchorEvolution.Fitness.BPR_THEN_YOLOV5, 3);
            long start = System.nanoTime();
            AnchorEvolution.Result r = AnchorEvolution.evolve(boxes, AnchorSet.yolov5Default(), o, null);
            assertTrue(System.nanoTime() - start < 60_000_000_000L, "bounded");
            assertEquals(0, r.accepted(), "p " + ps[0] + ", sigma " + ps[1]);
            assertEquals(AnchorSet.yolov5Default(), r.anchors());
        }
    }

    @Test
    void gaussianDrawsHaveMeanZeroAndUnitVariance() {
        SplittableRandom r = new SplittableRandom(11);
        int n = 200_000;
        double sum = 0, sq = 0;
        for (int i = 0; i < n; i++) {
            double g = AnchorEvolution.gaussian(r);
            sum += g;
            sq += g * g;
        }
        // Standard errors: 1/sqrt(n) = 0.0022 for the mean, sqrt(2/n) = 0.0032 for the variance; 5 of them.
        assertEquals(0, sum / n, 0.0112);
        assertEquals(1, sq / n - (sum / n) * (sum / n), 0.0159);
    }

    @Test
    void deterministicAndReportsProgress() {
        BoxSizes boxes = dataset(4);
        AtomicInteger calls = new AtomicInteger();
        AnchorEvolution.Options o = AnchorEvolution.Options.defaults().withGenerations(40).withSeed(77);
        AnchorEvolution.Result a = AnchorEvolution.evolve(boxes, AnchorSet.yolov5Default(), o,
                (g, of, best) -> {
                    assertEquals(calls.incrementAndGet(), g);
                    assertEquals(40, of);
                });
        assertEquals(40, calls.get());
        AnchorEvolution.Result b = AnchorEvolution.evolve(boxes, AnchorSet.yolov5Default(), o, null);
        assertEquals(a.anchors(), b.anchors());
        for (int i = 0; i < a.anchors().size(); i++) {
            assertTrue(a.anchors().width(i) >= 2 && a.anchors().height(i) >= 2, "min size 2 px");
        }
    }

    @Test
    void rejectsBadOptions() {
        AnchorEvolution.Options d = AnchorEvolution.Options.defaults();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.withGenerations(-1));
        assertTrue(e.getMessage().contains("generations"));
        e = assertThrows(IllegalArgumentException.class, () -> new AnchorEvolution.Options(1, 0, 0.1, 4, 2,
                Float.POSITIVE_INFINITY, AnchorEvolution.Fitness.YOLOV5, 0));
        assertTrue(e.getMessage().contains("mutationProbability"));
        e = assertThrows(IllegalArgumentException.class, () -> new AnchorEvolution.Options(1, 0.9, Double.NaN, 4, 2,
                Float.POSITIVE_INFINITY, AnchorEvolution.Fitness.YOLOV5, 0));
        assertTrue(e.getMessage().contains("sigma"));
        e = assertThrows(IllegalArgumentException.class, () -> new AnchorEvolution.Options(1, 0.9, 0.1, 1, 2,
                Float.POSITIVE_INFINITY, AnchorEvolution.Fitness.YOLOV5, 0));
        assertTrue(e.getMessage().contains("threshold"));
        e = assertThrows(IllegalArgumentException.class, () -> d.withSizeBounds(10, 5));
        assertTrue(e.getMessage().contains("maxSize"));
    }

    @Test
    void anchorsStayWithinTheSizeBounds() {
        // Boxes far larger than the bound pull anchors up; the bound holds them.
        BoxSizes big = BoxSizes.of(new float[] {900, 1000, 1200, 30}, new float[] {950, 1100, 800, 40});
        AnchorEvolution.Result r = AnchorEvolution.evolve(big, AnchorSet.of(100, 100, 200, 150, 30, 40),
                AnchorEvolution.Options.defaults().withGenerations(300).withSizeBounds(2, 640), null);
        for (int i = 0; i < r.anchors().size(); i++) {
            assertTrue(r.anchors().width(i) <= 640 && r.anchors().height(i) <= 640, r.anchors().toString());
        }
    }
}
