package dev.anchorvec.loss;

import static jdk.incubator.vector.VectorOperators.ADD;
import static jdk.incubator.vector.VectorOperators.EXP;
import static jdk.incubator.vector.VectorOperators.GT;
import static jdk.incubator.vector.VectorOperators.LT;
import static jdk.incubator.vector.VectorOperators.MAX;

import dev.anchorvec.simd.Shapes;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API implementation of {@link CrossEntropyKernels}: per row three short loops over the classes (the
 * maximum, the exponentials with their sum, the scaling into the softmax), each with a scalar tail; the
 * sum of exponentials is a vector of per-lane partials, so it differs from the scalar sum in rounding only.
 * Rows shorter than a vector run the scalar code.
 */
final class VectorCrossEntropyKernels implements CrossEntropyKernels {

    private static final VectorSpecies<Float> F = Shapes.F;
    private static final int L = Shapes.FL;
    private static final CrossEntropyKernels SCALAR = new ScalarCrossEntropyKernels();

    @Override
    public double crossEntropy(float[] x, int[] labels, int n, int c, float[] loss, float[] grad, float gradScale) {
        if (c < L) {
            return SCALAR.crossEntropy(x, labels, n, c, loss, grad, gradScale);
        }
        double total = 0;
        for (int i = 0; i < n; i++) {
            int off = i * c;
            if (labels[i] == Labels.IGNORE) {
                ScalarCrossEntropyKernels.ignoreRow(i, c, loss, grad);
                continue;
            }
            int k = Math.max(labels[i], 0);
            float m = max(x, off, c);
            float sum = exp(x, off, c, m, grad);
            float l = (m - ScalarCrossEntropyKernels.clamp(x[off + k])) + (float) Math.log(sum);
            if (loss != null) {
                loss[i] = l;
            }
            total += l;
            if (grad != null) {
                scale(grad, off, c, gradScale / sum);
                grad[off + k] -= gradScale;
            }
        }
        return total;
    }

    private static float max(float[] x, int off, int c) {
        FloatVector acc = FloatVector.broadcast(F, -Float.MAX_VALUE);
        int body = c - c % L;
        for (int j = 0; j < body; j += L) {
            FloatVector v = FloatVector.fromArray(F, x, off + j);
            acc = acc.blend(v, v.compare(GT, acc));
        }
        // Clamping the maximum equals taking the maximum of the clamped logits (+Infinity counts as MAX_VALUE).
        float m = Math.min(acc.reduceLanes(MAX), Float.MAX_VALUE);
        for (int j = body; j < c; j++) {
            m = Math.max(m, ScalarCrossEntropyKernels.clamp(x[off + j]));
        }
        // NaN logits never win the compare; a row of NaN keeps -MAX_VALUE and yields NaN through exp below.
        return m;
    }

    /** Sums {@code exp(x_j - m)} over the row, also storing the terms into {@code out} unless it is null. */
    private static float exp(float[] x, int off, int c, float m, float[] out) {
        FloatVector acc = FloatVector.zero(F);
        FloatVector big = FloatVector.broadcast(F, Float.MAX_VALUE);
        int body = c - c % L;
        for (int j = 0; j < body; j += L) {
            FloatVector v = FloatVector.fromArray(F, x, off + j);
            v = v.blend(big.neg(), v.compare(LT, big.neg())).blend(big, v.compare(GT, big));
            FloatVector e = v.sub(m).lanewise(EXP);
            if (out != null) {
                e.intoArray(out, off + j);
            }
            acc = acc.add(e);
        }
        float sum = acc.reduceLanes(ADD);
        for (int j = body; j < c; j++) {
            float e = (float) Math.exp(ScalarCrossEntropyKernels.clamp(x[off + j]) - m);
            if (out != null) {
                out[off + j] = e;
            }
            sum += e;
        }
        return sum;
    }

    private static void scale(float[] g, int off, int c, float s) {
        int body = c - c % L;
        for (int j = 0; j < body; j += L) {
            FloatVector.fromArray(F, g, off + j).mul(s).intoArray(g, off + j);
        }
        for (int j = body; j < c; j++) {
            g[off + j] *= s;
        }
    }
}
