package dev.anchorvec.select;

/**
 * Score filtering: the positions of the scores (or logits) at or above a bound, in ascending order. Arguments are
 * validated by {@link ScoreFilter}.
 */
interface ScoreFilterKernels {

    /**
     * Appends every {@code j} in {@code [from, to)} with {@code x[j] >= min} (NaN never) to {@code out} from
     * {@code outFrom} on and returns the new end. {@code out} has room for {@code to - from + ScoreFilter.SLACK}
     * entries from {@code outFrom}: a vector kernel may write whole vectors past the last survivor.
     */
    int atLeast(float[] x, int from, int to, float min, int[] out, int outFrom);
}
