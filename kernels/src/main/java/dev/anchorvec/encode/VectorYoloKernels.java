package dev.anchorvec.encode;

import static jdk.incubator.vector.VectorOperators.EXP;
import static jdk.incubator.vector.VectorOperators.LOG;

import dev.anchorvec.boxes.Boxes;
import dev.anchorvec.simd.Passes;
import dev.anchorvec.simd.Scratch;
import dev.anchorvec.simd.Shapes;
import java.lang.invoke.MethodHandles;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API implementation of {@link YoloKernels}, tiled like {@link VectorDeltaKernels}: predictions go through
 * {@link Transpose4} to scratch planes (rows wider than 4 by a strided copy), one planar pass per variant computes,
 * rows go back through {@link Transpose4}. Inputs shorter than a vector go to the scalar kernels.
 *
 * <p>Accuracy against {@link ScalarYoloKernels}: mmdet centres and the YOLOv5 encode ({@code sqrt} is correctly
 * rounded in both) are bit-identical; mmdet's {@code exp} / {@code log} are lanewise (SVML, within 1 ulp of
 * {@code Math.exp/log}). The YOLOv5 sigmoid is {@code 1 / (1 + exp(-t))} in float (the scalar code rounds a double
 * sigmoid once), a few ulp of {@code s} apart; {@code (2s - 1) * stride} and {@code (2s)^2 * aw} turn that into an
 * error of a few ulp of the box's scale ({@code YoloKernelsPropertyTest} states the bound it checks).
 */
final class VectorYoloKernels implements YoloKernels {

    private static final VectorSpecies<Float> F = Shapes.F;
    private static final int L = Shapes.FL;
    private static final int PLANE = Transpose4.PLANE;

    private static final YoloKernels SCALAR = new ScalarYoloKernels();

    private static final Passes<Tile> PASSES = Passes.of(MethodHandles.lookup(), VectorYoloKernels.class,
            Tile.class, "v5DecodePass", "mmdetDecodePass", "v5EncodePass", "mmdetEncodePass");
    private static final int V5_DECODE = 0, MMDET_DECODE = 1, V5_ENCODE = 2, MMDET_ENCODE = 3;

    private static final ThreadLocal<Tile> TILES = ThreadLocal.withInitial(Tile::new);

    /** A {@link CoderTile} with the per-anchor strides ({@code st[first + j]}) and the encode clamp. */
    static final class Tile extends CoderTile {
        float[] st;
        float eps;

        @Override
        void clear() {
            super.clear();
            st = null;
        }
    }

    @Override
    public void decode(boolean v5, Boxes anchors, float[] strides, int n, float[] raw, int rawOffset, int rawStride,
                       float[] out, int outOffset) {
        if (n < L) {
            SCALAR.decode(v5, anchors, strides, n, raw, rawOffset, rawStride, out, outOffset);
            return;
        }
        float[][] scratch = Scratch.floats();
        Tile t = TILES.get();
        t.codes = scratch[0];
        t.src = raw;
        t.srcStride = rawStride;
        t.st = strides;
        t.dstScratch(scratch[1]);
        t.out = out;
        try {
            Transpose4.decodeTiles(PASSES, v5 ? V5_DECODE : MMDET_DECODE, t, anchors, n, rawOffset, outOffset);
        } finally {
            t.clear();
        }
    }

    @Override
    public void encode(boolean v5, float eps, Boxes anchors, float[] strides, Boxes gt, int n, float[] out,
                       int outOffset) {
        if (n < L) {
            SCALAR.encode(v5, eps, anchors, strides, gt, n, out, outOffset);
            return;
        }
        Tile t = TILES.get();
        t.eps = eps;
        t.st = strides;
        t.dstScratch(Scratch.floats()[1]);
        t.out = out;
        try {
            Transpose4.encodeTiles(PASSES, v5 ? V5_ENCODE : MMDET_ENCODE, t, anchors, gt, n, outOffset);
        } finally {
            t.clear();
        }
    }

    /** {@code 2 * sigmoid(t)} in float. */
    private static FloatVector twoSigmoid(FloatVector t) {
        return FloatVector.broadcast(F, 2f).div(t.neg().lanewise(EXP).add(1f));
    }

    /** YOLOv5: sigmoid-space predictions to box planes. */
    static void v5DecodePass(Tile t) {
        float[] a = t.a, c = t.codes, d = t.dst, st = t.st;
        int n = t.count, last = n - L;
        for (int step = 0; step < n; step += L) {
            int j = Math.min(step, last);
            FloatVector ax1 = FloatVector.fromArray(F, a, t.a0 + j), ay1 = FloatVector.fromArray(F, a, t.a1 + j);
            FloatVector ax2 = FloatVector.fromArray(F, a, t.a2 + j), ay2 = FloatVector.fromArray(F, a, t.a3 + j);
            FloatVector s = FloatVector.fromArray(F, st, t.first + j);
            FloatVector cx = ax1.add(ax2).mul(0.5f).add(twoSigmoid(FloatVector.fromArray(F, c, j)).sub(1f).mul(s));
            FloatVector cy = ay1.add(ay2).mul(0.5f)
                    .add(twoSigmoid(FloatVector.fromArray(F, c, PLANE + j)).sub(1f).mul(s));
            FloatVector sw = twoSigmoid(FloatVector.fromArray(F, c, 2 * PLANE + j));
            FloatVector sh = twoSigmoid(FloatVector.fromArray(F, c, 3 * PLANE + j));
            FloatVector hw = sw.mul(sw).mul(ax2.sub(ax1)).mul(0.5f);
            FloatVector hh = sh.mul(sh).mul(ay2.sub(ay1)).mul(0.5f);
            cx.sub(hw).intoArray(d, t.d0 + j);
            cy.sub(hh).intoArray(d, t.d1 + j);
            cx.add(hw).intoArray(d, t.d2 + j);
            cy.add(hh).intoArray(d, t.d3 + j);
        }
    }

    /** mmdet: sigmoided centres and raw log-sizes to box planes. */
    static void mmdetDecodePass(Tile t) {
        float[] a = t.a, c = t.codes, d = t.dst, st = t.st;
        int n = t.count, last = n - L;
        float limit = DeltaCoder.EXP_LIMIT;
        for (int step = 0; step < n; step += L) {
            int j = Math.min(step, last);
            FloatVector ax1 = FloatVector.fromArray(F, a, t.a0 + j), ay1 = FloatVector.fromArray(F, a, t.a1 + j);
            FloatVector ax2 = FloatVector.fromArray(F, a, t.a2 + j), ay2 = FloatVector.fromArray(F, a, t.a3 + j);
            FloatVector s = FloatVector.fromArray(F, st, t.first + j);
            FloatVector cx = ax1.add(ax2).mul(0.5f).add(FloatVector.fromArray(F, c, j).sub(0.5f).mul(s));
            FloatVector cy = ay1.add(ay2).mul(0.5f).add(FloatVector.fromArray(F, c, PLANE + j).sub(0.5f).mul(s));
            FloatVector hw = ax2.sub(ax1).mul(0.5f)
                    .mul(FloatVector.fromArray(F, c, 2 * PLANE + j).min(limit).lanewise(EXP));
            FloatVector hh = ay2.sub(ay1).mul(0.5f)
                    .mul(FloatVector.fromArray(F, c, 3 * PLANE + j).min(limit).lanewise(EXP));
            cx.sub(hw).intoArray(d, t.d0 + j);
            cy.sub(hh).intoArray(d, t.d1 + j);
            cx.add(hw).intoArray(d, t.d2 + j);
            cy.add(hh).intoArray(d, t.d3 + j);
        }
    }

    /** YOLOv5 encode: sigmoid-space targets, clamped to {@code [eps, 1 - eps]}. */
    static void v5EncodePass(Tile t) {
        float[] a = t.a, g = t.g, d = t.dst, st = t.st;
        int n = t.count, last = n - L;
        float lo = t.eps, hi = 1f - t.eps;
        for (int step = 0; step < n; step += L) {
            int j = Math.min(step, last);
            FloatVector ax1 = FloatVector.fromArray(F, a, t.a0 + j), ay1 = FloatVector.fromArray(F, a, t.a1 + j);
            FloatVector ax2 = FloatVector.fromArray(F, a, t.a2 + j), ay2 = FloatVector.fromArray(F, a, t.a3 + j);
            FloatVector gx1 = FloatVector.fromArray(F, g, t.g0 + j), gy1 = FloatVector.fromArray(F, g, t.g1 + j);
            FloatVector gx2 = FloatVector.fromArray(F, g, t.g2 + j), gy2 = FloatVector.fromArray(F, g, t.g3 + j);
            FloatVector s = FloatVector.fromArray(F, st, t.first + j);
            FloatVector dx = gx1.add(gx2).mul(0.5f).sub(ax1.add(ax2).mul(0.5f));
            FloatVector dy = gy1.add(gy2).mul(0.5f).sub(ay1.add(ay2).mul(0.5f));
            dx.div(s).add(1f).mul(0.5f).max(lo).min(hi).intoArray(d, t.d0 + j);
            dy.div(s).add(1f).mul(0.5f).max(lo).min(hi).intoArray(d, t.d1 + j);
            gx2.sub(gx1).div(ax2.sub(ax1)).sqrt().mul(0.5f).max(lo).min(hi).intoArray(d, t.d2 + j);
            gy2.sub(gy1).div(ay2.sub(ay1)).sqrt().mul(0.5f).max(lo).min(hi).intoArray(d, t.d3 + j);
        }
    }

    /** mmdet encode: clamped centre offsets and log size ratios. */
    static void mmdetEncodePass(Tile t) {
        float[] a = t.a, g = t.g, d = t.dst, st = t.st;
        int n = t.count, last = n - L;
        float lo = t.eps, hi = 1f - t.eps;
        for (int step = 0; step < n; step += L) {
            int j = Math.min(step, last);
            FloatVector ax1 = FloatVector.fromArray(F, a, t.a0 + j), ay1 = FloatVector.fromArray(F, a, t.a1 + j);
            FloatVector ax2 = FloatVector.fromArray(F, a, t.a2 + j), ay2 = FloatVector.fromArray(F, a, t.a3 + j);
            FloatVector gx1 = FloatVector.fromArray(F, g, t.g0 + j), gy1 = FloatVector.fromArray(F, g, t.g1 + j);
            FloatVector gx2 = FloatVector.fromArray(F, g, t.g2 + j), gy2 = FloatVector.fromArray(F, g, t.g3 + j);
            FloatVector s = FloatVector.fromArray(F, st, t.first + j);
            FloatVector dx = gx1.add(gx2).mul(0.5f).sub(ax1.add(ax2).mul(0.5f));
            FloatVector dy = gy1.add(gy2).mul(0.5f).sub(ay1.add(ay2).mul(0.5f));
            dx.div(s).add(0.5f).max(lo).min(hi).intoArray(d, t.d0 + j);
            dy.div(s).add(0.5f).max(lo).min(hi).intoArray(d, t.d1 + j);
            gx2.sub(gx1).div(ax2.sub(ax1)).max(lo).lanewise(LOG).intoArray(d, t.d2 + j);
            gy2.sub(gy1).div(ay2.sub(ay1)).max(lo).lanewise(LOG).intoArray(d, t.d3 + j);
        }
    }
}
