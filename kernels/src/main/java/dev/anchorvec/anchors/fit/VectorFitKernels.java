package dev.anchorvec.anchors.fit;

import static jdk.incubator.vector.VectorOperators.GT;

import dev.anchorvec.simd.Shapes;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API implementation of {@link FitKernels}: L boxes per step against each anchor in turn (anchors are
 * few, boxes many), the running best and its index kept in registers. Whole vectors only: the last
 * {@code (to - from) mod L} boxes go to the scalar code, which computes the same bits. Sums are kept per lane
 * over blocks of 1024 boxes and then added to a double in lane order: not {@code reduceLanes}, whose order
 * differs between the intrinsic and the Java fallback, so a result never depends on the JIT's progress (the
 * evolution's accept decisions compare such sums). Scalar code sums box by box in double instead: the two
 * implementations agree to ~1e-7 relative, each is deterministic.
 */
final class VectorFitKernels implements FitKernels {

    private static final VectorSpecies<Float> F = Shapes.F;
    private static final VectorSpecies<Integer> I = Shapes.I;
    private static final int L = Shapes.FL;
    private static final int BLOCK = 1024;
    private static final ScalarFitKernels SCALAR = new ScalarFitKernels();

    @Override
    public double assign(float[] w, float[] h, int from, int to, float[] cw, float[] ch, int k, int[] arg,
                         float[] best) {
        int end = from + (to - from) / L * L;
        double sum = 0;
        float[] lanes = new float[L];
        for (int s = from; s < end; s += BLOCK) {
            assignBlock(w, h, s, Math.min(end, s + BLOCK), cw, ch, k, arg, best).intoArray(lanes, 0);
            sum += inOrder(lanes);
        }
        return sum + SCALAR.assign(w, h, end, to, cw, ch, k, arg, best);
    }

    /** Lane sums in lane order, in double. */
    private static double inOrder(float[] lanes) {
        double sum = 0;
        for (float v : lanes) {
            sum += v;
        }
        return sum;
    }

    /** Assigns boxes [from, to) (whole vectors) and returns the per-lane sums of their best IoU. */
    private static FloatVector assignBlock(float[] w, float[] h, int from, int to, float[] cw, float[] ch, int k,
                                           int[] arg, float[] best) {
        FloatVector total = FloatVector.zero(F);
        for (int i = from; i < to; i += L) {
            FloatVector bw = FloatVector.fromArray(F, w, i), bh = FloatVector.fromArray(F, h, i);
            FloatVector area = bw.mul(bh);
            FloatVector top = FloatVector.broadcast(F, -1f);
            IntVector at = IntVector.zero(I);
            for (int c = 0; c < k; c++) {
                FloatVector aw = FloatVector.broadcast(F, cw[c]), ah = FloatVector.broadcast(F, ch[c]);
                FloatVector inter = bw.min(aw).mul(bh.min(ah));
                FloatVector iou = inter.div(area.add(aw.mul(ah)).sub(inter));
                VectorMask<Float> up = iou.compare(GT, top);
                top = top.blend(iou, up);
                at = at.blend(c, up.cast(I));
            }
            if (arg != null) {
                at.intoArray(arg, i);
            }
            if (best != null) {
                top.intoArray(best, i);
            }
            total = total.add(top);
        }
        return total;
    }

    @Override
    public void ratioTotals(float[] w, float[] h, int from, int to, float[] cw, float[] ch, int k, float t,
                            double[] totals) {
        int end = from + (to - from) / L * L;
        float[] lanes = new float[L];
        for (int s = from; s < end; s += BLOCK) {
            ratioBlock(w, h, s, Math.min(end, s + BLOCK), cw, ch, k, t, totals, lanes);
        }
        SCALAR.ratioTotals(w, h, end, to, cw, ch, k, t, totals);
    }

    private static void ratioBlock(float[] w, float[] h, int from, int to, float[] cw, float[] ch, int k, float t,
                                   double[] totals, float[] lanes) {
        FloatVector sumAbove = FloatVector.zero(F);
        long boxesAbove = 0, pairsAbove = 0;
        for (int i = from; i < to; i += L) {
            FloatVector bw = FloatVector.fromArray(F, w, i), bh = FloatVector.fromArray(F, h, i);
            FloatVector top = FloatVector.zero(F);
            for (int c = 0; c < k; c++) {
                FloatVector aw = FloatVector.broadcast(F, cw[c]), ah = FloatVector.broadcast(F, ch[c]);
                FloatVector x = bw.min(aw).div(bw.max(aw)).min(bh.min(ah).div(bh.max(ah)));
                top = top.max(x);
                pairsAbove += x.compare(GT, t).trueCount();
            }
            VectorMask<Float> above = top.compare(GT, t);
            sumAbove = sumAbove.add(FloatVector.zero(F).blend(top, above));
            boxesAbove += above.trueCount();
        }
        sumAbove.intoArray(lanes, 0);
        totals[0] += inOrder(lanes);
        totals[1] += boxesAbove;
        totals[2] += pairsAbove;
    }
}
