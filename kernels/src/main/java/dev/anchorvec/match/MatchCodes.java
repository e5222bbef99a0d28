package dev.anchorvec.match;

import dev.anchorvec.internal.Args;

/**
 * The per-anchor match codes every matcher here writes: a ground-truth index {@code >= 0}, or one of the two
 * negative codes below (torchvision's {@code BELOW_LOW_THRESHOLD} and {@code BETWEEN_THRESHOLDS}), plus
 * conversions to the other peers' conventions.
 *
 * <p><b>Validation.</b> The conversions check their ranges (in {@code long}, so no offset or count wraps) and every
 * code before writing anything: a code below {@link #IGNORE} gets an {@link IllegalArgumentException} naming
 * {@code codes[i]}. <b>Aliasing:</b> the output may be the codes array itself at the same offset (an in-place
 * conversion); any other overlap of the two ranges is rejected, naming both. <b>Threads:</b> stateless and
 * thread-safe.
 *
 * <p>{@link #MAX_ALLOCATED_CODES} is the limit of the matchers' allocating forms whose output length is an
 * argument rather than the size of an input.
 */
public final class MatchCodes {

    /** Background (negative): best quality below the low threshold. */
    public static final int BACKGROUND = -1;
    /** Ignored: neither positive nor negative (between the thresholds, or inside an ignore region). */
    public static final int IGNORE = -2;

    /**
     * The most codes an allocating matcher method allocates when their number is an {@code int} argument that no
     * input bounds (the predictions of an empty quality matrix, say): {@code 2^24}, far above any image's anchors
     * (a 1333 x 800 RetinaNet image has about 180,000). Beyond it the call throws instead of allocating; pass an
     * array of your own to the non-allocating form.
     */
    public static final int MAX_ALLOCATED_CODES = 1 << 24;

    private MatchCodes() {}

    /**
     * detectron2's {@code labels} for codes: 1 for a match, 0 for {@link #BACKGROUND}, -1 for {@link #IGNORE}.
     * Writes {@code labels[labelsOffset + k]} for the codes {@code codes[from + k]}, {@code k < to - from}.
     *
     * @throws IllegalArgumentException if a range does not fit, a code is below -2, or {@code labels} overlaps
     *                                  the codes other than exactly (in place); nothing is written then
     */
    public static void toDetectron2Labels(int[] codes, int from, int to, int[] labels, int labelsOffset) {
        convert(codes, from, to, labels, labelsOffset, true, "labels");
    }

    /**
     * mmdet's 1-based {@code gt_inds} for codes: {@code gt + 1} for a match, 0 for {@link #BACKGROUND}, -1 for
     * {@link #IGNORE}. Writes {@code out[outOffset + k]} for {@code codes[from + k]}, {@code k < to - from}.
     *
     * @throws IllegalArgumentException if a range does not fit, a code is below -2, or {@code out} overlaps the
     *                                  codes other than exactly (in place); nothing is written then
     */
    public static void toMmdetGtInds(int[] codes, int from, int to, int[] out, int outOffset) {
        convert(codes, from, to, out, outOffset, false, "out");
    }

    private static void convert(int[] codes, int from, int to, int[] out, int outOffset, boolean d2, String outName) {
        Args.notNull(codes, "codes");
        Args.notNull(out, outName);
        Args.range(from, to, codes.length, "codes");
        Args.room(outOffset, to - from, out.length, outName);
        if (outOffset != from) {
            // Element k is read before it is written, so only the exact in-place form is safe.
            Args.disjoint(codes, from, to - from, "codes", out, outOffset, to - from, outName);
        }
        for (int i = from; i < to; i++) {
            if (codes[i] < IGNORE) {
                throw new IllegalArgumentException("codes[" + i + "] = " + codes[i] + " is not a match code (>= "
                        + IGNORE + ")");
            }
        }
        for (int i = from; i < to; i++) {
            int c = codes[i];
            out[outOffset + i - from] = c >= 0 ? (d2 ? 1 : c + 1) : (c == BACKGROUND ? 0 : -1);
        }
    }
}
