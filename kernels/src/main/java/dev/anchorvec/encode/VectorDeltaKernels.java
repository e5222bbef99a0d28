package dev.anchorvec.encode;

import static jdk.incubator.vector.VectorOperators.GE;
import static jdk.incubator.vector.VectorOperators.GT;

import dev.anchorvec.boxes.Boxes;
import dev.anchorvec.simd.Passes;
import dev.anchorvec.simd.Scratch;
import dev.anchorvec.simd.Shapes;
import dev.anchorvec.simd.VectorFloatMath;
import java.lang.invoke.MethodHandles;
import java.util.function.Consumer;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API implementation of {@link DeltaKernels}.
 *
 * <p>Anchors and ground truth are planar, codes and decoded rows interleaved {@code [n,4]}. Work goes in tiles of
 * up to {@link Transpose4#TILE} rows through L1 scratch planes, each step its own pass ({@link Passes}: one loop
 * body per compilation): {@link Transpose4} turns rows into 4 planes, {@link #decodePass} / {@link #encodePass}
 * compute planar, {@link #clipPass} clips, {@link Transpose4} writes rows back. No pass has a masked tail and
 * tiles never overlap, so decoding in place ({@code out == deltas}, same offset) is safe. Inputs shorter than a
 * vector go to the scalar kernels. {@code exp} and {@code log} get passes of their own ({@link #expPass},
 * {@link #logPass}, one plane per run, into or from scratch slot 3): each is ~30 vector operations, too many to
 * share a compilation with the rest of the formula (a vector left out of line is boxed: 10x slower, and it
 * allocates). {@code exp} and {@code log} are {@link VectorFloatMath}'s, so every result is bit-identical with
 * {@link ScalarDeltaKernels}.
 */
final class VectorDeltaKernels implements DeltaKernels {

    private static final VectorSpecies<Float> F = Shapes.F;
    private static final VectorSpecies<Integer> I = Shapes.I;
    private static final int L = Shapes.FL;

    private static final int PLANE = Transpose4.PLANE;

    private static final DeltaKernels SCALAR = new ScalarDeltaKernels();

    private static final Passes<Tile> PASSES = Passes.of(MethodHandles.lookup(), VectorDeltaKernels.class,
            Tile.class, "decodePass", "clipPass", "encodePass", "expandAnchors", "expPass", "logPass");
    private static final int DECODE = 0, CLIP = 1, ENCODE = 2, EXPAND = 3, EXP_PASS = 4, LOG_PASS = 5;
    /** The encode passes of one tile: everything but the logs, then the log of the two size ratios. */
    private static final Consumer<Tile> ENCODE_STEP = t -> {
        PASSES.run(ENCODE, t);
        t.unary(t.e, 0, t.dst, t.iw * PLANE, t.ww, t.bw);
        PASSES.run(LOG_PASS, t);
        t.unary(t.e, PLANE, t.dst, t.ih * PLANE, t.wh, t.bh);
        PASSES.run(LOG_PASS, t);
    };

    private static final ThreadLocal<Tile> TILES = ThreadLocal.withInitial(Tile::new);

    /** A {@link CoderTile} with the coder's numbers and the class-specific row layout. */
    static final class Tile extends CoderTile {
        Boxes anchors;
        int k;
        float wx, wy, ww, wh, bx, by, bw, bh, lo, hi, ctr, eps, clipW, clipH;
        int ix, iy, iw, ih;

        void params(DeltaParams p) {
            wx = p.wx;
            wy = p.wy;
            ww = p.ww;
            wh = p.wh;
            bx = p.bx;
            by = p.by;
            bw = p.bw;
            bh = p.bh;
            lo = p.lo;
            hi = p.hi;
            ctr = p.ctr;
            eps = p.eps;
            ix = p.ix;
            iy = p.iy;
            iw = p.iw;
            ih = p.ih;
        }

        @Override
        void clear() {
            super.clear();
            anchors = null;
        }
    }

    @Override
    public void encode(DeltaParams p, Boxes anchors, Boxes gt, int n, float[] out, int outOffset) {
        if (n < L) {
            SCALAR.encode(p, anchors, gt, n, out, outOffset);
            return;
        }
        float[][] scratch = Scratch.floats();
        Tile t = TILES.get();
        t.params(p);
        float[] planes = scratch[1];
        t.dstScratch(planes);
        t.e = scratch[3];
        t.out = out;
        try {
            Transpose4.encodeTiles(ENCODE_STEP, t, anchors, gt, n, outOffset);
        } finally {
            t.clear();
        }
    }

    @Override
    public void decode(DeltaParams p, Boxes anchors, int n, float[] deltas, int deltasOffset, int k, boolean clip,
                       float clipW, float clipH, float[] out, int outOffset) {
        int rows = n * k;
        if (rows < L) {
            SCALAR.decode(p, anchors, n, deltas, deltasOffset, k, clip, clipW, clipH, out, outOffset);
            return;
        }
        float[][] scratch = Scratch.floats();
        Tile t = decodeTile(p, clipW, clipH, deltas, scratch);
        t.dstScratch(scratch[1]);
        t.out = out;
        t.anchors = anchors;
        t.k = k;
        try {
            for (int s = 0; s < rows; s = Transpose4.tileEnd(s, rows)) {
                int e = Transpose4.tileEnd(s, rows);
                t.count = e - s;
                t.srcOff = deltasOffset + 4 * s;
                Transpose4.rowsToPlanes(t);
                if (k == 1) {
                    t.anchorsAt(anchors, s);
                } else {
                    t.first = s;
                    t.a = scratch[2];
                    t.a0 = 0;
                    t.a1 = PLANE;
                    t.a2 = 2 * PLANE;
                    t.a3 = 3 * PLANE;
                    PASSES.run(EXPAND, t);
                }
                decodeTile(t);
                if (clip) {
                    PASSES.run(CLIP, t);
                }
                t.outOff = outOffset + 4 * s;
                Transpose4.planesToRows(t);
            }
        } finally {
            t.clear();
        }
    }

    @Override
    public void decodePlanar(DeltaParams p, Boxes anchors, int n, float[] deltas, int deltasOffset, boolean clip,
                             float clipW, float clipH, Boxes out) {
        if (n < L) {
            SCALAR.decodePlanar(p, anchors, n, deltas, deltasOffset, clip, clipW, clipH, out);
            return;
        }
        Tile t = decodeTile(p, clipW, clipH, deltas, Scratch.floats());
        try {
            for (int s = 0; s < n; s = Transpose4.tileEnd(s, n)) {
                int e = Transpose4.tileEnd(s, n);
                t.count = e - s;
                t.srcOff = deltasOffset + 4 * s;
                Transpose4.rowsToPlanes(t);
                t.anchorsAt(anchors, s);
                t.dstAt(out.data(), out.plane(0) + s, out.plane(1) + s, out.plane(2) + s, out.plane(3) + s);
                decodeTile(t);
                if (clip) {
                    PASSES.run(CLIP, t);
                }
            }
        } finally {
            t.clear();
        }
    }

    /** This thread's tile, set up to read codes from {@code deltas} into scratch slot 0. */
    private static Tile decodeTile(DeltaParams p, float clipW, float clipH, float[] deltas, float[][] scratch) {
        Tile t = TILES.get();
        t.params(p);
        t.clipW = clipW;
        t.clipH = clipH;
        t.codes = scratch[0];
        t.e = scratch[3];
        t.src = deltas;
        return t;
    }

    /** exp of the clamped dw and dh planes into scratch, then the rest of the decode. */
    private static void decodeTile(Tile t) {
        t.unary(t.codes, t.iw * PLANE, t.e, 0, t.ww, t.bw);
        PASSES.run(EXP_PASS, t);
        t.unary(t.codes, t.ih * PLANE, t.e, PLANE, t.wh, t.bh);
        PASSES.run(EXP_PASS, t);
        PASSES.run(DECODE, t);
    }

    /** {@code exp(min(max((src + bias) / weight, lo), hi))}, one plane (see {@link ScalarDeltaKernels#decodeOne}). */
    static void expPass(Tile t) {
        float[] src = t.uSrc, dst = t.uDst;
        int n = t.count, last = n - L, so = t.uSrcOff, dO = t.uDstOff;
        float w = t.uWeight, b = t.uBias, lo = t.lo, hi = t.hi;
        for (int step = 0; step < n; step += L) {
            int j = Math.min(step, last);
            FloatVector d = FloatVector.fromArray(F, src, so + j).add(b).div(w).max(lo).min(hi);
            VectorFloatMath.exp(d).intoArray(dst, dO + j);
        }
    }

    /** {@code weight * log(src) - bias}, one plane (see {@link ScalarDeltaKernels#encodeOne}). */
    static void logPass(Tile t) {
        float[] src = t.uSrc, dst = t.uDst;
        int n = t.count, last = n - L, so = t.uSrcOff, dO = t.uDstOff;
        float w = t.uWeight, b = t.uBias;
        for (int step = 0; step < n; step += L) {
            int j = Math.min(step, last);
            VectorFloatMath.log(FloatVector.fromArray(F, src, so + j)).mul(w).sub(b).intoArray(dst, dO + j);
        }
    }

    /** Anchor {@code (first + j) / k} of each row to scratch planes, for class-specific codes. */
    static void expandAnchors(Tile t) {
        Boxes b = t.anchors;
        float[] src = b.data(), a = t.a;
        int p0 = b.plane(0), p1 = b.plane(1), p2 = b.plane(2), p3 = b.plane(3), k = t.k, first = t.first;
        for (int j = 0; j < t.count; j++) {
            int i = (first + j) / k;
            a[j] = src[p0 + i];
            a[PLANE + j] = src[p1 + i];
            a[2 * PLANE + j] = src[p2 + i];
            a[3 * PLANE + j] = src[p3 + i];
        }
    }

    /** Planar decode: anchors and code planes to box planes (see {@link ScalarDeltaKernels#decodeOne}). */
    static void decodePass(Tile t) {
        float[] a = t.a, c = t.codes, d = t.dst, e = t.e;
        int n = t.count, last = n - L;
        int cx0 = t.ix * PLANE, cy0 = t.iy * PLANE;
        float wx = t.wx, wy = t.wy, bx = t.bx, by = t.by;
        float ctr = t.ctr, nctr = -t.ctr;
        for (int step = 0; step < n; step += L) {
            int j = Math.min(step, last);
            FloatVector x1 = FloatVector.fromArray(F, a, t.a0 + j), y1 = FloatVector.fromArray(F, a, t.a1 + j);
            FloatVector w = FloatVector.fromArray(F, a, t.a2 + j).sub(x1);
            FloatVector h = FloatVector.fromArray(F, a, t.a3 + j).sub(y1);
            FloatVector dx = FloatVector.fromArray(F, c, cx0 + j).add(bx).div(wx);
            FloatVector dy = FloatVector.fromArray(F, c, cy0 + j).add(by).div(wy);
            FloatVector pcx = dx.mul(w).max(nctr).min(ctr).add(x1.add(w.mul(0.5f)));
            FloatVector pcy = dy.mul(h).max(nctr).min(ctr).add(y1.add(h.mul(0.5f)));
            FloatVector hw = FloatVector.fromArray(F, e, j).mul(w).mul(0.5f);
            FloatVector hh = FloatVector.fromArray(F, e, PLANE + j).mul(h).mul(0.5f);
            pcx.sub(hw).intoArray(d, t.d0 + j);
            pcy.sub(hh).intoArray(d, t.d1 + j);
            pcx.add(hw).intoArray(d, t.d2 + j);
            pcy.add(hh).intoArray(d, t.d3 + j);
        }
    }

    /** Clamps the box planes to [0, clipW] x [0, clipH]; idempotent, so the last step may overlap. */
    static void clipPass(Tile t) {
        float[] d = t.dst;
        int n = t.count, last = n - L;
        float cw = t.clipW, ch = t.clipH;
        for (int step = 0; step < n; step += L) {
            int j = Math.min(step, last);
            FloatVector.fromArray(F, d, t.d0 + j).max(0f).min(cw).intoArray(d, t.d0 + j);
            FloatVector.fromArray(F, d, t.d1 + j).max(0f).min(ch).intoArray(d, t.d1 + j);
            FloatVector.fromArray(F, d, t.d2 + j).max(0f).min(cw).intoArray(d, t.d2 + j);
            FloatVector.fromArray(F, d, t.d3 + j).max(0f).min(ch).intoArray(d, t.d3 + j);
        }
    }

    /**
     * Planar encode: anchor and gt planes to the dx, dy code planes and the two size ratios (for {@link #logPass})
     * (see {@link ScalarDeltaKernels#encodeOne}).
     */
    static void encodePass(Tile t) {
        float[] a = t.a, g = t.g, d = t.dst, e = t.e;
        int n = t.count, last = n - L;
        int ox = t.ix * PLANE, oy = t.iy * PLANE;
        float wx = t.wx, wy = t.wy, bx = t.bx, by = t.by, eps = t.eps;
        for (int step = 0; step < n; step += L) {
            int j = Math.min(step, last);
            FloatVector ax1 = FloatVector.fromArray(F, a, t.a0 + j), ay1 = FloatVector.fromArray(F, a, t.a1 + j);
            FloatVector aw = FloatVector.fromArray(F, a, t.a2 + j).sub(ax1);
            FloatVector ah = FloatVector.fromArray(F, a, t.a3 + j).sub(ay1);
            FloatVector gx1 = FloatVector.fromArray(F, g, t.g0 + j), gy1 = FloatVector.fromArray(F, g, t.g1 + j);
            FloatVector gw = FloatVector.fromArray(F, g, t.g2 + j).sub(gx1);
            FloatVector gh = FloatVector.fromArray(F, g, t.g3 + j).sub(gy1);
            FloatVector ddx = gx1.add(gw.mul(0.5f)).sub(ax1.add(aw.mul(0.5f)));
            FloatVector ddy = gy1.add(gh.mul(0.5f)).sub(ay1.add(ah.mul(0.5f)));
            aw = aw.add(eps);
            ah = ah.add(eps);
            ddx.mul(wx).div(aw).sub(bx).intoArray(d, ox + j);
            ddy.mul(wy).div(ah).sub(by).intoArray(d, oy + j);
            gw.add(eps).div(aw).intoArray(e, j);
            gh.add(eps).div(ah).intoArray(e, PLANE + j);
        }
    }

    @Override
    public int firstNotPositive(Boxes b, int from, int to) {
        float[] d = b.data();
        int p0 = b.plane(0), p1 = b.plane(1), p2 = b.plane(2), p3 = b.plane(3);
        int i = from;
        for (; i <= to - L; i += L) {
            FloatVector w = FloatVector.fromArray(F, d, p2 + i).sub(FloatVector.fromArray(F, d, p0 + i));
            FloatVector h = FloatVector.fromArray(F, d, p3 + i).sub(FloatVector.fromArray(F, d, p1 + i));
            VectorMask<Float> ok = w.compare(GT, 0f).and(h.compare(GT, 0f));
            if (!ok.allTrue()) {
                return i + ok.not().firstTrue();
            }
        }
        return SCALAR.firstNotPositive(b, i, to);
    }

    @Override
    public int nextPositive(int[] matches, int from, int to) {
        int i = from;
        for (; i <= to - L; i += L) {
            VectorMask<Integer> pos = IntVector.fromArray(I, matches, i).compare(GE, 0);
            if (pos.anyTrue()) {
                return i + pos.firstTrue();
            }
        }
        return SCALAR.nextPositive(matches, i, to);
    }
}
