package dev.anchorvec.select;

import static jdk.incubator.vector.VectorOperators.EQ;
import static jdk.incubator.vector.VectorOperators.GE;
import static jdk.incubator.vector.VectorOperators.GT;
import static jdk.incubator.vector.VectorOperators.LT;
import static jdk.incubator.vector.VectorOperators.MAX;
import static jdk.incubator.vector.VectorOperators.NE;

import dev.anchorvec.simd.Passes;
import dev.anchorvec.simd.Scratch;
import dev.anchorvec.simd.Shapes;
import dev.anchorvec.simd.VectorFloatMath;
import java.lang.invoke.MethodHandles;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API implementation of {@link SoftNmsKernels}. The decay computes IoU, weight and new score for a whole
 * step of survivors and compresses the ones still above the score threshold to the write position, which never
 * passes the read position (so a full-vector store only overwrites lanes already loaded); the last partial step
 * runs the scalar code. IoU is {@code BoxIou}'s formula operation for operation (compare + blend min/max, whose
 * NaN and signed-zero differences from {@code Math.min/max} never reach an IoU), so the linear decay is
 * bit-identical to the scalar one, and so is the Gaussian weight ({@link VectorFloatMath#exp}, the scalar code's
 * {@code FloatMath.exp} lane by lane). The argmax is a max reduction, then a search for the first equal lane: two short
 * loops in separate methods.
 */
final class VectorSoftNmsKernels implements SoftNmsKernels {

    private static final VectorSpecies<Float> F = Shapes.F;
    private static final VectorSpecies<Integer> I = Shapes.I;
    private static final int L = Shapes.FL;

    @Override
    public int argmax(float[] s, int m) {
        return firstEqual(s, m, max(s, m));
    }

    private static float max(float[] s, int m) {
        float max = s[0];
        int r = 0;
        if (m >= L) {
            FloatVector acc = FloatVector.fromArray(F, s, 0);
            for (r = L; r <= m - L; r += L) {
                acc = acc.max(FloatVector.fromArray(F, s, r));
            }
            max = acc.reduceLanes(MAX);
        }
        for (; r < m; r++) {
            max = Math.max(max, s[r]);
        }
        return max;
    }

    /** First position holding a score equal to {@code max} (which occurs). */
    private static int firstEqual(float[] s, int m, float max) {
        int r = 0;
        for (; r <= m - L; r += L) {
            VectorMask<Float> eq = FloatVector.fromArray(F, s, r).compare(EQ, max);
            if (eq.anyTrue()) {
                return r + eq.firstTrue();
            }
        }
        while (s[r] != max) {
            r++;
        }
        return r;
    }

    @Override
    public int decay(float[] d, int p0, int p1, int p2, int p3, float[] s, int[] order, int m, float bx1, float by1,
                     float bx2, float by2, boolean gaussian, float iouMin, float c, float dv, float keepMin) {
        if (gaussian && m >= L) {
            return decayGaussian(d, p0, p1, p2, p3, s, order, m, bx1, by1, bx2, by2, c, dv, keepMin);
        }
        float areaB = areaOf(bx1, by1, bx2, by2);
        int out = 0, r = 0;
        if (!gaussian) {
            for (; r <= m - L; r += L) {
                FloatVector x1 = FloatVector.fromArray(F, d, p0 + r);
                FloatVector y1 = FloatVector.fromArray(F, d, p1 + r);
                FloatVector x2 = FloatVector.fromArray(F, d, p2 + r);
                FloatVector y2 = FloatVector.fromArray(F, d, p3 + r);
                FloatVector iou = iou(x1, y1, x2, y2, bx1, by1, bx2, by2, areaB);
                FloatVector one = iou.broadcast(1f);
                FloatVector weight = one.blend(one.sub(iou), iou.compare(GE, iouMin));
                out = squeeze(d, p0, p1, p2, p3, s, order, r, out, x1, y1, x2, y2, weight, keepMin);
            }
        }
        return ScalarSoftNmsKernels.decayFrom(d, p0, p1, p2, p3, s, order, r, m, out, bx1, by1, bx2, by2, gaussian,
                iouMin, c, dv, keepMin);
    }

    private static float areaOf(float bx1, float by1, float bx2, float by2) {
        float bw = bx2 - bx1, bh = by2 - by1;
        return (bw < 0 ? 0 : bw) * (bh < 0 ? 0 : bh);
    }

    /** {@code BoxIou}'s IoU of each lane's box with the selected box, 0 where it is NaN. */
    private static FloatVector iou(FloatVector x1, FloatVector y1, FloatVector x2, FloatVector y2, float bx1,
                                   float by1, float bx2, float by2, float areaB) {
        FloatVector ix = x2.blend(bx2, x2.compare(GT, bx2)).sub(x1.blend(bx1, x1.compare(LT, bx1)));
        FloatVector iy = y2.blend(by2, y2.compare(GT, by2)).sub(y1.blend(by1, y1.compare(LT, by1)));
        FloatVector inter = ix.broadcast(0f).blend(ix, ix.compare(GT, 0f))
                .mul(iy.broadcast(0f).blend(iy, iy.compare(GT, 0f)));
        FloatVector w = x2.sub(x1), h = y2.sub(y1);
        FloatVector area = w.blend(0f, w.compare(LT, 0f)).mul(h.blend(0f, h.compare(LT, 0f)));
        FloatVector iou = inter.div(area.add(areaB).sub(inter));
        return iou.blend(0f, iou.compare(NE, iou));
    }

    /** Decays one step of survivors by {@code weight} and compresses those still above {@code keepMin} to {@code out}. */
    private static int squeeze(float[] d, int p0, int p1, int p2, int p3, float[] s, int[] order, int r, int out,
                               FloatVector x1, FloatVector y1, FloatVector x2, FloatVector y2, FloatVector weight,
                               float keepMin) {
        FloatVector score = FloatVector.fromArray(F, s, r).mul(weight);
        VectorMask<Float> keep = score.compare(GE, keepMin);
        x1.compress(keep).intoArray(d, p0 + out);
        y1.compress(keep).intoArray(d, p1 + out);
        x2.compress(keep).intoArray(d, p2 + out);
        y2.compress(keep).intoArray(d, p3 + out);
        score.compress(keep).intoArray(s, out);
        IntVector.fromArray(I, order, r).compress(keep.cast(I)).intoArray(order, out);
        return out + keep.trueCount();
    }

    // ---- the Gaussian decay: IoU, the exp weight and the squeeze as passes of their own (the exp is ~25 vector
    // operations, too many for one compilation with the rest), in blocks of a scratch slot ----

    private static final Passes<Round> PASSES = Passes.of(MethodHandles.lookup(), VectorSoftNmsKernels.class,
            Round.class, "iouPass", "gaussianPass", "squeezePass");
    private static final int IOU_PASS = 0, GAUSSIAN_PASS = 1, SQUEEZE_PASS = 2;
    private static final ThreadLocal<Round> ROUNDS = ThreadLocal.withInitial(Round::new);

    /** One Gaussian decay: the survivors' planes, the selected box, the parameters and the current block. */
    static final class Round {
        float[] d, s, w;
        int[] order;
        int p0, p1, p2, p3, from, to, out;
        float bx1, by1, bx2, by2, areaB, c, dv, keepMin;

        void clear() {
            d = s = w = null;
            order = null;
        }
    }

    private static int decayGaussian(float[] d, int p0, int p1, int p2, int p3, float[] s, int[] order, int m,
                                     float bx1, float by1, float bx2, float by2, float c, float dv, float keepMin) {
        Round t = ROUNDS.get();
        t.d = d;
        t.s = s;
        t.order = order;
        t.w = Scratch.floats()[0];
        t.p0 = p0;
        t.p1 = p1;
        t.p2 = p2;
        t.p3 = p3;
        t.bx1 = bx1;
        t.by1 = by1;
        t.bx2 = bx2;
        t.by2 = by2;
        t.areaB = areaOf(bx1, by1, bx2, by2);
        t.c = c;
        t.dv = dv;
        t.keepMin = keepMin;
        t.out = 0;
        int body = m - m % L;
        try {
            for (int r = 0; r < body; r += Scratch.BLOCK) {
                t.from = r;
                t.to = Math.min(body, r + Scratch.BLOCK);
                PASSES.run(IOU_PASS, t);
                PASSES.run(GAUSSIAN_PASS, t);
                PASSES.run(SQUEEZE_PASS, t);
            }
            return ScalarSoftNmsKernels.decayFrom(d, p0, p1, p2, p3, s, order, body, m, t.out, bx1, by1, bx2, by2,
                    true, 0f, c, dv, keepMin);
        } finally {
            t.clear();
        }
    }

    /** IoU of the block's survivors with the selected box into {@code w[r - from]}. */
    static void iouPass(Round t) {
        float[] d = t.d, w = t.w;
        for (int r = t.from; r < t.to; r += L) {
            iou(FloatVector.fromArray(F, d, t.p0 + r), FloatVector.fromArray(F, d, t.p1 + r),
                    FloatVector.fromArray(F, d, t.p2 + r), FloatVector.fromArray(F, d, t.p3 + r), t.bx1, t.by1,
                    t.bx2, t.by2, t.areaB).intoArray(w, r - t.from);
        }
    }

    /** The Gaussian weight {@code exp(((c iou) iou) / dv)} in place. */
    static void gaussianPass(Round t) {
        float[] w = t.w;
        float c = t.c, dv = t.dv;
        for (int j = 0; j < t.to - t.from; j += L) {
            FloatVector iou = FloatVector.fromArray(F, w, j);
            VectorFloatMath.exp(iou.mul(c).mul(iou).div(dv)).intoArray(w, j);
        }
    }

    /** Decays the block's survivors by their weights and compresses the kept ones. */
    static void squeezePass(Round t) {
        float[] d = t.d, w = t.w;
        int out = t.out;
        for (int r = t.from; r < t.to; r += L) {
            out = squeeze(d, t.p0, t.p1, t.p2, t.p3, t.s, t.order, r, out, FloatVector.fromArray(F, d, t.p0 + r),
                    FloatVector.fromArray(F, d, t.p1 + r), FloatVector.fromArray(F, d, t.p2 + r),
                    FloatVector.fromArray(F, d, t.p3 + r), FloatVector.fromArray(F, w, r - t.from), t.keepMin);
        }
        t.out = out;
    }
}
