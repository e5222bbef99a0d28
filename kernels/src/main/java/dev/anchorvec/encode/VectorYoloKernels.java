package dev.anchorvec.encode;


import dev.anchorvec.boxes.Boxes;
import dev.anchorvec.simd.Passes;
import dev.anchorvec.simd.Scratch;
import dev.anchorvec.simd.Shapes;
import dev.anchorvec.simd.VectorFloatMath;
import java.lang.invoke.MethodHandles;
import java.util.function.Consumer;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API implementation of {@link YoloKernels}, tiled like {@link VectorDeltaKernels}: predictions go through
 * {@link Transpose4} to scratch planes (rows wider than 4 by a strided copy), one planar pass per variant computes,
 * rows go back through {@link Transpose4}. Inputs shorter than a vector go to the scalar kernels.
 *
 * <p>Every result is bit-identical with {@link ScalarYoloKernels}: the same float operations in the same order,
 * with {@link VectorFloatMath}'s {@code exp} and {@code log} ({@code sqrt} is correctly rounded). The
 * transcendental functions run in passes of their own (one plane per run, into or out of scratch slot 3), as in
 * {@link VectorDeltaKernels}.
 */
final class VectorYoloKernels implements YoloKernels {

    private static final VectorSpecies<Float> F = Shapes.F;
    private static final int L = Shapes.FL;
    private static final int PLANE = Transpose4.PLANE;

    private static final YoloKernels SCALAR = new ScalarYoloKernels();

    private static final Passes<Tile> PASSES = Passes.of(MethodHandles.lookup(), VectorYoloKernels.class,
            Tile.class, "v5DecodePass", "mmdetDecodePass", "v5EncodePass", "mmdetEncodePass", "twoSigmoidPass",
            "expPass", "logPass");
    private static final int V5_DECODE = 0, MMDET_DECODE = 1, V5_ENCODE = 2, MMDET_ENCODE = 3, TWO_SIGMOID = 4,
            EXP_PASS = 5, LOG_PASS = 6;

    /** YOLOv5 decode: {@code 2 sigmoid} of the four code planes into scratch, then the boxes. */
    private static final Consumer<Tile> V5_DECODE_STEP = t -> {
        for (int c = 0; c < 4; c++) {
            t.unary(t.codes, c * PLANE, t.e, c * PLANE, 0, 0);
            PASSES.run(TWO_SIGMOID, t);
        }
        PASSES.run(V5_DECODE, t);
    };
    /** mmdet decode: {@code exp} of the two size planes into scratch, then the boxes. */
    private static final Consumer<Tile> MMDET_DECODE_STEP = t -> {
        for (int c = 2; c < 4; c++) {
            t.unary(t.codes, c * PLANE, t.e, c * PLANE, 0, 0);
            PASSES.run(EXP_PASS, t);
        }
        PASSES.run(MMDET_DECODE, t);
    };
    private static final Consumer<Tile> V5_ENCODE_STEP = t -> PASSES.run(V5_ENCODE, t);
    /** mmdet encode: centres and the two size ratios, then {@code log} of the ratios into the code planes. */
    private static final Consumer<Tile> MMDET_ENCODE_STEP = t -> {
        PASSES.run(MMDET_ENCODE, t);
        t.unary(t.e, 2 * PLANE, t.dst, t.d2, 0, 0);
        PASSES.run(LOG_PASS, t);
        t.unary(t.e, 3 * PLANE, t.dst, t.d3, 0, 0);
        PASSES.run(LOG_PASS, t);
    };

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
        t.e = scratch[3];
        t.out = out;
        try {
            Transpose4.decodeTiles(v5 ? V5_DECODE_STEP : MMDET_DECODE_STEP, t, anchors, n, rawOffset, outOffset);
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
        float[][] scratch = Scratch.floats();
        t.dstScratch(scratch[1]);
        t.e = scratch[3];
        t.out = out;
        try {
            Transpose4.encodeTiles(v5 ? V5_ENCODE_STEP : MMDET_ENCODE_STEP, t, anchors, gt, n, outOffset);
        } finally {
            t.clear();
        }
    }

    /** {@code 2 / (1 + exp(-x))}, one plane (see {@link ScalarYoloKernels#twoSigmoid}). */
    static void twoSigmoidPass(Tile t) {
        float[] src = t.uSrc, dst = t.uDst;
        int n = t.count, last = n - L, so = t.uSrcOff, dO = t.uDstOff;
        FloatVector two = FloatVector.broadcast(F, 2f);
        for (int step = 0; step < n; step += L) {
            int j = Math.min(step, last);
            FloatVector e = VectorFloatMath.exp(FloatVector.fromArray(F, src, so + j).neg());
            two.div(e.add(1f)).intoArray(dst, dO + j);
        }
    }

    /** {@code exp(min(x, EXP_LIMIT))}, one plane. */
    static void expPass(Tile t) {
        float[] src = t.uSrc, dst = t.uDst;
        int n = t.count, last = n - L, so = t.uSrcOff, dO = t.uDstOff;
        float limit = DeltaCoder.EXP_LIMIT;
        for (int step = 0; step < n; step += L) {
            int j = Math.min(step, last);
            VectorFloatMath.exp(FloatVector.fromArray(F, src, so + j).min(limit)).intoArray(dst, dO + j);
        }
    }

    /** {@code log(x)}, one plane. */
    static void logPass(Tile t) {
        float[] src = t.uSrc, dst = t.uDst;
        int n = t.count, last = n - L, so = t.uSrcOff, dO = t.uDstOff;
        for (int step = 0; step < n; step += L) {
            int j = Math.min(step, last);
            VectorFloatMath.log(FloatVector.fromArray(F, src, so + j)).intoArray(dst, dO + j);
        }
    }

    /** YOLOv5: sigmoid-space predictions to box planes. */
    static void v5DecodePass(Tile t) {
        float[] a = t.a, c = t.e, d = t.dst, st = t.st;
        int n = t.count, last = n - L;
        for (int step = 0; step < n; step += L) {
            int j = Math.min(step, last);
            FloatVector ax1 = FloatVector.fromArray(F, a, t.a0 + j), ay1 = FloatVector.fromArray(F, a, t.a1 + j);
            FloatVector ax2 = FloatVector.fromArray(F, a, t.a2 + j), ay2 = FloatVector.fromArray(F, a, t.a3 + j);
            FloatVector s = FloatVector.fromArray(F, st, t.first + j);
            FloatVector cx = ax1.add(ax2).mul(0.5f).add(FloatVector.fromArray(F, c, j).sub(1f).mul(s));
            FloatVector cy = ay1.add(ay2).mul(0.5f).add(FloatVector.fromArray(F, c, PLANE + j).sub(1f).mul(s));
            FloatVector sw = FloatVector.fromArray(F, c, 2 * PLANE + j);
            FloatVector sh = FloatVector.fromArray(F, c, 3 * PLANE + j);
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
        float[] a = t.a, c = t.codes, e = t.e, d = t.dst, st = t.st;
        int n = t.count, last = n - L;
        for (int step = 0; step < n; step += L) {
            int j = Math.min(step, last);
            FloatVector ax1 = FloatVector.fromArray(F, a, t.a0 + j), ay1 = FloatVector.fromArray(F, a, t.a1 + j);
            FloatVector ax2 = FloatVector.fromArray(F, a, t.a2 + j), ay2 = FloatVector.fromArray(F, a, t.a3 + j);
            FloatVector s = FloatVector.fromArray(F, st, t.first + j);
            FloatVector cx = ax1.add(ax2).mul(0.5f).add(FloatVector.fromArray(F, c, j).sub(0.5f).mul(s));
            FloatVector cy = ay1.add(ay2).mul(0.5f).add(FloatVector.fromArray(F, c, PLANE + j).sub(0.5f).mul(s));
            FloatVector hw = ax2.sub(ax1).mul(0.5f).mul(FloatVector.fromArray(F, e, 2 * PLANE + j));
            FloatVector hh = ay2.sub(ay1).mul(0.5f).mul(FloatVector.fromArray(F, e, 3 * PLANE + j));
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

    /** mmdet encode: clamped centre offsets, and the size ratios (at least eps) for {@link #logPass}. */
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
            gx2.sub(gx1).div(ax2.sub(ax1)).max(lo).intoArray(t.e, 2 * PLANE + j);
            gy2.sub(gy1).div(ay2.sub(ay1)).max(lo).intoArray(t.e, 3 * PLANE + j);
        }
    }
}
