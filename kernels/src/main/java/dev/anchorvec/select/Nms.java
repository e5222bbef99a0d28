package dev.anchorvec.select;

import dev.anchorvec.boxes.Boxes;
import dev.anchorvec.boxes.OverlapTest;
import dev.anchorvec.internal.Args;
import dev.anchorvec.simd.Simd;
import java.lang.invoke.MethodHandles;
import java.util.Arrays;
import java.util.Objects;

/**
 * Greedy non-maximum suppression, with torchvision's {@code ops.nms} semantics: visit the boxes by descending
 * score (equal scores by lower index), keep a box unless a box kept before it overlaps it with
 * {@code IoU > iouThreshold}. The IoU is anchorvec's float32 {@code BoxIou} value compared with the threshold
 * as a double, decided without a division by {@link OverlapTest} (so an IoU equal to the threshold does not
 * suppress, and an IoU of {@code 0.3f} does suppress at threshold {@code 0.3}, as in torchvision).
 *
 * <p>Policy for non-finite input: a NaN score is never kept and never suppresses anything; {@code -0.0} ranks
 * as {@code 0.0}; infinite scores rank first/last. A box with a NaN coordinate has IoU 0 with every box, so
 * it neither suppresses nor is suppressed (unless the threshold is negative, when every later box is
 * suppressed, IoU being never below 0).
 *
 * <p>The candidates are ordered by a radix sort and copied, in that order, into planar workspace memory. For
 * {@code iouThreshold >= 0} and at least a few thousand candidates they are then bucketed by centre into a uniform grid and each kept box is swept
 * ({@link OverlapTest}'s vectorised test) only against the cells it can overlap, with the suppressed boxes
 * compressed out of their cell: a kept box reads its spatial neighbours, not all survivors, and the kept list
 * is exactly the plain greedy scan's (see {@code SpatialNms}). Smaller inputs, and a negative threshold (which
 * suppresses by rank alone), take the plain scan over all survivors. Steady state allocates nothing.
 *
 * <pre>{@code
 * NmsWorkspace ws = new NmsWorkspace();   // one per thread, reused
 * int[] keep = new int[boxes.size()];
 * int k = Nms.greedy(boxes, scores, 0, 0.5, keep, ws);   // keep[0, k): kept indices, best first
 * }</pre>
 */
public final class Nms {

    private static final NmsKernels IMPL = Simd.select(MethodHandles.lookup(), NmsKernels.class,
            "dev.anchorvec.select.VectorNmsKernels", ScalarNmsKernels::new);

    private Nms() {}

    /**
     * Runs greedy NMS and writes the kept box indices, in descending score order (ties: lower index first),
     * to {@code keep[0, count)}.
     *
     * @param boxes        the boxes, xyxy
     * @param scores       {@code scores[scoresOffset + i]} is the score of box {@code i}
     * @param scoresOffset index of box 0's score
     * @param iouThreshold a box is suppressed by a kept one when their IoU is strictly greater
     * @param keep         receives the kept indices; needs room for {@code boxes.size()} entries
     * @param ws           scratch memory, grown as needed
     * @return the number of kept boxes
     * @throws IllegalArgumentException if the threshold is NaN, the scores are too short or {@code keep} is too
     *                                  short (checked before anything is written)
     */
    public static int greedy(Boxes boxes, float[] scores, int scoresOffset, double iouThreshold, int[] keep,
                             NmsWorkspace ws) {
        int n = checkGreedy(boxes, scores, scoresOffset, iouThreshold, keep, ws);
        ws.guard.claim();
        try {
            return greedyClaimed(boxes, scores, scoresOffset, n, iouThreshold, keep, ws);
        } finally {
            ws.guard.release();
        }
    }

    /** The checks of {@link #greedy(Boxes, float[], int, double, int[], NmsWorkspace)}; returns the box count. */
    static int checkGreedy(Boxes boxes, float[] scores, int scoresOffset, double iouThreshold, int[] keep,
                           NmsWorkspace ws) {
        int n = check(boxes, scores, scoresOffset, iouThreshold);
        Objects.requireNonNull(keep, "keep");
        Objects.requireNonNull(ws, "ws");
        if (keep.length < n) {
            throw new IllegalArgumentException("keep.length " + keep.length + " < boxes.size() " + n);
        }
        return n;
    }

    /** The work of {@link #greedy(Boxes, float[], int, double, int[], NmsWorkspace)}; the caller holds ws. */
    static int greedyClaimed(Boxes boxes, float[] scores, int scoresOffset, int n, double iouThreshold, int[] keep,
                             NmsWorkspace ws) {
        ws.ensure(n);
        int m = ScoreOrder.sort(scores, scoresOffset, n, ws.order, ws.keys, ws.order2, ws.keys2, ws.counts);
        gather(boxes, ws.order, m, ws.boxes);
        if (iouThreshold >= 0 && m >= SpatialNms.MIN_CANDIDATES) {
            return SpatialNms.run(ws.boxes, ws.order, m, iouThreshold, ws, keep, SpatialNms.PER_CELL);
        }
        return sweep(ws.boxes, ws.order, 0, m, iouThreshold, ws.bits, keep, 0);
    }

    /**
     * Allocating form of {@link #greedy(Boxes, float[], int, double, int[], NmsWorkspace)}: the kept indices,
     * best first.
     */
    public static int[] greedy(Boxes boxes, float[] scores, double iouThreshold) {
        check(boxes, scores, 0, iouThreshold);
        int[] keep = new int[boxes.size()];
        int k = greedy(boxes, scores, 0, iouThreshold, keep, new NmsWorkspace());
        return Arrays.copyOf(keep, k);
    }

    private static int check(Boxes boxes, float[] scores, int scoresOffset, double iouThreshold) {
        Objects.requireNonNull(boxes, "boxes");
        Objects.requireNonNull(scores, "scores");
        Args.notNaN(iouThreshold, "iouThreshold");
        int n = boxes.size();
        Args.room(scoresOffset, n, scores.length, "scores");
        return n;
    }

    /** Copies the boxes of {@code order[0, m)} into planar {@code out[0, m)}, in that order. */
    static void gather(Boxes boxes, int[] order, int m, Boxes out) {
        out.resize(out.capacity());
        float[] src = boxes.data(), dst = out.data();
        int s0 = boxes.plane(0), s1 = boxes.plane(1), s2 = boxes.plane(2), s3 = boxes.plane(3);
        int d0 = out.plane(0), d1 = out.plane(1), d2 = out.plane(2), d3 = out.plane(3);
        for (int k = 0; k < m; k++) {
            int i = order[k];
            dst[d0 + k] = src[s0 + i];
            dst[d1 + k] = src[s1 + i];
            dst[d2 + k] = src[s2 + i];
            dst[d3 + k] = src[s3 + i];
        }
        out.resize(m);
    }

    /** {@link NmsKernels#squeeze} of the selected implementation. */
    static int squeeze(float[] d, int p0, int p1, int p2, int p3, int[] order, int from, int end, long[] bits) {
        return IMPL.squeeze(d, p0, p1, p2, p3, order, from, end, bits);
    }

    /**
     * The greedy loop over the candidates {@code [from, to)} of {@code c}, already in visiting order: position
     * {@code i} is kept when it survived the sweeps so far; its sweep marks the survivors after it that it
     * suppresses, and those are squeezed out (of {@code c} and {@code order}, within the segment). The kept
     * entries of {@code order} are appended to {@code keep} from {@code kept} on; returns the new kept count.
     * {@code bits} needs room for {@code to - from} bits.
     */
    static int sweep(Boxes c, int[] order, int from, int to, double t, long[] bits, int[] keep, int kept) {
        float[] d = c.data();
        int p0 = c.plane(0), p1 = c.plane(1), p2 = c.plane(2), p3 = c.plane(3);
        int end = to;
        for (int i = from; i < end; i++) {
            keep[kept++] = order[i];
            int next = i + 1;
            if (next < end
                    && OverlapTest.bitsAbove(d[p0 + i], d[p1 + i], d[p2 + i], d[p3 + i], c, next, end, t, bits) > 0) {
                end = IMPL.squeeze(d, p0, p1, p2, p3, order, next, end, bits);
            }
        }
        return kept;
    }
}
