package dev.anchorvec.encode;

import dev.anchorvec.boxes.Boxes;

/**
 * What the vector coder passes work on (see {@link Transpose4}): {@code count} rows of a tile; planes are
 * {@code array[plane + j]} for row j of the tile. Each vector kernel keeps one subclass instance per thread with
 * its own parameters; array references are cleared after each call so that a thread does not pin user arrays.
 */
class CoderTile {
    int count;
    /** Index of the tile's first row. */
    int first;
    /** Interleaved input rows, row j at {@code src[srcOff + srcStride * j]}. */
    float[] src;
    int srcOff;
    int srcStride = 4;
    /** Scratch holding the input rows as planes {@code codes[c * PLANE + j]}. */
    float[] codes;
    float[] a;
    int a0, a1, a2, a3;
    float[] g;
    int g0, g1, g2, g3;
    float[] dst;
    int d0, d1, d2, d3;
    /** Interleaved output rows, row j at {@code out[outOff + 4 * j]}. */
    float[] out;
    int outOff;
    /** Scratch planes for a transcendental function's inputs or results ({@code e[c * PLANE + j]}). */
    float[] e;
    /**
     * What one run of a one-plane pass reads ({@code uSrc[uSrcOff + j]}) and writes ({@code uDst[uDstOff + j]}),
     * with a weight and a bias. Transcendental functions get passes of their own: {@code exp} or {@code log} is
     * ~30 vector operations, too many to share a compilation with the rest of a coder's formula.
     */
    float[] uSrc, uDst;
    int uSrcOff, uDstOff;
    float uWeight, uBias;

    final void unary(float[] src, int srcOff, float[] dst, int dstOff, float weight, float bias) {
        uSrc = src;
        uSrcOff = srcOff;
        uDst = dst;
        uDstOff = dstOff;
        uWeight = weight;
        uBias = bias;
    }

    final void anchorsAt(Boxes b, int s) {
        a = b.data();
        a0 = b.plane(0) + s;
        a1 = b.plane(1) + s;
        a2 = b.plane(2) + s;
        a3 = b.plane(3) + s;
    }

    final void gtAt(Boxes b, int s) {
        g = b.data();
        g0 = b.plane(0) + s;
        g1 = b.plane(1) + s;
        g2 = b.plane(2) + s;
        g3 = b.plane(3) + s;
    }

    final void dstAt(float[] array, int p0, int p1, int p2, int p3) {
        dst = array;
        d0 = p0;
        d1 = p1;
        d2 = p2;
        d3 = p3;
    }

    /** Destination planes in consecutive {@link Transpose4#PLANE}-sized slices of {@code scratch}. */
    final void dstScratch(float[] scratch) {
        dstAt(scratch, 0, Transpose4.PLANE, 2 * Transpose4.PLANE, 3 * Transpose4.PLANE);
    }

    void clear() {
        src = codes = a = g = dst = out = e = uSrc = uDst = null;
    }
}
