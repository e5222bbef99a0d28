package dev.anchorvec.loss;

/**
 * Scalar value and analytic gradient of the IoU-family losses for one aligned pair (predicted box, target box),
 * both xyxy. The value repeats torchvision's {@code *_box_iou_loss} operations in float32 (eps = 1e-7); the
 * gradient is derived by hand and evaluated in double from the float inputs.
 *
 * <p>Where torchvision would divide by zero or feed NaN on (an inverted or empty predicted box, an empty target)
 * anchorvec keeps the result finite: the IoU is 0 unless the intersection is positive (then {@code union + eps >
 * 0} is guaranteed), GIoU's enclosing term is 0 when {@code area_c + eps <= 0}, and {@code atan(w / h)} is
 * {@code atan2}-like: {@code +-pi/2} for {@code h = 0, w != 0}, 0 for {@code w = h = 0}. At kinks of the
 * min/max (a predicted coordinate equal to the target's) the derivative of the side where the target
 * coordinate wins is used (0 for the prediction's share). CIoU's trade-off weight {@code alpha = v / (1 - iou
 * + v + eps)} is a constant for the gradient, as in torchvision (computed under {@code torch.no_grad()}).
 */
final class IouLossMath {

    static final float EPS = 1e-7f;
    static final float FOUR_OVER_PI2 = (float) (4 / (Math.PI * Math.PI));

    static final int IOU = 0, GIOU = 1, DIOU = 2, CIOU = 3;

    private IouLossMath() {}

    /**
     * The loss of the pair at {@code 4a} of {@code p} and {@code t}; writes {@code gradScale * dloss/dp} into
     * {@code grad[4a .. 4a + 3]} if {@code grad} is not null.
     */
    static float pair(int kind, float[] p, float[] t, int a, float[] grad, float gradScale) {
        int o = 4 * a;
        float x1 = p[o], y1 = p[o + 1], x2 = p[o + 2], y2 = p[o + 3];
        float x1g = t[o], y1g = t[o + 1], x2g = t[o + 2], y2g = t[o + 3];
        float xk1 = Math.max(x1, x1g), yk1 = Math.max(y1, y1g), xk2 = Math.min(x2, x2g), yk2 = Math.min(y2, y2g);
        boolean overlap = yk2 > yk1 && xk2 > xk1;
        float iw = overlap ? xk2 - xk1 : 0f, ih = overlap ? yk2 - yk1 : 0f;
        float inter = iw * ih;
        float wp = x2 - x1, hp = y2 - y1, wg = x2g - x1g, hg = y2g - y1g;
        float union = wp * hp + wg * hg - inter;
        float iou = inter > 0f ? inter / (union + EPS) : 0f;
        float xc1 = Math.min(x1, x1g), yc1 = Math.min(y1, y1g), xc2 = Math.max(x2, x2g), yc2 = Math.max(y2, y2g);
        float cw = xc2 - xc1, ch = yc2 - yc1;
        float loss = 1f - iou;
        // d/d(x1, y1, x2, y2) of the intersection, the predicted area and the enclosing extents.
        double dI0 = overlap && x1 > x1g ? -ih : 0, dI1 = overlap && y1 > y1g ? -iw : 0;
        double dI2 = overlap && x2 < x2g ? ih : 0, dI3 = overlap && y2 < y2g ? iw : 0;
        double dA0 = -(double) hp, dA1 = -(double) wp, dA2 = hp, dA3 = wp;
        double dcw0 = x1 < x1g ? -1 : 0, dcw2 = x2 > x2g ? 1 : 0;
        double dch1 = y1 < y1g ? -1 : 0, dch3 = y2 > y2g ? 1 : 0;
        double g0 = 0, g1 = 0, g2 = 0, g3 = 0;
        if (inter > 0f) {
            double den = (double) union + EPS, den2 = den * den;
            g0 = -(dI0 * den - inter * (dA0 - dI0)) / den2;
            g1 = -(dI1 * den - inter * (dA1 - dI1)) / den2;
            g2 = -(dI2 * den - inter * (dA2 - dI2)) / den2;
            g3 = -(dI3 * den - inter * (dA3 - dI3)) / den2;
        }
        if (kind == GIOU) {
            float areaC = cw * ch;
            float denC = areaC + EPS;
            if (denC > 0f) {
                loss = 1f - (iou - (areaC - union) / denC);
                double dC = (double) denC, num = (double) areaC - union, dC2 = dC * dC;
                double c0 = dcw0 * ch, c1 = dch1 * cw, c2 = dcw2 * ch, c3 = dch3 * cw;
                g0 += ((c0 - (dA0 - dI0)) * dC - num * c0) / dC2;
                g1 += ((c1 - (dA1 - dI1)) * dC - num * c1) / dC2;
                g2 += ((c2 - (dA2 - dI2)) * dC - num * c2) / dC2;
                g3 += ((c3 - (dA3 - dI3)) * dC - num * c3) / dC2;
            }
        } else if (kind >= DIOU) {
            float diag = cw * cw + ch * ch + EPS;
            float xp = (x2 + x1) / 2, yp = (y2 + y1) / 2, xg = (x1g + x2g) / 2, yg = (y1g + y2g) / 2;
            float dist = (xp - xg) * (xp - xg) + (yp - yg) * (yp - yg);
            loss = 1f - iou + dist / diag;
            double d = diag, d2 = d * d, dx = (double) xp - xg, dy = (double) yp - yg;
            g0 += (dx * d - dist * 2.0 * cw * dcw0) / d2;
            g2 += (dx * d - dist * 2.0 * cw * dcw2) / d2;
            g1 += (dy * d - dist * 2.0 * ch * dch1) / d2;
            g3 += (dy * d - dist * 2.0 * ch * dch3) / d2;
            if (kind == CIOU) {
                float diff = atanRatio(wg, hg) - atanRatio(wp, hp);
                float v = FOUR_OVER_PI2 * (diff * diff);
                float alpha = v / (1f - iou + v + EPS);
                loss += alpha * v;
                double r2 = (double) wp * wp + (double) hp * hp;
                if (r2 > 0) {
                    // dv/dwp = -2 k diff hp / r2, dv/dhp = 2 k diff wp / r2.
                    double k = alpha * 2.0 * FOUR_OVER_PI2 * diff / r2;
                    double dvw = -k * hp, dvh = k * wp;
                    g0 -= dvw;
                    g2 += dvw;
                    g1 -= dvh;
                    g3 += dvh;
                }
            }
        }
        if (grad != null) {
            grad[o] = (float) (g0 * gradScale);
            grad[o + 1] = (float) (g1 * gradScale);
            grad[o + 2] = (float) (g2 * gradScale);
            grad[o + 3] = (float) (g3 * gradScale);
        }
        return loss;
    }

    /** {@code atan(w / h)}, with the limits {@code +-pi/2} at {@code h = 0} and 0 for an empty box. */
    static float atanRatio(float w, float h) {
        if (h == 0f) {
            return w == 0f ? 0f : Math.copySign((float) (Math.PI / 2), w);
        }
        return (float) StrictMath.atan(w / h);
    }
}
