package dev.anchorvec.select;

import dev.anchorvec.boxes.Boxes;
import dev.anchorvec.internal.Args;
import java.util.Arrays;
import java.util.Objects;

/**
 * Per-class ("batched") greedy NMS: boxes of different classes never suppress each other, and the result is
 * exactly what running {@link Nms#greedy} class by class and merging the kept boxes by descending score (equal
 * scores by lower index) gives. No coordinate-offset trick: torchvision, mmcv, OpenCV and YOLOv5 shift each
 * class's boxes by {@code class * (maxCoord + 1)} and run one NMS, which changes decisions once the offsets
 * eat float32 precision (large coordinates or many classes). For class-agnostic NMS call {@link Nms#greedy}.
 *
 * <p>One radix sort orders all candidates by score; a stable counting sort by class then groups them into one
 * contiguous segment per class, each still in visiting order, and each segment is swept on its own. Kept ranks
 * are marked in a bitset, so the merged output in score order costs one pass, not a second sort. Steady state
 * allocates nothing (apart from growing the workspace to the largest input and class count seen).
 *
 * <p>Non-finite input follows {@link Nms}: NaN scores are never kept; NaN boxes neither suppress nor are
 * suppressed.
 *
 * <pre>{@code
 * NmsWorkspace ws = new NmsWorkspace();
 * int[] keep = new int[boxes.size()];
 * int k = BatchedNms.run(boxes, scores, 0, labels, 0, 80, 0.5, keep, ws);   // keep[0, k), best first
 * }</pre>
 */
public final class BatchedNms {

    private BatchedNms() {}

    /**
     * Runs greedy NMS separately for each class and writes the kept indices of all classes, in descending score
     * order (equal scores: lower index first), to {@code keep[0, count)}.
     *
     * @param boxes         the boxes, xyxy
     * @param scores        {@code scores[scoresOffset + i]} is the score of box {@code i}
     * @param scoresOffset  index of box 0's score
     * @param classes       {@code classes[classesOffset + i]} is the class of box {@code i}, in
     *                      {@code [0, numClasses)}
     * @param classesOffset index of box 0's class
     * @param numClasses    number of classes (at least 1)
     * @param iouThreshold  a box is suppressed by a kept box of its class when their IoU is strictly greater
     * @param keep          receives the kept indices; needs room for {@code boxes.size()} entries
     * @param ws            scratch memory, grown as needed
     * @return the number of kept boxes
     * @throws IllegalArgumentException if the threshold is NaN, {@code numClasses < 1}, an array is too short or
     *                                  a class id is out of range (checked before anything is written)
     */
    public static int run(Boxes boxes, float[] scores, int scoresOffset, int[] classes, int classesOffset,
                          int numClasses, double iouThreshold, int[] keep, NmsWorkspace ws) {
        int n = check(boxes, scores, scoresOffset, classes, classesOffset, numClasses, iouThreshold);
        Objects.requireNonNull(keep, "keep");
        Objects.requireNonNull(ws, "ws");
        if (keep.length < n) {
            throw new IllegalArgumentException("keep.length " + keep.length + " < boxes.size() " + n);
        }
        ws.guard.claim();
        try {
            ws.ensure(n);
            int[] start = ws.classStarts(numClasses);
            int m = ScoreOrder.sort(scores, scoresOffset, n, ws.order, ws.keys, ws.order2, ws.keys2, ws.counts);
            int[] byRank = ws.order, grouped = ws.order2, ids = ws.keys2;
            group(byRank, m, classes, classesOffset, numClasses, start, grouped, ids);
            Nms.gather(boxes, ids, m, ws.boxes);
            int[] keptRanks = ws.keys;
            int kept = 0;
            for (int c = 0; c < numClasses; c++) {
                if (start[c] < start[c + 1]) {
                    kept = Nms.sweep(ws.boxes, grouped, start[c], start[c + 1], iouThreshold, ws.bits, keptRanks, kept);
                }
            }
            return merge(byRank, m, keptRanks, kept, ws.bits, keep);
        } finally {
            ws.guard.release();
        }
    }

    /**
     * Allocating form of {@link #run(Boxes, float[], int, int[], int, int, double, int[], NmsWorkspace)}: the
     * kept indices, best first.
     */
    public static int[] run(Boxes boxes, float[] scores, int[] classes, int numClasses, double iouThreshold) {
        check(boxes, scores, 0, classes, 0, numClasses, iouThreshold);
        int[] keep = new int[boxes.size()];
        int k = run(boxes, scores, 0, classes, 0, numClasses, iouThreshold, keep, new NmsWorkspace());
        return Arrays.copyOf(keep, k);
    }

    private static int check(Boxes boxes, float[] scores, int scoresOffset, int[] classes, int classesOffset,
                             int numClasses, double iouThreshold) {
        Objects.requireNonNull(boxes, "boxes");
        Objects.requireNonNull(scores, "scores");
        Objects.requireNonNull(classes, "classes");
        Args.notNaN(iouThreshold, "iouThreshold");
        Args.positive(numClasses, "numClasses");
        int n = boxes.size();
        Args.room(scoresOffset, n, scores.length, "scores");
        Args.room(classesOffset, n, classes.length, "classes");
        for (int i = 0; i < n; i++) {
            int c = classes[classesOffset + i];
            if (c < 0 || c >= numClasses) {
                throw new IllegalArgumentException("classes[" + (classesOffset + i) + "] = " + c
                        + " is outside [0, numClasses = " + numClasses + ")");
            }
        }
        return n;
    }

    /**
     * Stable counting sort of the ranks {@code [0, m)} by class: {@code grouped} receives the ranks class by
     * class (ascending within a class, so each segment is in visiting order), {@code ids} the matching box
     * indices, and {@code start[c], start[c + 1]} bound class {@code c}'s segment.
     */
    private static void group(int[] byRank, int m, int[] classes, int classesOffset, int numClasses, int[] start,
                              int[] grouped, int[] ids) {
        Arrays.fill(start, 0, numClasses + 1, 0);
        for (int r = 0; r < m; r++) {
            start[classes[classesOffset + byRank[r]] + 1]++;
        }
        for (int c = 0; c < numClasses; c++) {
            start[c + 1] += start[c];
        }
        // start[c] is used as the write cursor, then restored by shifting the cursors back one class.
        for (int r = 0; r < m; r++) {
            int i = byRank[r];
            int p = start[classes[classesOffset + i]]++;
            grouped[p] = r;
            ids[p] = i;
        }
        System.arraycopy(start, 0, start, 1, numClasses);
        start[0] = 0;
    }

    /** Writes the box indices of the kept ranks to {@code keep}, by ascending rank (= descending score). */
    private static int merge(int[] byRank, int m, int[] keptRanks, int kept, long[] bits, int[] keep) {
        int words = (m + 63) >>> 6;
        Arrays.fill(bits, 0, words, 0L);
        for (int k = 0; k < kept; k++) {
            int r = keptRanks[k];
            bits[r >>> 6] |= 1L << r;
        }
        int out = 0;
        for (int w = 0; w < words; w++) {
            for (long b = bits[w]; b != 0; b &= b - 1) {
                keep[out++] = byRank[(w << 6) + Long.numberOfTrailingZeros(b)];
            }
        }
        return out;
    }
}
