package dev.anchorvec.match;

/** Scalar implementation of {@link CodeKernels}, written branch-free (codes are random per anchor). */
final class ScalarCodeKernels implements CodeKernels {

    @Override
    public void codes(float[] best, int[] arg, int n, float high, float low, float floor, int[] out, int off) {
        for (int i = 0; i < n; i++) {
            float v = best[i];
            int code = v >= high ? arg[i] : MatchCodes.BACKGROUND;
            boolean ignore = (v < high && v >= low) | v < floor;
            out[off + i] = ignore ? MatchCodes.IGNORE : code;
        }
    }

    @Override
    public void applyTies(int[] ties, int[] arg, int n, int[] out, int off) {
        for (int i = 0; i < n; i++) {
            if (ties[i] >= 0) {
                out[off + i] = arg[i];
            }
        }
    }

    @Override
    public int positives(int[] out, int off, int n) {
        int count = 0;
        for (int i = 0; i < n; i++) {
            count += ~out[off + i] >>> 31;
        }
        return count;
    }
}
