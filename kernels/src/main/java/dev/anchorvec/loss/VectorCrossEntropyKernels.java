package dev.anchorvec.loss;

import static jdk.incubator.vector.VectorOperators.GT;
import static jdk.incubator.vector.VectorOperators.LT;
import static jdk.incubator.vector.VectorOperators.MAX;

import dev.anchorvec.simd.FloatMath;
import dev.anchorvec.simd.Scratch;
import dev.anchorvec.simd.Shapes;
import dev.anchorvec.simd.VectorFloatMath;
import dev.anchorvec.simd.VectorSums;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API implementation of {@link CrossEntropyKernels}: per row three short loops over the classes (the
 * maximum, the exponentials, the scaling into the softmax), each with a scalar tail, and {@link VectorSums} over
 * the exponentials in the scalar code's chunks, so every value has the scalar code's bits. Rows shorter than a
 * vector run the scalar code.
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
        float[] scratch = grad == null ? Scratch.floats()[0] : null;
        double total = 0;
        for (int i = 0; i < n; i++) {
            int off = i * c;
            if (labels[i] == Labels.IGNORE) {
                ScalarCrossEntropyKernels.ignoreRow(i, c, loss, grad);
                continue;
            }
            int k = Math.max(labels[i], 0);
            float m = max(x, off, c);
            double sum = 0;
            for (int s = 0; s < c; s += Scratch.BLOCK) {
                int len = Math.min(Scratch.BLOCK, c - s);
                float[] out = grad != null ? grad : scratch;
                int o = grad != null ? off + s : 0;
                exp(x, off + s, len, m, out, o);
                sum += VectorSums.sum(out, o, len);
            }
            float l = ScalarCrossEntropyKernels.rowLoss(x[off + k], m, (float) sum);
            if (loss != null) {
                loss[i] = l;
            }
            total += l;
            if (grad != null) {
                scale(grad, off, c, gradScale / (float) sum);
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

    /** {@code out[o + j] = exp(clamp(x[from + j]) - m)} for {@code j < len}. */
    private static void exp(float[] x, int from, int len, float m, float[] out, int o) {
        FloatVector big = FloatVector.broadcast(F, Float.MAX_VALUE);
        int body = len - len % L;
        for (int j = 0; j < body; j += L) {
            FloatVector v = FloatVector.fromArray(F, x, from + j);
            v = v.blend(big.neg(), v.compare(LT, big.neg())).blend(big, v.compare(GT, big));
            VectorFloatMath.exp(v.sub(m)).intoArray(out, o + j);
        }
        for (int j = body; j < len; j++) {
            out[o + j] = FloatMath.exp(ScalarCrossEntropyKernels.clamp(x[from + j]) - m);
        }
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
