package dev.anchorvec.loss;

import java.util.Arrays;

/**
 * Scalar implementation of {@link CrossEntropyKernels}: per row the stable log-sum-exp {@code m + log(sum_j
 * exp(x_j - m))} with {@code m} the row maximum, the loss {@code (m - x_k) + log(sum)} and the gradient
 * {@code exp(x_j - m) / sum - [j == k]}. Logits are clamped to {@code [-Float.MAX_VALUE, Float.MAX_VALUE]} first,
 * so infinities never produce NaN (a loss can still overflow to {@code +Infinity} when two logits of a row
 * differ by more than {@code Float.MAX_VALUE}).
 */
final class ScalarCrossEntropyKernels implements CrossEntropyKernels {

    @Override
    public double crossEntropy(float[] x, int[] labels, int n, int c, float[] loss, float[] grad, float gradScale) {
        double total = 0;
        for (int i = 0; i < n; i++) {
            int off = i * c;
            if (labels[i] == Labels.IGNORE) {
                ignoreRow(i, c, loss, grad);
                continue;
            }
            int k = Math.max(labels[i], 0);
            float m = -Float.MAX_VALUE;
            for (int j = 0; j < c; j++) {
                m = Math.max(m, clamp(x[off + j]));
            }
            float sum = 0f;
            for (int j = 0; j < c; j++) {
                float e = (float) Math.exp(clamp(x[off + j]) - m);
                sum += e;
                if (grad != null) {
                    grad[off + j] = e;
                }
            }
            float l = (m - clamp(x[off + k])) + (float) Math.log(sum);
            if (loss != null) {
                loss[i] = l;
            }
            total += l;
            if (grad != null) {
                float scale = gradScale / sum;
                for (int j = 0; j < c; j++) {
                    grad[off + j] *= scale;
                }
                grad[off + k] -= gradScale;
            }
        }
        return total;
    }

    /** Loss 0 and gradient 0 for ignored row {@code i}. */
    static void ignoreRow(int i, int c, float[] loss, float[] grad) {
        if (loss != null) {
            loss[i] = 0f;
        }
        if (grad != null) {
            Arrays.fill(grad, i * c, (i + 1) * c, 0f);
        }
    }

    static float clamp(float v) {
        return Math.max(-Float.MAX_VALUE, Math.min(Float.MAX_VALUE, v));
    }
}
