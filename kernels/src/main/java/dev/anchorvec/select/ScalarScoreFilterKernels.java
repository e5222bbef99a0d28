package dev.anchorvec.select;

/** Scalar {@link ScoreFilterKernels}: a branch-free append (the test only moves the write position). */
final class ScalarScoreFilterKernels implements ScoreFilterKernels {

    @Override
    public int atLeast(float[] x, int from, int to, float min, int[] out, int outFrom) {
        return append(x, from, to, min, out, outFrom);
    }

    static int append(float[] x, int from, int to, float min, int[] out, int o) {
        for (int j = from; j < to; j++) {
            out[o] = j;
            o += x[j] >= min ? 1 : 0;
        }
        return o;
    }
}
