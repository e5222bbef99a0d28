package dev.anchorvec.select;

import static jdk.incubator.vector.VectorOperators.EQ;
import static jdk.incubator.vector.VectorOperators.EXP;
import static jdk.incubator.vector.VectorOperators.GE;
import static jdk.incubator.vector.VectorOperators.GT;
import static jdk.incubator.vector.VectorOperators.LT;
import static jdk.incubator.vector.VectorOperators.MAX;
import static jdk.incubator.vector.VectorOperators.NE;

import dev.anchorvec.simd.Shapes;
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
 * bit-identical to the scalar one; the Gaussian weight uses the lanewise {@code EXP}, within 1 ulp of
 * {@code (float) Math.exp}. The argmax is a max reduction, then a search for the first equal lane: two short
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
        float bw = bx2 - bx1, bh = by2 - by1;
        float areaB = (bw < 0 ? 0 : bw) * (bh < 0 ? 0 : bh);
        int out = 0, r = 0;
        for (; r <= m - L; r += L) {
            FloatVector x1 = FloatVector.fromArray(F, d, p0 + r);
            FloatVector y1 = FloatVector.fromArray(F, d, p1 + r);
            FloatVector x2 = FloatVector.fromArray(F, d, p2 + r);
            FloatVector y2 = FloatVector.fromArray(F, d, p3 + r);
            FloatVector ix = x2.blend(bx2, x2.compare(GT, bx2)).sub(x1.blend(bx1, x1.compare(LT, bx1)));
            FloatVector iy = y2.blend(by2, y2.compare(GT, by2)).sub(y1.blend(by1, y1.compare(LT, by1)));
            FloatVector inter = ix.broadcast(0f).blend(ix, ix.compare(GT, 0f))
                    .mul(iy.broadcast(0f).blend(iy, iy.compare(GT, 0f)));
            FloatVector w = x2.sub(x1), h = y2.sub(y1);
            FloatVector area = w.blend(0f, w.compare(LT, 0f)).mul(h.blend(0f, h.compare(LT, 0f)));
            FloatVector iou = inter.div(area.add(areaB).sub(inter));
            iou = iou.blend(0f, iou.compare(NE, iou));
            FloatVector weight;
            if (gaussian) {
                weight = iou.mul(c).mul(iou).div(dv).lanewise(EXP);
            } else {
                FloatVector one = iou.broadcast(1f);
                weight = one.blend(one.sub(iou), iou.compare(GE, iouMin));
            }
            FloatVector score = FloatVector.fromArray(F, s, r).mul(weight);
            VectorMask<Float> keep = score.compare(GE, keepMin);
            x1.compress(keep).intoArray(d, p0 + out);
            y1.compress(keep).intoArray(d, p1 + out);
            x2.compress(keep).intoArray(d, p2 + out);
            y2.compress(keep).intoArray(d, p3 + out);
            score.compress(keep).intoArray(s, out);
            IntVector.fromArray(I, order, r).compress(keep.cast(I)).intoArray(order, out);
            out += keep.trueCount();
        }
        return ScalarSoftNmsKernels.decayFrom(d, p0, p1, p2, p3, s, order, r, m, out, bx1, by1, bx2, by2, gaussian,
                iouMin, c, dv, keepMin);
    }
}
