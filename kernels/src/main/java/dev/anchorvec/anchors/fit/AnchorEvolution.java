package dev.anchorvec.anchors.fit;

import java.util.Objects;
import java.util.SplittableRandom;

/**
 * YOLOv5-style evolution of anchor shapes ({@code utils/autoanchor.py kmean_anchors}): a (1+1) hill climb that
 * multiplies the shapes by random factors and keeps a mutation when it is fitter.
 *
 * <p>Each generation draws {@code v = clip((u < p) * U * N(0,1) * sigma + 1, 0.3, 3.0)} per width and height
 * ({@code p} the mutation probability, {@code U} one uniform draw per generation), redrawing until some factor
 * differs from 1 (at most {@value #MAX_REDRAWS} draws: YOLOv5 redraws forever, which never ends for a tiny
 * {@code p} or {@code sigma}; here such a generation changes nothing), multiplies the anchors by v and clamps them
 * to {@code [minSize, maxSize]} pixels (YOLOv5 has no
 * upper bound; without one, a BPR-first search can stretch an anchor past the image to catch a few outliers,
 * so callers that know the image size should pass it). The fitness decides what "fitter" means:
 *
 * <ul>
 *   <li>{@link Fitness#BPR_THEN_YOLOV5} (default): best possible recall first, YOLOv5's fitness to break ties.
 *   A mutation that lowers BPR is never kept, so evolution cannot lower BPR - the complaint against YOLOv5,
 *   whose own fitness can trade recall for closer matches (ultralytics/yolov5 issue 2263).</li>
 *   <li>{@link Fitness#YOLOV5}: YOLOv5's {@code mean(best * (best > 1/thr))}, exactly as YOLOv5 evolves.</li>
 *   <li>{@link Fitness#MEAN_IOU}: the mean best IoU (the objective of mmdet's differential evolution).</li>
 * </ul>
 *
 * <p>The normal draws are the polar method on {@link SplittableRandom}'s doubles with {@code StrictMath.log} (not
 * {@code nextGaussian}, whose ziggurat compares against {@code Math.exp}, which may differ between CPUs), so the
 * same seed evolves the same anchors on every machine.
 */
public final class AnchorEvolution {

    /** Draws of a generation's mutation factors before it gives up on changing anything. */
    public static final int MAX_REDRAWS = 1000;

    private AnchorEvolution() {}

    /** What a mutation must improve to be kept. */
    public enum Fitness {
        /** BPR, then YOLOv5's fitness; never lowers BPR. */
        BPR_THEN_YOLOV5,
        /** YOLOv5's fitness alone (as YOLOv5). */
        YOLOV5,
        /** Mean best IoU. */
        MEAN_IOU
    }

    /** Called after each generation (for a progress line); must be cheap. */
    @FunctionalInterface
    public interface Progress {
        /**
         * @param generation generations done, 1-based
         * @param of         total generations
         * @param best       the current best anchors' metrics (threshold of the options)
         */
        void after(int generation, int of, AnchorMetrics.Evaluation best);
    }

    /**
     * Options.
     *
     * @param generations      number of mutations tried, >= 0 (YOLOv5: 1000)
     * @param mutationProbability probability that a value is mutated, in (0, 1] (YOLOv5: 0.9)
     * @param sigma            scale of the mutation, > 0 (YOLOv5: 0.1)
     * @param threshold        ratio threshold of BPR and YOLOv5's fitness, > 1 (YOLOv5: 4.0)
     * @param minSize          smallest width or height an anchor may take, >= 0 (YOLOv5: 2 pixels)
     * @param maxSize          largest width or height an anchor may take, >= minSize (YOLOv5: unbounded)
     * @param fitness          what must improve
     * @param seed             seed of the random draws
     */
    public record Options(int generations, double mutationProbability, double sigma, double threshold, float minSize,
                          float maxSize, Fitness fitness, long seed) {

        /** Checks the values. */
        public Options {
            if (generations < 0) {
                throw new IllegalArgumentException("generations must be >= 0, got " + generations);
            }
            if (!(mutationProbability > 0 && mutationProbability <= 1)) {
                throw new IllegalArgumentException("mutationProbability must be in (0, 1], got "
                        + mutationProbability);
            }
            if (!(sigma > 0 && sigma < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("sigma must be finite and > 0, got " + sigma);
            }
            if (!(threshold > 1 && threshold < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("threshold must be finite and > 1, got " + threshold);
            }
            if (!(minSize >= 0 && minSize < Float.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("minSize must be finite and >= 0, got " + minSize);
            }
            if (!(maxSize >= minSize && maxSize > 0)) {
                throw new IllegalArgumentException("maxSize must be >= minSize (" + minSize + ") and > 0, got "
                        + maxSize);
            }
            Objects.requireNonNull(fitness, "fitness");
        }

        /**
         * YOLOv5's settings (1000 generations, p 0.9, sigma 0.1, thr 4.0, min 2 px, no maximum), BPR-first
         * fitness, seed 0.
         */
        public static Options defaults() {
            return new Options(1000, 0.9, 0.1, AnchorMetrics.DEFAULT_THRESHOLD, 2f, Float.POSITIVE_INFINITY,
                    Fitness.BPR_THEN_YOLOV5, 0);
        }

        /** These options with another fitness. */
        public Options withFitness(Fitness f) {
            return new Options(generations, mutationProbability, sigma, threshold, minSize, maxSize, f, seed);
        }

        /** These options with another generation count. */
        public Options withGenerations(int g) {
            return new Options(g, mutationProbability, sigma, threshold, minSize, maxSize, fitness, seed);
        }

        /** These options with another seed. */
        public Options withSeed(long s) {
            return new Options(generations, mutationProbability, sigma, threshold, minSize, maxSize, fitness, s);
        }

        /** These options with another ratio threshold. */
        public Options withThreshold(double t) {
            return new Options(generations, mutationProbability, sigma, t, minSize, maxSize, fitness, seed);
        }

        /** These options with other bounds on an anchor's width and height. */
        public Options withSizeBounds(float min, float max) {
            return new Options(generations, mutationProbability, sigma, threshold, min, max, fitness, seed);
        }
    }

    /**
     * The result.
     *
     * @param anchors  the best anchors found, sorted by area
     * @param before   metrics of the starting anchors
     * @param after    metrics of the result
     * @param accepted how many mutations were kept
     */
    public record Result(AnchorSet anchors, AnchorMetrics.Evaluation before, AnchorMetrics.Evaluation after,
                         int accepted) {}

    /** Evolves {@code start} on {@code boxes}; {@code progress} may be null. */
    public static Result evolve(BoxSizes boxes, AnchorSet start, Options options, Progress progress) {
        AnchorMetrics.check(boxes, start, Objects.requireNonNull(options, "options").threshold());
        SplittableRandom random = new SplittableRandom(options.seed());
        int k = start.size();
        float[] w = start.widths(), h = start.heights();
        float[] tw = new float[k], th = new float[k];
        double[] v = new double[2 * k];
        AnchorMetrics.Evaluation before = AnchorMetrics.evaluate(boxes, start, options.threshold());
        AnchorMetrics.Evaluation best = before;
        int accepted = 0;
        float floor = Math.max(options.minSize(), Float.MIN_VALUE);   // anchors stay > 0
        for (int g = 1; g <= options.generations(); g++) {
            mutation(random, options, v);
            for (int i = 0; i < k; i++) {
                tw[i] = Math.min(options.maxSize(), Math.max(floor, (float) (w[i] * v[2 * i])));
                th[i] = Math.min(options.maxSize(), Math.max(floor, (float) (h[i] * v[2 * i + 1])));
            }
            AnchorSet trial = AnchorSet.of(tw, th);
            if (improves(boxes, trial, best, options)) {
                best = AnchorMetrics.evaluate(boxes, trial, options.threshold());
                System.arraycopy(tw, 0, w, 0, k);
                System.arraycopy(th, 0, h, 0, k);
                accepted++;
            }
            if (progress != null) {
                progress.after(g, options.generations(), best);
            }
        }
        return new Result(AnchorSet.of(w, h), before, best, accepted);
    }

    /** YOLOv5's mutation factors, redrawn until at least one differs from 1, at most {@link #MAX_REDRAWS} times. */
    private static void mutation(SplittableRandom random, Options o, double[] v) {
        boolean changed = false;
        for (int draw = 0; draw < MAX_REDRAWS && !changed; draw++) {
            double u = random.nextDouble();
            for (int i = 0; i < v.length; i++) {
                double f = random.nextDouble() < o.mutationProbability() ? u * gaussian(random) * o.sigma() : 0;
                v[i] = Math.min(3.0, Math.max(0.3, f + 1));
                changed |= v[i] != 1;
            }
        }
    }

    /**
     * A standard normal draw by Marsaglia's polar method: the same bits on every CPU ({@code StrictMath.log}; the
     * square root is exactly rounded). Each attempt succeeds with probability pi/4.
     */
    static double gaussian(SplittableRandom random) {
        double x, y, s;
        do {
            x = 2 * random.nextDouble() - 1;
            y = 2 * random.nextDouble() - 1;
            s = x * x + y * y;
        } while (s >= 1 || s == 0);
        return x * Math.sqrt(-2 * StrictMath.log(s) / s);
    }

    /**
     * Whether {@code trial} is fitter than {@code best}. Only the metric the fitness reads is computed (one pass
     * over the boxes, not the two of a full evaluation): mutations are rarely kept, and a kept one is then
     * evaluated in full.
     */
    private static boolean improves(BoxSizes boxes, AnchorSet trial, AnchorMetrics.Evaluation best, Options o) {
        if (o.fitness() == Fitness.MEAN_IOU) {
            return AnchorMetrics.meanBestIou(boxes, trial) > best.meanBestIou();
        }
        double[] totals = AnchorMetrics.ratioTotals(boxes, trial, o.threshold());
        double bpr = totals[1] / boxes.size(), fitness = totals[0] / boxes.size();
        return o.fitness() == Fitness.YOLOV5 ? fitness > best.fitness()
                : bpr > best.bpr() || (bpr == best.bpr() && fitness > best.fitness());
    }
}
