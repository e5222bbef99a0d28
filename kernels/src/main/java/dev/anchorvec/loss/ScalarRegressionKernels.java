package dev.anchorvec.loss;

import dev.anchorvec.simd.Sums;

/**
 * Scalar implementation of {@link RegressionKernels}. The derivative is {@code d / quadDiv} on the quadratic
 * piece and {@code linMul sign(d)} on the linear one; {@code d = 0} counts as quadratic, so the L1
 * gradient there is 0, like PyTorch's {@code sign(0) = 0}. The sum is {@link Sums#sum} over the written losses.
 */
final class ScalarRegressionKernels implements RegressionKernels {

    @Override
    public double piecewise(float[] pred, float[] target, int[] matches, int from, int count, float[] loss,
                            int lossOff, float[] grad, int gradOff, float knee, float quadDiv, float linMul,
                            float halfKnee, float gradScale) {
        range(pred, target, matches, 4 * from, 4 * count, loss, lossOff, grad, gradOff, knee, quadDiv, linMul,
                halfKnee, gradScale);
        return Sums.sum(loss, lossOff, 4 * count);
    }

    /** Elements {@code [e0, e0 + len)} (any start, not only whole anchors); also the vector kernel's tail. */
    static void range(float[] pred, float[] target, int[] matches, int e0, int len, float[] loss, int lossOff,
                        float[] grad, int gradOff, float knee, float quadDiv, float linMul, float halfKnee,
                        float gradScale) {
        for (int k = 0; k < len; k++) {
            int e = e0 + k;
            float d = pred[e] - target[e];
            float a = Math.abs(d);
            // d == 0 takes the quadratic piece: loss 0 and gradient 0 even for L1 (knee 0), without a sign
            // branch (Math.signum's compiled branches mispredict on random signs: 10x slower).
            boolean quad = a < knee | a == 0f;
            float l = quad ? (0.5f * a * a) / quadDiv : linMul * (a - halfKnee);
            float g = quad ? d / quadDiv : Math.copySign(linMul, d);
            boolean positive = matches[e >> 2] >= 0;
            l = positive ? l : 0f;
            g = positive ? g : 0f;
            loss[lossOff + k] = l;
            grad[gradOff + k] = g * gradScale;
        }
    }
}
