package dev.anchorvec.encode;

/**
 * The numbers a {@link DeltaCoder} hands to its kernels, fixed when the coder is built (one instance per coder,
 * never one per call).
 *
 * <p>Encode: {@code d = w * diff / size - bias}; decode: {@code raw = (d + bias) / w}. Plane indices say where
 * each quantity sits in a row of 4 codes ({@code (dx, dy, dw, dh)} = (0, 1, 2, 3), TF's {@code (ty, tx, th, tw)}
 * = (1, 0, 3, 2)).
 */
final class DeltaParams {
    final float wx, wy, ww, wh;
    final float bx, by, bw, bh;
    /** Clamp of dw, dh in decode: {@code min(max(d, lo), hi)}. */
    final float lo, hi;
    /** Clamp of the centre shift in pixels ({@code +inf}: none). */
    final float ctr;
    /** Added to all four sizes in encode (TF EPSILON; 0 elsewhere). */
    final float eps;
    /** Positions of dx, dy, dw, dh within a row of codes. */
    final int ix, iy, iw, ih;

    DeltaParams(float[] w, float[] b, float lo, float hi, float ctr, float eps, boolean yxOrder) {
        wx = w[0];
        wy = w[1];
        ww = w[2];
        wh = w[3];
        bx = b[0];
        by = b[1];
        bw = b[2];
        bh = b[3];
        this.lo = lo;
        this.hi = hi;
        this.ctr = ctr;
        this.eps = eps;
        ix = yxOrder ? 1 : 0;
        iy = yxOrder ? 0 : 1;
        iw = yxOrder ? 3 : 2;
        ih = yxOrder ? 2 : 3;
    }
}
