package dev.anchorvec.boxes;

import static jdk.incubator.vector.VectorOperators.GT;
import static jdk.incubator.vector.VectorOperators.MAX;
import static jdk.incubator.vector.VectorOperators.MIN;
import static jdk.incubator.vector.VectorOperators.NE;

import dev.anchorvec.simd.Shapes;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API implementation of {@link BestMatchKernels}. The boxes of {@code a} (anchors: many) are processed
 * in blocks small enough to stay in L1; for each box of {@code b} (ground truth: few) the block is swept with
 * {@code a} in the lanes. The per-anchor best lives in the caller's output arrays (hot in L1 during the
 * block); the per-gt best of the block is a register accumulator reduced once per block and gt. No scratch.
 */
final class VectorBestMatchKernels implements BestMatchKernels {

    private static final VectorSpecies<Float> F = Shapes.F;
    private static final VectorSpecies<Integer> I = Shapes.I;
    private static final int L = Shapes.FL;
    /** Boxes of {@code a} per block: 4 planes + 2 outputs = 24 KiB, inside a 32 KiB L1. */
    private static final int BLOCK = 1024;

    private static final BestMatchKernels SCALAR = new ScalarBestMatchKernels();

    @Override
    public void best(Boxes a, Boxes b, float[] bestA, int[] argA, float[] bestB, int[] argB) {
        int n = a.size(), m = b.size();
        if (n < L) {
            SCALAR.best(a, b, bestA, argA, bestB, argB);
            return;
        }
        float[] bd = b.data();
        int b0 = b.plane(0), b1 = b.plane(1), b2 = b.plane(2), b3 = b.plane(3);
        Arrays.fill(bestB, 0, m, -1f);
        Arrays.fill(argB, 0, m, -1);
        for (int s = 0; s < n; s += BLOCK) {
            int e = Math.min(n, s + BLOCK);
            Arrays.fill(bestA, s, e, -1f);
            Arrays.fill(argA, s, e, -1);
            for (int j = 0; j < m; j++) {
                sweep(a, s, e, j, bd[b0 + j], bd[b1 + j], bd[b2 + j], bd[b3 + j], bestA, argA, bestB, argB);
            }
        }
    }

    /**
     * One gt against anchors [s, e): updates the anchors' best and the gt's best over this block. The last step
     * is moved back to end at {@code e} (n >= L guarantees {@code e - L >= 0}); lanes it repeats, even ones of
     * the previous block, change nothing: an anchor's best is already at least this IoU, and a repeated anchor
     * cannot beat the gt's best so far.
     */
    private static void sweep(Boxes a, int s, int e, int j, float bx1s, float by1s, float bx2s, float by2s,
                              float[] bestA, int[] argA, float[] bestB, int[] argB) {
        float[] ad = a.data();
        int a0 = a.plane(0), a1 = a.plane(1), a2 = a.plane(2), a3 = a.plane(3);
        FloatVector bx1 = FloatVector.broadcast(F, bx1s), by1 = FloatVector.broadcast(F, by1s);
        FloatVector bx2 = FloatVector.broadcast(F, bx2s), by2 = FloatVector.broadcast(F, by2s);
        FloatVector areaB = FloatVector.broadcast(F, PairMath.area(bx1s, by1s, bx2s, by2s));
        FloatVector gBest = FloatVector.broadcast(F, -1f);
        IntVector gArg = IntVector.zero(I);
        IntVector iota = IntVector.zero(I).addIndex(1);
        int last = e - L;
        for (int step = s; step < e; step += L) {
            int i = Math.min(step, last);
            FloatVector ax1 = FloatVector.fromArray(F, ad, a0 + i), ay1 = FloatVector.fromArray(F, ad, a1 + i);
            FloatVector ax2 = FloatVector.fromArray(F, ad, a2 + i), ay2 = FloatVector.fromArray(F, ad, a3 + i);
            FloatVector inter = VectorPairMath.inter(ax1, ay1, ax2, ay2, bx1, by1, bx2, by2);
            FloatVector union = VectorPairMath.union(VectorPairMath.area(ax1, ay1, ax2, ay2), areaB, inter);
            FloatVector iou = VectorPairMath.nanToZero(inter.div(union));
            FloatVector cur = FloatVector.fromArray(F, bestA, i);
            VectorMask<Float> up = iou.compare(GT, cur);
            cur.blend(iou, up).intoArray(bestA, i);
            IntVector.fromArray(I, argA, i).blend(j, up.cast(I)).intoArray(argA, i);
            VectorMask<Float> gUp = iou.compare(GT, gBest);
            gBest = gBest.blend(iou, gUp);
            gArg = gArg.blend(iota.add(i), gUp.cast(I));
        }
        float blockBest = gBest.reduceLanes(MAX);
        if (blockBest > bestB[j]) {
            // Each lane kept its earliest anchor; among the lanes at the maximum take the lowest index.
            VectorMask<Integer> notBest = gBest.compare(NE, blockBest).cast(I);
            bestB[j] = blockBest;
            argB[j] = gArg.blend(Integer.MAX_VALUE, notBest).reduceLanes(MIN);
        }
    }
}
