package dev.anchorvec.select;

/**
 * Scalar implementation of {@link NmsKernels}: every survivor after the first suppressed one is written back
 * branch-free (the drop decision only moves the write position), as suppressed boxes are scattered
 * unpredictably.
 */
final class ScalarNmsKernels implements NmsKernels {

    @Override
    public int squeeze(float[] d, int p0, int p1, int p2, int p3, int[] order, int from, int end, long[] bits) {
        int first = firstSet(bits);
        return squeezeFrom(d, p0, p1, p2, p3, order, from, end, bits, first, from + first);
    }

    /** Index of the lowest set bit; one is set. */
    static int firstSet(long[] bits) {
        int w = 0;
        while (bits[w] == 0) {
            w++;
        }
        return (w << 6) + Long.numberOfTrailingZeros(bits[w]);
    }

    /** Squeezes positions {@code from + k}, {@code k >= first}, writing survivors from {@code out} on. */
    static int squeezeFrom(float[] d, int p0, int p1, int p2, int p3, int[] order, int from, int end, long[] bits,
                           int first, int out) {
        for (int k = first, n = end - from; k < n; k++) {
            int r = from + k;
            int drop = (int) (bits[k >>> 6] >>> k) & 1;
            order[out] = order[r];
            d[p0 + out] = d[p0 + r];
            d[p1 + out] = d[p1 + r];
            d[p2 + out] = d[p2 + r];
            d[p3 + out] = d[p3 + r];
            out += 1 - drop;
        }
        return out;
    }
}
