package dev.anchorvec.encode;

import dev.anchorvec.boxes.Boxes;

/**
 * Scalar implementation of {@link LinearKernels}, in torchvision's float32 order of operations (see
 * {@link LinearCoder}). The Vector API implementation uses it for inputs shorter than a vector.
 */
final class ScalarLinearKernels implements LinearKernels {

    @Override
    public void encode(boolean normalize, Boxes anchors, Boxes gt, int n, float[] out, int outOffset) {
        float[] a = anchors.data(), g = gt.data();
        int a0 = anchors.plane(0), a1 = anchors.plane(1), a2 = anchors.plane(2), a3 = anchors.plane(3);
        int g0 = gt.plane(0), g1 = gt.plane(1), g2 = gt.plane(2), g3 = gt.plane(3);
        for (int i = 0, o = outOffset; i < n; i++, o += 4) {
            float ax1 = a[a0 + i], ay1 = a[a1 + i], ax2 = a[a2 + i], ay2 = a[a3 + i];
            float cx = 0.5f * (ax1 + ax2), cy = 0.5f * (ay1 + ay2);
            float l = cx - g[g0 + i], t = cy - g[g1 + i], r = g[g2 + i] - cx, b = g[g3 + i] - cy;
            if (normalize) {
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

    @Override
    public void decode(boolean normalize, Boxes anchors, int n, float[] codes, int codesOffset, float[] out,
                       int outOffset) {
        float[] a = anchors.data();
        int a0 = anchors.plane(0), a1 = anchors.plane(1), a2 = anchors.plane(2), a3 = anchors.plane(3);
        for (int i = 0; i < n; i++) {
            int c = codesOffset + 4 * i, o = outOffset + 4 * i;
            float ax1 = a[a0 + i], ay1 = a[a1 + i], ax2 = a[a2 + i], ay2 = a[a3 + i];
            float cx = 0.5f * (ax1 + ax2), cy = 0.5f * (ay1 + ay2);
            float l = codes[c], t = codes[c + 1], r = codes[c + 2], b = codes[c + 3];
            if (normalize) {
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
}
