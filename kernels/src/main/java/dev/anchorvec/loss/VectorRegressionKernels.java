package dev.anchorvec.loss;

import static jdk.incubator.vector.VectorOperators.EQ;
import static jdk.incubator.vector.VectorOperators.GE;
import static jdk.incubator.vector.VectorOperators.LT;

import dev.anchorvec.simd.Shapes;
import dev.anchorvec.simd.VectorSums;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API implementation of {@link RegressionKernels}: {@code L} coordinates ({@code L / 4} anchors) per
 * step; the anchors' match codes are gathered with the index map {@code 0,0,0,0,1,1,1,1,...} so each lane sees
 * its anchor's code. Same operations as the scalar code, so the results are bit-identical; the sum is
 * {@link VectorSums} over the written losses, the scalar kernel's sum bit for bit. A remainder of
 * {@code len mod L} coordinates goes to the scalar loop.
 */
final class VectorRegressionKernels implements RegressionKernels {

    private static final VectorSpecies<Float> F = Shapes.F;
    private static final VectorSpecies<Integer> I = Shapes.I;
    private static final int L = Shapes.FL;
    private static final int[] QUADS = quads();

    private static int[] quads() {
        int[] map = new int[L];
        for (int l = 0; l < L; l++) {
            map[l] = l >> 2;
        }
        return map;
    }

    @Override
    public double piecewise(float[] pred, float[] target, int[] matches, int from, int count, float[] loss,
                            int lossOff, float[] grad, int gradOff, float knee, float quadDiv, float linMul,
                            float halfKnee, float gradScale) {
        int len = 4 * count;
        int body = len - len % L;
        if (body > 0) {
            loop(pred, target, matches, 4 * from, body, loss, lossOff, grad, gradOff, knee, quadDiv, linMul,
                    halfKnee, gradScale);
        }
        if (body < len) {
            ScalarRegressionKernels.range(pred, target, matches, 4 * from + body, len - body, loss,
                    lossOff + body, grad, gradOff + body, knee, quadDiv, linMul, halfKnee, gradScale);
        }
        return VectorSums.sum(loss, lossOff, len);
    }

    private static void loop(float[] pred, float[] target, int[] matches, int e0, int len, float[] loss,
                               int lossOff, float[] grad, int gradOff, float knee, float quadDiv, float linMul,
                               float halfKnee, float gradScale) {
        FloatVector zero = FloatVector.zero(F);
        // Math.copySign(linMul, d) as bits, so that even a NaN difference takes the scalar code's sign.
        int linBits = Float.floatToRawIntBits(Math.abs(linMul));
        for (int k = 0; k < len; k += L) {
            int e = e0 + k;
            FloatVector d = FloatVector.fromArray(F, pred, e).sub(FloatVector.fromArray(F, target, e));
            FloatVector a = d.abs();
            VectorMask<Float> quad = a.compare(LT, knee).or(a.compare(EQ, 0f));
            FloatVector lq = a.mul(0.5f).mul(a).div(quadDiv);
            FloatVector ll = a.sub(halfKnee).mul(linMul);
            FloatVector gq = d.div(quadDiv);
            FloatVector gl = d.reinterpretAsInts().and(0x80000000).or(linBits).reinterpretAsFloats();
            VectorMask<Float> positive = IntVector.fromArray(I, matches, e >> 2, QUADS, 0).compare(GE, 0).cast(F);
            FloatVector l = zero.blend(ll.blend(lq, quad), positive);
            FloatVector g = zero.blend(gl.blend(gq, quad), positive);
            l.intoArray(loss, lossOff + k);
            g.mul(gradScale).intoArray(grad, gradOff + k);
        }
    }
}
