package dev.anchorvec.select;

import dev.anchorvec.boxes.Boxes;
import dev.anchorvec.internal.Args;
import dev.anchorvec.simd.Simd;
import java.lang.invoke.MethodHandles;
import java.util.Arrays;
import java.util.Objects;

/**
 * Soft-NMS (Bodla et al. 2017), linear and Gaussian. Each round selects the remaining box with the highest
 * current score (equal scores: the lower index), reports it with that score, and multiplies the score of every
 * other remaining box by a weight of its IoU with the selected one ({@link SoftNmsParams}: method, sigma
 * convention, IoU test); a box whose score then fails the score test is dropped. Rounds stop when no box is
 * left or {@code maxOutput} boxes are selected. Weights lie in [0, 1], so non-negative scores never increase (a
 * negative one moves up towards 0, as in every peer). The IoU is anchorvec's float32
 * {@code BoxIou} value; {@link SoftNmsParams#opencv}, {@link SoftNmsParams#mmcv} and
 * {@link SoftNmsParams#tensorflow} set the peers' thresholds, comparisons and weight formulas.
 *
 * <p>Differences from the peers that remain: OpenCV's {@code Rect} overlap is computed in double from integer
 * rectangles (ours in float32), and mmcv's and OpenCV's Gaussian weight is C's {@code expf} (ours anchorvec's own
 * {@code exp}, within 1 ulp, the same bits in every implementation, JIT tier and CPU, so Gaussian and linear
 * results alike are reproducible bit for bit). TF decays lazily, multiplying
 * a candidate's weights in another order, so its scores can differ in the last bit. Two empty boxes have IoU 0
 * here (mmcv: NaN, which leaves a linear score alone but turns a Gaussian one into NaN). mmcv always returns its
 * first pick even below {@code min_score}; here a box below the threshold is never selected. mmcv breaks ties
 * by its array position, which its swaps permute; here ties go to the lower index.
 *
 * <p>Non-finite input: a NaN score is never selected. A box with a NaN coordinate has IoU 0 with every box (it
 * neither decays nor is decayed). An infinite score decayed by a weight of 0 becomes NaN and is dropped. Finite
 * input never yields NaN.
 *
 * <p>The survivors are kept compacted, in index order, in planar workspace memory; each round is one vectorised
 * pass computing IoU, weight and new score and squeezing out the dropped boxes, plus a vectorised argmax.
 * Steady state allocates nothing.
 *
 * <pre>{@code
 * SoftNmsWorkspace ws = new SoftNmsWorkspace();   // one per thread, reused
 * int[] keep = new int[boxes.size()];
 * float[] updated = new float[boxes.size()];
 * int k = SoftNms.run(boxes, scores, 0, SoftNmsParams.mmcv(SoftNmsMethod.GAUSSIAN), keep, updated, ws);
 * }</pre>
 */
public final class SoftNms {

    private static final SoftNmsKernels IMPL = Simd.select(MethodHandles.lookup(), SoftNmsKernels.class,
            "dev.anchorvec.select.VectorSoftNmsKernels", ScalarSoftNmsKernels::new);

    private SoftNms() {}

    /**
     * Runs Soft-NMS and writes the selected indices, in selection order, to {@code keep[0, count)} and their
     * decayed scores to {@code updatedScores[0, count)}.
     *
     * @param boxes         the boxes, xyxy
     * @param scores        {@code scores[scoresOffset + i]} is the score of box {@code i}
     * @param scoresOffset  index of box 0's score
     * @param params        method and thresholds
     * @param keep          receives the selected indices; needs {@code min(boxes.size(), params.maxOutput())}
     *                      entries
     * @param updatedScores receives their scores; same length requirement
     * @param ws            scratch memory, grown as needed
     * @return the number of selected boxes
     * @throws IllegalArgumentException if the scores or an output array are too short (checked before anything is
     *                                  written)
     */
    public static int run(Boxes boxes, float[] scores, int scoresOffset, SoftNmsParams params, int[] keep,
                          float[] updatedScores, SoftNmsWorkspace ws) {
        int n = check(boxes, scores, scoresOffset, params);
        Objects.requireNonNull(keep, "keep");
        Objects.requireNonNull(updatedScores, "updatedScores");
        Objects.requireNonNull(ws, "ws");
        int room = Math.min(n, params.maxOutput());
        if (keep.length < room) {
            throw new IllegalArgumentException("keep.length " + keep.length + " < " + room);
        }
        if (updatedScores.length < room) {
            throw new IllegalArgumentException("updatedScores.length " + updatedScores.length + " < " + room);
        }
        ws.guard.claim();
        try {
            ws.ensure(n);
            float keepMin = params.keepMin();
            int m = gather(boxes, scores, scoresOffset, keepMin, ws);
            Boxes c = ws.boxes;
            float[] d = c.data(), s = ws.scores;
            int[] order = ws.order;
            int p0 = c.plane(0), p1 = c.plane(1), p2 = c.plane(2), p3 = c.plane(3);
            boolean gaussian = params.method() == SoftNmsMethod.GAUSSIAN;
            float iouMin = params.iouMin(), gc = params.gaussC(), gd = params.gaussDiv();
            int k = 0;
            while (m > 0 && k < room) {
                int b = IMPL.argmax(s, m);
                keep[k] = order[b];
                updatedScores[k++] = s[b];
                if (k == room) {
                    break;
                }
                s[b] = Float.NaN; // the selected box drops out in the same pass
                m = IMPL.decay(d, p0, p1, p2, p3, s, order, m, d[p0 + b], d[p1 + b], d[p2 + b], d[p3 + b], gaussian,
                        iouMin, gc, gd, keepMin);
            }
            return k;
        } finally {
            ws.guard.release();
        }
    }

    /** Allocating form of {@link #run(Boxes, float[], int, SoftNmsParams, int[], float[], SoftNmsWorkspace)}. */
    public static SoftNmsResult run(Boxes boxes, float[] scores, SoftNmsParams params) {
        int n = check(boxes, scores, 0, params);
        int room = Math.min(n, params.maxOutput());
        int[] keep = new int[room];
        float[] updated = new float[room];
        int k = run(boxes, scores, 0, params, keep, updated, new SoftNmsWorkspace());
        return new SoftNmsResult(Arrays.copyOf(keep, k), Arrays.copyOf(updated, k));
    }

    private static int check(Boxes boxes, float[] scores, int scoresOffset, SoftNmsParams params) {
        Objects.requireNonNull(boxes, "boxes");
        Objects.requireNonNull(scores, "scores");
        Objects.requireNonNull(params, "params");
        int n = boxes.size();
        Args.room(scoresOffset, n, scores.length, "scores");
        return n;
    }

    /** Copies the boxes whose score passes, in index order, into the workspace; returns their count. */
    private static int gather(Boxes boxes, float[] scores, int offset, float keepMin, SoftNmsWorkspace ws) {
        Boxes out = ws.boxes;
        out.resize(out.capacity());
        float[] src = boxes.data(), dst = out.data(), s = ws.scores;
        int[] order = ws.order;
        int s0 = boxes.plane(0), s1 = boxes.plane(1), s2 = boxes.plane(2), s3 = boxes.plane(3);
        int d0 = out.plane(0), d1 = out.plane(1), d2 = out.plane(2), d3 = out.plane(3);
        int m = 0;
        for (int i = 0, n = boxes.size(); i < n; i++) {
            float score = scores[offset + i];
            order[m] = i;
            s[m] = score;
            dst[d0 + m] = src[s0 + i];
            dst[d1 + m] = src[s1 + i];
            dst[d2 + m] = src[s2 + i];
            dst[d3 + m] = src[s3 + i];
            m += score >= keepMin ? 1 : 0;
        }
        return m;
    }
}
