package dev.anchorvec.encode;

import dev.anchorvec.boxes.Boxes;
import dev.anchorvec.simd.Passes;
import dev.anchorvec.simd.Scratch;
import dev.anchorvec.simd.Shapes;
import java.lang.invoke.MethodHandles;
import java.util.function.Consumer;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API implementation of {@link LinearKernels}, tiled like {@link VectorDeltaKernels}: codes go through
 * {@link Transpose4} to scratch planes, the planar pass computes, rows go back through {@link Transpose4}; tiles
 * never overlap, so decoding in place is safe. Without {@code normalizeBySize} the divisor / factor lanes are
 * replaced by exactly 1 ({@code x / 1} and {@code x * 1} are exact), so one pass serves both variants. Same
 * operations in the same order as {@link ScalarLinearKernels}: bit-identical results. Inputs shorter than a vector
 * go to the scalar kernels.
 */
final class VectorLinearKernels implements LinearKernels {

    private static final VectorSpecies<Float> F = Shapes.F;
    private static final int L = Shapes.FL;
    private static final int PLANE = Transpose4.PLANE;

    private static final LinearKernels SCALAR = new ScalarLinearKernels();

    private static final Passes<Tile> PASSES = Passes.of(MethodHandles.lookup(), VectorLinearKernels.class,
            Tile.class, "encodePass", "decodePass");
    private static final int ENCODE = 0, DECODE = 1;
    private static final Consumer<Tile> ENCODE_STEP = t -> PASSES.run(ENCODE, t);
    private static final Consumer<Tile> DECODE_STEP = t -> PASSES.run(DECODE, t);

    private static final ThreadLocal<Tile> TILES = ThreadLocal.withInitial(Tile::new);

    /** A {@link CoderTile} with the coder's one flag. */
    static final class Tile extends CoderTile {
        boolean normalize;
    }

    @Override
    public void encode(boolean normalize, Boxes anchors, Boxes gt, int n, float[] out, int outOffset) {
        if (n < L) {
            SCALAR.encode(normalize, anchors, gt, n, out, outOffset);
            return;
        }
        Tile t = TILES.get();
        t.normalize = normalize;
        t.dstScratch(Scratch.floats()[1]);
        t.out = out;
        try {
            Transpose4.encodeTiles(ENCODE_STEP, t, anchors, gt, n, outOffset);
        } finally {
            t.clear();
        }
    }

    @Override
    public void decode(boolean normalize, Boxes anchors, int n, float[] codes, int codesOffset, float[] out,
                       int outOffset) {
        if (n < L) {
            SCALAR.decode(normalize, anchors, n, codes, codesOffset, out, outOffset);
            return;
        }
        float[][] scratch = Scratch.floats();
        Tile t = TILES.get();
        t.normalize = normalize;
        t.codes = scratch[0];
        t.src = codes;
        t.dstScratch(scratch[1]);
        t.out = out;
        try {
            Transpose4.decodeTiles(DECODE_STEP, t, anchors, n, codesOffset, outOffset);
        } finally {
            t.clear();
        }
    }

    /** Planar encode: anchor and gt planes to {@code (l, t, r, b)} planes. */
    static void encodePass(Tile t) {
        float[] a = t.a, g = t.g, d = t.dst;
        int n = t.count, last = n - L;
        VectorMask<Float> unit = F.maskAll(!t.normalize);
        for (int step = 0; step < n; step += L) {
            int j = Math.min(step, last);
            FloatVector ax1 = FloatVector.fromArray(F, a, t.a0 + j), ay1 = FloatVector.fromArray(F, a, t.a1 + j);
            FloatVector ax2 = FloatVector.fromArray(F, a, t.a2 + j), ay2 = FloatVector.fromArray(F, a, t.a3 + j);
            FloatVector cx = ax1.add(ax2).mul(0.5f), cy = ay1.add(ay2).mul(0.5f);
            FloatVector w = ax2.sub(ax1).blend(1f, unit), h = ay2.sub(ay1).blend(1f, unit);
            cx.sub(FloatVector.fromArray(F, g, t.g0 + j)).div(w).intoArray(d, t.d0 + j);
            cy.sub(FloatVector.fromArray(F, g, t.g1 + j)).div(h).intoArray(d, t.d1 + j);
            FloatVector.fromArray(F, g, t.g2 + j).sub(cx).div(w).intoArray(d, t.d2 + j);
            FloatVector.fromArray(F, g, t.g3 + j).sub(cy).div(h).intoArray(d, t.d3 + j);
        }
    }

    /** Planar decode: anchors and {@code (l, t, r, b)} planes to box planes. */
    static void decodePass(Tile t) {
        float[] a = t.a, c = t.codes, d = t.dst;
        int n = t.count, last = n - L;
        VectorMask<Float> unit = F.maskAll(!t.normalize);
        for (int step = 0; step < n; step += L) {
            int j = Math.min(step, last);
            FloatVector ax1 = FloatVector.fromArray(F, a, t.a0 + j), ay1 = FloatVector.fromArray(F, a, t.a1 + j);
            FloatVector ax2 = FloatVector.fromArray(F, a, t.a2 + j), ay2 = FloatVector.fromArray(F, a, t.a3 + j);
            FloatVector cx = ax1.add(ax2).mul(0.5f), cy = ay1.add(ay2).mul(0.5f);
            FloatVector w = ax2.sub(ax1).blend(1f, unit), h = ay2.sub(ay1).blend(1f, unit);
            cx.sub(FloatVector.fromArray(F, c, j).mul(w)).intoArray(d, t.d0 + j);
            cy.sub(FloatVector.fromArray(F, c, PLANE + j).mul(h)).intoArray(d, t.d1 + j);
            cx.add(FloatVector.fromArray(F, c, 2 * PLANE + j).mul(w)).intoArray(d, t.d2 + j);
            cy.add(FloatVector.fromArray(F, c, 3 * PLANE + j).mul(h)).intoArray(d, t.d3 + j);
        }
    }
}
