package dev.anchorvec.select;

import dev.anchorvec.boxes.BoxIou;
import dev.anchorvec.boxes.IouKind;
import dev.anchorvec.simd.FloatMath;

/**
 * Scalar implementation of {@link SoftNmsKernels}, and the order of operations the vector one reproduces. The
 * decay writes every survivor back branch-free (a drop only stops the write position from advancing).
 */
final class ScalarSoftNmsKernels implements SoftNmsKernels {

    @Override
    public int argmax(float[] s, int m) {
        int best = 0;
        float max = s[0];
        for (int r = 1; r < m; r++) {
            if (s[r] > max) {
                max = s[r];
                best = r;
            }
        }
        return best;
    }

    @Override
    public int decay(float[] d, int p0, int p1, int p2, int p3, float[] s, int[] order, int m, float bx1, float by1,
                     float bx2, float by2, boolean gaussian, float iouMin, float c, float dv, float keepMin) {
        return decayFrom(d, p0, p1, p2, p3, s, order, 0, m, 0, bx1, by1, bx2, by2, gaussian, iouMin, c, dv, keepMin);
    }

    /** Weight of one survivor, as every implementation computes it. */
    static float weight(float iou, boolean gaussian, float iouMin, float c, float dv) {
        if (gaussian) {
            return FloatMath.exp(((c * iou) * iou) / dv);
        }
        return iou >= iouMin ? 1f - iou : 1f;
    }

    /** Decays and squeezes positions {@code [from, m)}, writing survivors from {@code out} on; the vector tail. */
    static int decayFrom(float[] d, int p0, int p1, int p2, int p3, float[] s, int[] order, int from, int m, int out,
                         float bx1, float by1, float bx2, float by2, boolean gaussian, float iouMin, float c,
                         float dv, float keepMin) {
        for (int r = from; r < m; r++) {
            float x1 = d[p0 + r], y1 = d[p1 + r], x2 = d[p2 + r], y2 = d[p3 + r];
            float iou = BoxIou.of(IouKind.IOU, bx1, by1, bx2, by2, x1, y1, x2, y2);
            float score = s[r] * weight(iou, gaussian, iouMin, c, dv);
            order[out] = order[r];
            d[p0 + out] = x1;
            d[p1 + out] = y1;
            d[p2 + out] = x2;
            d[p3 + out] = y2;
            s[out] = score;
            out += score >= keepMin ? 1 : 0;
        }
        return out;
    }
}
