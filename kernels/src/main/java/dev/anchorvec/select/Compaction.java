package dev.anchorvec.select;

/**
 * Removes the suppressed candidates from the survivor arrays in place, keeping their order, so the next sweep
 * only reads survivors.
 */
final class Compaction {

    private Compaction() {}

    /**
     * Drops position {@code from + k} of the four planes and of {@code order} for every bit {@code k} set in
     * {@code bits}, for {@code k < end - from}, and returns the new end. Survivors before the first set bit stay
     * where they are; after it every survivor is written back branch-free (the drop decision only moves the
     * write position), as suppressed boxes are scattered unpredictably.
     */
    static int squeeze(float[] d, int p0, int p1, int p2, int p3, int[] order, int from, int end, long[] bits) {
        int n = end - from;
        int w = 0;
        while (bits[w] == 0) {
            w++;
        }
        int first = (w << 6) + Long.numberOfTrailingZeros(bits[w]);
        int out = from + first;
        for (int k = first; k < n; k++) {
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
