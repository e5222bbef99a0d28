package dev.anchorvec.boxes;

import static jdk.incubator.vector.VectorOperators.EQ;
import static jdk.incubator.vector.VectorOperators.GT;

import dev.anchorvec.simd.Scratch;
import dev.anchorvec.simd.Shapes;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API implementation of {@link TieKernels}, blocked and culled like {@link VectorBestMatchKernels}: anchors
 * in small blocks in the lanes, one sweep per gt, the result kept in the caller's output (hot in L1). A gt that
 * misses a block's bounding box has IoU exactly 0 with all of its anchors: with a target above 0 none of them
 * ties and the block is skipped; with a target of 0 all of them tie, and the block's result is raised to
 * {@code j} without computing an IoU.
 */
final class VectorTieKernels implements TieKernels {

    private static final VectorSpecies<Float> F = Shapes.F;
    private static final VectorSpecies<Integer> I = Shapes.I;
    private static final int L = Shapes.FL;
    /** Anchors per block: {@link BestIou#BLOCK}, so that {@code blockMax} lines up. */
    private static final int BLOCK = BestIou.BLOCK;

    private static final TieKernels SCALAR = new ScalarTieKernels();

    @Override
    public void lastEqual(Boxes a, Boxes b, float[] target, int[] out, float[] blockMax) {
        int n = a.size(), m = b.size();
        if (n < L) {
            SCALAR.lastEqual(a, b, target, out, blockMax);
            return;
        }
        float[] bd = b.data();
        int b0 = b.plane(0), b1 = b.plane(1), b2 = b.plane(2), b3 = b.plane(3);
        float[] ad = a.data();
        int a0 = a.plane(0), a1 = a.plane(1), a2 = a.plane(2), a3 = a.plane(3);
        float[] bounds = Scratch.floats()[0];
        for (int s = 0, block = 0; s < n; s += BLOCK, block++) {
            int e = Math.min(n, s + BLOCK);
            Arrays.fill(out, s, e, -1);
            boolean bounded = false;
            float minX1 = 0, minY1 = 0, maxX2 = 0, maxY2 = 0;
            for (int j = 0; j < m; j++) {
                float t = target[j];
                // NaN: left out. Above the block's maximum for j: no anchor of the block can reach it.
                if (t != t || (blockMax != null && t > blockMax[block * m + j])) {
                    continue;
                }
                if (!bounded) {
                    BlockBounds.fill(ad, a0, a1, a2, a3, n, block, block + 1, bounds);
                    minX1 = bounds[0];
                    minY1 = bounds[1];
                    maxX2 = bounds[2];
                    maxY2 = bounds[3];
                    bounded = true;
                }
                float bx1 = bd[b0 + j], by1 = bd[b1 + j], bx2 = bd[b2 + j], by2 = bd[b3 + j];
                if (maxX2 <= bx1 || bx2 <= minX1 || maxY2 <= by1 || by2 <= minY1) {
                    if (t == 0f) {
                        // j is above every index stored so far in this block (gts go in ascending order).
                        Arrays.fill(out, s, e, j);
                    }
                    continue;
                }
                sweep(a, s, e, j, t, bx1, by1, bx2, by2, out);
            }
        }
    }

    /**
     * One gt against anchors [s, e). The last step is moved back to end at {@code e}; the lanes it repeats keep
     * their result because the update is {@code max(out, j)}: j only grows within a block, and a lane of the
     * previous block already holds its final (highest) index.
     */
    private static void sweep(Boxes a, int s, int e, int j, float t, float bx1s, float by1s, float bx2s,
                              float by2s, int[] out) {
        float[] ad = a.data();
        int a0 = a.plane(0), a1 = a.plane(1), a2 = a.plane(2), a3 = a.plane(3);
        FloatVector bx1 = FloatVector.broadcast(F, bx1s), by1 = FloatVector.broadcast(F, by1s);
        FloatVector bx2 = FloatVector.broadcast(F, bx2s), by2 = FloatVector.broadcast(F, by2s);
        FloatVector areaB = FloatVector.broadcast(F, PairMath.area(bx1s, by1s, bx2s, by2s));
        IntVector jv = IntVector.broadcast(I, j);
        VectorMask<Float> zeroTarget = F.maskAll(t == 0f);
        int last = e - L;
        for (int step = s; step < e; step += L) {
            int i = Math.min(step, last);
            FloatVector ax1 = FloatVector.fromArray(F, ad, a0 + i), ay1 = FloatVector.fromArray(F, ad, a1 + i);
            FloatVector ax2 = FloatVector.fromArray(F, ad, a2 + i), ay2 = FloatVector.fromArray(F, ad, a3 + i);
            FloatVector inter = VectorPairMath.inter(ax1, ay1, ax2, ay2, bx1, by1, bx2, by2);
            FloatVector union = VectorPairMath.union(VectorPairMath.area(ax1, ay1, ax2, ay2), areaB, inter);
            // A NaN IoU (0/0) counts as 0: it ties a target of 0 (as every IoU that is not above 0 does) and never
            // a target above 0. One loop for both cases: two sweep loops inlined into lastEqual exceed C2's node
            // budget and box vectors.
            FloatVector iou = inter.div(union);
            VectorMask<Float> eq = iou.compare(EQ, t).or(iou.compare(GT, 0f).not().and(zeroTarget));
            IntVector cur = IntVector.fromArray(I, out, i);
            cur.blend(cur.max(jv), eq.cast(I)).intoArray(out, i);
        }
    }
}
