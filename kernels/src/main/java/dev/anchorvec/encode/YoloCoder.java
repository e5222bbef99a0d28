package dev.anchorvec.encode;

import dev.anchorvec.boxes.Boxes;

/**
 * YOLO box coders, relative to an anchor box (centre {@code (acx, acy) = ((x1 + x2) / 2, (y1 + y2) / 2)}, size
 * {@code (aw, ah)}) and the stride of its feature map. Decoded boxes are xyxy rows. Immutable, thread-safe,
 * scalar code.
 *
 * <ul>
 * <li>{@link #yolov5()}: YOLOv5 {@code Detect.forward} on raw (pre-sigmoid) outputs {@code t}: with
 *     {@code s = sigmoid(t)}, centre {@code acx + (2 s - 1) * stride} (YOLOv5's {@code (2 s - 0.5 + gx) * stride}
 *     for the cell's anchor centred at {@code (gx + 0.5) * stride}) and size {@code (2 s)^2 * aw}. Encode gives
 *     the sigmoid-space targets {@code s = ((gcx - acx) / stride + 1) / 2} and {@code s = sqrt(gw / aw) / 2},
 *     clamped to {@code [eps, 1 - eps]}: where no clamp applies, decoding {@code logit(s)} gives the box back.
 *     (YOLOv5 itself trains on the decoded boxes' IoU; the inverse exists only for centre shifts under one stride
 *     and size ratios under 4.)</li>
 * <li>{@link #mmdet()}: mmdet {@code YOLOBBoxCoder} (YOLOv3), whose predictions for x, y are already sigmoided:
 *     centre {@code acx + (p - 0.5) * stride}, half-size {@code 0.5 * aw * exp(pw)}; encode
 *     {@code clamp((gcx - acx) / stride + 0.5, eps, 1 - eps)} and {@code log(max(gw / aw, eps))}, eps = 1e-6.</li>
 * </ul>
 *
 * <p>Rows of predictions can be wider than 4 ({@code rawStride}, e.g. 85 for YOLOv5 on COCO: box, objectness,
 * 80 classes); the box is the first 4 values of a row. Strides are per anchor (levels differ) and must be
 * finite and {@code > 0}; encode needs anchors and gt boxes of positive size. Bad input throws
 * {@link IllegalArgumentException} naming the argument and index before anything is written.
 */
public final class YoloCoder {

    private static final float DEFAULT_EPS = 1e-6f;

    private final boolean v5;
    private final float eps;

    private YoloCoder(boolean v5, float eps) {
        this.v5 = v5;
        this.eps = eps;
    }

    /** YOLOv5 {@code Detect} decode, with the sigmoid-space encode described above (eps 1e-6). */
    public static YoloCoder yolov5() {
        return new YoloCoder(true, DEFAULT_EPS);
    }

    /** mmdet {@code YOLOBBoxCoder(eps=1e-6)}. */
    public static YoloCoder mmdet() {
        return new YoloCoder(false, DEFAULT_EPS);
    }

    /**
     * Decodes row {@code i} ({@code raw[rawOffset + i * rawStride ...]}, 4 values) against {@code anchors[i]} and
     * {@code strides[i]} into xyxy row {@code i} of {@code out}.
     *
     * @throws IllegalArgumentException if {@code rawStride < 4}, an array is too small, or a stride is not
     *                                  finite and {@code > 0}
     */
    public void decode(Boxes anchors, float[] strides, float[] raw, int rawOffset, int rawStride, float[] out,
                       int outOffset) {
        Checks.notNull(anchors, "anchors");
        Checks.notNull(raw, "raw");
        Checks.notNull(out, "out");
        int n = anchors.size();
        checkStrides(strides, n);
        if (rawStride < 4) {
            throw new IllegalArgumentException("rawStride must be >= 4, got " + rawStride);
        }
        Checks.room("raw", raw.length, rawOffset, n == 0 ? 0 : (long) (n - 1) * rawStride + 4);
        Checks.room("out", out.length, outOffset, Checks.rows(n, 1, "out"));
        for (int i = 0; i < n; i++) {
            int r = rawOffset + i * rawStride, o = outOffset + 4 * i;
            float ax1 = anchors.x1(i), ay1 = anchors.y1(i), ax2 = anchors.x2(i), ay2 = anchors.y2(i);
            float acx = (ax1 + ax2) * 0.5f, acy = (ay1 + ay2) * 0.5f, aw = ax2 - ax1, ah = ay2 - ay1;
            float s = strides[i], cx, cy, hw, hh;
            if (v5) {
                cx = acx + (2f * sigmoid(raw[r]) - 1f) * s;
                cy = acy + (2f * sigmoid(raw[r + 1]) - 1f) * s;
                float sw = 2f * sigmoid(raw[r + 2]), sh = 2f * sigmoid(raw[r + 3]);
                hw = 0.5f * (sw * sw * aw);
                hh = 0.5f * (sh * sh * ah);
            } else {
                cx = acx + (raw[r] - 0.5f) * s;
                cy = acy + (raw[r + 1] - 0.5f) * s;
                // exp limited so that a zero-size anchor gives 0 * finite, never inf * 0 = NaN.
                hw = 0.5f * aw * (float) Math.exp(Math.min(raw[r + 2], DeltaCoder.EXP_LIMIT));
                hh = 0.5f * ah * (float) Math.exp(Math.min(raw[r + 3], DeltaCoder.EXP_LIMIT));
            }
            out[o] = cx - hw;
            out[o + 1] = cy - hh;
            out[o + 2] = cx + hw;
            out[o + 3] = cy + hh;
        }
    }

    /**
     * Writes the targets of {@code gt[i]} relative to {@code anchors[i]} and {@code strides[i]} into row
     * {@code i} of {@code out} (see the class description for each variant).
     *
     * @throws IllegalArgumentException if sizes differ, an array is too small, a stride is bad, or an anchor or gt
     *                                  box has width or height {@code <= 0}
     */
    public void encode(Boxes anchors, float[] strides, Boxes gt, float[] out, int outOffset) {
        int n = Checks.aligned(anchors, gt, out, outOffset);
        checkStrides(strides, n);
        for (int i = 0; i < n; i++) {
            if (!(anchors.x2(i) - anchors.x1(i) > 0f && anchors.y2(i) - anchors.y1(i) > 0f)) {
                Checks.positive(anchors, i, "anchors", "encode divides by the anchor size");
            }
            if (!(gt.x2(i) - gt.x1(i) > 0f && gt.y2(i) - gt.y1(i) > 0f)) {
                Checks.positive(gt, i, "gt", "encode needs a gt box of positive size");
            }
        }
        float hi = 1f - eps;
        for (int i = 0; i < n; i++) {
            int o = outOffset + 4 * i;
            float acx = (anchors.x1(i) + anchors.x2(i)) * 0.5f, acy = (anchors.y1(i) + anchors.y2(i)) * 0.5f;
            float gcx = (gt.x1(i) + gt.x2(i)) * 0.5f, gcy = (gt.y1(i) + gt.y2(i)) * 0.5f;
            float rw = (gt.x2(i) - gt.x1(i)) / (anchors.x2(i) - anchors.x1(i));
            float rh = (gt.y2(i) - gt.y1(i)) / (anchors.y2(i) - anchors.y1(i));
            float s = strides[i];
            if (v5) {
                out[o] = clamp(((gcx - acx) / s + 1f) * 0.5f, eps, hi);
                out[o + 1] = clamp(((gcy - acy) / s + 1f) * 0.5f, eps, hi);
                out[o + 2] = clamp((float) Math.sqrt(rw) * 0.5f, eps, hi);
                out[o + 3] = clamp((float) Math.sqrt(rh) * 0.5f, eps, hi);
            } else {
                out[o] = clamp((gcx - acx) / s + 0.5f, eps, hi);
                out[o + 1] = clamp((gcy - acy) / s + 0.5f, eps, hi);
                out[o + 2] = (float) Math.log(Math.max(rw, eps));
                out[o + 3] = (float) Math.log(Math.max(rh, eps));
            }
        }
    }

    private static void checkStrides(float[] strides, int n) {
        Checks.notNull(strides, "strides");
        if (strides.length < n) {
            throw new IllegalArgumentException("strides.length " + strides.length + " < anchors.size() " + n);
        }
        for (int i = 0; i < n; i++) {
            Checks.finite(strides[i], "strides[" + i + "]", true);
        }
    }

    private static float sigmoid(float t) {
        return (float) (1.0 / (1.0 + Math.exp(-t)));
    }

    private static float clamp(float v, float lo, float hi) {
        return Math.min(Math.max(v, lo), hi);
    }

    @Override
    public String toString() {
        return "YoloCoder[" + (v5 ? "yolov5" : "mmdet") + ", eps=" + eps + "]";
    }
}
