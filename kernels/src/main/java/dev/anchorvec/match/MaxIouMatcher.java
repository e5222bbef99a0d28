package dev.anchorvec.match;

import dev.anchorvec.boxes.BestIou;
import dev.anchorvec.boxes.Boxes;
import dev.anchorvec.boxes.IouTies;
import dev.anchorvec.internal.Args;
import dev.anchorvec.simd.Simd;
import java.lang.invoke.MethodHandles;
import java.util.Arrays;
import java.util.Objects;

/**
 * Max-IoU matching of anchors (predictions) to ground truth, with the rules of torchvision's {@code Matcher} and
 * {@code SSDMatcher}, detectron2's {@code Matcher} and mmdet's {@code MaxIoUAssigner} (see {@link LowQuality}).
 * Immutable and thread-safe; the per-call scratch lives in a {@link MatchWorkspace}.
 *
 * <p>Each anchor takes its best gt (ties to the lowest gt index). Its best quality {@code v} is compared, in
 * float32 as torchvision does, with the thresholds: {@code v >= high} keeps the gt, {@code low <= v < high} gives
 * {@link MatchCodes#IGNORE}, {@code v < low} gives {@link MatchCodes#BACKGROUND} (and {@code v < negativeFloor}
 * gives IGNORE again, for mmdet's {@code neg_iou_thr=(lo, hi)}). Then low-quality matches are applied.
 *
 * <p>Two inputs: boxes ({@link #match(Boxes, Boxes, int[], int, MatchWorkspace)}, on the fused
 * {@link BestIou} kernel plus one fused {@link IouTies} pass when low-quality matching needs it: memory
 * O(N + M), no N x M matrix), or a caller's quality matrix, M gt rows by N prediction columns as torchvision
 * takes it ({@link #match(float[], int, int, int, int[], int, MatchWorkspace)}). Both give identical codes for
 * the same IoU values.
 *
 * <p>An empty gt set gives all {@link MatchCodes#BACKGROUND} (torchvision raises, detectron2 and mmdet label
 * everything negative); no anchors, nothing.
 *
 * <p><b>Validation.</b> The builder rejects NaN thresholds, {@code low > high} and a floor above {@code low}
 * (infinite thresholds are allowed: {@code +Infinity} as {@code high} makes nothing positive). Each match checks
 * its arguments before it writes or allocates anything: nulls ({@link NullPointerException} naming them), room
 * for the codes and for the matrix (products in {@code long}), and a NaN anywhere in a quality matrix
 * ({@link IllegalArgumentException} naming the argument and the cell). The allocating quality-matrix form allocates
 * at most {@link MatchCodes#MAX_ALLOCATED_CODES} codes.
 *
 * <p><b>Extreme input.</b> Boxes may hold any floats: the IoU is {@link dev.anchorvec.boxes.IouKind#IOU}'s, in
 * [0, 1] and never NaN (NaN, infinite and inverted boxes overlap nothing), so every code is a gt index,
 * {@link MatchCodes#BACKGROUND} or {@link MatchCodes#IGNORE}. A quality matrix may hold infinities (compared as
 * they are; a gt whose qualities are all {@code -Infinity} reaches its maximum everywhere, as in torch). The
 * scalar and the vector code kernels give the same codes.
 *
 * <p><b>Aliasing and threads.</b> The inputs are only read and the codes are {@code int}s, so no output can alias
 * an input. Immutable and thread-safe; the per-call scratch lives in a {@link MatchWorkspace}, which serves one
 * call at a time (overlapping use throws {@link IllegalStateException}).
 *
 * <pre>{@code
 * MaxIouMatcher matcher = MaxIouMatcher.torchvision(0.5, 0.4, true);   // RetinaNet
 * MatchWorkspace ws = new MatchWorkspace();
 * int positives = matcher.match(anchors, gt, matches, 0, ws);
 * }</pre>
 */
public final class MaxIouMatcher {

    /** The code kernels the public methods use (the tests run the others through the package-private forms). */
    static final CodeKernels IMPL = Simd.select(MethodHandles.lookup(), CodeKernels.class,
            "dev.anchorvec.match.VectorCodeKernels", ScalarCodeKernels::new);

    private final double high;
    private final double low;
    private final double negativeFloor;
    private final LowQuality lowQuality;
    private final double minPosIou;
    private final boolean gtMaxAssignAll;
    private final float highF, lowF, floorF, minPosF;

    private MaxIouMatcher(Builder b) {
        high = b.high;
        low = b.low;
        negativeFloor = b.negativeFloor;
        lowQuality = b.lowQuality;
        minPosIou = b.minPosIou;
        gtMaxAssignAll = b.gtMaxAssignAll;
        highF = (float) high;
        lowF = (float) low;
        floorF = (float) negativeFloor;
        minPosF = (float) minPosIou;
    }

    /** A builder, defaults: high 0.5, low 0.4, no floor, {@link LowQuality#NONE}, minPosIou 0, assign-all on. */
    public static Builder builder() {
        return new Builder();
    }

    /** torchvision {@code Matcher(high, low, allow_low_quality_matches)}. */
    public static MaxIouMatcher torchvision(double high, double low, boolean allowLowQualityMatches) {
        return builder().thresholds(high, low)
                .lowQuality(allowLowQualityMatches ? LowQuality.TORCHVISION : LowQuality.NONE).build();
    }

    /**
     * torchvision {@code SSDMatcher(threshold)}: high = low = threshold, each gt's best anchor forced to it.
     *
     * @throws IllegalArgumentException if {@code threshold} is NaN
     */
    public static MaxIouMatcher ssd(double threshold) {
        Args.notNaN(threshold, "threshold");
        return builder().thresholds(threshold, threshold).lowQuality(LowQuality.TRIGGERING_GT)
                .minPosIou(Double.NEGATIVE_INFINITY).gtMaxAssignAll(false).build();
    }

    /** detectron2 RetinaNet: thresholds [0.4, 0.5], labels [0, -1, 1], low-quality matches on. */
    public static MaxIouMatcher detectron2RetinaNet() {
        return builder().thresholds(0.5, 0.4).lowQuality(LowQuality.DETECTRON2).build();
    }

    /** detectron2 RPN: thresholds [0.3, 0.7], labels [0, -1, 1], low-quality matches on. */
    public static MaxIouMatcher detectron2Rpn() {
        return builder().thresholds(0.7, 0.3).lowQuality(LowQuality.DETECTRON2).build();
    }

    /** detectron2 ROI heads: threshold [0.5], labels [0, 1] (no ignore band), no low-quality matches. */
    public static MaxIouMatcher detectron2RoiHeads() {
        return builder().thresholds(0.5, 0.5).build();
    }

    /** The high (positive) threshold. */
    public double high() {
        return high;
    }

    /** The low (background) threshold. */
    public double low() {
        return low;
    }

    /** Below this floor a quality is ignored rather than background (mmdet's range form); default -infinity. */
    public double negativeFloor() {
        return negativeFloor;
    }

    /** The low-quality rule. */
    public LowQuality lowQuality() {
        return lowQuality;
    }

    /** For {@link LowQuality#TRIGGERING_GT}: a gt's maximum must be at least this to assign. */
    public double minPosIou() {
        return minPosIou;
    }

    /** For {@link LowQuality#TRIGGERING_GT}: all predictions achieving a gt's maximum, or only the first. */
    public boolean gtMaxAssignAll() {
        return gtMaxAssignAll;
    }

    /**
     * Allocating form of {@link #match(Boxes, Boxes, int[], int, MatchWorkspace)}: the codes of the anchors (one
     * {@code int} per anchor, and a workspace the size of the inputs).
     */
    public int[] match(Boxes anchors, Boxes gt) {
        Objects.requireNonNull(anchors, "anchors");
        Objects.requireNonNull(gt, "gt");
        int[] out = new int[anchors.size()];
        match(anchors, gt, out, 0, new MatchWorkspace());
        return out;
    }

    /**
     * Matches {@code anchors} (N) to {@code gt} (M) by IoU, writing N codes to {@code matches[matchesOffset ...]}.
     * Allocates nothing once {@code ws} has grown to N and M.
     *
     * @return the number of positives (codes {@code >= 0})
     * @throws IllegalArgumentException if {@code matches} has no room for N codes; nothing is written then
     */
    public int match(Boxes anchors, Boxes gt, int[] matches, int matchesOffset, MatchWorkspace ws) {
        return match(IMPL, anchors, gt, matches, matchesOffset, ws);
    }

    /** {@link #match(Boxes, Boxes, int[], int, MatchWorkspace)} on the code kernels {@code k}. */
    int match(CodeKernels k, Boxes anchors, Boxes gt, int[] matches, int matchesOffset, MatchWorkspace ws) {
        Objects.requireNonNull(anchors, "anchors");
        Objects.requireNonNull(gt, "gt");
        Objects.requireNonNull(matches, "matches");
        Objects.requireNonNull(ws, "ws");
        int n = anchors.size(), m = gt.size();
        Args.room(matchesOffset, n, matches.length, "matches");
        ws.guard.claim();
        try {
            return matchClaimed(k, anchors, gt, matches, matchesOffset, ws);
        } finally {
            ws.guard.release();
        }
    }

    /** The work of {@link #match(Boxes, Boxes, int[], int, MatchWorkspace)}: checked arguments, ws held. */
    int matchClaimed(CodeKernels k, Boxes anchors, Boxes gt, int[] matches, int matchesOffset, MatchWorkspace ws) {
        int n = anchors.size(), m = gt.size();
        if (n == 0 || m == 0) {
            return noGt(n, ws, matches, matchesOffset);
        }
        ws.ensure(n, m, true);
        BestIou.compute(anchors, gt, ws.bestA, ws.argA, ws.bestB, ws.argB, ws.blockMaxima());
        return finish(k, n, m, ws, matches, matchesOffset, anchors, gt, null, 0);
    }

    /**
     * Allocating form of {@link #match(float[], int, int, int, int[], int, MatchWorkspace)}: the codes of the
     * {@code predictions} columns of the {@code gts x predictions} matrix at {@code quality[0 ...]}.
     *
     * @throws IllegalArgumentException as that method, or if {@code predictions} is above
     *                                  {@link MatchCodes#MAX_ALLOCATED_CODES}; nothing is allocated then
     */
    public int[] match(float[] quality, int gts, int predictions) {
        checkMatrix(quality, 0, gts, predictions);
        Args.inRange(predictions, 0, MatchCodes.MAX_ALLOCATED_CODES, "predictions");
        int[] out = new int[predictions];
        matchMatrix(IMPL, quality, 0, gts, predictions, out, 0, new MatchWorkspace());
        return out;
    }

    /** The matrix fits {@code quality} (sizes in {@code long}) and holds no NaN. */
    private static void checkMatrix(float[] quality, int qualityOffset, int gts, int predictions) {
        Args.notNull(quality, "quality");
        Args.count(gts, "gts");
        Args.count(predictions, "predictions");
        Args.room(qualityOffset, (long) gts * predictions, quality.length, "quality");
        Args.notNaN(quality, qualityOffset, gts, predictions, "quality");
    }

    /**
     * Matches from a quality matrix: {@code quality[qualityOffset + j * predictions + i]} is the quality of
     * prediction i for gt j (torchvision's M x N layout). Writes {@code predictions} codes to
     * {@code matches[matchesOffset ...]}.
     *
     * @return the number of positives
     * @throws IllegalArgumentException if the matrix does not fit {@code quality}, holds a NaN, or
     *                                  {@code matches} has no room; nothing is written then
     */
    public int match(float[] quality, int qualityOffset, int gts, int predictions, int[] matches, int matchesOffset,
                     MatchWorkspace ws) {
        return match(IMPL, quality, qualityOffset, gts, predictions, matches, matchesOffset, ws);
    }

    /** {@link #match(float[], int, int, int, int[], int, MatchWorkspace)} on the code kernels {@code k}. */
    int match(CodeKernels k, float[] quality, int qualityOffset, int gts, int predictions, int[] matches,
              int matchesOffset, MatchWorkspace ws) {
        checkMatrix(quality, qualityOffset, gts, predictions);
        Args.notNull(matches, "matches");
        Args.notNull(ws, "ws");
        Args.room(matchesOffset, predictions, matches.length, "matches");
        return matchMatrix(k, quality, qualityOffset, gts, predictions, matches, matchesOffset, ws);
    }

    /** The matrix form on checked arguments: claims {@code ws} and matches. */
    private int matchMatrix(CodeKernels k, float[] quality, int qualityOffset, int gts, int predictions,
                            int[] matches, int matchesOffset, MatchWorkspace ws) {
        ws.guard.claim();
        try {
            if (predictions == 0 || gts == 0) {
                // An empty matrix bounds neither count: nothing is sized by them.
                return noGt(predictions, ws, matches, matchesOffset);
            }
            ws.ensure(predictions, gts, false);
            QualityMatrix.best(quality, qualityOffset, gts, predictions, ws.bestA, ws.argA, ws.bestB, ws.argB);
            return finish(k, predictions, gts, ws, matches, matchesOffset, null, null, quality, qualityOffset);
        } finally {
            ws.guard.release();
        }
    }

    /** No gt: all {@code n} codes background; no anchors: nothing. The workspace records it without growing. */
    private static int noGt(int n, MatchWorkspace ws, int[] matches, int off) {
        ws.noGt(n);
        Arrays.fill(matches, off, off + n, MatchCodes.BACKGROUND);
        return 0;
    }

    /**
     * Per prediction, the highest gt j whose quality equals {@code targets[j]} (-1 if none), into
     * {@code ws.ties}: from the boxes when {@code anchors} is set, else from the quality matrix. (A lambda would
     * be simpler but allocates per call.)
     */
    private static void tiePass(MatchWorkspace ws, float[] targets, int n, int m, Boxes anchors, Boxes gt,
                                float[] q, int qOff) {
        if (anchors != null) {
            // The block maxima of the first pass limit the sweep to the blocks that hold each target.
            IouTies.lastEqual(anchors, gt, targets, ws.ties, ws.blockMaxima());
        } else {
            QualityMatrix.lastEqual(q, qOff, m, n, targets, ws.ties);
        }
    }

    /**
     * Applies thresholds and low-quality rules to the reductions in {@code ws} (bestA/argA per prediction,
     * bestB/argB per gt, all ties to the lowest index); the tie pass reads the boxes or the matrix.
     */
    int finish(CodeKernels k, int n, int m, MatchWorkspace ws, int[] matches, int off, Boxes anchors, Boxes gt, float[] q,
               int qOff) {
        float[] bestA = ws.bestA;
        int[] argA = ws.argA;
        if (m == 0 || n == 0) {
            // No anchors: nothing to write (a gt's argmax is -1 then). No gt: all background.
            Arrays.fill(matches, off, off + n, MatchCodes.BACKGROUND);
            return 0;
        }
        k.codes(bestA, argA, n, highF, lowF, floorF, matches, off);
        switch (lowQuality) {
            case NONE -> { }
            case TORCHVISION, DETECTRON2 -> {
                tiePass(ws, ws.bestB, n, m, anchors, gt, q, qOff);
                k.applyTies(ws.ties, argA, n, matches, off);
            }
            case TRIGGERING_GT -> triggering(n, m, ws, matches, off, anchors, gt, q, qOff);
        }
        return k.positives(matches, off, n);
    }

    private void triggering(int n, int m, MatchWorkspace ws, int[] matches, int off, Boxes anchors, Boxes gt,
                            float[] q, int qOff) {
        float[] bestB = ws.bestB;
        if (!gtMaxAssignAll) {
            for (int j = 0; j < m; j++) {
                if (bestB[j] >= minPosF) {
                    matches[off + ws.argB[j]] = j;
                }
            }
            return;
        }
        float[] targets = ws.targets;
        for (int j = 0; j < m; j++) {
            // NaN never equals a quality: the gt is left out of the tie pass.
            targets[j] = bestB[j] >= minPosF ? bestB[j] : Float.NaN;
        }
        tiePass(ws, targets, n, m, anchors, gt, q, qOff);
        int[] ties = ws.ties;
        for (int i = 0; i < n; i++) {
            if (ties[i] >= 0) {
                matches[off + i] = ties[i];
            }
        }
    }

    @Override
    public String toString() {
        return "MaxIouMatcher[high=" + high + ", low=" + low + (negativeFloor > Double.NEGATIVE_INFINITY
                ? ", negativeFloor=" + negativeFloor : "") + ", lowQuality=" + lowQuality
                + (lowQuality == LowQuality.TRIGGERING_GT ? ", minPosIou=" + minPosIou + ", gtMaxAssignAll="
                + gtMaxAssignAll : "") + "]";
    }

    /** Builder of {@link MaxIouMatcher}; {@link #build()} validates. Mutable, for one thread. */
    public static final class Builder {
        private double high = 0.5;
        private double low = 0.4;
        private double negativeFloor = Double.NEGATIVE_INFINITY;
        private LowQuality lowQuality = LowQuality.NONE;
        private double minPosIou = 0;
        private boolean gtMaxAssignAll = true;

        private Builder() {}

        /** High (positive, inclusive) and low (background below) thresholds; {@code low <= high}. */
        public Builder thresholds(double high, double low) {
            this.high = high;
            this.low = low;
            return this;
        }

        /** Qualities below {@code floor} are ignored instead of background (mmdet's {@code (lo, hi)} form). */
        public Builder negativeFloor(double floor) {
            this.negativeFloor = floor;
            return this;
        }

        /** The low-quality rule. */
        public Builder lowQuality(LowQuality rule) {
            this.lowQuality = Objects.requireNonNull(rule, "lowQuality");
            return this;
        }

        /** mmdet's {@code min_pos_iou} (for {@link LowQuality#TRIGGERING_GT}). */
        public Builder minPosIou(double minPosIou) {
            this.minPosIou = minPosIou;
            return this;
        }

        /** mmdet's {@code gt_max_assign_all} (for {@link LowQuality#TRIGGERING_GT}). */
        public Builder gtMaxAssignAll(boolean all) {
            this.gtMaxAssignAll = all;
            return this;
        }

        /**
         * The matcher. Thresholds are compared in float32 (each rounded to float once, as torch compares a float
         * tensor with a Python number); infinite values are allowed.
         *
         * @throws IllegalArgumentException if a threshold is NaN, {@code low > high} or the floor exceeds low
         */
        public MaxIouMatcher build() {
            Args.notNaN(high, "high");
            Args.notNaN(low, "low");
            Args.notNaN(negativeFloor, "negativeFloor");
            Args.notNaN(minPosIou, "minPosIou");
            if (low > high) {
                throw new IllegalArgumentException("low (" + low + ") must be <= high (" + high + ")");
            }
            if (negativeFloor > low) {
                throw new IllegalArgumentException("negativeFloor (" + negativeFloor + ") must be <= low (" + low
                        + ")");
            }
            return new MaxIouMatcher(this);
        }
    }
}
