package dev.anchorvec.simd;

import static dev.anchorvec.simd.FloatMath.A0;
import static dev.anchorvec.simd.FloatMath.A1;
import static dev.anchorvec.simd.FloatMath.A2;
import static dev.anchorvec.simd.FloatMath.A3;
import static dev.anchorvec.simd.FloatMath.A4;
import static dev.anchorvec.simd.FloatMath.A5;
import static dev.anchorvec.simd.FloatMath.A6;
import static dev.anchorvec.simd.FloatMath.A7;
import static dev.anchorvec.simd.FloatMath.A8;
import static dev.anchorvec.simd.FloatMath.BIAS_BITS;
import static dev.anchorvec.simd.FloatMath.E2;
import static dev.anchorvec.simd.FloatMath.E3;
import static dev.anchorvec.simd.FloatMath.E4;
import static dev.anchorvec.simd.FloatMath.E5;
import static dev.anchorvec.simd.FloatMath.E6;
import static dev.anchorvec.simd.FloatMath.EXP_MAX;
import static dev.anchorvec.simd.FloatMath.EXP_MIN;
import static dev.anchorvec.simd.FloatMath.INV_LN2;
import static dev.anchorvec.simd.FloatMath.L1;
import static dev.anchorvec.simd.FloatMath.L2;
import static dev.anchorvec.simd.FloatMath.L3;
import static dev.anchorvec.simd.FloatMath.L4;
import static dev.anchorvec.simd.FloatMath.LN2_HI;
import static dev.anchorvec.simd.FloatMath.LN2_HI16;
import static dev.anchorvec.simd.FloatMath.LN2_LO;
import static dev.anchorvec.simd.FloatMath.LN2_LO16;
import static dev.anchorvec.simd.FloatMath.MIN_NORMAL;
import static dev.anchorvec.simd.FloatMath.PI_2_HI;
import static dev.anchorvec.simd.FloatMath.PI_2_LO;
import static dev.anchorvec.simd.FloatMath.SHIFT;
import static dev.anchorvec.simd.FloatMath.SHIFT_BITS;
import static dev.anchorvec.simd.FloatMath.THREE_QUARTERS_BITS;
import static dev.anchorvec.simd.FloatMath.TWO_24;
import static jdk.incubator.vector.VectorOperators.ASHR;
import static jdk.incubator.vector.VectorOperators.EQ;
import static jdk.incubator.vector.VectorOperators.FMA;
import static jdk.incubator.vector.VectorOperators.GE;
import static jdk.incubator.vector.VectorOperators.GT;
import static jdk.incubator.vector.VectorOperators.I2F;
import static jdk.incubator.vector.VectorOperators.IS_NAN;
import static jdk.incubator.vector.VectorOperators.LSHL;
import static jdk.incubator.vector.VectorOperators.LT;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link FloatMath}'s functions on the lanes of a {@link Shapes#F} vector: the same operations in the same order
 * ({@code fma}, {@code +}, {@code -}, {@code *}, {@code /}, compare + blend, integer bit operations), each exactly
 * rounded, so every lane equals the scalar function's result bit for bit, whatever the width, the JIT tier or
 * the CPU. Error bounds and special values are {@link FloatMath}'s. Each line below names the scalar statement it
 * mirrors; change both together ({@code FloatMathTest} compares them on every float of a dense sample).
 *
 * <p>About 25 (exp), 30 (log, log1p) and 35 (atan) vector operations per call, all inlined: no call out of the
 * compiled loop as with the JDK's SVML stubs.
 */
public final class VectorFloatMath {

    private static final VectorSpecies<Float> F = Shapes.F;
    private static final VectorSpecies<Integer> I = Shapes.I;

    private VectorFloatMath() {}

    /** Lanewise {@link FloatMath#exp}. */
    public static FloatVector exp(FloatVector x) {
        FloatVector xc = x.blend(EXP_MIN, x.compare(LT, EXP_MIN));
        xc = xc.blend(EXP_MAX, xc.compare(GT, EXP_MAX));
        FloatVector z = xc.fma(INV_LN2, SHIFT);
        FloatVector n = z.sub(SHIFT);
        IntVector ni = z.reinterpretAsInts().sub(SHIFT_BITS);
        FloatVector rh = n.lanewise(FMA, -LN2_HI, xc);
        FloatVector c = n.mul(-LN2_LO);
        FloatVector r = rh.add(c);
        FloatVector q = r.fma(E6, E5);
        q = q.lanewise(FMA, r, E4);
        q = q.lanewise(FMA, r, E3);
        q = q.lanewise(FMA, r, E2);
        FloatVector hi = rh.add(1f);
        FloatVector lo = FloatVector.broadcast(F, 1f).sub(hi).add(rh).add(q.fma(r.mul(r), c));
        FloatVector p = hi.add(lo);
        IntVector n1 = ni.lanewise(ASHR, 1);
        FloatVector s1 = n1.lanewise(LSHL, 23).add(BIAS_BITS).reinterpretAsFloats();
        FloatVector s2 = ni.sub(n1).lanewise(LSHL, 23).add(BIAS_BITS).reinterpretAsFloats();
        return p.mul(s1).mul(s2);
    }

    /** Lanewise {@link FloatMath#log}. */
    public static FloatVector log(FloatVector x) {
        VectorMask<Float> small = x.compare(LT, MIN_NORMAL);
        FloatVector xs = x.blend(x.mul(TWO_24), small);
        IntVector ix = xs.reinterpretAsInts();
        IntVector k = ix.sub(THREE_QUARTERS_BITS).lanewise(ASHR, 23);
        FloatVector f = ix.sub(k.lanewise(LSHL, 23)).reinterpretAsFloats().sub(1f);
        IntVector ks = k.blend(k.sub(24), small.cast(I));
        FloatVector kf = (FloatVector) ks.convert(I2F, 0);
        FloatVector y = log1pCore(kf, f);
        y = y.blend(Float.NEGATIVE_INFINITY, x.compare(EQ, 0f));
        y = y.blend(Float.NaN, x.compare(LT, 0f));
        return y.blend(x, x.compare(EQ, Float.POSITIVE_INFINITY).or(x.test(IS_NAN)));
    }

    /** Lanewise {@link FloatMath#log1p}. */
    public static FloatVector log1p(FloatVector x) {
        FloatVector u = x.add(1f);
        IntVector iu = u.reinterpretAsInts();
        IntVector k = iu.sub(THREE_QUARTERS_BITS).lanewise(ASHR, 23);
        IntVector kc = k.min(25);
        FloatVector scale = IntVector.broadcast(I, BIAS_BITS).sub(kc.lanewise(LSHL, 23)).reinterpretAsFloats();
        FloatVector fx = x.fma(scale, scale.sub(1f));
        FloatVector fu = iu.sub(k.lanewise(LSHL, 23)).reinterpretAsFloats().sub(1f);
        FloatVector f = fx.blend(fu, k.compare(GT, 24).cast(F));
        FloatVector y = log1pCore((FloatVector) k.convert(I2F, 0), f);
        y = y.blend(x, x.compare(EQ, 0f));
        y = y.blend(Float.NEGATIVE_INFINITY, x.compare(EQ, -1f));
        y = y.blend(Float.NaN, x.compare(LT, -1f));
        return y.blend(x, x.compare(EQ, Float.POSITIVE_INFINITY).or(x.test(IS_NAN)));
    }

    /** Lanewise {@link FloatMath#log1pUnit}: {@link #log1p} for lanes in {@code [0, 1]}, in fewer operations. */
    public static FloatVector log1pUnit(FloatVector e) {
        VectorMask<Float> high = e.add(1f).compare(GE, 1.5f);
        FloatVector f = e.blend(e.fma(0.5f, -0.5f), high);
        return log1pCore(FloatVector.zero(F).blend(1f, high), f);
    }

    private static FloatVector log1pCore(FloatVector kf, FloatVector f) {
        FloatVector s = f.div(f.add(2f));
        FloatVector z = s.mul(s);
        FloatVector t = z.fma(L4, L3);
        t = t.lanewise(FMA, z, L2);
        t = t.lanewise(FMA, z, L1);
        FloatVector r = z.mul(t);
        FloatVector hfsq = f.mul(0.5f).mul(f);
        FloatVector lo = s.fma(hfsq.add(r), kf.mul(LN2_LO16));
        return kf.mul(LN2_HI16).sub(hfsq.sub(lo).sub(f));
    }

    /** Lanewise {@link FloatMath#atan}. */
    public static FloatVector atan(FloatVector x) {
        IntVector ix = x.reinterpretAsInts();
        FloatVector a = ix.and(0x7fffffff).reinterpretAsFloats();
        VectorMask<Float> big = a.compare(GT, 1f);
        FloatVector t = a.blend(-1f, big).div(FloatVector.broadcast(F, 1f).blend(a, big));
        FloatVector t2 = t.mul(t);
        FloatVector p = t2.fma(A8, A7);
        p = p.lanewise(FMA, t2, A6);
        p = p.lanewise(FMA, t2, A5);
        p = p.lanewise(FMA, t2, A4);
        p = p.lanewise(FMA, t2, A3);
        p = p.lanewise(FMA, t2, A2);
        p = p.lanewise(FMA, t2, A1);
        p = p.lanewise(FMA, t2, A0);
        FloatVector zero = FloatVector.zero(F);
        FloatVector tail = t.mul(t2).fma(p, zero.blend(PI_2_LO, big));
        FloatVector off = zero.blend(PI_2_HI, big);
        FloatVector hi = off.add(t);
        FloatVector r = hi.add(tail.add(off.sub(hi).add(t)));
        return r.reinterpretAsInts().or(ix.and(0x80000000)).reinterpretAsFloats();
    }
}
