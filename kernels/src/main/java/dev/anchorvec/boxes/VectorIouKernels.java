package dev.anchorvec.boxes;

import static dev.anchorvec.boxes.VectorPairMath.area;
import static dev.anchorvec.boxes.VectorPairMath.enclosing;
import static dev.anchorvec.boxes.VectorPairMath.extent;
import static dev.anchorvec.boxes.VectorPairMath.inter;
import static dev.anchorvec.boxes.VectorPairMath.nanToZero;
import static dev.anchorvec.boxes.VectorPairMath.union;
import static dev.anchorvec.boxes.VectorPairMath.zeroUnlessDefined;

import dev.anchorvec.simd.Passes;
import dev.anchorvec.simd.Scratch;
import dev.anchorvec.simd.FloatMath;
import dev.anchorvec.simd.Shapes;
import dev.anchorvec.simd.VectorFloatMath;
import java.lang.invoke.MethodHandles;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API implementation of {@link IouKernels}.
 *
 * <p>Pairwise, one box of {@code a} is broadcast against {@code Shapes.FL} boxes of {@code b} per step, so each
 * output row is written with full-width stores. The last step of a row is moved back to end exactly at the
 * row's end (it overlaps the previous step and stores the same values again) instead of using masked loads and
 * stores. Rows shorter than a vector are computed transposed ({@code b} against {@code a}: every member of the
 * family is symmetric, IoA with its sides swapped, to the bit) and copied back. Aligned, lane i holds pair i.
 *
 * <p>The work is cut into tiles (a block of columns by as many rows as keep the scratch within 16 KiB) and each
 * kind runs as one or more passes over a tile, called through {@link Passes} (see there for why: C2's node
 * budget fits one loop body of IoU but not GIoU, DIoU or CIoU). Passes hand over the raw IoU, the union and the
 * raw DIoU through per-thread scratch; a float store and reload is exact, so the bits are the scalar code's.
 */
final class VectorIouKernels implements IouKernels {

    private static final VectorSpecies<Float> F = Shapes.F;
    private static final int L = Shapes.FL;
    private static final IouKernels SCALAR = new ScalarIouKernels();
    /** Columns (or aligned pairs) per block; a short remainder joins the last block. */
    private static final int COLS = 1024;
    /** Rows of {@code a} per transposed tile. */
    private static final int ROWS = 240;

    private static final int IOU = 0, IOA_A = 1, IOA_B = 2, RAW_IOU = 3, GIOU_FINISH = 4, RAW_DIOU = 5,
            ZERO_NANS = 6, CIOU_FINISH = 7;
    private static final Passes<Tile> PAIRWISE = Passes.of(MethodHandles.lookup(), VectorIouKernels.class,
            Tile.class, "iouTile", "ioaATile", "ioaBTile", "rawIouTile", "giouFinishTile", "rawDiouTile",
            "zeroNaNsTile", "ciouFinishTile");
    private static final Passes<Tile> ALIGNED = Passes.of(MethodHandles.lookup(), VectorIouKernels.class,
            Tile.class, "iouAligned", "ioaAAligned", "ioaBAligned", "rawIouAligned", "giouFinishAligned",
            "rawDiouAligned", "zeroNaNsAligned", "ciouFinishAligned");

    private static final ThreadLocal<Tile> TILES = ThreadLocal.withInitial(Tile::new);

    /**
     * Aligned CIoU's aspect angles: {@code w / h} of one side's boxes into a plane, then anchorvec's arctangent
     * in place (~40 vector operations, a pass of its own: it would not fit in C2's budget with the CIoU term).
     */
    private static final Passes<Tile> ANGLES = Passes.of(MethodHandles.lookup(), VectorIouKernels.class,
            Tile.class, "aspectRatioAligned", "atanInPlace");
    private static final int ASPECT_RATIO = 0, ATAN_IN_PLACE = 1;

    /**
     * For {@link #flatIou}: {@code ROW_OF_LANE[m][v]} sends lane l of flattened vector v to row
     * {@code (vL + l) / m} of its block, for every column count m below L. Built once; reused by every call.
     */
    private static final VectorShuffle<Float>[][] ROW_OF_LANE = rowOfLane();

    @SuppressWarnings("unchecked")
    private static VectorShuffle<Float>[][] rowOfLane() {
        VectorShuffle<Float>[][] table = new VectorShuffle[L][];
        int[] rows = new int[L];
        for (int m = 1; m < L; m++) {
            table[m] = new VectorShuffle[m];
            for (int v = 0; v < m; v++) {
                for (int l = 0; l < L; l++) {
                    rows[l] = (v * L + l) / m;
                }
                table[m][v] = VectorShuffle.fromArray(F, rows, 0);
            }
        }
        return table;
    }

    /**
     * What a pass works on: rows {@code [r, re)} of {@code a} against columns {@code [s, e)} of {@code b}
     * (aligned: pairs {@code [s, e)}), writing {@code out[o + (i - r) * rowStride + j]}. Scratch values of a pair
     * are at {@code (i - r) * (e - s) + (j - s)} (aligned: {@code i - s}). One per thread, reused.
     */
    static final class Tile {
        Boxes a, b;
        int r, re, s, e, o, rowStride;
        boolean ciou;
        float[] out, angles, iou, union, diou;
        /** Aligned CIoU: the second side's angles, and which side {@link #aspectRatioAligned} reads. */
        float[] anglesB;
        boolean sideB;
    }

    @Override
    public void pairwise(IouKind kind, Boxes a, int aFrom, int aTo, Boxes b, int bFrom, int bTo, float[] out,
                         int outOffset, int rowStride) {
        if (bTo - bFrom >= L) {
            byRows(kind, a, aFrom, aTo, b, bFrom, bTo, out, outOffset, rowStride);
        } else if (kind == IouKind.IOU && rowStride == bTo - bFrom && aTo - aFrom >= L) {
            flatIou(a, aFrom, aTo, b, bFrom, bTo, out, outOffset);
        } else if (aTo - aFrom >= L) {
            transposed(kind, a, aFrom, aTo, b, bFrom, bTo, out, outOffset, rowStride);
        } else {
            SCALAR.pairwise(kind, a, aFrom, aTo, b, bFrom, bTo, out, outOffset, rowStride);
        }
    }

    /** End of the block starting at {@code s}: {@code size} long, but the last block absorbs a short remainder. */
    private static int blockEnd(int s, int end, int size) {
        return end - s < size + L ? end : s + size;
    }

    private static Tile tile(Boxes a, Boxes b, float[] out) {
        float[][] scratch = Scratch.floats();
        Tile t = TILES.get();
        t.a = a;
        t.b = b;
        t.out = out;
        t.angles = scratch[0];
        t.iou = scratch[1];
        t.union = scratch[2];
        t.diou = scratch[3];
        t.anglesB = scratch[4];
        return t;
    }

    /** Output rows of at least one vector each. */
    private static void byRows(IouKind kind, Boxes a, int aFrom, int aTo, Boxes b, int bFrom, int bTo, float[] out,
                               int outOffset, int rowStride) {
        Tile t = tile(a, b, out);
        t.rowStride = rowStride;
        t.ciou = kind == IouKind.CIOU;
        for (int s = bFrom; s < bTo; s = blockEnd(s, bTo, COLS)) {
            int e = blockEnd(s, bTo, COLS);
            if (kind == IouKind.CIOU) {
                AspectAngles.of(b, s, e, t.angles);
            }
            int rows = Math.max(1, Scratch.BLOCK / (e - s));
            for (int r = aFrom; r < aTo; r += rows) {
                t.s = s;
                t.e = e;
                t.r = r;
                t.re = Math.min(aTo, r + rows);
                t.o = outOffset + (r - aFrom) * rowStride - bFrom;
                run(PAIRWISE, kind, t);
            }
        }
        t.out = null;
    }

    /** Runs the passes of {@code kind}. */
    private static void run(Passes<Tile> passes, IouKind kind, Tile t) {
        switch (kind) {
            case IOU -> passes.run(IOU, t);
            case IOA_A -> passes.run(IOA_A, t);
            case IOA_B -> passes.run(IOA_B, t);
            case GIOU -> {
                passes.run(RAW_IOU, t);
                passes.run(GIOU_FINISH, t);
            }
            case DIOU -> {
                passes.run(RAW_IOU, t);
                passes.run(RAW_DIOU, t);
                passes.run(ZERO_NANS, t);
            }
            case CIOU -> {
                passes.run(RAW_IOU, t);
                passes.run(RAW_DIOU, t);
                passes.run(CIOU_FINISH, t);
            }
        }
    }

    /**
     * Fewer columns than lanes: tiles of {@code b} (rows) against up to {@code ROWS} boxes of {@code a} (long
     * rows) go into a scratch tile that is then copied back transposed.
     */
    private static void transposed(IouKind kind, Boxes a, int aFrom, int aTo, Boxes b, int bFrom, int bTo,
                                   float[] out, int outOffset, int rowStride) {
        IouKind swapped = kind == IouKind.IOA_A ? IouKind.IOA_B : kind == IouKind.IOA_B ? IouKind.IOA_A : kind;
        float[] tile = Scratch.floats()[4];
        int cols = bTo - bFrom;
        for (int r = aFrom; r < aTo; r = blockEnd(r, aTo, ROWS)) {
            int re = blockEnd(r, aTo, ROWS);
            int width = re - r;
            byRows(swapped, b, bFrom, bTo, a, r, re, tile, 0, width);
            for (int i = r; i < re; i++) {
                int o = outOffset + (i - aFrom) * rowStride - bFrom;
                for (int j = bFrom; j < bTo; j++) {
                    out[o + j] = tile[(j - bFrom) * width + (i - r)];
                }
            }
        }
    }

    /**
     * Dense IoU with fewer columns than lanes (for example anchors against 10 boxes): a block of L rows times
     * the m columns is m full vectors of the flattened output. Lane l of vector v is pair
     * {@code (row (vL + l) / m, column (vL + l) % m)}: the L rows' coordinates are loaded once per block and
     * spread across lanes by a fixed shuffle, the columns' coordinates come from a pattern repeating with
     * period m, built once per call. The last {@code rows mod L} rows are left to the scalar code.
     */
    private static void flatIou(Boxes a, int aFrom, int aTo, Boxes b, int bFrom, int bTo, float[] out,
                                int outOffset) {
        int m = bTo - bFrom, span = L * m;
        float[] pattern = Scratch.floats()[0];
        float[] bd = b.data();
        for (int p = 0; p < span; p++) {
            int j = bFrom + p % m;
            float x1 = bd[b.plane(0) + j], y1 = bd[b.plane(1) + j], x2 = bd[b.plane(2) + j], y2 = bd[b.plane(3) + j];
            pattern[p] = x1;
            pattern[span + p] = y1;
            pattern[2 * span + p] = x2;
            pattern[3 * span + p] = y2;
            pattern[4 * span + p] = PairMath.area(x1, y1, x2, y2);
        }
        int full = aFrom + (aTo - aFrom) / L * L;
        flatIouBlocks(a, aFrom, full, m, pattern, ROW_OF_LANE[m], out, outOffset);
        if (full < aTo) {
            SCALAR.pairwise(IouKind.IOU, a, full, aTo, b, bFrom, bTo, out, outOffset + (full - aFrom) * m, m);
        }
    }

    private static void flatIouBlocks(Boxes a, int from, int to, int m, float[] pattern,
                                      VectorShuffle<Float>[] rowOfLane, float[] out, int outOffset) {
        float[] ad = a.data();
        int a0 = a.plane(0), a1 = a.plane(1), a2 = a.plane(2), a3 = a.plane(3), span = L * m;
        for (int r = from; r < to; r += L) {
            FloatVector rx1 = FloatVector.fromArray(F, ad, a0 + r), ry1 = FloatVector.fromArray(F, ad, a1 + r);
            FloatVector rx2 = FloatVector.fromArray(F, ad, a2 + r), ry2 = FloatVector.fromArray(F, ad, a3 + r);
            FloatVector rArea = area(rx1, ry1, rx2, ry2);
            int o = outOffset + (r - from) * m;
            for (int v = 0, p = 0; v < m; v++, p += L) {
                VectorShuffle<Float> rows = rowOfLane[v];
                FloatVector ax1 = rx1.rearrange(rows), ay1 = ry1.rearrange(rows);
                FloatVector ax2 = rx2.rearrange(rows), ay2 = ry2.rearrange(rows);
                FloatVector bx1 = FloatVector.fromArray(F, pattern, p);
                FloatVector by1 = FloatVector.fromArray(F, pattern, span + p);
                FloatVector bx2 = FloatVector.fromArray(F, pattern, 2 * span + p);
                FloatVector by2 = FloatVector.fromArray(F, pattern, 3 * span + p);
                FloatVector inter = inter(ax1, ay1, ax2, ay2, bx1, by1, bx2, by2);
                FloatVector union = union(rArea.rearrange(rows), FloatVector.fromArray(F, pattern, 4 * span + p), inter);
                nanToZero(inter.div(union)).intoArray(out, o + p);
            }
        }
    }

    @Override
    public void aligned(IouKind kind, Boxes a, Boxes b, int from, int to, float[] out, int outOffset) {
        if (to - from < L) {
            // Fewer pairs than lanes: not worth a vector step.
            SCALAR.aligned(kind, a, b, from, to, out, outOffset);
            return;
        }
        Tile t = tile(a, b, out);
        t.ciou = kind == IouKind.CIOU;
        t.o = outOffset - from;
        for (int s = from; s < to; s = blockEnd(s, to, Scratch.BLOCK - L)) {
            t.s = s;
            t.e = blockEnd(s, to, Scratch.BLOCK - L);
            if (t.ciou) {
                for (boolean side : new boolean[] {false, true}) {
                    t.sideB = side;
                    ANGLES.run(ASPECT_RATIO, t);
                    ANGLES.run(ATAN_IN_PLACE, t);
                }
            }
            run(ALIGNED, kind, t);
        }
        t.out = null;
    }

    // ---- pairwise passes over a tile; each row is box a[i] broadcast against b[s, e), e - s >= L ----

    private static void iouTile(Tile t) {
        float[] ad = t.a.data(), d = t.b.data(), out = t.out;
        int a0 = t.a.plane(0), a1 = t.a.plane(1), a2 = t.a.plane(2), a3 = t.a.plane(3);
        int p0 = t.b.plane(0), p1 = t.b.plane(1), p2 = t.b.plane(2), p3 = t.b.plane(3), last = t.e - L;
        for (int i = t.r; i < t.re; i++) {
            float x1 = ad[a0 + i], y1 = ad[a1 + i], x2 = ad[a2 + i], y2 = ad[a3 + i];
            FloatVector ax1 = FloatVector.broadcast(F, x1), ay1 = FloatVector.broadcast(F, y1);
            FloatVector ax2 = FloatVector.broadcast(F, x2), ay2 = FloatVector.broadcast(F, y2);
            FloatVector areaA = FloatVector.broadcast(F, PairMath.area(x1, y1, x2, y2));
            int o = t.o + (i - t.r) * t.rowStride;
            for (int step = t.s; step < t.e; step += L) {
                int j = Math.min(step, last);
                FloatVector bx1 = FloatVector.fromArray(F, d, p0 + j), by1 = FloatVector.fromArray(F, d, p1 + j);
                FloatVector bx2 = FloatVector.fromArray(F, d, p2 + j), by2 = FloatVector.fromArray(F, d, p3 + j);
                FloatVector inter = inter(ax1, ay1, ax2, ay2, bx1, by1, bx2, by2);
                nanToZero(inter.div(union(areaA, area(bx1, by1, bx2, by2), inter))).intoArray(out, o + j);
            }
        }
    }

    private static void ioaATile(Tile t) {
        float[] ad = t.a.data(), d = t.b.data(), out = t.out;
        int a0 = t.a.plane(0), a1 = t.a.plane(1), a2 = t.a.plane(2), a3 = t.a.plane(3);
        int p0 = t.b.plane(0), p1 = t.b.plane(1), p2 = t.b.plane(2), p3 = t.b.plane(3), last = t.e - L;
        for (int i = t.r; i < t.re; i++) {
            float x1 = ad[a0 + i], y1 = ad[a1 + i], x2 = ad[a2 + i], y2 = ad[a3 + i];
            FloatVector ax1 = FloatVector.broadcast(F, x1), ay1 = FloatVector.broadcast(F, y1);
            FloatVector ax2 = FloatVector.broadcast(F, x2), ay2 = FloatVector.broadcast(F, y2);
            FloatVector areaA = FloatVector.broadcast(F, PairMath.area(x1, y1, x2, y2));
            int o = t.o + (i - t.r) * t.rowStride;
            for (int step = t.s; step < t.e; step += L) {
                int j = Math.min(step, last);
                FloatVector bx1 = FloatVector.fromArray(F, d, p0 + j), by1 = FloatVector.fromArray(F, d, p1 + j);
                FloatVector bx2 = FloatVector.fromArray(F, d, p2 + j), by2 = FloatVector.fromArray(F, d, p3 + j);
                FloatVector inter = inter(ax1, ay1, ax2, ay2, bx1, by1, bx2, by2);
                FloatVector areaB = area(bx1, by1, bx2, by2);
                zeroUnlessDefined(inter.div(areaA), union(areaA, areaB, inter)).intoArray(out, o + j);
            }
        }
    }

    private static void ioaBTile(Tile t) {
        float[] ad = t.a.data(), d = t.b.data(), out = t.out;
        int a0 = t.a.plane(0), a1 = t.a.plane(1), a2 = t.a.plane(2), a3 = t.a.plane(3);
        int p0 = t.b.plane(0), p1 = t.b.plane(1), p2 = t.b.plane(2), p3 = t.b.plane(3), last = t.e - L;
        for (int i = t.r; i < t.re; i++) {
            float x1 = ad[a0 + i], y1 = ad[a1 + i], x2 = ad[a2 + i], y2 = ad[a3 + i];
            FloatVector ax1 = FloatVector.broadcast(F, x1), ay1 = FloatVector.broadcast(F, y1);
            FloatVector ax2 = FloatVector.broadcast(F, x2), ay2 = FloatVector.broadcast(F, y2);
            FloatVector areaA = FloatVector.broadcast(F, PairMath.area(x1, y1, x2, y2));
            int o = t.o + (i - t.r) * t.rowStride;
            for (int step = t.s; step < t.e; step += L) {
                int j = Math.min(step, last);
                FloatVector bx1 = FloatVector.fromArray(F, d, p0 + j), by1 = FloatVector.fromArray(F, d, p1 + j);
                FloatVector bx2 = FloatVector.fromArray(F, d, p2 + j), by2 = FloatVector.fromArray(F, d, p3 + j);
                FloatVector inter = inter(ax1, ay1, ax2, ay2, bx1, by1, bx2, by2);
                FloatVector areaB = area(bx1, by1, bx2, by2);
                zeroUnlessDefined(inter.div(areaB), union(areaA, areaB, inter)).intoArray(out, o + j);
            }
        }
    }

    /** GIoU, DIoU, CIoU pass 1: the raw quotient inter / union (NaN kept) and the union, into scratch. */
    private static void rawIouTile(Tile t) {
        float[] ad = t.a.data(), d = t.b.data(), si = t.iou, su = t.union;
        int a0 = t.a.plane(0), a1 = t.a.plane(1), a2 = t.a.plane(2), a3 = t.a.plane(3);
        int p0 = t.b.plane(0), p1 = t.b.plane(1), p2 = t.b.plane(2), p3 = t.b.plane(3), last = t.e - L;
        for (int i = t.r; i < t.re; i++) {
            float x1 = ad[a0 + i], y1 = ad[a1 + i], x2 = ad[a2 + i], y2 = ad[a3 + i];
            FloatVector ax1 = FloatVector.broadcast(F, x1), ay1 = FloatVector.broadcast(F, y1);
            FloatVector ax2 = FloatVector.broadcast(F, x2), ay2 = FloatVector.broadcast(F, y2);
            FloatVector areaA = FloatVector.broadcast(F, PairMath.area(x1, y1, x2, y2));
            int so = (i - t.r) * (t.e - t.s) - t.s;
            for (int step = t.s; step < t.e; step += L) {
                int j = Math.min(step, last);
                FloatVector bx1 = FloatVector.fromArray(F, d, p0 + j), by1 = FloatVector.fromArray(F, d, p1 + j);
                FloatVector bx2 = FloatVector.fromArray(F, d, p2 + j), by2 = FloatVector.fromArray(F, d, p3 + j);
                FloatVector inter = inter(ax1, ay1, ax2, ay2, bx1, by1, bx2, by2);
                FloatVector union = union(areaA, area(bx1, by1, bx2, by2), inter);
                inter.div(union).intoArray(si, so + j);
                union.intoArray(su, so + j);
            }
        }
    }

    /** GIoU pass 2: {@code iou - (C - union) / C} into the output. */
    private static void giouFinishTile(Tile t) {
        float[] ad = t.a.data(), d = t.b.data(), si = t.iou, su = t.union, out = t.out;
        int a0 = t.a.plane(0), a1 = t.a.plane(1), a2 = t.a.plane(2), a3 = t.a.plane(3);
        int p0 = t.b.plane(0), p1 = t.b.plane(1), p2 = t.b.plane(2), p3 = t.b.plane(3), last = t.e - L;
        for (int i = t.r; i < t.re; i++) {
            FloatVector ax1 = FloatVector.broadcast(F, ad[a0 + i]), ay1 = FloatVector.broadcast(F, ad[a1 + i]);
            FloatVector ax2 = FloatVector.broadcast(F, ad[a2 + i]), ay2 = FloatVector.broadcast(F, ad[a3 + i]);
            int so = (i - t.r) * (t.e - t.s) - t.s, o = t.o + (i - t.r) * t.rowStride;
            for (int step = t.s; step < t.e; step += L) {
                int j = Math.min(step, last);
                FloatVector bx1 = FloatVector.fromArray(F, d, p0 + j), by1 = FloatVector.fromArray(F, d, p1 + j);
                FloatVector bx2 = FloatVector.fromArray(F, d, p2 + j), by2 = FloatVector.fromArray(F, d, p3 + j);
                FloatVector c = enclosing(ax1, ax2, bx1, bx2).mul(enclosing(ay1, ay2, by1, by2));
                FloatVector union = FloatVector.fromArray(F, su, so + j);
                nanToZero(FloatVector.fromArray(F, si, so + j).sub(c.sub(union).div(c))).intoArray(out, o + j);
            }
        }
    }

    /**
     * DIoU and CIoU pass 2: the raw {@code iou - d^2 / (c^2 + eps)} (NaN kept) - into the output for DIoU
     * (finished by {@link #zeroNaNsTile}), into scratch for CIoU.
     */
    private static void rawDiouTile(Tile t) {
        float[] ad = t.a.data(), d = t.b.data(), si = t.iou;
        boolean toScratch = t.ciou;
        float[] dst = toScratch ? t.diou : t.out;
        int a0 = t.a.plane(0), a1 = t.a.plane(1), a2 = t.a.plane(2), a3 = t.a.plane(3);
        int p0 = t.b.plane(0), p1 = t.b.plane(1), p2 = t.b.plane(2), p3 = t.b.plane(3), last = t.e - L;
        for (int i = t.r; i < t.re; i++) {
            float x1 = ad[a0 + i], y1 = ad[a1 + i], x2 = ad[a2 + i], y2 = ad[a3 + i];
            FloatVector ax1 = FloatVector.broadcast(F, x1), ay1 = FloatVector.broadcast(F, y1);
            FloatVector ax2 = FloatVector.broadcast(F, x2), ay2 = FloatVector.broadcast(F, y2);
            FloatVector acx = FloatVector.broadcast(F, (x1 + x2) * 0.5f);
            FloatVector acy = FloatVector.broadcast(F, (y1 + y2) * 0.5f);
            int so = (i - t.r) * (t.e - t.s) - t.s;
            int o = toScratch ? so : t.o + (i - t.r) * t.rowStride;
            for (int step = t.s; step < t.e; step += L) {
                int j = Math.min(step, last);
                FloatVector bx1 = FloatVector.fromArray(F, d, p0 + j), by1 = FloatVector.fromArray(F, d, p1 + j);
                FloatVector bx2 = FloatVector.fromArray(F, d, p2 + j), by2 = FloatVector.fromArray(F, d, p3 + j);
                FloatVector diag = diagonal2(enclosing(ax1, ax2, bx1, bx2), enclosing(ay1, ay2, by1, by2));
                FloatVector.fromArray(F, si, so + j).sub(centreDistance2(acx, acy, bx1, by1, bx2, by2).div(diag))
                        .intoArray(dst, o + j);
            }
        }
    }

    /** DIoU pass 3: {@link PairMath#finish}, in place (idempotent, so overlapping steps are harmless). */
    private static void zeroNaNsTile(Tile t) {
        float[] out = t.out;
        int last = t.e - L;
        for (int i = t.r; i < t.re; i++) {
            int o = t.o + (i - t.r) * t.rowStride;
            for (int step = t.s; step < t.e; step += L) {
                int j = Math.min(step, last);
                VectorPairMath.finish(FloatVector.fromArray(F, out, o + j)).intoArray(out, o + j);
            }
        }
    }

    /** CIoU pass 3: {@code diou - alpha * v} from the scratch values and the aspect angles. */
    private static void ciouFinishTile(Tile t) {
        float[] ad = t.a.data(), angles = t.angles, si = t.iou, sd = t.diou, out = t.out;
        int a0 = t.a.plane(0), a1 = t.a.plane(1), a2 = t.a.plane(2), a3 = t.a.plane(3), last = t.e - L;
        for (int i = t.r; i < t.re; i++) {
            FloatVector angleA = FloatVector.broadcast(F,
                    PairMath.aspectAngle(ad[a0 + i], ad[a1 + i], ad[a2 + i], ad[a3 + i]));
            int so = (i - t.r) * (t.e - t.s) - t.s, o = t.o + (i - t.r) * t.rowStride;
            for (int step = t.s; step < t.e; step += L) {
                int j = Math.min(step, last);
                ciouTerm(FloatVector.fromArray(F, sd, so + j), FloatVector.fromArray(F, si, so + j), angleA,
                        FloatVector.fromArray(F, angles, j - t.s)).intoArray(out, o + j);
            }
        }
    }

    // ---- aligned passes over pairs [s, e), e - s >= L; scratch index i - s ----

    private static void iouAligned(Tile t) {
        float[] ad = t.a.data(), bd = t.b.data(), out = t.out;
        int a0 = t.a.plane(0), a1 = t.a.plane(1), a2 = t.a.plane(2), a3 = t.a.plane(3);
        int b0 = t.b.plane(0), b1 = t.b.plane(1), b2 = t.b.plane(2), b3 = t.b.plane(3), last = t.e - L;
        for (int step = t.s; step < t.e; step += L) {
            int i = Math.min(step, last);
            FloatVector ax1 = FloatVector.fromArray(F, ad, a0 + i), ay1 = FloatVector.fromArray(F, ad, a1 + i);
            FloatVector ax2 = FloatVector.fromArray(F, ad, a2 + i), ay2 = FloatVector.fromArray(F, ad, a3 + i);
            FloatVector bx1 = FloatVector.fromArray(F, bd, b0 + i), by1 = FloatVector.fromArray(F, bd, b1 + i);
            FloatVector bx2 = FloatVector.fromArray(F, bd, b2 + i), by2 = FloatVector.fromArray(F, bd, b3 + i);
            FloatVector inter = inter(ax1, ay1, ax2, ay2, bx1, by1, bx2, by2);
            nanToZero(inter.div(union(area(ax1, ay1, ax2, ay2), area(bx1, by1, bx2, by2), inter)))
                    .intoArray(out, t.o + i);
        }
    }

    private static void ioaAAligned(Tile t) {
        float[] ad = t.a.data(), bd = t.b.data(), out = t.out;
        int a0 = t.a.plane(0), a1 = t.a.plane(1), a2 = t.a.plane(2), a3 = t.a.plane(3);
        int b0 = t.b.plane(0), b1 = t.b.plane(1), b2 = t.b.plane(2), b3 = t.b.plane(3), last = t.e - L;
        for (int step = t.s; step < t.e; step += L) {
            int i = Math.min(step, last);
            FloatVector ax1 = FloatVector.fromArray(F, ad, a0 + i), ay1 = FloatVector.fromArray(F, ad, a1 + i);
            FloatVector ax2 = FloatVector.fromArray(F, ad, a2 + i), ay2 = FloatVector.fromArray(F, ad, a3 + i);
            FloatVector bx1 = FloatVector.fromArray(F, bd, b0 + i), by1 = FloatVector.fromArray(F, bd, b1 + i);
            FloatVector bx2 = FloatVector.fromArray(F, bd, b2 + i), by2 = FloatVector.fromArray(F, bd, b3 + i);
            FloatVector inter = inter(ax1, ay1, ax2, ay2, bx1, by1, bx2, by2);
            FloatVector areaA = area(ax1, ay1, ax2, ay2);
            zeroUnlessDefined(inter.div(areaA), union(areaA, area(bx1, by1, bx2, by2), inter))
                    .intoArray(out, t.o + i);
        }
    }

    private static void ioaBAligned(Tile t) {
        float[] ad = t.a.data(), bd = t.b.data(), out = t.out;
        int a0 = t.a.plane(0), a1 = t.a.plane(1), a2 = t.a.plane(2), a3 = t.a.plane(3);
        int b0 = t.b.plane(0), b1 = t.b.plane(1), b2 = t.b.plane(2), b3 = t.b.plane(3), last = t.e - L;
        for (int step = t.s; step < t.e; step += L) {
            int i = Math.min(step, last);
            FloatVector ax1 = FloatVector.fromArray(F, ad, a0 + i), ay1 = FloatVector.fromArray(F, ad, a1 + i);
            FloatVector ax2 = FloatVector.fromArray(F, ad, a2 + i), ay2 = FloatVector.fromArray(F, ad, a3 + i);
            FloatVector bx1 = FloatVector.fromArray(F, bd, b0 + i), by1 = FloatVector.fromArray(F, bd, b1 + i);
            FloatVector bx2 = FloatVector.fromArray(F, bd, b2 + i), by2 = FloatVector.fromArray(F, bd, b3 + i);
            FloatVector inter = inter(ax1, ay1, ax2, ay2, bx1, by1, bx2, by2);
            FloatVector areaB = area(bx1, by1, bx2, by2);
            zeroUnlessDefined(inter.div(areaB), union(area(ax1, ay1, ax2, ay2), areaB, inter))
                    .intoArray(out, t.o + i);
        }
    }

    private static void rawIouAligned(Tile t) {
        float[] ad = t.a.data(), bd = t.b.data(), si = t.iou, su = t.union;
        int a0 = t.a.plane(0), a1 = t.a.plane(1), a2 = t.a.plane(2), a3 = t.a.plane(3);
        int b0 = t.b.plane(0), b1 = t.b.plane(1), b2 = t.b.plane(2), b3 = t.b.plane(3), last = t.e - L;
        for (int step = t.s; step < t.e; step += L) {
            int i = Math.min(step, last);
            FloatVector ax1 = FloatVector.fromArray(F, ad, a0 + i), ay1 = FloatVector.fromArray(F, ad, a1 + i);
            FloatVector ax2 = FloatVector.fromArray(F, ad, a2 + i), ay2 = FloatVector.fromArray(F, ad, a3 + i);
            FloatVector bx1 = FloatVector.fromArray(F, bd, b0 + i), by1 = FloatVector.fromArray(F, bd, b1 + i);
            FloatVector bx2 = FloatVector.fromArray(F, bd, b2 + i), by2 = FloatVector.fromArray(F, bd, b3 + i);
            FloatVector inter = inter(ax1, ay1, ax2, ay2, bx1, by1, bx2, by2);
            FloatVector union = union(area(ax1, ay1, ax2, ay2), area(bx1, by1, bx2, by2), inter);
            inter.div(union).intoArray(si, i - t.s);
            union.intoArray(su, i - t.s);
        }
    }

    private static void giouFinishAligned(Tile t) {
        float[] ad = t.a.data(), bd = t.b.data(), si = t.iou, su = t.union, out = t.out;
        int a0 = t.a.plane(0), a1 = t.a.plane(1), a2 = t.a.plane(2), a3 = t.a.plane(3);
        int b0 = t.b.plane(0), b1 = t.b.plane(1), b2 = t.b.plane(2), b3 = t.b.plane(3), last = t.e - L;
        for (int step = t.s; step < t.e; step += L) {
            int i = Math.min(step, last);
            FloatVector ax1 = FloatVector.fromArray(F, ad, a0 + i), ay1 = FloatVector.fromArray(F, ad, a1 + i);
            FloatVector ax2 = FloatVector.fromArray(F, ad, a2 + i), ay2 = FloatVector.fromArray(F, ad, a3 + i);
            FloatVector bx1 = FloatVector.fromArray(F, bd, b0 + i), by1 = FloatVector.fromArray(F, bd, b1 + i);
            FloatVector bx2 = FloatVector.fromArray(F, bd, b2 + i), by2 = FloatVector.fromArray(F, bd, b3 + i);
            FloatVector c = enclosing(ax1, ax2, bx1, bx2).mul(enclosing(ay1, ay2, by1, by2));
            FloatVector union = FloatVector.fromArray(F, su, i - t.s);
            nanToZero(FloatVector.fromArray(F, si, i - t.s).sub(c.sub(union).div(c))).intoArray(out, t.o + i);
        }
    }

    private static void rawDiouAligned(Tile t) {
        float[] ad = t.a.data(), bd = t.b.data(), si = t.iou;
        float[] dst = t.ciou ? t.diou : t.out;
        int o = t.ciou ? -t.s : t.o;
        int a0 = t.a.plane(0), a1 = t.a.plane(1), a2 = t.a.plane(2), a3 = t.a.plane(3);
        int b0 = t.b.plane(0), b1 = t.b.plane(1), b2 = t.b.plane(2), b3 = t.b.plane(3), last = t.e - L;
        for (int step = t.s; step < t.e; step += L) {
            int i = Math.min(step, last);
            FloatVector ax1 = FloatVector.fromArray(F, ad, a0 + i), ay1 = FloatVector.fromArray(F, ad, a1 + i);
            FloatVector ax2 = FloatVector.fromArray(F, ad, a2 + i), ay2 = FloatVector.fromArray(F, ad, a3 + i);
            FloatVector bx1 = FloatVector.fromArray(F, bd, b0 + i), by1 = FloatVector.fromArray(F, bd, b1 + i);
            FloatVector bx2 = FloatVector.fromArray(F, bd, b2 + i), by2 = FloatVector.fromArray(F, bd, b3 + i);
            FloatVector acx = ax1.add(ax2).mul(0.5f), acy = ay1.add(ay2).mul(0.5f);
            FloatVector diag = diagonal2(enclosing(ax1, ax2, bx1, bx2), enclosing(ay1, ay2, by1, by2));
            FloatVector.fromArray(F, si, i - t.s).sub(centreDistance2(acx, acy, bx1, by1, bx2, by2).div(diag))
                    .intoArray(dst, o + i);
        }
    }

    private static void zeroNaNsAligned(Tile t) {
        float[] out = t.out;
        int last = t.e - L;
        for (int step = t.s; step < t.e; step += L) {
            int i = Math.min(step, last);
            VectorPairMath.finish(FloatVector.fromArray(F, out, t.o + i)).intoArray(out, t.o + i);
        }
    }

    private static void ciouFinishAligned(Tile t) {
        float[] si = t.iou, sd = t.diou, out = t.out, angA = t.angles, angB = t.anglesB;
        int last = t.e - L;
        for (int step = t.s; step < t.e; step += L) {
            int i = Math.min(step, last), k = i - t.s;
            ciouTerm(FloatVector.fromArray(F, sd, k), FloatVector.fromArray(F, si, k),
                    FloatVector.fromArray(F, angA, k), FloatVector.fromArray(F, angB, k)).intoArray(out, t.o + i);
        }
    }

    /** {@code w / h} of side A's (or B's) boxes of pairs {@code [s, e)} into its angle plane. */
    private static void aspectRatioAligned(Tile t) {
        Boxes bx = t.sideB ? t.b : t.a;
        float[] d = bx.data(), dst = t.sideB ? t.anglesB : t.angles;
        int p0 = bx.plane(0), p1 = bx.plane(1), p2 = bx.plane(2), p3 = bx.plane(3), last = t.e - L;
        for (int step = t.s; step < t.e; step += L) {
            int i = Math.min(step, last);
            FloatVector w = extent(FloatVector.fromArray(F, d, p0 + i), FloatVector.fromArray(F, d, p2 + i));
            FloatVector h = extent(FloatVector.fromArray(F, d, p1 + i), FloatVector.fromArray(F, d, p3 + i));
            w.div(h).intoArray(dst, i - t.s);
        }
    }

    /**
     * {@code atan} in place over the angle plane's {@code e - s} values: whole vectors, then the scalar function
     * for the rest (a step moved back would take the arctangent twice).
     */
    private static void atanInPlace(Tile t) {
        float[] d = t.sideB ? t.anglesB : t.angles;
        int n = t.e - t.s, body = n - n % L;
        for (int j = 0; j < body; j += L) {
            VectorFloatMath.atan(FloatVector.fromArray(F, d, j)).intoArray(d, j);
        }
        for (int j = body; j < n; j++) {
            d[j] = FloatMath.atan(d[j]);
        }
    }

    // ---- formulas shared by the passes (same operation order as PairMath) ----

    /** {@code (cw^2 + ch^2) + eps}: the squared diagonal of the enclosing box. */
    private static FloatVector diagonal2(FloatVector cw, FloatVector ch) {
        return cw.mul(cw).add(ch.mul(ch)).add(PairMath.EPS);
    }

    /** Squared distance between a's centre {@code (acx, acy)} and b's centre. */
    private static FloatVector centreDistance2(FloatVector acx, FloatVector acy, FloatVector bx1, FloatVector by1,
                                               FloatVector bx2, FloatVector by2) {
        FloatVector dx = acx.sub(bx1.add(bx2).mul(0.5f));
        FloatVector dy = acy.sub(by1.add(by2).mul(0.5f));
        return dx.mul(dx).add(dy.mul(dy));
    }

    /** {@code finish(diou - alpha * v)} from the raw DIoU, the raw IoU and both aspect angles. */
    private static FloatVector ciouTerm(FloatVector diou, FloatVector iou, FloatVector angleA, FloatVector angleB) {
        FloatVector da = angleA.sub(angleB);
        FloatVector v = da.mul(da).mul(PairMath.FOUR_OVER_PI_SQ);
        FloatVector alpha = v.div(iou.neg().add(1f).add(v).add(PairMath.EPS));
        return VectorPairMath.finish(diou.sub(alpha.mul(v)));
    }
}
