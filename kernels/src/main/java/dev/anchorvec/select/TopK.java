package dev.anchorvec.select;

import dev.anchorvec.internal.Args;
import java.util.Arrays;
import java.util.Objects;

/**
 * The {@code k} best scores, best first (equal scores: lower index first; NaN never selected), without sorting
 * all of them: a most-significant-digit radix select finds the k-th best score's key in at most three counting
 * passes over the candidates, one pass collects the k winners, and only those k are sorted. This is what a
 * detector's pre-NMS {@code topk_candidates} / {@code nms_pre} / {@code max_nms} step needs: linear in the
 * candidates, no allocation with a reused workspace.
 *
 * <pre>{@code
 * int[] best = new int[1000];
 * int r = TopK.select(scores, 0, scores.length, 1000, best, ws);   // best[0, r): indices, best first
 * }</pre>
 */
public final class TopK {

    private static final int DIGIT_BITS = 11;
    private static final int DIGITS = 1 << DIGIT_BITS;

    private TopK() {}

    /**
     * Writes the indices ({@code 0 .. n-1}, relative to {@code offset}) of the {@code min(k, non-NaN count)} best
     * scores of {@code scores[offset, offset + n)} to {@code out}, best first, and returns their count.
     *
     * @throws IllegalArgumentException if {@code k} is negative, the scores are too short or {@code out} has no
     *                                  room for {@code min(k, n)} entries (checked before anything is written)
     */
    public static int select(float[] scores, int offset, int n, int k, int[] out, NmsWorkspace ws) {
        Objects.requireNonNull(scores, "scores");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(ws, "ws");
        Args.count(k, "k");
        Args.count(n, "n");
        Args.room(offset, n, scores.length, "scores");
        if (out.length < Math.min(k, n)) {
            throw new IllegalArgumentException("out.length " + out.length + " < min(k, n) = " + Math.min(k, n));
        }
        ws.guard.claim();
        try {
            ws.ensure(n);
            int[] keys = ws.keys, order = ws.order;
            int m = 0;
            for (int i = 0; i < n; i++) {
                float s = scores[offset + i];
                if (s == s) {
                    keys[m] = ScoreOrder.key(s);
                    order[m++] = i;
                }
            }
            int r;
            int[] rk, ro, sk, so;
            if (m <= k) {
                r = m;
                rk = keys; ro = order; sk = ws.keys2; so = ws.order2;
            } else {
                r = k;
                collect(keys, order, m, k, threshold(keys, m, k, ws.counts), ws.keys2, ws.order2);
                rk = ws.keys2; ro = ws.order2; sk = keys; so = order;
            }
            ScoreOrder.sortKeys(rk, ro, r, sk, so, ws.counts);
            System.arraycopy(ro, 0, out, 0, r);
            return r;
        } finally {
            ws.guard.release();
        }
    }

    /** The k-th smallest unsigned key of {@code keys[0, m)} ({@code 1 <= k < m}), digit by digit from the top. */
    static int threshold(int[] keys, int m, int k, int[] counts) {
        int prefix = 0, prefixMask = 0, rank = k; // rank: 1-based rank of the wanted key among the matching ones
        for (int shift = 32 - DIGIT_BITS; ; shift = Math.max(0, shift - DIGIT_BITS)) {
            int bits = Math.min(DIGIT_BITS, shift == 0 ? 32 - Integer.bitCount(prefixMask) : DIGIT_BITS);
            int digitMask = (1 << bits) - 1;
            Arrays.fill(counts, 0, DIGITS, 0);
            for (int j = 0; j < m; j++) {
                int key = keys[j];
                if ((key & prefixMask) == prefix) {
                    counts[(key >>> shift) & digitMask]++;
                }
            }
            int d = 0;
            while (counts[d] < rank) {
                rank -= counts[d++];
            }
            prefix |= d << shift;
            prefixMask |= digitMask << shift;
            if (shift == 0) {
                return prefix;
            }
        }
    }

    /** All keys below the threshold, then keys equal to it in position order until k are taken. */
    private static void collect(int[] keys, int[] order, int m, int k, int threshold, int[] outKeys, int[] outOrder) {
        int r = 0;
        for (int j = 0; j < m; j++) {
            if (Integer.compareUnsigned(keys[j], threshold) < 0) {
                outKeys[r] = keys[j];
                outOrder[r++] = order[j];
            }
        }
        for (int j = 0; r < k; j++) {
            if (keys[j] == threshold) {
                outKeys[r] = threshold;
                outOrder[r++] = order[j];
            }
        }
    }
}
