package dev.anchorvec.loss;

import dev.anchorvec.simd.FloatMath;
import dev.anchorvec.simd.Sums;

/**
 * Scalar implementation of {@link FocalKernels}, and the per-element formula the vector kernel repeats lane by
 * lane: the same float operations in the same order, with anchorvec's {@code exp}, {@code log1p} and {@code log}
 * ({@link FloatMath}) and compare + select for every clamp and choice (so even the sign of a zero agrees), so
 * both give the same bits; the sum is {@link Sums#sum}, 16 virtual double lanes in a fixed order.
 *
 * <p>With {@code e = exp(-|x|)}: {@code p = sigmoid(x)} and {@code s = 1 - p = sigmoid(-x)} are both formed
 * from {@code 1 / (1 + e)} and {@code e / (1 + e)}, so neither suffers cancellation; {@code ce =
 * max(x, 0) - x t + log1p(e)} (BCE with logits, stable form); {@code q = 1 - p_t = t s + (1 - t) p}. Then
 * {@code loss = alpha_t ce q^gamma} and {@code dloss/dx = alpha_t (q^gamma (p - t) + gamma q^gamma r ce
 * (1 - 2t))} with {@code r = p s / q} (the chain rule through {@code q}, whose derivative is
 * {@code (1 - 2t) p s}). Logits are first clamped to {@code [-Float.MAX_VALUE, Float.MAX_VALUE]} and targets to
 * {@code [0, 1]}, which keeps every finite or infinite input NaN-free.
 */
final class ScalarFocalKernels implements FocalKernels {

    @Override
    public double focal(float[] x, int xOff, float[] t, int tOff, int len, float[] loss, int lossOff, float[] grad,
                        int gradOff, float aBase, float aSlope, float gamma, float gradScale) {
        range(x, xOff, t, tOff, len, loss, lossOff, grad, gradOff, aBase, aSlope, gamma, gradScale);
        return Sums.sum(loss, lossOff, len);
    }

    /** The elementwise loop (no sum), also used by the vector kernel for its last {@code len mod L} elements. */
    static void range(float[] x, int xOff, float[] t, int tOff, int len, float[] loss, int lossOff, float[] grad,
                      int gradOff, float aBase, float aSlope, float gamma, float gradScale) {
        boolean two = gamma == 2f;
        float zeroPow = gamma == 0f ? 1f : 0f;
        for (int k = 0; k < len; k++) {
            float xi = x[xOff + k];
            xi = xi > Float.MAX_VALUE ? Float.MAX_VALUE : xi;
            xi = xi < -Float.MAX_VALUE ? -Float.MAX_VALUE : xi;
            float ti = t[tOff + k];
            ti = ti < 0f ? 0f : ti;
            ti = ti > 1f ? 1f : ti;
            float e = FloatMath.exp(-Math.abs(xi));
            float l1p = FloatMath.log1pUnit(e);
            float inv = 1f / (1f + e);
            float small = e * inv;
            boolean nonNeg = xi >= 0f;
            float p = nonNeg ? inv : small;
            float s = nonNeg ? small : inv;
            float ce = ((nonNeg ? xi : 0f) - xi * ti) + l1p;
            float q = ti * s + (1f - ti) * p;
            float at = aBase + aSlope * ti;
            float ps = p * s;
            float qg, chain;
            if (two) {
                qg = q * q;
                chain = 2f * q * ps;
            } else {
                qg = q == 0f ? zeroPow : FloatMath.exp(gamma * FloatMath.log(q));
                chain = gamma * qg * (ps / (q < Float.MIN_VALUE ? Float.MIN_VALUE : q));
            }
            float l = at * ce * qg;
            float g = at * (qg * (p - ti) + chain * ce * (1f - 2f * ti));
            loss[lossOff + k] = l;
            grad[gradOff + k] = g * gradScale;
        }
    }
}
