package dev.anchorvec.loss;

import dev.anchorvec.simd.FloatMath;
import dev.anchorvec.simd.Scratch;
import dev.anchorvec.simd.Sums;

import java.util.Arrays;

/**
 * Scalar implementation of {@link CrossEntropyKernels}: per row the stable log-sum-exp {@code m + log(sum_j
 * exp(x_j - m))} with {@code m} the row maximum, the loss {@code (m - x_k) + log(sum)} and the gradient
 * {@code exp(x_j - m) / sum - [j == k]}. Logits are clamped to {@code [-Float.MAX_VALUE, Float.MAX_VALUE]} first,
 * so infinities never produce NaN (a loss can still overflow to {@code +Infinity} when two logits of a row
 * differ by more than {@code Float.MAX_VALUE}). {@code exp} and {@code log} are anchorvec's ({@link FloatMath});
 * the exponentials of a row are summed with {@link Sums} in chunks of {@link Scratch#BLOCK} classes (the chunk
 * sums added in order, in double), so {@link VectorCrossEntropyKernels} gives the same bits.
 */
final class ScalarCrossEntropyKernels implements CrossEntropyKernels {

    @Override
    public double crossEntropy(float[] x, int[] labels, int n, int c, float[] loss, float[] grad, float gradScale) {
        float[] scratch = grad == null ? Scratch.floats()[0] : null;
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
            double sum = 0;
            for (int s = 0; s < c; s += Scratch.BLOCK) {
                int len = Math.min(Scratch.BLOCK, c - s);
                float[] out = grad != null ? grad : scratch;
                int o = grad != null ? off + s : 0;
                for (int j = 0; j < len; j++) {
                    out[o + j] = FloatMath.exp(clamp(x[off + s + j]) - m);
                }
                sum += Sums.sum(out, o, len);
            }
            float l = rowLoss(x[off + k], m, (float) sum);
            if (loss != null) {
                loss[i] = l;
            }
            total += l;
            if (grad != null) {
                float scale = gradScale / (float) sum;
                for (int j = 0; j < c; j++) {
                    grad[off + j] *= scale;
                }
                grad[off + k] -= gradScale;
            }
        }
        return total;
    }

    /** {@code (m - x_k) + log(sum)}, the row's loss. */
    static float rowLoss(float xk, float m, float sum) {
        return (m - clamp(xk)) + FloatMath.log(sum);
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
