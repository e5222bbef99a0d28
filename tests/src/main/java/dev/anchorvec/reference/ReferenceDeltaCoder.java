package dev.anchorvec.reference;

import dev.anchorvec.simd.FloatMath;

/**
 * The reference oracle for the delta box coder, written from torchvision's {@code encode_boxes} /
 * {@code BoxCoder.decode_single} (and mmdet's clamp and centre clamp, TF's order and EPSILON), in float32,
 * independent of the kernels' code except for {@code exp} and {@code log}: those are anchorvec's own
 * ({@link FloatMath}, within 1 ulp of float64, established by {@code FloatMathTest}), so that the kernels can be
 * held to the reference bit for bit. Boxes and codes are interleaved {@code float[]}s
 * ({@code [n,4]}, codes {@code [n,4k]}).
 *
 * <p>Parameters: weights {@code w}, biases {@code b} (encode subtracts them, decode adds them back before
 * dividing by the weight), the clamp interval {@code [lo, hi]} of dw and dh, the centre clamp {@code ctr}
 * (pixels, {@code +inf} for none), {@code eps} added to sizes in encode and the TF order flag.
 */
public record ReferenceDeltaCoder(float[] w, float[] b, float lo, float hi, float ctr, float eps, boolean yx) {

    /** torchvision {@code BoxCoder(weights)} with its upper clamp ln(1000/16). */
    public static ReferenceDeltaCoder torchvision(float wx, float wy, float ww, float wh) {
        return new ReferenceDeltaCoder(new float[] {wx, wy, ww, wh}, new float[4], Float.NEGATIVE_INFINITY,
                (float) Math.log(1000.0 / 16), Float.POSITIVE_INFINITY, 0f, false);
    }

    /** Where code {@code q} (0 = x, 1 = y, 2 = w, 3 = h) sits in a row. */
    private int slot(int q) {
        return yx ? q ^ 1 : q;
    }

    /** Codes moving {@code anchors[i]} onto {@code gt[i]}. */
    public float[] encode(float[] anchors, float[] gt) {
        float[] out = new float[anchors.length];
        for (int i = 0; i < anchors.length / 4; i++) {
            int o = 4 * i;
            float aw = anchors[o + 2] - anchors[o];
            float ah = anchors[o + 3] - anchors[o + 1];
            float acx = anchors[o] + 0.5f * aw;
            float acy = anchors[o + 1] + 0.5f * ah;
            float gw = gt[o + 2] - gt[o];
            float gh = gt[o + 3] - gt[o + 1];
            float gcx = gt[o] + 0.5f * gw;
            float gcy = gt[o + 1] + 0.5f * gh;
            aw = aw + eps;
            ah = ah + eps;
            gw = gw + eps;
            gh = gh + eps;
            out[o + slot(0)] = w[0] * (gcx - acx) / aw - b[0];
            out[o + slot(1)] = w[1] * (gcy - acy) / ah - b[1];
            out[o + slot(2)] = w[2] * FloatMath.log(gw / aw) - b[2];
            out[o + slot(3)] = w[3] * FloatMath.log(gh / ah) - b[3];
        }
        return out;
    }

    /**
     * Decoded xyxy rows of {@code [n,4k]} codes against {@code n} anchors; clipped to {@code [0,W] x [0,H]}
     * when {@code clipW} is not NaN.
     */
    public float[] decode(float[] anchors, float[] codes, float clipW, float clipH) {
        int n = anchors.length / 4;
        int k = n == 0 ? 1 : codes.length / anchors.length;
        float[] out = new float[codes.length];
        for (int r = 0; r < n * k; r++) {
            int a = 4 * (r / k), o = 4 * r;
            float aw = anchors[a + 2] - anchors[a];
            float ah = anchors[a + 3] - anchors[a + 1];
            float cx = anchors[a] + 0.5f * aw;
            float cy = anchors[a + 1] + 0.5f * ah;
            float dx = (codes[o + slot(0)] + b[0]) / w[0];
            float dy = (codes[o + slot(1)] + b[1]) / w[1];
            float dw = clamp((codes[o + slot(2)] + b[2]) / w[2], lo, hi);
            float dh = clamp((codes[o + slot(3)] + b[3]) / w[3], lo, hi);
            float pcx = clamp(dx * aw, -ctr, ctr) + cx;
            float pcy = clamp(dy * ah, -ctr, ctr) + cy;
            float pw = FloatMath.exp(dw) * aw;
            float ph = FloatMath.exp(dh) * ah;
            float[] box = {pcx - 0.5f * pw, pcy - 0.5f * ph, pcx + 0.5f * pw, pcy + 0.5f * ph};
            for (int c = 0; c < 4; c++) {
                out[o + c] = Float.isNaN(clipW) ? box[c] : clamp(box[c], 0f, c % 2 == 0 ? clipW : clipH);
            }
        }
        return out;
    }

    /** {@code torch.clamp(v, lo, hi)}: NaN stays NaN. */
    static float clamp(float v, float lo, float hi) {
        return Math.min(Math.max(v, lo), hi);
    }
}
