package dev.anchorvec;

import dev.anchorvec.boxes.Boxes;
import dev.anchorvec.select.BatchedNms;
import dev.anchorvec.select.MergeNms;
import dev.anchorvec.select.Nms;
import dev.anchorvec.select.NmsWorkspace;
import dev.anchorvec.select.ScoreFilter;
import dev.anchorvec.select.ScoreThreshold;
import dev.anchorvec.select.SoftNms;
import dev.anchorvec.select.SoftNmsMethod;
import dev.anchorvec.select.SoftNmsParams;
import dev.anchorvec.select.SoftNmsResult;
import dev.anchorvec.select.SoftNmsWorkspace;
import dev.anchorvec.select.TopK;
import java.util.List;

/**
 * {@link KernelDigest}'s workload for {@code dev.anchorvec.select}: score filtering and thresholds, top-k, greedy
 * NMS (the plain sweep and, above 2048 candidates, the spatial grid), per-class and merge NMS, and Soft-NMS with
 * every peer's settings (LINEAR and the Gaussian decays, whose {@code exp} is a transcendental function).
 * Scores include exact ties, negative values and both zeros.
 */
final class DigestSelect {

    static final List<DigestFamily> FAMILIES = List.of(
            new DigestFamily("select.score", DigestSelect::score),
            new DigestFamily("select.nms", DigestSelect::nms),
            new DigestFamily("select.batched-merge-nms", DigestSelect::batchedAndMerge),
            new DigestFamily("select.soft-nms-linear", (in, out) -> softNms(in, false, out)),
            new DigestFamily("select.soft-nms-gaussian", (in, out) -> softNms(in, true, out)));

    private DigestSelect() {}

    /** {@code n} scores in {@code [0, 1)}, with ties, a few negative scores and both zeros. */
    static float[] scores(DigestInputs in, int n) {
        float[] s = new float[n];
        for (int i = 0; i < n; i++) {
            int r = in.nextInt(16);
            s[i] = r == 0 ? (i > 0 ? s[i - 1] : 0.5f) : r == 1 ? -0f : r == 2 ? -in.uniform(0f, 1f)
                    : r == 3 ? 0f : in.uniform(0f, 1f);
        }
        return s;
    }

    private static void score(DigestInputs in, DigestHash out) {
        float[] logits = in.logits(259 + 5);
        int[] hits = new int[259 + ScoreFilter.SLACK + 2];
        for (float p : new float[] {0.05f, 0.5f, 0.999f, 0f, 1f}) {
            float min = ScoreThreshold.minLogit(p);
            out.f(min);
            for (int[] range : new int[][] {{0, 259}, {5, 264}, {2, 15}, {0, 37}, {100, 200}}) {
                int end = ScoreFilter.atLeast(logits, range[0], range[1], min, hits, 2);
                out.ints(p + " " + range[0] + " hits", hits, 2, end);
            }
        }
        int end = ScoreFilter.atLeast(logits, 0, 259, ScoreThreshold.above(3.5f), hits, 0);
        out.ints("above 3.5", hits, 0, end);
        for (int i = 0; i < 37; i++) {
            out.f(ScoreThreshold.sigmoid(logits[i]));
        }
        NmsWorkspace ws = new NmsWorkspace();
        float[] scores = scores(in, 259);
        int[] top = new int[259];
        for (int k : new int[] {0, 1, 5, 100, 259, 300}) {
            int r = TopK.select(scores, 0, 259, k, top, ws);
            out.ints("top " + k, top, 0, r);
            r = TopK.select(logits, 3, 100, k, top, ws);
            out.ints("top logits " + k, top, 0, r);
        }
        out.value("min logit of 0.3", ScoreThreshold.minLogit(0.3f));
    }

    /**
     * {@code n} boxes in clusters: each cluster's boxes are jittered copies of a random box (sides up to
     * {@code side / 8}) in {@code [0, side)^2}, so greedy NMS both keeps and suppresses; some boxes of any kind
     * (empty, inverted, huge) are mixed in.
     */
    static Boxes clustered(DigestInputs in, int n, int clusters, float side) {
        return clustered(in, n, clusters, side, 0.3f, true);
    }

    /**
     * {@link #clustered(DigestInputs, int, int, float)} with members shifted and scaled by up to {@code spread}
     * of the cluster box's sides, and boxes of any kind mixed in only when {@code mixed}.
     */
    static Boxes clustered(DigestInputs in, int n, int clusters, float side, float spread, boolean mixed) {
        Boxes b = Boxes.allocate(n);
        Boxes any = in.boxes(n);
        float[] cx = in.uniform(clusters, 0f, side), cy = in.uniform(clusters, 0f, side);
        float[] w = in.uniform(clusters, 4f, side / 8), h = in.uniform(clusters, 4f, side / 8);
        for (int i = 0; i < n; i++) {
            if (mixed && in.nextInt(16) == 0) {
                b.set(i, any.x1(i), any.y1(i), any.x2(i), any.y2(i));
                continue;
            }
            int c = in.nextInt(clusters);
            float jx = w[c] * in.uniform(-spread, spread), jy = h[c] * in.uniform(-spread, spread);
            float sw = w[c] * in.uniform(1 - spread, 1 + spread), sh = h[c] * in.uniform(1 - spread, 1 + spread);
            b.set(i, cx[c] + jx - sw / 2, cy[c] + jy - sh / 2, cx[c] + jx + sw / 2, cy[c] + jy + sh / 2);
        }
        return b;
    }

    private static void nms(DigestInputs in, DigestHash out) {
        NmsWorkspace ws = new NmsWorkspace();
        for (int n : new int[] {3, 37, 61}) {
            Boxes b = clustered(in, n, 1 + n / 10, 400f);
            float[] scores = scores(in, n + 1);
            int[] keep = new int[n];
            for (double t : new double[] {0.5, 0.0, -1.0, 1.0}) {
                int k = Nms.greedy(b, scores, 1, t, keep, ws);
                out.ints(n + " " + t, keep, 0, k);
            }
            out.ints(n + " allocating", Nms.greedy(b, scores, 0.45));
        }
        // Above SpatialNms' 2048 candidates: the grid-bucketed sweep, whose cells hold ~1024 boxes. Its cost is
        // the kept boxes times their cells' survivors, and the vector overlap test is slow in the interpreter,
        // which runs this too: a few tight clusters (everything but their best box suppressed), no odd boxes
        // (one huge box would put every box in one cell).
        Boxes many = clustered(in, 2050, 8, 4000f, 0.02f, false);
        float[] scores = scores(in, 2050);
        int[] keep = new int[2050];
        int k = Nms.greedy(many, scores, 0, 0.3, keep, ws);
        out.ints("spatial", keep, 0, k);
    }

    private static void batchedAndMerge(DigestInputs in, DigestHash out) {
        NmsWorkspace ws = new NmsWorkspace();
        for (int n : new int[] {3, 37, 61}) {
            Boxes b = clustered(in, n, 1 + n / 10, 300f);
            float[] scores = scores(in, n);
            int[] classes = new int[n + 2];
            for (int i = 0; i < classes.length; i++) {
                classes[i] = in.nextInt(5);
            }
            int[] keep = new int[n];
            for (double t : new double[] {0.5, 0.0, -1.0}) {
                int k = BatchedNms.run(b, scores, 0, classes, 2, 5, t, keep, ws);
                out.ints(n + " batched " + t, keep, 0, k);
            }
            out.ints(n + " batched allocating", BatchedNms.run(b, scores, classes, 7, 0.6));
            Boxes merged = Boxes.allocate(n);
            for (boolean redundant : new boolean[] {false, true}) {
                int k = MergeNms.run(b, scores, 0, 0.45, redundant, keep, merged, ws);
                out.ints(n + " merge " + redundant, keep, 0, k).boxes(n + " merged " + redundant, merged);
            }
            MergeNms.Result r = MergeNms.run(b, scores, 0.3, false);
            out.ints(n + " merge allocating", r.keep()).boxes(n + " merge allocating boxes", r.merged());
        }
    }

    private static void softNms(DigestInputs in, boolean gaussian, DigestHash out) {
        SoftNmsMethod m = gaussian ? SoftNmsMethod.GAUSSIAN : SoftNmsMethod.LINEAR;
        List<SoftNmsParams> params = gaussian
                ? List.of(SoftNmsParams.mmcv(m), SoftNmsParams.opencv(m, 0.01f, 0.3f, 20, 0.5f),
                        SoftNmsParams.tensorflow(0.5f, 0.001f, 30), SoftNmsParams.tensorflow(0.01f, -1f, 10))
                : List.of(SoftNmsParams.mmcv(m), SoftNmsParams.opencv(m, 0.01f, 0.3f, 0, 0.5f),
                        SoftNmsParams.mmcv(m, 0.5f, 0.5f, 0.2f));
        SoftNmsWorkspace ws = new SoftNmsWorkspace();
        for (int n : new int[] {3, 37, 45}) {
            Boxes b = clustered(in, n, 1 + n / 6, 300f);
            float[] scores = scores(in, n + 3);
            int[] keep = new int[n];
            float[] updated = new float[n];
            for (int p = 0; p < params.size(); p++) {
                int k = SoftNms.run(b, scores, 3, params.get(p), keep, updated, ws);
                out.ints(n + " " + p + " keep", keep, 0, k).floats(n + " " + p + " scores", updated, 0, k);
            }
            SoftNmsResult r = SoftNms.run(b, scores, params.get(0));
            out.ints(n + " allocating keep", r.keep()).floats(n + " allocating scores", r.updatedScores());
        }
    }
}
