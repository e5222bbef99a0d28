package dev.anchorvec.match;

import dev.anchorvec.boxes.BestIou;
import dev.anchorvec.boxes.BoxIou;
import dev.anchorvec.boxes.Boxes;
import dev.anchorvec.boxes.IouKind;
import dev.anchorvec.internal.Args;
import java.util.Objects;

/**
 * mmdet's {@code MaxIoUAssigner} ({@code mmdet/models/task_modules/assigners/max_iou_assigner.py}) on the
 * fused kernels, writing {@link MatchCodes} (convert with {@link MatchCodes#toMmdetGtInds} for mmdet's 1-based
 * {@code gt_inds}: 0 negative, -1 ignore).
 *
 * <p>Rules, as mmdet applies them: negative where {@code 0 <= max IoU < neg_iou_thr} (or inside the range
 * {@code [lo, hi)}: below {@code lo} stays ignored); positive (its best gt) where {@code max >= pos_iou_thr};
 * everything else ignored. With {@code match_low_quality}, each gt i in order whose best IoU is
 * {@code >= min_pos_iou} assigns itself to all priors reaching that IoU ({@code gt_max_assign_all}) or to its
 * first best prior; later gts overwrite earlier ones and this overrides the thresholds. With
 * {@code ignore_iof_thr > 0} and ignore boxes, a prior whose IoF with any ignore box exceeds the threshold is
 * ignored and takes no part in the gts' maxima (mmdet sets its IoU column to -1). IoF divides by the prior's
 * area ({@code ignore_wrt_candidates=True}, mmdet's default) or by the ignore box's.
 *
 * <p>{@code min_pos_iou} must be in [0, 1] here (mmdet does not check; a negative value would let a gt whose
 * priors are all ignored claim one of them). Empty gt: all background (mmdet: all negative).
 *
 * <p><b>Validation.</b> {@link Builder#build()} rejects NaN thresholds, an inverted negative range, a low end
 * above {@code pos_iou_thr} and {@code min_pos_iou} outside [0, 1], naming the argument. {@code assign} checks
 * nulls and the room for the codes before it writes anything. The ignore regions are tested against the priors in
 * tiles of at most 256 x 256 IoF values kept in the workspace, so no allocation grows with the number of ignore
 * boxes (any number is accepted; the time is O(priors x ignore boxes)).
 *
 * <p><b>Extreme input.</b> Priors, gts and ignore boxes may hold any floats: IoU and IoF are
 * {@link IouKind}'s, never NaN, so every code is a gt index, {@link MatchCodes#BACKGROUND} or
 * {@link MatchCodes#IGNORE}; the scalar and vector code kernels give the same codes.
 *
 * <p><b>Aliasing and threads.</b> Inputs are only read; the codes are {@code int}s, so nothing aliases. Immutable
 * and thread-safe; the scratch is the caller's {@link MatchWorkspace}, one call at a time (overlapping use
 * throws {@link IllegalStateException}).
 */
public final class MmdetMaxIouAssigner {

    /** Rows (priors) and columns (ignore boxes) of the IoF tile: 64K floats, whatever the number of ignore boxes. */
    private static final int TILE_ROWS = 256, TILE_COLS = 256;

    private final MaxIouMatcher matcher;
    private final double ignoreIofThr;
    private final boolean ignoreWrtCandidates;

    private MmdetMaxIouAssigner(MaxIouMatcher matcher, double ignoreIofThr, boolean ignoreWrtCandidates) {
        this.matcher = matcher;
        this.ignoreIofThr = ignoreIofThr;
        this.ignoreWrtCandidates = ignoreWrtCandidates;
    }

    /** A builder with mmdet's defaults: min_pos_iou 0, gt_max_assign_all, match_low_quality, no ignore. */
    public static Builder builder(double posIouThr, double negIouThr) {
        return new Builder(posIouThr, 0, negIouThr, "negIouThr");
    }

    /** A builder with {@code neg_iou_thr=(negLow, negHigh)}: negatives in {@code [negLow, negHigh)}. */
    public static Builder builder(double posIouThr, double negLow, double negHigh) {
        return new Builder(posIouThr, negLow, negHigh, "negHigh");
    }

    /** The equivalent {@link MaxIouMatcher} (thresholds and low-quality rule, without ignore regions). */
    public MaxIouMatcher matcher() {
        return matcher;
    }

    /** Allocating form of {@link #assign(Boxes, Boxes, Boxes, int[], int, MatchWorkspace)}. */
    public int[] assign(Boxes priors, Boxes gt, Boxes ignore) {
        Objects.requireNonNull(priors, "priors");
        int[] out = new int[priors.size()];
        assign(priors, gt, ignore, out, 0, new MatchWorkspace());
        return out;
    }

    /**
     * Assigns {@code priors} to {@code gt}, writing codes to {@code codes[codesOffset ...]}. Allocates nothing once
     * {@code ws} has grown to the priors and gts.
     *
     * @param ignore ignore regions ({@code gt_bboxes_ignore}), or null
     * @return the number of positives
     * @throws IllegalArgumentException if {@code codes} has no room; nothing is written then
     * @throws IllegalStateException    if {@code ws} is in use by another call
     */
    public int assign(Boxes priors, Boxes gt, Boxes ignore, int[] codes, int codesOffset, MatchWorkspace ws) {
        return assign(MaxIouMatcher.IMPL, priors, gt, ignore, codes, codesOffset, ws);
    }

    /** {@link #assign(Boxes, Boxes, Boxes, int[], int, MatchWorkspace)} on the code kernels {@code k}. */
    int assign(CodeKernels k, Boxes priors, Boxes gt, Boxes ignore, int[] codes, int codesOffset, MatchWorkspace ws) {
        Objects.requireNonNull(priors, "priors");
        Objects.requireNonNull(gt, "gt");
        Objects.requireNonNull(codes, "codes");
        Objects.requireNonNull(ws, "ws");
        int n = priors.size(), m = gt.size();
        Args.room(codesOffset, n, codes.length, "codes");
        ws.guard.claim();
        try {
            boolean useIgnore = ignore != null && ignore.size() > 0 && ignoreIofThr > 0 && n > 0 && m > 0;
            if (!useIgnore || !markIgnored(priors, ignore, ws)) {
                return matcher.matchClaimed(k, priors, gt, codes, codesOffset, ws);
            }
            ws.ensure(n, m, true);
            boolean[] ignored = ws.ignored;
            Boxes masked = maskIgnored(priors, ws);
            BestIou.compute(masked, gt, ws.bestA, ws.argA, ws.bestB, ws.argB, ws.blockMaxima());
            int firstKept = 0;
            while (firstKept < n && ignored[firstKept]) {
                firstKept++;
            }
            for (int j = 0; j < m; j++) {
                if (ws.bestB[j] == 0f) {
                    // mmdet's ignored columns are -1, so a gt overlapping nothing has its maximum 0 at the first
                    // kept prior; with every prior ignored its maximum is -1 (and min_pos_iou >= 0 skips it).
                    ws.bestB[j] = firstKept < n ? 0f : -1f;
                    ws.argB[j] = firstKept < n ? firstKept : 0;
                }
            }
            matcher.finish(k, n, m, ws, codes, codesOffset, masked, gt, null, 0);
            int positives = 0;
            for (int i = 0; i < n; i++) {
                if (ignored[i]) {
                    codes[codesOffset + i] = MatchCodes.IGNORE;
                }
                positives += codes[codesOffset + i] >= 0 ? 1 : 0;
            }
            return positives;
        } finally {
            ws.guard.release();
        }
    }

    /** Sets {@code ws.ignored[i]} for the priors over the IoF threshold; whether there is any. */
    private boolean markIgnored(Boxes priors, Boxes ignore, MatchWorkspace ws) {
        int n = priors.size(), k = ignore.size();
        ws.ensureIgnore(n);
        float[] tile = ws.tile(TILE_ROWS * TILE_COLS);
        float thr = (float) ignoreIofThr;
        IouKind kind = ignoreWrtCandidates ? IouKind.IOA_A : IouKind.IOA_B;
        boolean[] ignored = ws.ignored;
        java.util.Arrays.fill(ignored, 0, n, false);
        boolean any = false;
        for (int s = 0; s < n; s += TILE_ROWS) {
            int e = Math.min(n, s + TILE_ROWS);
            for (int c0 = 0; c0 < k; c0 += TILE_COLS) {
                int c1 = Math.min(k, c0 + TILE_COLS), cols = c1 - c0;
                BoxIou.pairwise(kind, priors, s, e, ignore, c0, c1, tile, 0, cols);
                for (int i = s; i < e; i++) {
                    boolean ig = false;
                    for (int c = 0, base = (i - s) * cols; c < cols; c++) {
                        ig |= tile[base + c] > thr;
                    }
                    ignored[i] |= ig;
                    any |= ig;
                }
            }
        }
        return any;
    }

    /** The priors with every ignored one replaced by an empty box (IoU 0 with everything). */
    private static Boxes maskIgnored(Boxes priors, MatchWorkspace ws) {
        int n = priors.size();
        Boxes masked = ws.masked;
        float[] src = priors.data(), dst = masked.data();
        for (int p = 0; p < 4; p++) {
            System.arraycopy(src, priors.plane(p), dst, masked.plane(p), n);
        }
        for (int i = 0; i < n; i++) {
            if (ws.ignored[i]) {
                masked.set(i, 1f, 1f, 0f, 0f);
            }
        }
        return masked;
    }

    @Override
    public String toString() {
        return "MmdetMaxIouAssigner[" + matcher + ", ignoreIofThr=" + ignoreIofThr + ", ignoreWrtCandidates="
                + ignoreWrtCandidates + "]";
    }

    /** Builder of {@link MmdetMaxIouAssigner}; {@link #build()} validates. Mutable, for one thread. */
    public static final class Builder {
        private final double pos;
        private final double negLow;
        private final double negHigh;
        /** How messages call the high end: the caller's argument name in either factory. */
        private final String negHighName;
        private double minPosIou = 0;
        private boolean gtMaxAssignAll = true;
        private boolean matchLowQuality = true;
        private double ignoreIofThr = -1;
        private boolean ignoreWrtCandidates = true;

        private Builder(double pos, double negLow, double negHigh, String negHighName) {
            this.pos = pos;
            this.negLow = negLow;
            this.negHigh = negHigh;
            this.negHighName = negHighName;
        }

        /** mmdet's {@code min_pos_iou}, in [0, 1] (default 0). */
        public Builder minPosIou(double v) {
            this.minPosIou = v;
            return this;
        }

        /** mmdet's {@code gt_max_assign_all} (default true). */
        public Builder gtMaxAssignAll(boolean v) {
            this.gtMaxAssignAll = v;
            return this;
        }

        /** mmdet's {@code match_low_quality} (default true). */
        public Builder matchLowQuality(boolean v) {
            this.matchLowQuality = v;
            return this;
        }

        /** mmdet's {@code ignore_iof_thr} (default -1: off; only a value > 0 enables ignore regions). */
        public Builder ignoreIofThr(double v) {
            this.ignoreIofThr = v;
            return this;
        }

        /** mmdet's {@code ignore_wrt_candidates} (default true: IoF over the prior's area). */
        public Builder ignoreWrtCandidates(boolean v) {
            this.ignoreWrtCandidates = v;
            return this;
        }

        /**
         * The assigner.
         *
         * @throws IllegalArgumentException for a NaN value, {@code negLow > negHigh}, {@code negLow > pos} or
         *                                  {@code minPosIou} outside [0, 1]
         */
        public MmdetMaxIouAssigner build() {
            Args.notNaN(pos, "posIouThr");
            Args.notNaN(negLow, "negLow");
            Args.notNaN(negHigh, negHighName);
            Args.notNaN(ignoreIofThr, "ignoreIofThr");
            Args.inRange(minPosIou, 0, 1, "minPosIou");
            if (negLow > negHigh) {
                throw new IllegalArgumentException("negLow (" + negLow + ") must be <= " + negHighName + " ("
                        + negHigh + "): the negIouThr range is inverted");
            }
            if (negLow > pos) {
                throw new IllegalArgumentException("negLow (" + negLow + ") must be <= posIouThr (" + pos + ")");
            }
            // Where neg_iou_thr > pos_iou_thr mmdet's positives overwrite the negatives: low = min(neg, pos).
            MaxIouMatcher m = MaxIouMatcher.builder().thresholds(pos, Math.min(negHigh, pos)).negativeFloor(negLow)
                    .lowQuality(matchLowQuality ? LowQuality.TRIGGERING_GT : LowQuality.NONE).minPosIou(minPosIou)
                    .gtMaxAssignAll(gtMaxAssignAll).build();
            return new MmdetMaxIouAssigner(m, ignoreIofThr, ignoreWrtCandidates);
        }
    }
}
