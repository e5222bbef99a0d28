package dev.anchorvec.anchors.fit;

import static jdk.incubator.vector.VectorOperators.GT;
import static jdk.incubator.vector.VectorOperators.LT;

import dev.anchorvec.simd.Scratch;
import dev.anchorvec.simd.Shapes;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API implementation of {@link FitKernels}: L boxes per step against each anchor in turn (anchors are
 * few, boxes many), the running best and its index kept in registers. Whole vectors only: the last
 * {@code (to - from) mod L} boxes go to the scalar code, which computes the same bits. Per-box results are
 * stored (into the caller's array or a per-thread scratch block of 4096) and then summed box by box in double,
 * exactly as the scalar code does: sums are bit-identical between implementations and independent of the
 * JIT's progress (the evolution's accept decisions compare them). Storing also keeps vectors from being
 * carried around the loop nest, which C2 boxed on every step.
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
        float[] tops = best != null ? best : Scratch.floats()[0];
        for (int s = from; s < end; s += BLOCK) {
            int e = Math.min(end, s + BLOCK), o = best != null ? 0 : -s;
            assignBlock(w, h, s, e, cw, ch, k, arg, tops, o);
            // Summed box by box in double, in the same order as the scalar code: the same bits.
            for (int i = s; i < e; i++) {
                sum += tops[o + i];
            }
        }
        return sum + SCALAR.assign(w, h, end, to, cw, ch, k, arg, best);
    }

    /** {@code a < b ? a : b}: compare + blend (inputs are finite and positive, so Java's NaN rules do not matter). */
    private static FloatVector min(FloatVector a, FloatVector b) {
        return b.blend(a, a.compare(LT, b));
    }

    private static FloatVector max(FloatVector a, FloatVector b) {
        return b.blend(a, a.compare(GT, b));
    }

    /**
     * Assigns boxes [from, to) (whole vectors): index into {@code arg} (when non-null), best IoU into
     * {@code tops[o + i]}. Results go to memory every step rather than into a vector carried across the loop:
     * a vector accumulated around this nest of loops was boxed on every step.
     */
    private static void assignBlock(float[] w, float[] h, int from, int to, float[] cw, float[] ch, int k,
                                    int[] arg, float[] tops, int o) {
        for (int i = from; i < to; i += L) {
            FloatVector bw = FloatVector.fromArray(F, w, i), bh = FloatVector.fromArray(F, h, i);
            FloatVector area = bw.mul(bh);
            FloatVector top = FloatVector.broadcast(F, -1f);
            IntVector at = IntVector.zero(I);
            for (int c = 0; c < k; c++) {
                FloatVector aw = FloatVector.broadcast(F, cw[c]), ah = FloatVector.broadcast(F, ch[c]);
                FloatVector inter = min(bw, aw).mul(min(bh, ah));
                FloatVector iou = inter.div(area.add(aw.mul(ah)).sub(inter));
                VectorMask<Float> up = iou.compare(GT, top);
                top = top.blend(iou, up);
                at = at.blend(c, up.cast(I));
            }
            if (arg != null) {
                at.intoArray(arg, i);
            }
            top.intoArray(tops, o + i);
        }
    }

    @Override
    public void ratioTotals(float[] w, float[] h, int from, int to, float[] cw, float[] ch, int k, float t,
                            double[] totals) {
        int end = from + (to - from) / L * L;
        float[] tops = Scratch.floats()[0];
        double sumAbove = 0;
        long boxesAbove = 0, pairsAbove = 0;
        for (int s = from; s < end; s += BLOCK) {
            int e = Math.min(end, s + BLOCK);
            pairsAbove += ratioBlock(w, h, s, e, cw, ch, k, t, tops, -s);
            // The same sequence of double additions as the scalar code: the same bits.
            for (int i = s; i < e; i++) {
                float top = tops[i - s];
                if (top > t) {
                    sumAbove += top;
                    boxesAbove++;
                }
            }
        }
        totals[0] += sumAbove;
        totals[1] += boxesAbove;
        totals[2] += pairsAbove;
        SCALAR.ratioTotals(w, h, end, to, cw, ch, k, t, totals);
    }

    /** Best ratio of boxes [from, to) into {@code tops[o + i]}; returns the (box, anchor) pairs above t. */
    private static long ratioBlock(float[] w, float[] h, int from, int to, float[] cw, float[] ch, int k, float t,
                                   float[] tops, int o) {
        long pairsAbove = 0;
        for (int i = from; i < to; i += L) {
            FloatVector bw = FloatVector.fromArray(F, w, i), bh = FloatVector.fromArray(F, h, i);
            FloatVector top = FloatVector.zero(F);
            for (int c = 0; c < k; c++) {
                FloatVector aw = FloatVector.broadcast(F, cw[c]), ah = FloatVector.broadcast(F, ch[c]);
                FloatVector x = min(min(bw, aw).div(max(bw, aw)), min(bh, ah).div(max(bh, ah)));
                top = max(top, x);
                pairsAbove += x.compare(GT, t).trueCount();
            }
            top.intoArray(tops, o + i);
        }
        return pairsAbove;
    }
}
