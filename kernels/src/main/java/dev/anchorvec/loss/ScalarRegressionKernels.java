package dev.anchorvec.loss;

/**
 * Scalar implementation of {@link RegressionKernels}. The derivative is {@code d / quadDiv} on the quadratic
 * piece and {@code linMul sign(d)} on the linear one ({@code sign(0) = 0}, like PyTorch's L1 gradient).
 */
final class ScalarRegressionKernels implements RegressionKernels {

    @Override
    public double piecewise(float[] pred, float[] target, int[] matches, int from, int count, float[] loss,
                            int lossOff, float[] grad, int gradOff, float knee, float quadDiv, float linMul,
                            float halfKnee, float gradScale) {
        return range(pred, target, matches, 4 * from, 4 * count, loss, lossOff, grad, gradOff, knee, quadDiv,
                linMul, halfKnee, gradScale);
    }

    /** Elements {@code [e0, e0 + len)} (any start, not only whole anchors); also the vector kernel's tail. */
    static double range(float[] pred, float[] target, int[] matches, int e0, int len, float[] loss, int lossOff,
                        float[] grad, int gradOff, float knee, float quadDiv, float linMul, float halfKnee,
                        float gradScale) {
        double sum = 0;
        for (int k = 0; k < len; k++) {
            int e = e0 + k;
            float d = pred[e] - target[e];
            float a = Math.abs(d);
            boolean quad = a < knee;
            float l = quad ? (0.5f * a * a) / quadDiv : linMul * (a - halfKnee);
            float g = quad ? d / quadDiv : linMul * Math.signum(d);
            boolean positive = matches[e >> 2] >= 0;
            l = positive ? l : 0f;
            g = positive ? g : 0f;
            loss[lossOff + k] = l;
            grad[gradOff + k] = g * gradScale;
            sum += l;
        }
        return sum;
    }
}
