package dev.anchorvec.anchors.fit;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * k-means over box shapes with the distance {@code 1 - IoU} (YOLOv2's anchor clustering, as darknet,
 * lars76/kmeans-anchor-boxes and mmdet's optimize_anchors do), with k-means++ seeding, a mean or median
 * update, a deterministic seed and an early stop. The assignment step (every box against every centroid) is a
 * vector kernel.
 *
 * <p>Each iteration moves each centroid to the mean (or median) width and height of its boxes, then assigns every
 * box to the centroid of highest IoU. With a {@code 1 - IoU} distance a mean or median is not the best centroid
 * of a cluster, and plain Lloyd iterations can lower the mean IoU; so a centroid only moves when the move does
 * not lower the summed IoU of its own boxes. Reassigning can then only raise each box's best IoU, and the mean
 * best IoU never decreases from one iteration to the next. A centroid that loses all its boxes stays where it
 * is. The fit stops when nothing moves, or after {@code maxIterations}. Like any k-means it can end in a local
 * optimum (two centroids sharing a cluster), so it runs {@code restarts} times from different seeds and keeps
 * the best mean IoU (scikit-learn's {@code n_init}).
 *
 * <pre>{@code
 * KMeansAnchors.Result r = KMeansAnchors.fit(sizes, KMeansAnchors.Options.of(9).withSeed(42));
 * AnchorSet anchors = r.anchors();     // sorted by area
 * }</pre>
 */
public final class KMeansAnchors {

    private KMeansAnchors() {}

    /** How centroids move after an assignment. */
    public enum Update {
        /** Mean width and height of the assigned boxes (darknet, mmdet). */
        MEAN,
        /** Median width and height (lars76/kmeans-anchor-boxes' default; robust to outliers). */
        MEDIAN
    }

    /** How the first centroids are chosen. */
    public enum Init {
        /** k-means++: each next centroid drawn with probability proportional to {@code (1 - best IoU)^2}. */
        KMEANS_PLUS_PLUS,
        /** k distinct boxes drawn uniformly (Forgy). */
        RANDOM
    }

    /** Why the fit stopped. */
    public enum Stop {
        /** No centroid moved, or no box changed cluster. */
        CONVERGED,
        /** {@code maxIterations} reached. */
        MAX_ITERATIONS
    }

    /**
     * Options.
     *
     * @param k             number of anchors, >= 1 and <= the number of boxes
     * @param maxIterations iterations at most, >= 1
     * @param update        {@link Update#MEAN} or {@link Update#MEDIAN}
     * @param init          {@link Init#KMEANS_PLUS_PLUS} or {@link Init#RANDOM}
     * @param seed          seed of the random draws (same seed, same anchors)
     * @param restarts      independent runs, the best kept, >= 1
     */
    public record Options(int k, int maxIterations, Update update, Init init, long seed, int restarts) {

        /** Checks the values. */
        public Options {
            if (k < 1) {
                throw new IllegalArgumentException("k must be >= 1, got " + k);
            }
            if (maxIterations < 1) {
                throw new IllegalArgumentException("maxIterations must be >= 1, got " + maxIterations);
            }
            Objects.requireNonNull(update, "update");
            Objects.requireNonNull(init, "init");
            if (restarts < 1) {
                throw new IllegalArgumentException("restarts must be >= 1, got " + restarts);
            }
        }

        /**
         * k anchors, 300 iterations, mean update, k-means++, seed 0, 10 restarts (scikit-learn's long-time
         * {@code n_init}; 4 still let a 9-shape dataset end with two centroids sharing a cluster).
         */
        public static Options of(int k) {
            return new Options(k, 300, Update.MEAN, Init.KMEANS_PLUS_PLUS, 0, 10);
        }

        /** These options with another seed. */
        public Options withSeed(long newSeed) {
            return new Options(k, maxIterations, update, init, newSeed, restarts);
        }

        /** These options with another update rule. */
        public Options withUpdate(Update newUpdate) {
            return new Options(k, maxIterations, newUpdate, init, seed, restarts);
        }

        /** These options with another initialisation. */
        public Options withInit(Init newInit) {
            return new Options(k, maxIterations, update, newInit, seed, restarts);
        }

        /** These options with another iteration limit. */
        public Options withMaxIterations(int newMax) {
            return new Options(k, newMax, update, init, seed, restarts);
        }

        /** These options with another number of restarts. */
        public Options withRestarts(int newRestarts) {
            return new Options(k, maxIterations, update, init, seed, newRestarts);
        }
    }

    /**
     * The result.
     *
     * @param anchors        the centroids, sorted by area
     * @param iterations     update-and-assignment rounds done (by the kept run)
     * @param meanIouHistory the mean best IoU after the seeding (index 0) and after each round, of the kept
     *                       run; never decreasing
     * @param stop           why the kept run stopped
     */
    public record Result(AnchorSet anchors, int iterations, double[] meanIouHistory, Stop stop) {

        /** The final mean best IoU. */
        public double meanIou() {
            return meanIouHistory[meanIouHistory.length - 1];
        }
    }

    /**
     * Clusters the box shapes.
     *
     * @throws IllegalArgumentException if there are fewer boxes than {@code k}
     */
    public static Result fit(BoxSizes boxes, Options options) {
        Objects.requireNonNull(boxes, "boxes");
        Objects.requireNonNull(options, "options");
        if (boxes.size() < options.k()) {
            throw new IllegalArgumentException("need at least k = " + options.k() + " boxes, got " + boxes.size());
        }
        SplittableRandom seeds = new SplittableRandom(options.seed());
        Result best = null;
        for (int r = 0; r < options.restarts(); r++) {
            Result run = run(boxes, options, r == 0 ? new SplittableRandom(options.seed()) : seeds.split());
            if (best == null || run.meanIou() > best.meanIou()) {
                best = run;
            }
        }
        return best;
    }

    private static Result run(BoxSizes boxes, Options options, SplittableRandom random) {
        int n = boxes.size(), k = options.k();
        float[] w = boxes.widthsArray(), h = boxes.heightsArray();
        float[] cw = new float[k], ch = new float[k];
        if (options.init() == Init.KMEANS_PLUS_PLUS) {
            seedPlusPlus(w, h, cw, ch, random);
        } else {
            seedRandom(w, h, cw, ch, random);
        }
        int[] assignment = new int[n], next = new int[n];
        double[] history = new double[options.maxIterations() + 1];
        history[0] = Fit.KERNELS.assign(w, h, 0, n, cw, ch, k, assignment, null) / n;
        float[] nw = new float[k], nh = new float[k], pw = new float[k], ph = new float[k];
        int rounds = 0;
        Stop stop = Stop.MAX_ITERATIONS;
        while (rounds < options.maxIterations()) {
            System.arraycopy(cw, 0, pw, 0, k);
            System.arraycopy(ch, 0, ph, 0, k);
            candidates(w, h, assignment, cw, ch, nw, nh, options.update());
            boolean moved = acceptImproving(w, h, assignment, cw, ch, nw, nh);
            double mean = Fit.KERNELS.assign(w, h, 0, n, cw, ch, k, next, null) / n;
            if (mean < history[rounds]) {
                // Guarded moves cannot lower the mean in exact arithmetic: this is summation noise on a round
                // that gained (almost) nothing. Keep the previous centroids and stop.
                System.arraycopy(pw, 0, cw, 0, k);
                System.arraycopy(ph, 0, ch, 0, k);
                stop = Stop.CONVERGED;
                break;
            }
            history[++rounds] = mean;
            boolean reassigned = !Arrays.equals(assignment, next);
            int[] t = assignment;
            assignment = next;
            next = t;
            if (!moved || !reassigned) {
                stop = Stop.CONVERGED;
                break;
            }
        }
        return new Result(AnchorSet.of(cw, ch), rounds, Arrays.copyOf(history, rounds + 1), stop);
    }

    /**
     * Moves centroid c to its candidate only if that does not lower the summed IoU of the boxes assigned to c;
     * returns whether any centroid moved.
     */
    private static boolean acceptImproving(float[] w, float[] h, int[] assignment, float[] cw, float[] ch,
                                           float[] nw, float[] nh) {
        int k = cw.length;
        double[] gain = new double[k];
        for (int i = 0; i < w.length; i++) {
            int c = assignment[i];
            float area = w[i] * h[i];
            gain[c] += ScalarFitKernels.iou(w[i], h[i], area, nw[c], nh[c])
                    - ScalarFitKernels.iou(w[i], h[i], area, cw[c], ch[c]);
        }
        boolean moved = false;
        for (int c = 0; c < k; c++) {
            if (gain[c] >= 0 && (nw[c] != cw[c] || nh[c] != ch[c])) {
                cw[c] = nw[c];
                ch[c] = nh[c];
                moved = true;
            }
        }
        return moved;
    }

    /** k-means++: the first centroid uniform, each next one with probability proportional to d^2, d = 1 - IoU. */
    private static void seedPlusPlus(float[] w, float[] h, float[] cw, float[] ch, SplittableRandom random) {
        int n = w.length;
        int first = random.nextInt(n);
        cw[0] = w[first];
        ch[0] = h[first];
        float[] best = new float[n], iou = new float[n];
        Fit.KERNELS.assign(w, h, 0, n, cw, ch, 1, null, best);
        float[] one = new float[1], oneH = new float[1];
        for (int c = 1; c < cw.length; c++) {
            double total = 0;
            for (int i = 0; i < n; i++) {
                double d = 1.0 - best[i];
                total += d * d;
            }
            int pick;
            if (total <= 0) {
                pick = random.nextInt(n);   // every box already matches a centroid exactly
            } else {
                double target = random.nextDouble() * total, run = 0;
                pick = n - 1;
                for (int i = 0; i < n; i++) {
                    double d = 1.0 - best[i];
                    run += d * d;
                    if (run > target) {
                        pick = i;
                        break;
                    }
                }
            }
            cw[c] = w[pick];
            ch[c] = h[pick];
            one[0] = cw[c];
            oneH[0] = ch[c];
            Fit.KERNELS.assign(w, h, 0, n, one, oneH, 1, null, iou);
            for (int i = 0; i < n; i++) {
                best[i] = Math.max(best[i], iou[i]);
            }
        }
    }

    /** k distinct boxes (distinct indices) drawn uniformly. */
    private static void seedRandom(float[] w, float[] h, float[] cw, float[] ch, SplittableRandom random) {
        int n = w.length;
        int[] picked = new int[cw.length];
        for (int c = 0; c < cw.length; c++) {
            int p;
            do {
                p = random.nextInt(n);
            } while (contains(picked, c, p));
            picked[c] = p;
            cw[c] = w[p];
            ch[c] = h[p];
        }
    }

    private static boolean contains(int[] a, int count, int v) {
        for (int i = 0; i < count; i++) {
            if (a[i] == v) {
                return true;
            }
        }
        return false;
    }

    /** Candidate centroids (into nw, nh) from the assignment; an empty cluster keeps its old centroid. */
    private static void candidates(float[] w, float[] h, int[] assignment, float[] cw, float[] ch, float[] nw,
                               float[] nh, Update rule) {
        int k = cw.length, n = w.length;
        int[] count = new int[k];
        for (int a : assignment) {
            count[a]++;
        }
        if (rule == Update.MEAN) {
            double[] sw = new double[k], sh = new double[k];
            for (int i = 0; i < n; i++) {
                sw[assignment[i]] += w[i];
                sh[assignment[i]] += h[i];
            }
            for (int c = 0; c < k; c++) {
                nw[c] = count[c] == 0 ? cw[c] : (float) (sw[c] / count[c]);
                nh[c] = count[c] == 0 ? ch[c] : (float) (sh[c] / count[c]);
            }
            return;
        }
        int[] start = new int[k + 1];
        for (int c = 0; c < k; c++) {
            start[c + 1] = start[c] + count[c];
        }
        int[] fill = Arrays.copyOf(start, k);
        float[] gw = new float[n], gh = new float[n];
        for (int i = 0; i < n; i++) {
            int at = fill[assignment[i]]++;
            gw[at] = w[i];
            gh[at] = h[i];
        }
        for (int c = 0; c < k; c++) {
            nw[c] = count[c] == 0 ? cw[c] : median(gw, start[c], start[c + 1]);
            nh[c] = count[c] == 0 ? ch[c] : median(gh, start[c], start[c + 1]);
        }
    }

    /** Median of {@code v[from, to)} (the mean of the two middle values for an even count, as numpy's). */
    private static float median(float[] v, int from, int to) {
        Arrays.sort(v, from, to);
        int n = to - from, mid = from + n / 2;
        return n % 2 == 1 ? v[mid] : (float) (((double) v[mid - 1] + v[mid]) / 2);
    }
}
