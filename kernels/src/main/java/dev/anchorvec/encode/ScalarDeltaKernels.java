package dev.anchorvec.encode;

import dev.anchorvec.boxes.Boxes;
import dev.anchorvec.simd.FloatMath;

/**
 * Scalar implementation of {@link DeltaKernels}, in torchvision's float32 order of operations: sizes
 * {@code x2 - x1}, centres {@code x1 + 0.5 * w}, {@code dx = wx * (gcx - acx) / aw}, {@code dw = ww * log(gw / aw)};
 * decode {@code pcx = dx * w + cx}, {@code pw = exp(dw) * w}, corners {@code pcx -/+ 0.5 * pw}. {@code exp} and
 * {@code log} are anchorvec's own ({@link FloatMath}, within 1 ulp), so {@link VectorDeltaKernels} gives the same
 * bits; it uses this class for inputs shorter than a vector.
 */
final class ScalarDeltaKernels implements DeltaKernels {

    @Override
    public void encode(DeltaParams p, Boxes anchors, Boxes gt, int n, float[] out, int outOffset) {
        encodeRange(p, anchors, gt, 0, n, out, outOffset);
    }

    /** Rows {@code [from, to)}, row i at {@code out[outOffset + 4 * (i - from)]}. */
    static void encodeRange(DeltaParams p, Boxes anchors, Boxes gt, int from, int to, float[] out, int outOffset) {
        float[] a = anchors.data(), g = gt.data();
        int a0 = anchors.plane(0), a1 = anchors.plane(1), a2 = anchors.plane(2), a3 = anchors.plane(3);
        int g0 = gt.plane(0), g1 = gt.plane(1), g2 = gt.plane(2), g3 = gt.plane(3);
        for (int i = from, o = outOffset; i < to; i++, o += 4) {
            encodeOne(p, a[a0 + i], a[a1 + i], a[a2 + i], a[a3 + i], g[g0 + i], g[g1 + i], g[g2 + i], g[g3 + i],
                    out, o);
        }
    }

    /** Encodes one pair into {@code out[o, o + 4)}. */
    static void encodeOne(DeltaParams p, float ax1, float ay1, float ax2, float ay2, float gx1, float gy1,
                          float gx2, float gy2, float[] out, int o) {
        float aw = ax2 - ax1, ah = ay2 - ay1;
        float acx = ax1 + 0.5f * aw, acy = ay1 + 0.5f * ah;
        float gw = gx2 - gx1, gh = gy2 - gy1;
        float gcx = gx1 + 0.5f * gw, gcy = gy1 + 0.5f * gh;
        // TF adds EPSILON to the sizes after taking the centres; adding 0 (every other preset) changes nothing.
        aw += p.eps;
        ah += p.eps;
        gw += p.eps;
        gh += p.eps;
        out[o + p.ix] = p.wx * (gcx - acx) / aw - p.bx;
        out[o + p.iy] = p.wy * (gcy - acy) / ah - p.by;
        out[o + p.iw] = p.ww * FloatMath.log(gw / aw) - p.bw;
        out[o + p.ih] = p.wh * FloatMath.log(gh / ah) - p.bh;
    }

    @Override
    public void decode(DeltaParams p, Boxes anchors, int n, float[] deltas, int deltasOffset, int k, boolean clip,
                       float clipW, float clipH, float[] out, int outOffset) {
        decodeRange(p, anchors, 0, n * k, k, deltas, deltasOffset, clip, clipW, clipH, out, outOffset);
    }

    /**
     * Rows {@code [from, to)} of the {@code n * k} rows (row r belongs to anchor {@code r / k}); row r is read at
     * {@code deltasOffset + 4 * r} and written at {@code outOffset + 4 * r}.
     */
    static void decodeRange(DeltaParams p, Boxes anchors, int from, int to, int k, float[] deltas,
                            int deltasOffset, boolean clip, float clipW, float clipH, float[] out, int outOffset) {
        float[] a = anchors.data();
        int a0 = anchors.plane(0), a1 = anchors.plane(1), a2 = anchors.plane(2), a3 = anchors.plane(3);
        for (int r = from; r < to; r++) {
            int i = r / k, o = outOffset + 4 * r;
            decodeOne(p, a[a0 + i], a[a1 + i], a[a2 + i], a[a3 + i], deltas, deltasOffset + 4 * r, clip, clipW,
                    clipH, out, o, o + 1, o + 2, o + 3);
        }
    }

    @Override
    public void decodePlanar(DeltaParams p, Boxes anchors, int n, float[] deltas, int deltasOffset, boolean clip,
                             float clipW, float clipH, Boxes out) {
        decodePlanarRange(p, anchors, 0, n, deltas, deltasOffset, clip, clipW, clipH, out);
    }

    /** Boxes {@code [from, to)} of {@link #decodePlanar}. */
    static void decodePlanarRange(DeltaParams p, Boxes anchors, int from, int to, float[] deltas, int deltasOffset,
                                  boolean clip, float clipW, float clipH, Boxes out) {
        float[] a = anchors.data(), o = out.data();
        int a0 = anchors.plane(0), a1 = anchors.plane(1), a2 = anchors.plane(2), a3 = anchors.plane(3);
        int o0 = out.plane(0), o1 = out.plane(1), o2 = out.plane(2), o3 = out.plane(3);
        for (int i = from; i < to; i++) {
            decodeOne(p, a[a0 + i], a[a1 + i], a[a2 + i], a[a3 + i], deltas, deltasOffset + 4 * i, clip, clipW,
                    clipH, o, o0 + i, o1 + i, o2 + i, o3 + i);
        }
    }

    /** Decodes the codes at {@code d[di, di + 4)} against one anchor into {@code out[i0..i3]} (x1, y1, x2, y2). */
    static void decodeOne(DeltaParams p, float ax1, float ay1, float ax2, float ay2, float[] d, int di,
                          boolean clip, float clipW, float clipH, float[] out, int i0, int i1, int i2, int i3) {
        float w = ax2 - ax1, h = ay2 - ay1;
        float cx = ax1 + 0.5f * w, cy = ay1 + 0.5f * h;
        float dx = (d[di + p.ix] + p.bx) / p.wx;
        float dy = (d[di + p.iy] + p.by) / p.wy;
        float dw = Math.min(Math.max((d[di + p.iw] + p.bw) / p.ww, p.lo), p.hi);
        float dh = Math.min(Math.max((d[di + p.ih] + p.bh) / p.wh, p.lo), p.hi);
        // mmdet's add_ctr_clamp limits the shift in pixels; with ctr = +inf this is the identity.
        float pcx = Math.min(Math.max(dx * w, -p.ctr), p.ctr) + cx;
        float pcy = Math.min(Math.max(dy * h, -p.ctr), p.ctr) + cy;
        float hw = 0.5f * (FloatMath.exp(dw) * w);
        float hh = 0.5f * (FloatMath.exp(dh) * h);
        float x1 = pcx - hw, y1 = pcy - hh, x2 = pcx + hw, y2 = pcy + hh;
        if (clip) {
            x1 = Math.min(Math.max(x1, 0f), clipW);
            y1 = Math.min(Math.max(y1, 0f), clipH);
            x2 = Math.min(Math.max(x2, 0f), clipW);
            y2 = Math.min(Math.max(y2, 0f), clipH);
        }
        out[i0] = x1;
        out[i1] = y1;
        out[i2] = x2;
        out[i3] = y2;
    }

    @Override
    public int firstNotPositive(Boxes b, int from, int to) {
        float[] d = b.data();
        int p0 = b.plane(0), p1 = b.plane(1), p2 = b.plane(2), p3 = b.plane(3);
        for (int i = from; i < to; i++) {
            if (!(d[p2 + i] - d[p0 + i] > 0f && d[p3 + i] - d[p1 + i] > 0f)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public int nextPositive(int[] matches, int from, int to) {
        for (int i = from; i < to; i++) {
            if (matches[i] >= 0) {
                return i;
            }
        }
        return to;
    }
}
