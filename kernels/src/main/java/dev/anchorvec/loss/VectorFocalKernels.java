package dev.anchorvec.loss;

import static jdk.incubator.vector.VectorOperators.EQ;
import static jdk.incubator.vector.VectorOperators.GE;
import static jdk.incubator.vector.VectorOperators.GT;
import static jdk.incubator.vector.VectorOperators.LT;

import dev.anchorvec.simd.Passes;
import dev.anchorvec.simd.Scratch;
import dev.anchorvec.simd.Shapes;
import dev.anchorvec.simd.VectorFloatMath;
import dev.anchorvec.simd.VectorSums;
import java.lang.invoke.MethodHandles;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API implementation of {@link FocalKernels}: {@link ScalarFocalKernels}' formula lane by lane, with
 * {@link VectorFloatMath}'s {@code exp}, {@code log1p} and {@code log} and compare + blend for the clamps and
 * selections, so every element has the same bits as the scalar code; the sum is {@link VectorSums} over the
 * written losses (the scalar kernel's {@code Sums}, bit for bit).
 *
 * <p>Each transcendental function is ~30 vector operations, so the formula runs as passes over chunks of
 * {@link #CHUNK} elements, each pass its own compilation ({@link Passes}), intermediates in three planes of
 * scratch slot 3: {@code e = exp(-|x|)}, {@code log1p(e)}, then for {@code gamma = 2} the rest; for another gamma
 * {@code q}, then {@code gamma log q} and {@code q^gamma = exp(gamma log q)} in place, then the rest. (Two
 * transcendental functions in one loop overflow C2's inlining budget: the vectors are boxed, 5x slower.) The vector passes cover the first
 * {@code len - len mod L} elements in whole vectors and read each input element before the last pass writes that
 * element's outputs, so outputs may alias the logits or targets; the last {@code len mod L} elements go to the
 * scalar loop.
 */
final class VectorFocalKernels implements FocalKernels {

    private static final VectorSpecies<Float> F = Shapes.F;
    private static final int L = Shapes.FL;
    /** Elements per chunk: three planes of this many floats fill one scratch slot. */
    static final int CHUNK = Scratch.BLOCK / 4;
    private static final int E = 0, LOG1P_PLANE = CHUNK, QG = 2 * CHUNK;

    private static final Passes<Chunk> PASSES = Passes.of(MethodHandles.lookup(), VectorFocalKernels.class,
            Chunk.class, "expPass", "log1pPass", "gamma2Pass", "qPass", "gammaLogPass", "powExpPass", "generalPass");
    private static final int EXP_PASS = 0, LOG1P_PASS = 1, GAMMA2_PASS = 2, Q_PASS = 3, GAMMA_LOG_PASS = 4,
            POW_EXP_PASS = 5, GENERAL_PASS = 6;

    private static final ThreadLocal<Chunk> CHUNKS = ThreadLocal.withInitial(Chunk::new);

    /** One chunk's arrays, offsets (already advanced to the chunk) and parameters. */
    static final class Chunk {
        float[] x, t, loss, grad, s;
        int xOff, tOff, lossOff, gradOff, len;
        float aBase, aSlope, gamma, gradScale;

        void clear() {
            x = t = loss = grad = s = null;
        }
    }

    @Override
    public double focal(float[] x, int xOff, float[] t, int tOff, int len, float[] loss, int lossOff, float[] grad,
                        int gradOff, float aBase, float aSlope, float gamma, float gradScale) {
        int body = len - len % L;
        if (body > 0) {
            Chunk c = CHUNKS.get();
            c.x = x;
            c.t = t;
            c.loss = loss;
            c.grad = grad;
            c.s = Scratch.floats()[3];
            c.aBase = aBase;
            c.aSlope = aSlope;
            c.gamma = gamma;
            c.gradScale = gradScale;
            try {
                for (int k = 0; k < body; k += CHUNK) {
                    c.len = Math.min(CHUNK, body - k);
                    c.xOff = xOff + k;
                    c.tOff = tOff + k;
                    c.lossOff = lossOff + k;
                    c.gradOff = gradOff + k;
                    PASSES.run(EXP_PASS, c);
                    PASSES.run(LOG1P_PASS, c);
                    if (gamma == 2f) {
                        PASSES.run(GAMMA2_PASS, c);
                    } else {
                        PASSES.run(Q_PASS, c);
                        PASSES.run(GAMMA_LOG_PASS, c);
                        PASSES.run(POW_EXP_PASS, c);
                        PASSES.run(GENERAL_PASS, c);
                    }
                }
            } finally {
                c.clear();
            }
        }
        if (body < len) {
            ScalarFocalKernels.range(x, xOff + body, t, tOff + body, len - body, loss, lossOff + body, grad,
                    gradOff + body, aBase, aSlope, gamma, gradScale);
        }
        return VectorSums.sum(loss, lossOff, len);
    }

    /** The clamped logits. */
    private static FloatVector logits(Chunk c, int k) {
        FloatVector xv = FloatVector.fromArray(F, c.x, c.xOff + k);
        xv = xv.blend(Float.MAX_VALUE, xv.compare(GT, Float.MAX_VALUE));
        return xv.blend(-Float.MAX_VALUE, xv.compare(LT, -Float.MAX_VALUE));
    }

    /** The clamped targets. */
    private static FloatVector targets(Chunk c, int k) {
        FloatVector tv = FloatVector.fromArray(F, c.t, c.tOff + k);
        tv = tv.blend(0f, tv.compare(LT, 0f));
        return tv.blend(1f, tv.compare(GT, 1f));
    }

    /**
     * {@code e = exp(-|x|)}. The logits need no clamp here: {@code exp(-Infinity) = 0 = exp(-Float.MAX_VALUE)}.
     * (With {@link #log1pPass} in the same loop the compilation overflows C2's inlining budget: 5x slower.)
     */
    static void expPass(Chunk c) {
        float[] s = c.s, x = c.x;
        int xOff = c.xOff;
        for (int k = 0; k < c.len; k += L) {
            VectorFloatMath.exp(FloatVector.fromArray(F, x, xOff + k).abs().neg()).intoArray(s, E + k);
        }
    }

    /** {@code log1p(e)} ({@code e} is in {@code [0, 1]}). */
    static void log1pPass(Chunk c) {
        float[] s = c.s;
        for (int k = 0; k < c.len; k += L) {
            VectorFloatMath.log1pUnit(FloatVector.fromArray(F, s, E + k)).intoArray(s, LOG1P_PLANE + k);
        }
    }

    /** {@code q = 1 - p_t}, for a general gamma. */
    static void qPass(Chunk c) {
        float[] s = c.s;
        FloatVector one = FloatVector.broadcast(F, 1f);
        for (int k = 0; k < c.len; k += L) {
            FloatVector xv = logits(c, k), tv = targets(c, k);
            FloatVector e = FloatVector.fromArray(F, s, E + k);
            VectorMask<Float> nonNeg = xv.compare(GE, 0f);
            FloatVector inv = one.div(one.add(e));
            FloatVector small = e.mul(inv);
            FloatVector p = small.blend(inv, nonNeg);
            FloatVector sig = inv.blend(small, nonNeg);
            tv.mul(sig).add(one.sub(tv).mul(p)).intoArray(s, QG + k);
        }
    }

    /** {@code log(q) gamma} in place (whole vectors: a step moved back would apply it twice). */
    static void gammaLogPass(Chunk c) {
        float[] s = c.s;
        float gamma = c.gamma;
        for (int k = 0; k < c.len; k += L) {
            VectorFloatMath.log(FloatVector.fromArray(F, s, QG + k)).mul(gamma).intoArray(s, QG + k);
        }
    }

    /** {@code q^gamma = exp(gamma log q)} in place (the last pass selects the value at {@code q = 0}). */
    static void powExpPass(Chunk c) {
        float[] s = c.s;
        for (int k = 0; k < c.len; k += L) {
            VectorFloatMath.exp(FloatVector.fromArray(F, s, QG + k)).intoArray(s, QG + k);
        }
    }

    static void gamma2Pass(Chunk c) {
        float[] s = c.s, loss = c.loss, grad = c.grad;
        float aBase = c.aBase, aSlope = c.aSlope, gradScale = c.gradScale;
        FloatVector one = FloatVector.broadcast(F, 1f);
        FloatVector zero = FloatVector.zero(F);
        for (int k = 0; k < c.len; k += L) {
            FloatVector xv = logits(c, k), tv = targets(c, k);
            VectorMask<Float> nonNeg = xv.compare(GE, 0f);
            FloatVector e = FloatVector.fromArray(F, s, E + k);
            FloatVector l1p = FloatVector.fromArray(F, s, LOG1P_PLANE + k);
            FloatVector inv = one.div(one.add(e));
            FloatVector small = e.mul(inv);
            FloatVector p = small.blend(inv, nonNeg);
            FloatVector sig = inv.blend(small, nonNeg);
            FloatVector ce = zero.blend(xv, nonNeg).sub(xv.mul(tv)).add(l1p);
            FloatVector q = tv.mul(sig).add(one.sub(tv).mul(p));
            FloatVector at = tv.mul(aSlope).add(aBase);
            FloatVector ps = p.mul(sig);
            FloatVector qg = q.mul(q);
            FloatVector chain = q.mul(2f).mul(ps);
            FloatVector l = at.mul(ce).mul(qg);
            FloatVector g = at.mul(qg.mul(p.sub(tv)).add(chain.mul(ce).mul(one.sub(tv.mul(2f)))));
            l.intoArray(loss, c.lossOff + k);
            g.mul(gradScale).intoArray(grad, c.gradOff + k);
        }
    }

    static void generalPass(Chunk c) {
        float[] s = c.s, loss = c.loss, grad = c.grad;
        float aBase = c.aBase, aSlope = c.aSlope, gamma = c.gamma, gradScale = c.gradScale;
        float zeroPow = gamma == 0f ? 1f : 0f;
        FloatVector one = FloatVector.broadcast(F, 1f);
        FloatVector zero = FloatVector.zero(F);
        for (int k = 0; k < c.len; k += L) {
            FloatVector xv = logits(c, k), tv = targets(c, k);
            VectorMask<Float> nonNeg = xv.compare(GE, 0f);
            FloatVector e = FloatVector.fromArray(F, s, E + k);
            FloatVector l1p = FloatVector.fromArray(F, s, LOG1P_PLANE + k);
            FloatVector inv = one.div(one.add(e));
            FloatVector small = e.mul(inv);
            FloatVector p = small.blend(inv, nonNeg);
            FloatVector sig = inv.blend(small, nonNeg);
            FloatVector ce = zero.blend(xv, nonNeg).sub(xv.mul(tv)).add(l1p);
            FloatVector q = tv.mul(sig).add(one.sub(tv).mul(p));
            FloatVector at = tv.mul(aSlope).add(aBase);
            FloatVector ps = p.mul(sig);
            FloatVector qg = FloatVector.fromArray(F, s, QG + k).blend(zeroPow, q.compare(EQ, 0f));
            FloatVector qSafe = q.blend(Float.MIN_VALUE, q.compare(LT, Float.MIN_VALUE));
            FloatVector chain = qg.mul(gamma).mul(ps.div(qSafe));
            FloatVector l = at.mul(ce).mul(qg);
            FloatVector g = at.mul(qg.mul(p.sub(tv)).add(chain.mul(ce).mul(one.sub(tv.mul(2f)))));
            l.intoArray(loss, c.lossOff + k);
            g.mul(gradScale).intoArray(grad, c.gradOff + k);
        }
    }
}
