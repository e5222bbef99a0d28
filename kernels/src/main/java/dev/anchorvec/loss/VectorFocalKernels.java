package dev.anchorvec.loss;

import static jdk.incubator.vector.VectorOperators.ADD;
import static jdk.incubator.vector.VectorOperators.EQ;
import static jdk.incubator.vector.VectorOperators.EXP;
import static jdk.incubator.vector.VectorOperators.GE;
import static jdk.incubator.vector.VectorOperators.GT;
import static jdk.incubator.vector.VectorOperators.LOG;
import static jdk.incubator.vector.VectorOperators.LOG1P;
import static jdk.incubator.vector.VectorOperators.LT;

import dev.anchorvec.simd.Shapes;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API implementation of {@link FocalKernels}: {@link ScalarFocalKernels}' formula lane by lane, with
 * lanewise {@code EXP}, {@code LOG1P} (and {@code LOG} for a general gamma), compare + blend for the clamps and
 * selections. {@code gamma = 2} has its own loop without transcendental powers; each loop is its own method
 * (one loop body per C2 compilation). The last {@code len mod L} elements go to the scalar loop: a step moved
 * back would count the repeated lanes twice in the sum. The sum is a vector of per-lane partials reduced once.
 */
final class VectorFocalKernels implements FocalKernels {

    private static final VectorSpecies<Float> F = Shapes.F;
    private static final int L = Shapes.FL;
    /**
     * Steps whose per-lane float partial sums are added into the double total at a time: the float partials
     * then hold at most 8 terms, so the sum is about as accurate as the scalar code's double sum.
     */
    private static final int FLUSH = 8;

    @Override
    public double focal(float[] x, int xOff, float[] t, int tOff, int len, float[] loss, int lossOff, float[] grad,
                        int gradOff, float aBase, float aSlope, float gamma, float gradScale) {
        int body = len - len % L;
        double sum = 0;
        if (body > 0) {
            sum = gamma == 2f
                    ? gamma2(x, xOff, t, tOff, body, loss, lossOff, grad, gradOff, aBase, aSlope, gradScale)
                    : general(x, xOff, t, tOff, body, loss, lossOff, grad, gradOff, aBase, aSlope, gamma,
                            gradScale);
        }
        if (body < len) {
            sum += ScalarFocalKernels.range(x, xOff + body, t, tOff + body, len - body, loss, lossOff + body, grad,
                    gradOff + body, aBase, aSlope, gamma, gradScale);
        }
        return sum;
    }

    private static double gamma2(float[] x, int xOff, float[] t, int tOff, int len, float[] loss, int lossOff,
                                 float[] grad, int gradOff, float aBase, float aSlope, float gradScale) {
        double sum = 0;
        FloatVector one = FloatVector.broadcast(F, 1f);
        FloatVector big = FloatVector.broadcast(F, Float.MAX_VALUE);
        FloatVector nbig = FloatVector.broadcast(F, -Float.MAX_VALUE);
        for (int k0 = 0; k0 < len; k0 += FLUSH * L) {
            int end = Math.min(len, k0 + FLUSH * L);
            FloatVector acc = FloatVector.zero(F);
            for (int k = k0; k < end; k += L) {
                FloatVector xv = FloatVector.fromArray(F, x, xOff + k);
                xv = xv.blend(big, xv.compare(GT, big)).blend(nbig, xv.compare(LT, nbig));
                FloatVector tv = FloatVector.fromArray(F, t, tOff + k);
                tv = tv.blend(0f, tv.compare(LT, 0f)).blend(one, tv.compare(GT, one));
                VectorMask<Float> nonNeg = xv.compare(GE, 0f);
                FloatVector e = xv.abs().neg().lanewise(EXP);
                FloatVector l1p = e.lanewise(LOG1P);
                FloatVector inv = one.div(one.add(e));
                FloatVector small = e.mul(inv);
                FloatVector p = small.blend(inv, nonNeg);
                FloatVector s = inv.blend(small, nonNeg);
                FloatVector ce = FloatVector.zero(F).blend(xv, nonNeg).sub(xv.mul(tv)).add(l1p);
                FloatVector q = tv.mul(s).add(one.sub(tv).mul(p));
                FloatVector at = tv.mul(aSlope).add(aBase);
                FloatVector ps = p.mul(s);
                FloatVector qg = q.mul(q);
                FloatVector chain = q.mul(2f).mul(ps);
                FloatVector l = at.mul(ce).mul(qg);
                FloatVector g = at.mul(qg.mul(p.sub(tv)).add(chain.mul(ce).mul(one.sub(tv.mul(2f)))));
                l.intoArray(loss, lossOff + k);
                g.mul(gradScale).intoArray(grad, gradOff + k);
                acc = acc.add(l);
            }
            sum += acc.reduceLanes(ADD);
        }
        return sum;
    }

    private static double general(float[] x, int xOff, float[] t, int tOff, int len, float[] loss, int lossOff,
                                  float[] grad, int gradOff, float aBase, float aSlope, float gamma,
                                  float gradScale) {
        double sum = 0;
        FloatVector one = FloatVector.broadcast(F, 1f);
        FloatVector big = FloatVector.broadcast(F, Float.MAX_VALUE);
        FloatVector nbig = FloatVector.broadcast(F, -Float.MAX_VALUE);
        FloatVector tiny = FloatVector.broadcast(F, Float.MIN_VALUE);
        float zeroPow = gamma == 0f ? 1f : 0f;
        for (int k0 = 0; k0 < len; k0 += FLUSH * L) {
            int end = Math.min(len, k0 + FLUSH * L);
            FloatVector acc = FloatVector.zero(F);
            for (int k = k0; k < end; k += L) {
                FloatVector xv = FloatVector.fromArray(F, x, xOff + k);
                xv = xv.blend(big, xv.compare(GT, big)).blend(nbig, xv.compare(LT, nbig));
                FloatVector tv = FloatVector.fromArray(F, t, tOff + k);
                tv = tv.blend(0f, tv.compare(LT, 0f)).blend(one, tv.compare(GT, one));
                VectorMask<Float> nonNeg = xv.compare(GE, 0f);
                FloatVector e = xv.abs().neg().lanewise(EXP);
                FloatVector l1p = e.lanewise(LOG1P);
                FloatVector inv = one.div(one.add(e));
                FloatVector small = e.mul(inv);
                FloatVector p = small.blend(inv, nonNeg);
                FloatVector s = inv.blend(small, nonNeg);
                FloatVector ce = FloatVector.zero(F).blend(xv, nonNeg).sub(xv.mul(tv)).add(l1p);
                FloatVector q = tv.mul(s).add(one.sub(tv).mul(p));
                FloatVector at = tv.mul(aSlope).add(aBase);
                FloatVector ps = p.mul(s);
                FloatVector qg = q.lanewise(LOG).mul(gamma).lanewise(EXP).blend(zeroPow, q.compare(EQ, 0f));
                FloatVector qSafe = q.blend(tiny, q.compare(LT, tiny));
                FloatVector chain = qg.mul(gamma).mul(ps.div(qSafe));
                FloatVector l = at.mul(ce).mul(qg);
                FloatVector g = at.mul(qg.mul(p.sub(tv)).add(chain.mul(ce).mul(one.sub(tv.mul(2f)))));
                l.intoArray(loss, lossOff + k);
                g.mul(gradScale).intoArray(grad, gradOff + k);
                acc = acc.add(l);
            }
            sum += acc.reduceLanes(ADD);
        }
        return sum;
    }
}
