package dev.anchorvec.loss;

import dev.anchorvec.internal.Args;

/**
 * Hard-negative mining with SSD's semantics: per image, keep every positive and only the negatives with the
 * highest classification loss, {@code ratio} negatives per positive (3:1 by default), at least
 * {@code minNegatives} of them.
 *
 * <p>Anchors are classified by their match code (the matcher's output): {@code >= 0} positive, {@code -1}
 * background (a negative candidate), {@code -2} ignored (never selected). With {@code P} positives and
 * {@code B} background anchors the miner selects exactly
 * {@code K = min(B, max(minNegatives, ceil(ratio * P)))} negatives: torchvision's {@code SSD.compute_loss} keeps
 * the negatives whose rank is {@code < ratio * P}, which is that count. (TensorFlow's {@code HardExampleMiner}
 * takes {@code floor}; the two agree for integer ratios.)
 *
 * <p><b>Order.</b> Negatives are ranked by loss, highest first; equal losses go to the lower anchor index
 * (torchvision's sort is unstable there). A NaN loss ranks below every number, so it is only chosen when fewer
 * than {@code K} negatives have a numeric loss; {@code -0.0} ranks just below {@code 0.0}.
 *
 * <p><b>Cost.</b> A three-level radix select on the losses' bits (11, 11 and 10 bits), O(N) and no sort: two
 * passes over the image's anchors and short passes over the candidates left in the chosen bucket.
 *
 * <pre>{@code
 * HardNegativeMiner miner = HardNegativeMiner.ssd();              // 3:1
 * MiningWorkspace ws = new MiningWorkspace();                     // one per thread
 * int kept = miner.mine(matches, 0, clsLoss, 0, numAnchors, negativeMask, 0, ws);
 * }</pre>
 */
public final class HardNegativeMiner {

    private static final int D1 = MiningWorkspace.DIGIT_BITS;
    private static final int NAN_KEY = 0;

    private final double ratio;
    private final int minNegatives;

    /**
     * @param ratio        negatives kept per positive, finite and >= 0
     * @param minNegatives negatives kept at least per image (when there are that many), >= 0
     * @throws IllegalArgumentException if {@code ratio} is NaN, infinite or negative, or {@code minNegatives < 0}
     */
    public HardNegativeMiner(double ratio, int minNegatives) {
        if (!(ratio >= 0) || Double.isInfinite(ratio)) {
            throw new IllegalArgumentException("ratio must be finite and >= 0, got " + ratio);
        }
        if (minNegatives < 0) {
            throw new IllegalArgumentException("minNegatives must be >= 0, got " + minNegatives);
        }
        this.ratio = ratio;
        this.minNegatives = minNegatives;
    }

    /** SSD's miner: 3 negatives per positive, no minimum (torchvision {@code SSD}, mmdet {@code neg_pos_ratio=3}). */
    public static HardNegativeMiner ssd() {
        return new HardNegativeMiner(3, 0);
    }

    /** The ratio of negatives to positives. */
    public double ratio() {
        return ratio;
    }

    /** The minimum number of negatives per image. */
    public int minNegatives() {
        return minNegatives;
    }

    /**
     * The number of negatives this miner keeps for an image with {@code positives} positives and
     * {@code negatives} negative candidates.
     */
    public int negativesToKeep(int positives, int negatives) {
        double wanted = Math.ceil(ratio * positives);
        long k = Math.max(minNegatives, (long) Math.min(wanted, Integer.MAX_VALUE));
        return (int) Math.min(negatives, k);
    }

    /**
     * Mines one image: writes {@code selected[selectedOffset + i] = 1} for the kept negatives and 0 for every other
     * anchor of the image (positives and ignored anchors included), and returns the number kept.
     *
     * @param matches        match codes of the image's anchors ({@code >= 0} positive, -1 background, -2 ignore)
     * @param losses         the anchors' classification losses (only background anchors' values are read)
     * @param n              the number of anchors of the image
     * @param selected       the output mask
     * @param ws             scratch memory, used by one thread at a time
     * @throws IllegalArgumentException if an array is too short for its offset and {@code n}, or a match code is
     *                                  below -2; nothing is written then
     */
    public int mine(int[] matches, int matchesOffset, float[] losses, int lossesOffset, int n, byte[] selected,
            int selectedOffset, MiningWorkspace ws) {
        Args.notNull(matches, "matches");
        Args.notNull(losses, "losses");
        Args.notNull(selected, "selected");
        Args.notNull(ws, "ws");
        Args.room(matchesOffset, n, matches.length, "matches");
        Args.room(lossesOffset, n, losses.length, "losses");
        Args.room(selectedOffset, n, selected.length, "selected");
        int positives = Labels.checkedPositives(matches, matchesOffset, n);

        ws.guard.claim();
        try {
            int negatives = 0;
            for (int i = 0; i < n; i++) {
                negatives += matches[matchesOffset + i] == -1 ? 1 : 0;
            }
            java.util.Arrays.fill(selected, selectedOffset, selectedOffset + n, (byte) 0);
            int k = negativesToKeep(positives, negatives);
            if (k == 0) {
                return 0;
            }
            if (k == negatives) {
                for (int i = 0; i < n; i++) {
                    selected[selectedOffset + i] = (byte) (matches[matchesOffset + i] == -1 ? 1 : 0);
                }
                return k;
            }
            select(matches, matchesOffset, losses, lossesOffset, n, selected, selectedOffset, k, ws);
            return k;
        } finally {
            ws.guard.release();
        }
    }

    /**
     * Order-preserving unsigned key of a loss: larger loss, larger key; NaN gets the smallest key so that it is
     * never preferred to a number.
     */
    static int key(float loss) {
        int bits = Float.floatToRawIntBits(loss);
        int signed = bits ^ ((bits >> 31) & 0x7fffffff);
        int unsigned = signed ^ 0x80000000;
        return loss != loss ? NAN_KEY : unsigned;
    }

    /** Radix select of the {@code k} largest keys among the background anchors (ties to the lower index). */
    private static void select(int[] matches, int mo, float[] losses, int lo, int n, byte[] selected, int so, int k,
            MiningWorkspace ws) {
        int[] hist = ws.histogram;
        java.util.Arrays.fill(hist, 0);
        for (int i = 0; i < n; i++) {
            if (matches[mo + i] == -1) {
                hist[key(losses[lo + i]) >>> (32 - D1)]++;
            }
        }
        int need = k;
        int bucket = hist.length - 1;
        while (hist[bucket] < need) {
            need -= hist[bucket];
            bucket--;
        }
        // Everything above the bucket is kept; the bucket's members (in index order) go on to the next digit.
        int[] cand = ws.indices(hist[bucket]);
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (matches[mo + i] == -1) {
                int digit = key(losses[lo + i]) >>> (32 - D1);
                selected[so + i] = (byte) (digit > bucket ? 1 : 0);
                if (digit == bucket) {
                    cand[count++] = i;
                }
            }
        }
        int[] next = ws.second(count);
        int shift = 32 - 2 * D1;
        int width = D1;
        for (int level = 1; level < 3 && need < count; level++) {
            int mask = (1 << width) - 1;
            java.util.Arrays.fill(hist, 0, 1 << width, 0);
            for (int c = 0; c < count; c++) {
                hist[(key(losses[lo + cand[c]]) >>> shift) & mask]++;
            }
            bucket = mask;
            while (hist[bucket] < need) {
                need -= hist[bucket];
                bucket--;
            }
            int kept = 0;
            for (int c = 0; c < count; c++) {
                int i = cand[c];
                int digit = (key(losses[lo + i]) >>> shift) & mask;
                if (digit > bucket) {
                    selected[so + i] = 1;
                } else if (digit == bucket) {
                    next[kept++] = i;
                }
            }
            int[] t = cand;
            cand = next;
            next = t;
            count = kept;
            width = 32 - 2 * D1;
            shift = 0;
        }
        // The candidates left share one key (or are exactly the ones needed): the lowest indices win.
        for (int c = 0; c < need; c++) {
            selected[so + cand[c]] = 1;
        }
    }
}
