package dev.anchorvec.match;

import dev.anchorvec.boxes.BoxIou;
import dev.anchorvec.boxes.Boxes;
import dev.anchorvec.boxes.IouKind;
import dev.anchorvec.internal.Args;
import java.util.Arrays;

/**
 * mmdet's {@code ATSSAssigner(topk)} (Adaptive Training Sample Selection). For each gt: on every level the
 * {@code topk} priors whose centres are nearest the gt's centre (float32 L2 distance, ties to the lower index)
 * are candidates; the gt's IoU threshold is the mean plus the unbiased standard deviation of the candidates'
 * IoUs; a candidate is positive if its IoU reaches the threshold and its centre lies strictly inside the gt
 * ({@code min(l, t, r, b) > 0.01}). A prior claimed by several gts goes to the one with the highest IoU (ties to
 * the lowest gt index). All other priors are {@link MatchCodes#BACKGROUND}; ATSS ignores nothing.
 *
 * <p>Scalar: the work is O(priors x gts) distance evaluations and a top-k per level, dominated by the
 * selection, not by arithmetic a vector kernel would speed up. Mean and standard deviation are accumulated in
 * double and rounded to float once (torch reduces in float32, so a candidate exactly at the threshold may
 * differ in the last bit). With a single candidate the unbiased deviation is NaN and, as in torch, that gt gets
 * no positives. IoU is {@link IouKind#IOU}.
 *
 * <p><b>Validation.</b> {@code topk} must be {@code >= 1}; any larger value is accepted ({@code topk} at least a
 * level's size makes every prior of that level a candidate). {@code assign} checks, before writing anything:
 * nulls, level sizes {@code >= 0} that add up (in {@code long}) to the number of priors, room for the codes, and
 * that the codes do not overlap {@code levelSizes} (rejected, naming both).
 *
 * <p><b>Extreme input.</b> Any floats are accepted; the codes are always a gt index or
 * {@link MatchCodes#BACKGROUND}. A centre is {@code (x1 + x2) / 2} as mmdet computes it, or {@code x1 / 2 + x2 / 2}
 * where the sum would overflow, so every finite box has a finite centre. A distance whose square overflows float
 * (beyond about {@code 1.8e19}), or that is NaN (a NaN or infinite coordinate), counts as {@code +Infinity}: such
 * priors are the farthest, in index order.
 *
 * <p><b>Bounds.</b> Time O(gts x (levels + priors x log(min(topk, level size)))): the nearest priors are chosen
 * with a heap, so a huge {@code topk} costs a sort of each level, never a quadratic insertion. Each call allocates
 * O(priors) scratch (centres, best IoUs and candidates: at most one per prior), never more, whatever {@code topk}.
 *
 * <p><b>Threads.</b> Immutable and thread-safe (no workspace: the scratch is per call).
 */
public final class AtssAssigner {

    private final int topk;

    /**
     * An assigner taking {@code topk} candidates per level (mmdet's default is 9).
     *
     * @throws IllegalArgumentException if {@code topk < 1}
     */
    public AtssAssigner(int topk) {
        this.topk = Args.positive(topk, "topk");
    }

    /** mmdet's {@code ATSSAssigner(topk=9)}. */
    public static AtssAssigner mmdet() {
        return new AtssAssigner(9);
    }

    /** The number of candidates per level and gt. */
    public int topk() {
        return topk;
    }

    /** Allocating form of {@link #assign(Boxes, int[], Boxes, int[], int)}: one code per prior. */
    public int[] assign(Boxes priors, int[] levelSizes, Boxes gt) {
        Args.notNull(priors, "priors");
        int[] out = new int[priors.size()];
        assign(priors, levelSizes, gt, out, 0);
        return out;
    }

    /**
     * Assigns {@code priors} (levels concatenated, {@code levelSizes[l]} priors on level l) to {@code gt}, writing
     * codes to {@code codes[codesOffset ...]}.
     *
     * @return the number of positives
     * @throws IllegalArgumentException if a level size is negative, the sizes do not add up to
     *                                  {@code priors.size()}, {@code codes} has no room or overlaps
     *                                  {@code levelSizes}; nothing is written then
     */
    public int assign(Boxes priors, int[] levelSizes, Boxes gt, int[] codes, int codesOffset) {
        Args.notNull(priors, "priors");
        Args.notNull(levelSizes, "levelSizes");
        Args.notNull(gt, "gt");
        Args.notNull(codes, "codes");
        long sum = 0;
        int largest = 0;
        for (int l = 0; l < levelSizes.length; l++) {
            if (levelSizes[l] < 0) {
                throw new IllegalArgumentException("levelSizes[" + l + "] must be >= 0, got " + levelSizes[l]);
            }
            sum += levelSizes[l];
            largest = Math.max(largest, levelSizes[l]);
        }
        int n = priors.size(), m = gt.size();
        if (sum != n) {
            throw new IllegalArgumentException("levelSizes add up to " + sum + ", priors.size() is " + n);
        }
        Args.room(codesOffset, n, codes.length, "codes");
        Args.disjoint(codes, codesOffset, n, "codes", levelSizes, 0, levelSizes.length, "levelSizes");
        Arrays.fill(codes, codesOffset, codesOffset + n, MatchCodes.BACKGROUND);
        if (n == 0 || m == 0) {
            return 0;
        }
        float[] cx = new float[n], cy = new float[n];
        for (int i = 0; i < n; i++) {
            cx[i] = centre(priors.x1(i), priors.x2(i));
            cy[i] = centre(priors.y1(i), priors.y2(i));
        }
        float[] bestIou = new float[n];
        Arrays.fill(bestIou, Float.NEGATIVE_INFINITY);
        int maxCandidates = 0;
        for (int size : levelSizes) {
            maxCandidates += Math.min(topk, size);
        }
        int[] cand = new int[maxCandidates];
        float[] candIou = new float[maxCandidates];
        float[] dist = new float[Math.min(topk, largest)];
        for (int j = 0; j < m; j++) {
            float gx1 = gt.x1(j), gy1 = gt.y1(j), gx2 = gt.x2(j), gy2 = gt.y2(j);
            float gcx = centre(gx1, gx2), gcy = centre(gy1, gy2);
            int count = 0, start = 0;
            for (int size : levelSizes) {
                count = nearest(cx, cy, start, start + size, gcx, gcy, cand, count, dist);
                start += size;
            }
            double sum1 = 0;
            for (int c = 0; c < count; c++) {
                int i = cand[c];
                candIou[c] = BoxIou.of(IouKind.IOU, priors.x1(i), priors.y1(i), priors.x2(i), priors.y2(i), gx1, gy1,
                        gx2, gy2);
                sum1 += candIou[c];
            }
            double mean = sum1 / count, sq = 0;
            for (int c = 0; c < count; c++) {
                sq += (candIou[c] - mean) * (candIou[c] - mean);
            }
            float thr = (float) (mean + Math.sqrt(sq / (count - 1)));
            for (int c = 0; c < count; c++) {
                int i = cand[c];
                float inside = Math.min(Math.min(cx[i] - gx1, cy[i] - gy1), Math.min(gx2 - cx[i], gy2 - cy[i]));
                if (candIou[c] >= thr && inside > 0.01f && candIou[c] > bestIou[i]) {
                    bestIou[i] = candIou[c];
                    codes[codesOffset + i] = j;
                }
            }
        }
        int positives = 0;
        for (int i = 0; i < n; i++) {
            positives += codes[codesOffset + i] >= 0 ? 1 : 0;
        }
        return positives;
    }

    /**
     * mmdet's centre {@code (a + b) / 2} in float32 where the sum is finite (the same bits); else
     * {@code a / 2 + b / 2}, which cannot overflow.
     */
    static float centre(float a, float b) {
        float s = a + b;
        return Math.abs(s) <= Float.MAX_VALUE ? s / 2f : a / 2f + b / 2f;
    }

    /**
     * Appends to {@code cand} the (up to) topk priors of [from, to) nearest (gcx, gcy), nearest first, ties to the
     * lower index: a max-heap of the k best by (distance, index) (a later prior at an equal distance never
     * displaces an earlier one), then sorted in place by popping it. O(size log k).
     */
    private int nearest(float[] cx, float[] cy, int from, int to, float gcx, float gcy, int[] cand, int at,
                        float[] dist) {
        int k = Math.min(topk, to - from), have = 0;
        if (k == 0) {
            return at;
        }
        for (int i = from; i < to; i++) {
            float dx = cx[i] - gcx, dy = cy[i] - gcy;
            float d = (float) Math.sqrt(dx * dx + dy * dy);
            // NaN (from a NaN or infinite coordinate) is the farthest, like an overflowed distance.
            d = d <= Float.MAX_VALUE ? d : Float.POSITIVE_INFINITY;
            if (have < k) {
                siftUp(dist, cand, at, have++, d, i);
            } else if (d < dist[0]) {
                siftDown(dist, cand, at, k, d, i);
            }
        }
        // Pop the largest to the end: the k candidates in ascending (distance, index) order.
        for (int size = k - 1; size > 0; size--) {
            float d = dist[size];
            int i = cand[at + size];
            dist[size] = dist[0];
            cand[at + size] = cand[at];
            siftDown(dist, cand, at, size, d, i);
        }
        return at + k;
    }

    /** Whether (d1, i1) comes after (d2, i2): farther, or as far with a higher index. */
    private static boolean after(float d1, int i1, float d2, int i2) {
        return d1 > d2 || (d1 == d2 && i1 > i2);
    }

    /** Inserts (d, i) at heap slot {@code slot} and moves it up. */
    private static void siftUp(float[] dist, int[] cand, int at, int slot, float d, int i) {
        while (slot > 0) {
            int parent = (slot - 1) >>> 1;
            if (!after(d, i, dist[parent], cand[at + parent])) {
                break;
            }
            dist[slot] = dist[parent];
            cand[at + slot] = cand[at + parent];
            slot = parent;
        }
        dist[slot] = d;
        cand[at + slot] = i;
    }

    /** Replaces the root of a heap of {@code size} with (d, i) and moves it down. */
    private static void siftDown(float[] dist, int[] cand, int at, int size, float d, int i) {
        int slot = 0;
        while (true) {
            int child = 2 * slot + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && after(dist[child + 1], cand[at + child + 1], dist[child], cand[at + child])) {
                child++;
            }
            if (!after(dist[child], cand[at + child], d, i)) {
                break;
            }
            dist[slot] = dist[child];
            cand[at + slot] = cand[at + child];
            slot = child;
        }
        dist[slot] = d;
        cand[at + slot] = i;
    }
}
