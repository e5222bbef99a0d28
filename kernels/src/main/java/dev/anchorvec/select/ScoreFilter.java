package dev.anchorvec.select;

import dev.anchorvec.simd.Simd;
import java.lang.invoke.MethodHandles;
import java.util.Objects;

/**
 * Score filtering over flat score (or logit) arrays such as a head's {@code [anchors, classes]} output: the
 * positions at or above a bound, ascending. Survivors are rare after a detector's threshold, so the vector kernel
 * spends one compare per vector and compresses only the steps that hold survivors. For a sigmoid threshold, pass
 * {@link ScoreThreshold#minLogit} and filter the logits; for a strict threshold {@code s} on scores, pass
 * {@link ScoreThreshold#above}{@code (s)}.
 */
public final class ScoreFilter {

    /**
     * Extra room {@link #atLeast} needs in {@code out} past the worst case (whole-vector writes): the float lanes
     * of the widest vector shape (2048 bits). A constant, so that this facade never loads the incubator module.
     */
    public static final int SLACK = 64;

    private static final ScoreFilterKernels IMPL = Simd.select(MethodHandles.lookup(), ScoreFilterKernels.class,
            "dev.anchorvec.select.VectorScoreFilterKernels", ScalarScoreFilterKernels::new);

    private ScoreFilter() {}

    /**
     * Appends every {@code j} in {@code [from, to)} with {@code x[j] >= min} (never a NaN) to {@code out} from
     * {@code outFrom} on, ascending, and returns the new end of {@code out}'s filled part. Entries after that end,
     * up to {@code outFrom + (to - from) + SLACK}, may be overwritten.
     *
     * @throws IllegalArgumentException if the range is outside {@code x} or {@code out} has less than
     *                                  {@code to - from + SLACK} entries from {@code outFrom}
     */
    public static int atLeast(float[] x, int from, int to, float min, int[] out, int outFrom) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(out, "out");
        if (from < 0 || to < from || to > x.length) {
            throw new IllegalArgumentException("range [" + from + ", " + to + ") is outside x (length "
                    + x.length + ")");
        }
        if (outFrom < 0 || (long) outFrom + (to - from) + SLACK > out.length) {
            throw new IllegalArgumentException("out: need " + (to - from) + " + SLACK entries from " + outFrom
                    + ", out.length is " + out.length);
        }
        return IMPL.atLeast(x, from, to, min, out, outFrom);
    }
}
