package dev.anchorvec.match;

import dev.anchorvec.internal.Args;
import java.util.Objects;

/**
 * The per-anchor match codes every matcher here writes: a ground-truth index {@code >= 0}, or one of the two
 * negative codes below (torchvision's {@code BELOW_LOW_THRESHOLD} and {@code BETWEEN_THRESHOLDS}), plus
 * conversions to the other peers' conventions.
 */
public final class MatchCodes {

    /** Background (negative): best quality below the low threshold. */
    public static final int BACKGROUND = -1;
    /** Ignored: neither positive nor negative (between the thresholds, or inside an ignore region). */
    public static final int IGNORE = -2;

    private MatchCodes() {}

    /**
     * detectron2's {@code labels} for codes: 1 for a match, 0 for {@link #BACKGROUND}, -1 for {@link #IGNORE}.
     * Writes {@code labels[labelsOffset + k]} for the codes {@code codes[from + k]}, {@code k < to - from}.
     *
     * @throws IllegalArgumentException if a range does not fit or a code is below -2; nothing is written then
     */
    public static void toDetectron2Labels(int[] codes, int from, int to, int[] labels, int labelsOffset) {
        convert(codes, from, to, labels, labelsOffset, true);
    }

    /**
     * mmdet's 1-based {@code gt_inds} for codes: {@code gt + 1} for a match, 0 for {@link #BACKGROUND}, -1 for
     * {@link #IGNORE}. Writes {@code out[outOffset + k]} for {@code codes[from + k]}, {@code k < to - from}.
     *
     * @throws IllegalArgumentException if a range does not fit or a code is below -2; nothing is written then
     */
    public static void toMmdetGtInds(int[] codes, int from, int to, int[] out, int outOffset) {
        convert(codes, from, to, out, outOffset, false);
    }

    private static void convert(int[] codes, int from, int to, int[] out, int outOffset, boolean d2) {
        Objects.requireNonNull(codes, "codes");
        Objects.requireNonNull(out, "out");
        Args.range(from, to, codes.length, "codes");
        Args.room(outOffset, to - from, out.length, "out");
        for (int i = from; i < to; i++) {
            if (codes[i] < IGNORE) {
                throw new IllegalArgumentException("codes[" + i + "] = " + codes[i] + " is not a match code");
            }
        }
        for (int i = from; i < to; i++) {
            int c = codes[i];
            out[outOffset + i - from] = c >= 0 ? (d2 ? 1 : c + 1) : (c == BACKGROUND ? 0 : -1);
        }
    }
}
