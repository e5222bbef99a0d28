package dev.anchorvec.loss;

import dev.anchorvec.simd.FloatMath;

/**
 * Scalar value and analytic gradient of the IoU-family losses for one aligned pair (predicted box, target box),
 * both xyxy. The value repeats torchvision's {@code *_box_iou_loss} operations in float32 (eps = 1e-7); the
 * gradient is derived by hand and evaluated in float32 in a form without squared denominators, e.g.
 * {@code (iou (dA - dI) - dI) / (union + eps)}: exactly the operations {@link VectorIouLossKernels} performs lane by
 * lane, in the same order, so both implementations give the same bits.
 *
 * <p>Where torchvision would divide by zero or feed NaN on (an inverted or empty predicted box, an empty target)
 * anchorvec keeps the result finite: the IoU is 0 unless the intersection is positive (then {@code union + eps >
 * 0} is guaranteed), GIoU's enclosing term is 0 when {@code area_c + eps <= 0}, and {@code atan(w / h)} is
 * {@code atan2}-like: {@code +-pi/2} for {@code h = 0, w != 0}, 0 for {@code w = h = 0}, with anchorvec's own
 * arctangent otherwise. At kinks of the min/max (a predicted coordinate equal to the target's) the derivative of
 * the side where the target coordinate wins is used (0 for the prediction's share). CIoU's trade-off weight
 * {@code alpha = v / (1 - iou + v + eps)} is a constant for the gradient, as in torchvision (computed under
 * {@code torch.no_grad()}).
 */
final class IouLossMath {

    static final float EPS = 1e-7f;
    static final float FOUR_OVER_PI2 = (float) (4 / (Math.PI * Math.PI));

    static final int IOU = 0, GIOU = 1, DIOU = 2, CIOU = 3;

    private IouLossMath() {}

    /**
     * The loss of the pair at {@code 4a} of {@code p} and {@code t}; writes {@code gradScale * dloss/dp} into
     * {@code grad[4a .. 4a + 3]} if {@code grad} is not null. Each line mirrors a statement of a pass of
     * {@link VectorIouLossKernels} (named in the comments); change both together.
     */
    static float pair(int kind, float[] p, float[] t, int a, float[] grad, float gradScale) {
        int o = 4 * a;
        float x1 = p[o], y1 = p[o + 1], x2 = p[o + 2], y2 = p[o + 3];
        float x1g = t[o], y1g = t[o + 1], x2g = t[o + 2], y2g = t[o + 3];
        // overlap
        float xk1 = Math.max(x1, x1g), yk1 = Math.max(y1, y1g), xk2 = Math.min(x2, x2g), yk2 = Math.min(y2, y2g);
        boolean overlap = yk2 > yk1 && xk2 > xk1;
        float iw = overlap ? xk2 - xk1 : 0f, ih = overlap ? yk2 - yk1 : 0f;
        float inter = iw * ih;
        float wp = x2 - x1, hp = y2 - y1;
        float union = wp * hp + (x2g - x1g) * (y2g - y1g) - inter;
        boolean positive = inter > 0f;
        float iou = positive ? inter / (union + EPS) : 0f;
        float loss = 1f - iou;
        // iouGrad, per axis: the other axis' extent of the intersection and of the predicted box.
        float den = union + EPS;
        float dILoX = x1 > x1g ? -ih : 0f, dIHiX = x2 < x2g ? ih : 0f;
        float dILoY = y1 > y1g ? -iw : 0f, dIHiY = y2 < y2g ? iw : 0f;
        float uLoX = -hp - dILoX, uHiX = hp - dIHiX, uLoY = -wp - dILoY, uHiY = wp - dIHiY;
        float g0 = positive ? (iou * uLoX - dILoX) / den : 0f;
        float g2 = positive ? (iou * uHiX - dIHiX) / den : 0f;
        float g1 = positive ? (iou * uLoY - dILoY) / den : 0f;
        float g3 = positive ? (iou * uHiY - dIHiY) / den : 0f;
        if (kind == GIOU) {
            // giouValue
            float cw = Math.max(x2, x2g) - Math.min(x1, x1g), ch = Math.max(y2, y2g) - Math.min(y1, y1g);
            float areaC = cw * ch, denC = areaC + EPS;
            float r = (areaC - union) / denC;
            boolean valid = denC > 0f;
            loss = valid ? 1f - (iou - r) : loss;
            // giouGrad, per axis
            float keep = 1f - r;
            float cLoX = x1 < x1g ? -ch : 0f, cHiX = x2 > x2g ? ch : 0f;
            float cLoY = y1 < y1g ? -cw : 0f, cHiY = y2 > y2g ? cw : 0f;
            g0 = g0 + (valid ? (cLoX * keep - uLoX) / denC : 0f);
            g2 = g2 + (valid ? (cHiX * keep - uHiX) / denC : 0f);
            g1 = g1 + (valid ? (cLoY * keep - uLoY) / denC : 0f);
            g3 = g3 + (valid ? (cHiY * keep - uHiY) / denC : 0f);
        } else if (kind >= DIOU) {
            // diouValue
            float cw = Math.max(x2, x2g) - Math.min(x1, x1g), ch = Math.max(y2, y2g) - Math.min(y1, y1g);
            float diag = cw * cw + ch * ch + EPS;
            float dx = (x2 + x1) * 0.5f - (x1g + x2g) * 0.5f, dy = (y2 + y1) * 0.5f - (y1g + y2g) * 0.5f;
            float q = (dx * dx + dy * dy) / diag;
            loss = 1f - iou + q;
            // diouGrad, per axis
            float mX = q * (cw * 2f), mY = q * (ch * 2f);
            g0 = g0 + (dx + (x1 < x1g ? mX : 0f)) / diag;
            g2 = g2 + (dx - (x2 > x2g ? mX : 0f)) / diag;
            g1 = g1 + (dy + (y1 < y1g ? mY : 0f)) / diag;
            g3 = g3 + (dy - (y2 > y2g ? mY : 0f)) / diag;
            if (kind == CIOU) {
                // ciouAngles, ciouFinish
                float diff = atanRatio(x2g - x1g, y2g - y1g) - atanRatio(wp, hp);
                float v = diff * diff * FOUR_OVER_PI2;
                float alpha = v / (1f - iou + v + EPS);
                loss = loss + alpha * v;
                float r2 = wp * wp + hp * hp;
                float k = r2 > 0f ? alpha * (2 * FOUR_OVER_PI2) * diff / r2 : 0f;
                float kh = k * hp, kw = k * wp;
                g0 = g0 + kh;
                g2 = g2 - kh;
                g1 = g1 - kw;
                g3 = g3 + kw;
            }
        }
        if (grad != null) {
            grad[o] = g0 * gradScale;
            grad[o + 1] = g1 * gradScale;
            grad[o + 2] = g2 * gradScale;
            grad[o + 3] = g3 * gradScale;
        }
        return loss;
    }

    /** {@code atan(w / h)}, with the limits {@code +-pi/2} at {@code h = 0} and 0 for an empty box. */
    static float atanRatio(float w, float h) {
        if (h == 0f) {
            return w == 0f ? 0f : Math.copySign((float) (Math.PI / 2), w);
        }
        return FloatMath.atan(w / h);
    }
}
