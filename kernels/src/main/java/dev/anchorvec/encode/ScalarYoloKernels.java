package dev.anchorvec.encode;

import dev.anchorvec.boxes.Boxes;
import dev.anchorvec.simd.FloatMath;

/**
 * Scalar implementation of {@link YoloKernels} (formulas in {@link YoloCoder}), in float with anchorvec's
 * {@code exp} and {@code log} ({@link FloatMath}); YOLOv5's {@code 2 sigmoid(x)} is {@code 2 / (1 + exp(-x))}.
 * {@link VectorYoloKernels} performs the same operations and uses this class for inputs shorter than a vector.
 */
final class ScalarYoloKernels implements YoloKernels {

    @Override
    public void decode(boolean v5, Boxes anchors, float[] strides, int n, float[] raw, int rawOffset, int rawStride,
                       float[] out, int outOffset) {
        float[] a = anchors.data();
        int a0 = anchors.plane(0), a1 = anchors.plane(1), a2 = anchors.plane(2), a3 = anchors.plane(3);
        for (int i = 0; i < n; i++) {
            int r = rawOffset + i * rawStride, o = outOffset + 4 * i;
            float ax1 = a[a0 + i], ay1 = a[a1 + i], ax2 = a[a2 + i], ay2 = a[a3 + i];
            float acx = (ax1 + ax2) * 0.5f, acy = (ay1 + ay2) * 0.5f, aw = ax2 - ax1, ah = ay2 - ay1;
            float s = strides[i], cx, cy, hw, hh;
            if (v5) {
                cx = acx + (twoSigmoid(raw[r]) - 1f) * s;
                cy = acy + (twoSigmoid(raw[r + 1]) - 1f) * s;
                float sw = twoSigmoid(raw[r + 2]), sh = twoSigmoid(raw[r + 3]);
                hw = 0.5f * (sw * sw * aw);
                hh = 0.5f * (sh * sh * ah);
            } else {
                cx = acx + (raw[r] - 0.5f) * s;
                cy = acy + (raw[r + 1] - 0.5f) * s;
                // exp limited so that a zero-size anchor gives 0 * finite, never inf * 0 = NaN.
                hw = 0.5f * aw * FloatMath.exp(Math.min(raw[r + 2], DeltaCoder.EXP_LIMIT));
                hh = 0.5f * ah * FloatMath.exp(Math.min(raw[r + 3], DeltaCoder.EXP_LIMIT));
            }
            out[o] = cx - hw;
            out[o + 1] = cy - hh;
            out[o + 2] = cx + hw;
            out[o + 3] = cy + hh;
        }
    }

    @Override
    public void encode(boolean v5, float eps, Boxes anchors, float[] strides, Boxes gt, int n, float[] out,
                       int outOffset) {
        float[] a = anchors.data(), g = gt.data();
        int a0 = anchors.plane(0), a1 = anchors.plane(1), a2 = anchors.plane(2), a3 = anchors.plane(3);
        int g0 = gt.plane(0), g1 = gt.plane(1), g2 = gt.plane(2), g3 = gt.plane(3);
        float hi = 1f - eps;
        for (int i = 0; i < n; i++) {
            int o = outOffset + 4 * i;
            float ax1 = a[a0 + i], ay1 = a[a1 + i], ax2 = a[a2 + i], ay2 = a[a3 + i];
            float gx1 = g[g0 + i], gy1 = g[g1 + i], gx2 = g[g2 + i], gy2 = g[g3 + i];
            float acx = (ax1 + ax2) * 0.5f, acy = (ay1 + ay2) * 0.5f;
            float gcx = (gx1 + gx2) * 0.5f, gcy = (gy1 + gy2) * 0.5f;
            float rw = (gx2 - gx1) / (ax2 - ax1), rh = (gy2 - gy1) / (ay2 - ay1);
            float s = strides[i];
            if (v5) {
                out[o] = clamp(((gcx - acx) / s + 1f) * 0.5f, eps, hi);
                out[o + 1] = clamp(((gcy - acy) / s + 1f) * 0.5f, eps, hi);
                out[o + 2] = clamp((float) Math.sqrt(rw) * 0.5f, eps, hi);
                out[o + 3] = clamp((float) Math.sqrt(rh) * 0.5f, eps, hi);
            } else {
                out[o] = clamp((gcx - acx) / s + 0.5f, eps, hi);
                out[o + 1] = clamp((gcy - acy) / s + 0.5f, eps, hi);
                out[o + 2] = FloatMath.log(Math.max(rw, eps));
                out[o + 3] = FloatMath.log(Math.max(rh, eps));
            }
        }
    }

    /** {@code 2 sigmoid(x) = 2 / (1 + exp(-x))}, in float with anchorvec's {@code exp}. */
    static float twoSigmoid(float x) {
        return 2f / (1f + FloatMath.exp(-x));
    }

    private static float clamp(float v, float lo, float hi) {
        return Math.min(Math.max(v, lo), hi);
    }
}
