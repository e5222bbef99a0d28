package dev.anchorvec.encode;

import dev.anchorvec.boxes.Boxes;

/**
 * The FCOS coder: distances {@code (l, t, r, b)} from the anchor's centre to the four sides of a box, optionally
 * divided by the anchor's width and height. torchvision {@code BoxLinearCoder(normalize_by_size)} and detectron2
 * {@code Box2BoxTransformLinear}, in torchvision's float32 order: {@code cx = 0.5 * (x1 + x2)},
 * {@code l = cx - gx1}, {@code t = cy - gy1}, {@code r = gx2 - cx}, {@code b = gy2 - cy}, then {@code / w} or
 * {@code / h}; decode {@code x1 = cx - l * w} (or {@code cx - l}), {@code x2 = cx + r * w}, ...
 *
 * <p>Immutable, thread-safe; scalar code (a handful of adds per box, no transcendental: the JIT's
 * auto-vectorisation is not needed to keep it cheap relative to the delta coder). Rows are interleaved
 * {@code [n, 4]}. With {@code normalizeBySize}, encode needs anchors of positive width and height
 * ({@link IllegalArgumentException} naming the index otherwise, before anything is written); decode accepts any.
 */
public final class LinearCoder {

    private final boolean normalizeBySize;

    private LinearCoder(boolean normalizeBySize) {
        this.normalizeBySize = normalizeBySize;
    }

    /** torchvision {@code BoxLinearCoder(normalize_by_size)} (FCOS uses {@code true}). */
    public static LinearCoder torchvision(boolean normalizeBySize) {
        return new LinearCoder(normalizeBySize);
    }

    /** Whether distances are divided by the anchor's width and height. */
    public boolean normalizeBySize() {
        return normalizeBySize;
    }

    /** A new {@code [n, 4]} array of {@code (l, t, r, b)} of {@code gt[i]} from {@code anchors[i]}. */
    public float[] encode(Boxes anchors, Boxes gt) {
        Checks.notNull(anchors, "anchors");
        float[] out = new float[Checks.rows(anchors.size(), 1, "out")];
        encode(anchors, gt, out, 0);
        return out;
    }

    /**
     * Writes {@code (l, t, r, b)} of {@code gt[i]} from the centre of {@code anchors[i]} into row {@code i}.
     *
     * @throws IllegalArgumentException if the sizes differ, {@code out} is too small, or (normalised) an anchor
     *                                  has width or height {@code <= 0}
     */
    public void encode(Boxes anchors, Boxes gt, float[] out, int outOffset) {
        int n = Checks.aligned(anchors, gt, out, outOffset);
        if (normalizeBySize) {
            for (int i = 0; i < n; i++) {
                if (!(anchors.x2(i) - anchors.x1(i) > 0f && anchors.y2(i) - anchors.y1(i) > 0f)) {
                    Checks.positive(anchors, i, "anchors", "normalize_by_size divides by the anchor size");
                }
            }
        }
        float[] a = anchors.data(), g = gt.data();
        int a0 = anchors.plane(0), a1 = anchors.plane(1), a2 = anchors.plane(2), a3 = anchors.plane(3);
        int g0 = gt.plane(0), g1 = gt.plane(1), g2 = gt.plane(2), g3 = gt.plane(3);
        for (int i = 0, o = outOffset; i < n; i++, o += 4) {
            float ax1 = a[a0 + i], ay1 = a[a1 + i], ax2 = a[a2 + i], ay2 = a[a3 + i];
            float cx = 0.5f * (ax1 + ax2), cy = 0.5f * (ay1 + ay2);
            float l = cx - g[g0 + i], t = cy - g[g1 + i], r = g[g2 + i] - cx, b = g[g3 + i] - cy;
            if (normalizeBySize) {
                float w = ax2 - ax1, h = ay2 - ay1;
                l /= w;
                t /= h;
                r /= w;
                b /= h;
            }
            out[o] = l;
            out[o + 1] = t;
            out[o + 2] = r;
            out[o + 3] = b;
        }
    }

    /** A new {@code [n, 4]} array of the xyxy boxes the codes describe. */
    public float[] decode(Boxes anchors, float[] codes) {
        Checks.notNull(anchors, "anchors");
        Checks.notNull(codes, "codes");
        if (codes.length != 4L * anchors.size()) {
            throw new IllegalArgumentException("codes.length " + codes.length + " != 4 * anchors.size() = "
                    + 4L * anchors.size());
        }
        float[] out = new float[codes.length];
        decode(anchors, codes, 0, out, 0);
        return out;
    }

    /**
     * Decodes row {@code i} of {@code codes} (from {@code codesOffset}) against {@code anchors[i]} into xyxy row
     * {@code i} of {@code out}. {@code out} may be {@code codes} at the same offset.
     *
     * @throws IllegalArgumentException if an array is too small
     */
    public void decode(Boxes anchors, float[] codes, int codesOffset, float[] out, int outOffset) {
        Checks.notNull(anchors, "anchors");
        Checks.notNull(codes, "codes");
        Checks.notNull(out, "out");
        int n = anchors.size();
        int floats = Checks.rows(n, 1, "codes");
        Checks.room("codes", codes.length, codesOffset, floats);
        Checks.room("out", out.length, outOffset, floats);
        float[] a = anchors.data();
        int a0 = anchors.plane(0), a1 = anchors.plane(1), a2 = anchors.plane(2), a3 = anchors.plane(3);
        for (int i = 0; i < n; i++) {
            int c = codesOffset + 4 * i, o = outOffset + 4 * i;
            float ax1 = a[a0 + i], ay1 = a[a1 + i], ax2 = a[a2 + i], ay2 = a[a3 + i];
            float cx = 0.5f * (ax1 + ax2), cy = 0.5f * (ay1 + ay2);
            float l = codes[c], t = codes[c + 1], r = codes[c + 2], b = codes[c + 3];
            if (normalizeBySize) {
                float w = ax2 - ax1, h = ay2 - ay1;
                l *= w;
                t *= h;
                r *= w;
                b *= h;
            }
            out[o] = cx - l;
            out[o + 1] = cy - t;
            out[o + 2] = cx + r;
            out[o + 3] = cy + b;
        }
    }

    @Override
    public String toString() {
        return "LinearCoder[normalizeBySize=" + normalizeBySize + "]";
    }
}
