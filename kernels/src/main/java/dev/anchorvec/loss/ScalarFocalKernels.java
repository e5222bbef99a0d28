package dev.anchorvec.loss;

/**
 * Scalar implementation of {@link FocalKernels}, and the per-element formula the vector kernel repeats lane by
 * lane (same operations in the same order; only {@code exp}, {@code log} and {@code log1p} differ, by an ulp).
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
        return range(x, xOff, t, tOff, len, loss, lossOff, grad, gradOff, aBase, aSlope, gamma, gradScale);
    }

    /**
     * {@code log1p(e)} for {@code e} in {@code [0, 1]}, correctly rounded or within an ulp: {@code Math.log1p} is
     * not intrinsified (a software routine, 10x the cost of the rest of the element), {@code Math.log} is, and
     * in double {@code 1 + e} loses nothing that matters once {@code e >= 2^-20}; below that the series
     * {@code e - e^2/2 + e^3/3} is exact to double precision.
     */
    static float log1pUnit(float e) {
        double d = e;
        return (float) (d < 0x1p-20 ? d * (1 - d * (0.5 - d / 3)) : Math.log(1 + d));
    }

    /** The loop, also used by the vector kernel for its tails. */
    static double range(float[] x, int xOff, float[] t, int tOff, int len, float[] loss, int lossOff, float[] grad,
                        int gradOff, float aBase, float aSlope, float gamma, float gradScale) {
        double sum = 0;
        boolean two = gamma == 2f;
        float zeroPow = gamma == 0f ? 1f : 0f;
        for (int k = 0; k < len; k++) {
            float xi = Math.max(-Float.MAX_VALUE, Math.min(Float.MAX_VALUE, x[xOff + k]));
            float ti = Math.max(0f, Math.min(1f, t[tOff + k]));
            float e = (float) Math.exp(-Math.abs(xi));
            float l1p = log1pUnit(e);
            float inv = 1f / (1f + e);
            float small = e * inv;
            boolean nonNeg = xi >= 0f;
            float p = nonNeg ? inv : small;
            float s = nonNeg ? small : inv;
            float ce = Math.max(xi, 0f) - xi * ti + l1p;
            float q = ti * s + (1f - ti) * p;
            float at = aBase + aSlope * ti;
            float ps = p * s;
            float qg, chain;
            if (two) {
                qg = q * q;
                chain = 2f * q * ps;
            } else {
                qg = q == 0f ? zeroPow : (float) Math.exp(gamma * (float) Math.log(q));
                chain = gamma * qg * (ps / Math.max(q, Float.MIN_VALUE));
            }
            float l = at * ce * qg;
            float g = at * (qg * (p - ti) + chain * ce * (1f - 2f * ti));
            loss[lossOff + k] = l;
            grad[gradOff + k] = g * gradScale;
            sum += l;
        }
        return sum;
    }
}
