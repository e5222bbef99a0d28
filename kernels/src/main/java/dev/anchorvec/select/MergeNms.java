package dev.anchorvec.select;

import dev.anchorvec.boxes.Boxes;
import dev.anchorvec.boxes.OverlapTest;
import java.util.Objects;

/**
 * Merge (weighted) NMS, as YOLOv5's {@code non_max_suppression(..., merge=True)}: greedy {@link Nms} selects the
 * boxes, then each kept box is replaced by the score-weighted mean of its cluster, the candidates whose IoU with
 * it is {@code > iouThreshold} (itself included, suppressed and kept boxes alike): {@code sum(s_j * box_j) /
 * sum(s_j)}. With {@code redundant}, a kept box whose cluster has fewer than 2 members is left out of the
 * output (YOLOv5's {@code i[iou.sum(1) > 1]}).
 *
 * <p>The IoU test is {@link OverlapTest}'s (float32 IoU against the threshold as a double, like {@link Nms});
 * sums are accumulated in double in index order and rounded once to float (YOLOv5 multiplies float32 matrices).
 * YOLOv5 merges only when {@code 1 < n < 3000}; here the merge always runs. Candidates with a NaN score belong to
 * no cluster. A kept box whose weights do not sum to a positive number, or whose mean is not finite (for example
 * an empty box, whose IoU with itself is 0, alone in its cluster), is output unchanged.
 */
public final class MergeNms {

    private MergeNms() {}

    /**
     * Runs merge NMS: kept indices, best first, in {@code keep[0, count)} and their merged boxes in
     * {@code merged[0, count)} ({@code merged} is resized to count).
     *
     * @param boxes        the boxes, xyxy
     * @param scores       {@code scores[scoresOffset + i]} is the score of box {@code i}
     * @param scoresOffset index of box 0's score
     * @param iouThreshold suppression and cluster threshold (strict {@code >})
     * @param redundant    drop kept boxes whose cluster has fewer than 2 members
     * @param keep         receives the kept indices; needs room for {@code boxes.size()} entries
     * @param merged       receives the merged boxes; capacity at least {@code boxes.size()}, not sharing memory
     *                     with {@code boxes}
     * @param ws           scratch memory, grown as needed
     * @return the number of output boxes
     * @throws IllegalArgumentException for a NaN threshold, short scores, {@code keep} or {@code merged}, or
     *                                  {@code merged} sharing {@code boxes}' array (checked before anything is
     *                                  written)
     */
    public static int run(Boxes boxes, float[] scores, int scoresOffset, double iouThreshold, boolean redundant,
                          int[] keep, Boxes merged, NmsWorkspace ws) {
        Objects.requireNonNull(boxes, "boxes");
        Objects.requireNonNull(merged, "merged");
        int n = boxes.size();
        if (merged.capacity() < n) {
            throw new IllegalArgumentException("merged.capacity() " + merged.capacity() + " < boxes.size() " + n);
        }
        if (merged.data() == boxes.data()) {
            throw new IllegalArgumentException("merged must not share boxes' array");
        }
        Nms.checkGreedy(boxes, scores, scoresOffset, iouThreshold, keep, ws);
        ws.guard.claim();
        try {
            int k = Nms.greedyClaimed(boxes, scores, scoresOffset, n, iouThreshold, keep, ws);
            merged.resize(merged.capacity());
            long[] bits = ws.bits;
            int out = 0;
            for (int q = 0; q < k; q++) {
                int i = keep[q];
                float x1 = boxes.x1(i), y1 = boxes.y1(i), x2 = boxes.x2(i), y2 = boxes.y2(i);
                OverlapTest.bitsAbove(x1, y1, x2, y2, boxes, 0, n, iouThreshold, bits);
                double sw = 0, sx1 = 0, sy1 = 0, sx2 = 0, sy2 = 0;
                int members = 0;
                for (int w = 0, words = (n + 63) >>> 6; w < words; w++) {
                    for (long b = bits[w]; b != 0; b &= b - 1) {
                        int j = (w << 6) + Long.numberOfTrailingZeros(b);
                        float s = scores[scoresOffset + j];
                        if (s != s) {
                            continue;
                        }
                        members++;
                        sw += s;
                        sx1 += (double) s * boxes.x1(j);
                        sy1 += (double) s * boxes.y1(j);
                        sx2 += (double) s * boxes.x2(j);
                        sy2 += (double) s * boxes.y2(j);
                    }
                }
                if (redundant && members < 2) {
                    continue;
                }
                float mx1 = (float) (sx1 / sw), my1 = (float) (sy1 / sw);
                float mx2 = (float) (sx2 / sw), my2 = (float) (sy2 / sw);
                if (sw > 0 && Float.isFinite(mx1) && Float.isFinite(my1) && Float.isFinite(mx2) && Float.isFinite(my2)) {
                    merged.set(out, mx1, my1, mx2, my2);
                } else {
                    merged.set(out, x1, y1, x2, y2);
                }
                keep[out++] = i;
            }
            merged.resize(out);
            return out;
        } finally {
            ws.guard.release();
        }
    }

    /** Result of the allocating form: kept indices, best first, and their merged boxes. */
    public record Result(int[] keep, Boxes merged) {}

    /** Allocating form of {@link #run(Boxes, float[], int, double, boolean, int[], Boxes, NmsWorkspace)}. */
    public static Result run(Boxes boxes, float[] scores, double iouThreshold, boolean redundant) {
        Objects.requireNonNull(boxes, "boxes");
        int n = boxes.size();
        int[] keep = new int[n];
        Boxes merged = Boxes.allocate(n);
        int k = run(boxes, scores, 0, iouThreshold, redundant, keep, merged, new NmsWorkspace());
        return new Result(java.util.Arrays.copyOf(keep, k), merged);
    }
}
