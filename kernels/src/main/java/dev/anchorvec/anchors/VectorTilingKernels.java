package dev.anchorvec.anchors;

import static jdk.incubator.vector.VectorOperators.GT;
import static jdk.incubator.vector.VectorOperators.LT;

import dev.anchorvec.simd.Shapes;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API implementation of {@link TilingKernels}: a row of a level is a fixed template in which only the y
 * slots change from row to row, so each step loads the template, computes the y slots with the row's centre
 * broadcast, blends, and stores: a pure streaming write. The last step of a row is moved back to end at the
 * row's end (rows are multiples of 4 floats and L is a multiple of 4, so the slot pattern stays aligned).
 * Rows shorter than a vector go to the scalar code.
 */
final class VectorTilingKernels implements TilingKernels {

    private static final VectorSpecies<Float> F = Shapes.F;
    private static final int L = Shapes.FL;
    private static final TilingKernels SCALAR = new ScalarTilingKernels();

    @Override
    public void interleavedRows(float[] rowConst, float[] rowBase, float[] centreY, int yFrom, int yTo,
                                float scaleY, boolean clip, float clipHigh, int yLanes, float[] out,
                                int outOffset) {
        int len = rowConst.length;
        if (len < L) {
            SCALAR.interleavedRows(rowConst, rowBase, centreY, yFrom, yTo, scaleY, clip, clipHigh, yLanes, out,
                    outOffset);
            return;
        }
        long pattern = 0;
        for (int lane = 0; lane < L; lane++) {
            pattern |= (long) ((yLanes >>> (lane & 3)) & 1) << lane;
        }
        VectorMask<Float> ySlots = VectorMask.fromLong(F, pattern);
        FloatVector hi = FloatVector.broadcast(F, clip ? clipHigh : Float.POSITIVE_INFINITY);
        FloatVector lo = FloatVector.broadcast(F, clip ? 0f : Float.NEGATIVE_INFINITY);
        int last = len - L;
        for (int y = yFrom; y < yTo; y++) {
            FloatVector cy = FloatVector.broadcast(F, centreY[y]);
            int o = outOffset + (y - yFrom) * len;
            for (int step = 0; step < len; step += L) {
                int j = Math.min(step, last);
                FloatVector v = cy.add(FloatVector.fromArray(F, rowBase, j)).mul(scaleY);
                v = v.blend(lo, v.compare(LT, lo));
                v = v.blend(hi, v.compare(GT, hi));
                FloatVector.fromArray(F, rowConst, j).blend(v, ySlots).intoArray(out, o + j);
            }
        }
    }

    @Override
    public void planeRows(float[] base, float[] centreY, float scaleY, boolean clip, float clipHigh, float[] out,
                          int outOffset) {
        int len = base.length;
        if (len < L) {
            SCALAR.planeRows(base, centreY, scaleY, clip, clipHigh, out, outOffset);
            return;
        }
        FloatVector hi = FloatVector.broadcast(F, clip ? clipHigh : Float.POSITIVE_INFINITY);
        FloatVector lo = FloatVector.broadcast(F, clip ? 0f : Float.NEGATIVE_INFINITY);
        int last = len - L;
        for (int y = 0; y < centreY.length; y++) {
            FloatVector cy = FloatVector.broadcast(F, centreY[y]);
            int o = outOffset + y * len;
            for (int step = 0; step < len; step += L) {
                int k = Math.min(step, last);
                FloatVector v = cy.add(FloatVector.fromArray(F, base, k)).mul(scaleY);
                v = v.blend(lo, v.compare(LT, lo));
                v.blend(hi, v.compare(GT, hi)).intoArray(out, o + k);
            }
        }
    }
}
