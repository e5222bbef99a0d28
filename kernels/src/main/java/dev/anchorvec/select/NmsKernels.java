package dev.anchorvec.select;

/**
 * The survivor compaction of greedy NMS: after a kept box's sweep, the candidates it suppressed are squeezed
 * out of the planar candidate boxes and their index array, in place and in order, so the next sweep reads only
 * survivors. Arguments are validated by {@link Nms}.
 */
interface NmsKernels {

    /**
     * Drops position {@code from + k} of the four planes (starting at {@code p0..p3} in {@code d}) and of
     * {@code order} for every bit {@code k} set in {@code bits} ({@code k < end - from}, at least one set),
     * keeping the order of the others, and returns the new end. Positions before the first set bit do not
     * move; positions from the new end to {@code end} are left with unspecified values.
     */
    int squeeze(float[] d, int p0, int p1, int p2, int p3, int[] order, int from, int end, long[] bits);
}
