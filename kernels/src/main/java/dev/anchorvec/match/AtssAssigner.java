package dev.anchorvec.match;

import dev.anchorvec.boxes.BoxIou;
import dev.anchorvec.boxes.Boxes;
import dev.anchorvec.boxes.IouKind;
import dev.anchorvec.internal.Args;
import java.util.Arrays;
import java.util.Objects;

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
 * no positives. IoU is {@link IouKind#IOU}. Immutable; the allocating form allocates O(priors) scratch.
 */
public final class AtssAssigner {

    private final int topk;

    /**
     * An assigner taking {@code topk} candidates per level (mmdet's default is 9).
     *
     * @throws IllegalArgumentException if {@code topk < 1}
     */
    public AtssAssigner(int topk) {
        if (topk < 1) {
            throw new IllegalArgumentException("topk must be >= 1, got " + topk);
        }
        this.topk = topk;
    }

    /** mmdet's {@code ATSSAssigner(topk=9)}. */
    public static AtssAssigner mmdet() {
        return new AtssAssigner(9);
    }

    /** The number of candidates per level and gt. */
    public int topk() {
        return topk;
    }

    /** Allocating form of {@link #assign(Boxes, int[], Boxes, int[], int)}. */
    public int[] assign(Boxes priors, int[] levelSizes, Boxes gt) {
        Objects.requireNonNull(priors, "priors");
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
     *                                  {@code priors.size()}, or {@code codes} has no room; nothing is written
     */
    public int assign(Boxes priors, int[] levelSizes, Boxes gt, int[] codes, int codesOffset) {
        Objects.requireNonNull(priors, "priors");
        Objects.requireNonNull(levelSizes, "levelSizes");
        Objects.requireNonNull(gt, "gt");
        Objects.requireNonNull(codes, "codes");
        long sum = 0;
        for (int l = 0; l < levelSizes.length; l++) {
            if (levelSizes[l] < 0) {
                throw new IllegalArgumentException("levelSizes[" + l + "] = " + levelSizes[l] + " is negative");
            }
            sum += levelSizes[l];
        }
        int n = priors.size(), m = gt.size();
        if (sum != n) {
            throw new IllegalArgumentException("levelSizes add up to " + sum + ", priors.size() is " + n);
        }
        Args.room(codesOffset, n, codes.length, "codes");
        Arrays.fill(codes, codesOffset, codesOffset + n, MatchCodes.BACKGROUND);
        if (n == 0 || m == 0) {
            return 0;
        }
        float[] cx = new float[n], cy = new float[n];
        for (int i = 0; i < n; i++) {
            cx[i] = (priors.x1(i) + priors.x2(i)) / 2f;
            cy[i] = (priors.y1(i) + priors.y2(i)) / 2f;
        }
        float[] bestIou = new float[n];
        Arrays.fill(bestIou, Float.NEGATIVE_INFINITY);
        int maxCandidates = 0;
        for (int size : levelSizes) {
            maxCandidates += Math.min(topk, size);
        }
        int[] cand = new int[maxCandidates];
        float[] candIou = new float[maxCandidates];
        float[] dist = new float[topk];
        for (int j = 0; j < m; j++) {
            float gx1 = gt.x1(j), gy1 = gt.y1(j), gx2 = gt.x2(j), gy2 = gt.y2(j);
            float gcx = (gx1 + gx2) / 2f, gcy = (gy1 + gy2) / 2f;
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
     * Appends to {@code cand} the (up to) topk priors of [from, to) nearest (gcx, gcy), by an insertion into a
     * sorted list of size topk: strict comparison keeps the lower index first among equal distances.
     */
    private int nearest(float[] cx, float[] cy, int from, int to, float gcx, float gcy, int[] cand, int at,
                        float[] dist) {
        int k = Math.min(topk, to - from), have = 0;
        for (int i = from; i < to; i++) {
            float dx = cx[i] - gcx, dy = cy[i] - gcy;
            float d = (float) Math.sqrt(dx * dx + dy * dy);
            if (have == k && !(d < dist[k - 1])) {
                continue;
            }
            int p = have == k ? k - 1 : have++;
            while (p > 0 && d < dist[p - 1]) {
                dist[p] = dist[p - 1];
                cand[at + p] = cand[at + p - 1];
                p--;
            }
            dist[p] = d;
            cand[at + p] = i;
        }
        return at + k;
    }
}
