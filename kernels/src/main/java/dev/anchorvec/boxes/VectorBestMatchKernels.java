package dev.anchorvec.boxes;

import static jdk.incubator.vector.VectorOperators.GT;
import static jdk.incubator.vector.VectorOperators.MAX;
import static jdk.incubator.vector.VectorOperators.MIN;
import static jdk.incubator.vector.VectorOperators.NE;

import dev.anchorvec.simd.Scratch;
import dev.anchorvec.simd.Shapes;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API implementation of {@link BestMatchKernels}. The boxes of {@code a} (anchors: many) are processed
 * in blocks that stay in L1; for each box of {@code b} (ground truth: few) the block is swept with {@code a} in
 * the lanes. The per-anchor best lives in the caller's output arrays (hot in L1 during the block); the per-gt
 * best of the block is a register accumulator reduced once per block and gt. No scratch.
 *
 * <p><b>Culling.</b> Anchors come in spatial order (grids are tiled row by row), so a block covers a small part of
 * the image and most ground-truth boxes cannot touch it. Each block's bounding box is computed once per call; a gt
 * box that does not overlap it with positive width and height has IoU exactly 0 (or 0/0, which counts as 0) with
 * every anchor of the block and is skipped. That is exact for any input: if the block's largest {@code x2} is
 * {@code <= gt.x1}, every {@code min(ax2, bx2) - max(ax1, bx1)} is {@code <= 0} in float arithmetic, whatever the
 * boxes (inverted ones included); NaN bounds never skip. Because IoU is never below 0, the bests start at
 * {@code (0, index 0)} and only a strictly larger IoU moves them, which gives the lowest index on ties and makes
 * skipped pairs, NaN pairs and zero pairs all equivalent to the reference's "0 at the lowest index".
 */
final class VectorBestMatchKernels implements BestMatchKernels {

    private static final VectorSpecies<Float> F = Shapes.F;
    private static final VectorSpecies<Integer> I = Shapes.I;
    private static final int L = Shapes.FL;
    /** Anchors per block: small enough that a block's bounding box stays tight on a grid row. */
    private static final int BLOCK = BestIou.BLOCK;
    /** Blocks tried before culling is given up on an input where it never skipped a sweep. */
    private static final int PROBE = 16;
    /** Blocks whose bounds fit one scratch slot. */
    private static final int CHUNK = Scratch.BLOCK / 4;

    private static final BestMatchKernels SCALAR = new ScalarBestMatchKernels();

    @Override
    public void best(Boxes a, Boxes b, float[] bestA, int[] argA, float[] bestB, int[] argB, float[] blockMax) {
        int n = a.size(), m = b.size();
        if (n < L) {
            SCALAR.best(a, b, bestA, argA, bestB, argB, blockMax);
            return;
        }
        float[] ad = a.data(), bd = b.data();
        int a0 = a.plane(0), a1 = a.plane(1), a2 = a.plane(2), a3 = a.plane(3);
        int b0 = b.plane(0), b1 = b.plane(1), b2 = b.plane(2), b3 = b.plane(3);
        Arrays.fill(bestB, 0, m, 0f);
        Arrays.fill(argB, 0, m, 0);
        Arrays.fill(bestA, 0, n, 0f);
        Arrays.fill(argA, 0, n, 0);
        // Unordered boxes (random sets) never cull; after PROBE blocks without a skip the bounds are no longer
        // computed (they cost ~10 % at M = 10 there).
        boolean cull = true;
        int skipped = 0;
        float[] bounds = Scratch.floats()[0];
        int boundsFrom = 0, boundsTo = 0;
        for (int s = 0, block = 0; s < n; s += BLOCK, block++) {
            int e = Math.min(n, s + BLOCK);
            float minX1 = Float.NaN, minY1 = Float.NaN, maxX2 = Float.NaN, maxY2 = Float.NaN;
            if (cull) {
                if (block >= boundsTo) {
                    boundsFrom = block;
                    boundsTo = Math.min(BestIou.blocks(n), block + (block < PROBE ? PROBE : CHUNK));
                    BlockBounds.fill(ad, a0, a1, a2, a3, n, boundsFrom, boundsTo, bounds);
                }
                int o = 4 * (block - boundsFrom);
                minX1 = bounds[o];
                minY1 = bounds[o + 1];
                maxX2 = bounds[o + 2];
                maxY2 = bounds[o + 3];
                cull = block < PROBE || skipped > 0;
            }
            for (int j = 0; j < m; j++) {
                float bx1 = bd[b0 + j], by1 = bd[b1 + j], bx2 = bd[b2 + j], by2 = bd[b3 + j];
                // NaN bounds (not computed, or a NaN coordinate) compare false: the block is swept.
                float max = 0f;
                if (maxX2 <= bx1 || bx2 <= minX1 || maxY2 <= by1 || by2 <= minY1) {
                    skipped++;
                } else {
                    max = sweep(a, s, e, j, bx1, by1, bx2, by2, bestA, argA, bestB, argB);
                }
                if (blockMax != null) {
                    blockMax[block * m + j] = max;
                }
            }
        }
    }

    /**
     * One gt against anchors [s, e): updates the anchors' best and the gt's best over this block. The last step
     * is moved back to end at {@code e} (n >= L guarantees {@code e - L >= 0}); lanes it repeats, even ones of
     * the previous block, change nothing: an anchor's best is already at least this IoU (0 if the previous block
     * was skipped for this gt), and a repeated anchor cannot beat the gt's best so far.
     *
     * @return the largest IoU seen (an upper bound for the block: the repeated lanes only add candidates)
     */
    private static float sweep(Boxes a, int s, int e, int j, float bx1s, float by1s, float bx2s, float by2s,
                              float[] bestA, int[] argA, float[] bestB, int[] argB) {
        float[] ad = a.data();
        int a0 = a.plane(0), a1 = a.plane(1), a2 = a.plane(2), a3 = a.plane(3);
        FloatVector bx1 = FloatVector.broadcast(F, bx1s), by1 = FloatVector.broadcast(F, by1s);
        FloatVector bx2 = FloatVector.broadcast(F, bx2s), by2 = FloatVector.broadcast(F, by2s);
        FloatVector areaB = FloatVector.broadcast(F, PairMath.area(bx1s, by1s, bx2s, by2s));
        FloatVector gBest = FloatVector.zero(F);
        IntVector gArg = IntVector.zero(I);
        IntVector iota = IntVector.zero(I).addIndex(1);
        int last = e - L;
        for (int step = s; step < e; step += L) {
            int i = Math.min(step, last);
            FloatVector ax1 = FloatVector.fromArray(F, ad, a0 + i), ay1 = FloatVector.fromArray(F, ad, a1 + i);
            FloatVector ax2 = FloatVector.fromArray(F, ad, a2 + i), ay2 = FloatVector.fromArray(F, ad, a3 + i);
            FloatVector inter = VectorPairMath.inter(ax1, ay1, ax2, ay2, bx1, by1, bx2, by2);
            FloatVector union = VectorPairMath.union(VectorPairMath.area(ax1, ay1, ax2, ay2), areaB, inter);
            // NaN (0/0) compares false below, exactly like the 0 it stands for: the bests start at 0.
            FloatVector iou = inter.div(union);
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
        return blockBest;
    }
}
