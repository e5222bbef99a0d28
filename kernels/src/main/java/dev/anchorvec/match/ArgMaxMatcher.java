package dev.anchorvec.match;

import dev.anchorvec.internal.Args;
import java.util.Arrays;

/**
 * TF Object Detection's {@code ArgMaxMatcher} ({@code object_detection/matchers/argmax_matcher.py}) on a
 * similarity matrix with gt <em>rows</em> and anchor <em>columns</em>: each column takes its best row (ties to
 * the lowest row, like {@code tf.argmax}); with thresholds, a column whose maximum is below
 * {@code unmatched} becomes {@link MatchCodes#BACKGROUND} (-1) and one in {@code [unmatched, matched)}
 * {@link MatchCodes#IGNORE} (-2), or the other way round with {@code negativesLowerThanUnmatched=false};
 * similarities are compared in float32. With {@code forceMatchForEachRow} every valid row's best column (first
 * on ties) is forced to that row; when two rows force the same column the last row wins by default
 * (peers.md C7; note that TF's {@code tf.argmax} over the one-hot indicators returns the <em>first</em> such row
 * on CPU: {@link Builder#forceMatchFirstRowWins(boolean)} selects that). As in TF, {@code validRows} only
 * gates the forced matches; the column argmax sees every row. No rows: every column unmatched (-1).
 *
 * <p><b>Validation.</b> The builder rejects NaN thresholds and {@code unmatched > matched} (infinite thresholds
 * are allowed). {@code match} checks, before writing or allocating anything: nulls, the matrix against
 * {@code similarity} (sizes in {@code long}), a NaN anywhere in it (naming the cell), the length of
 * {@code validRows} and the room for the codes; the allocating form allocates at most
 * {@link MatchCodes#MAX_ALLOCATED_CODES} codes. Infinite similarities are compared as they are. Every code is a row
 * index, {@link MatchCodes#BACKGROUND} or {@link MatchCodes#IGNORE}. The work is O(rows x cols).
 *
 * <p><b>Aliasing and threads.</b> Inputs are only read and the codes are {@code int}s, so nothing aliases.
 * Immutable and thread-safe (the builder is not: one thread).
 */
public final class ArgMaxMatcher {

    private final boolean thresholds;
    private final double matched;
    private final double unmatched;
    private final boolean negativesLowerThanUnmatched;
    private final boolean forceMatchForEachRow;
    private final boolean firstRowWins;

    private ArgMaxMatcher(Builder b) {
        thresholds = b.thresholds;
        matched = b.matched;
        unmatched = b.unmatched;
        negativesLowerThanUnmatched = b.negativesLowerThanUnmatched;
        forceMatchForEachRow = b.forceMatchForEachRow;
        firstRowWins = b.firstRowWins;
    }

    /** No thresholds ({@code matched_threshold=None}): every column is matched to its best row. */
    public static Builder builder() {
        return new Builder();
    }

    /** {@code matched_threshold = unmatched_threshold = matched}. */
    public static Builder builder(double matched) {
        return builder(matched, matched);
    }

    /** {@code matched_threshold}, {@code unmatched_threshold}; {@code unmatched <= matched}. */
    public static Builder builder(double matched, double unmatched) {
        Builder b = new Builder();
        b.thresholds = true;
        b.matched = matched;
        b.unmatched = unmatched;
        return b;
    }

    /**
     * Allocating form of {@link #match(float[], int, int, int, boolean[], int[], int)}: the codes of the
     * {@code cols} columns of the matrix at {@code similarity[0 ...]}.
     *
     * @throws IllegalArgumentException as that method, or if {@code cols} is above
     *                                  {@link MatchCodes#MAX_ALLOCATED_CODES}; nothing is allocated then
     */
    public int[] match(float[] similarity, int rows, int cols, boolean[] validRows) {
        check(similarity, 0, rows, cols, validRows);
        Args.inRange(cols, 0, MatchCodes.MAX_ALLOCATED_CODES, "cols");
        int[] out = new int[cols];
        matchChecked(similarity, 0, rows, cols, validRows, out, 0);
        return out;
    }

    /** The matrix fits {@code similarity} and holds no NaN; {@code validRows} has one flag per row. */
    private static void check(float[] similarity, int offset, int rows, int cols, boolean[] validRows) {
        Args.notNull(similarity, "similarity");
        Args.count(rows, "rows");
        Args.count(cols, "cols");
        Args.room(offset, (long) rows * cols, similarity.length, "similarity");
        Args.notNaN(similarity, offset, rows, cols, "similarity");
        if (validRows != null) {
            Args.length(validRows.length, rows, "validRows");
        }
    }

    /**
     * Matches the {@code cols} anchors of {@code similarity[offset + r * cols + c]} (row r = gt) and writes their
     * codes to {@code matches[matchesOffset ...]}.
     *
     * @param validRows null (all valid) or one flag per row
     * @return the number of matched columns
     * @throws IllegalArgumentException if the matrix does not fit, holds a NaN, {@code validRows} has the wrong
     *                                  length or {@code matches} has no room; nothing is written then
     */
    public int match(float[] similarity, int offset, int rows, int cols, boolean[] validRows, int[] matches,
                     int matchesOffset) {
        check(similarity, offset, rows, cols, validRows);
        Args.notNull(matches, "matches");
        Args.room(matchesOffset, cols, matches.length, "matches");
        return matchChecked(similarity, offset, rows, cols, validRows, matches, matchesOffset);
    }

    private int matchChecked(float[] similarity, int offset, int rows, int cols, boolean[] validRows, int[] matches,
                             int matchesOffset) {
        if (rows == 0) {
            Arrays.fill(matches, matchesOffset, matchesOffset + cols, MatchCodes.BACKGROUND);
            return 0;
        }
        float mt = (float) matched, ut = (float) unmatched;
        int below = negativesLowerThanUnmatched ? MatchCodes.BACKGROUND : MatchCodes.IGNORE;
        int between = negativesLowerThanUnmatched ? MatchCodes.IGNORE : MatchCodes.BACKGROUND;
        for (int c = 0; c < cols; c++) {
            float best = similarity[offset + c];
            int arg = 0;
            for (int r = 1; r < rows; r++) {
                float v = similarity[offset + r * cols + c];
                if (v > best) {
                    best = v;
                    arg = r;
                }
            }
            int code = arg;
            if (thresholds) {
                code = best < ut ? below : best < mt ? between : arg;
            }
            matches[matchesOffset + c] = code;
        }
        if (forceMatchForEachRow && cols > 0) {
            int from = firstRowWins ? rows - 1 : 0, to = firstRowWins ? -1 : rows, step = firstRowWins ? -1 : 1;
            for (int r = from; r != to; r += step) {
                if (validRows != null && !validRows[r]) {
                    continue;
                }
                int base = offset + r * cols, arg = 0;
                for (int c = 1; c < cols; c++) {
                    if (similarity[base + c] > similarity[base + arg]) {
                        arg = c;
                    }
                }
                matches[matchesOffset + arg] = r;
            }
        }
        int count = 0;
        for (int c = 0; c < cols; c++) {
            count += matches[matchesOffset + c] >= 0 ? 1 : 0;
        }
        return count;
    }

    /** Builder of {@link ArgMaxMatcher}; {@link #build()} validates. Mutable, for one thread. */
    public static final class Builder {
        private boolean thresholds;
        private double matched;
        private double unmatched;
        private boolean negativesLowerThanUnmatched = true;
        private boolean forceMatchForEachRow;
        private boolean firstRowWins;

        private Builder() {}

        /** TF's {@code negatives_lower_than_unmatched} (default true). */
        public Builder negativesLowerThanUnmatched(boolean v) {
            negativesLowerThanUnmatched = v;
            return this;
        }

        /** TF's {@code force_match_for_each_row} (default false). */
        public Builder forceMatchForEachRow(boolean v) {
            forceMatchForEachRow = v;
            return this;
        }

        /** Two rows forcing one column: the first row wins instead of the last (TF's CPU argmax). */
        public Builder forceMatchFirstRowWins(boolean v) {
            firstRowWins = v;
            return this;
        }

        /**
         * The matcher.
         *
         * @throws IllegalArgumentException for a NaN threshold, {@code unmatched > matched}, or equal thresholds
         *                                  with {@code negativesLowerThanUnmatched=false} (as TF)
         */
        public ArgMaxMatcher build() {
            if (thresholds) {
                Args.notNaN(matched, "matched");
                Args.notNaN(unmatched, "unmatched");
                if (unmatched > matched) {
                    throw new IllegalArgumentException("unmatched (" + unmatched + ") must be <= matched (" + matched
                            + ")");
                }
                if (!negativesLowerThanUnmatched && unmatched == matched) {
                    throw new IllegalArgumentException("unmatched must be < matched when negatives lie between "
                            + "the thresholds (negativesLowerThanUnmatched=false)");
                }
            }
            return new ArgMaxMatcher(this);
        }
    }
}
