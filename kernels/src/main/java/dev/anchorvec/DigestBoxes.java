package dev.anchorvec;

import dev.anchorvec.boxes.BestIou;
import dev.anchorvec.boxes.BoxConvert;
import dev.anchorvec.boxes.BoxFormat;
import dev.anchorvec.boxes.BoxIou;
import dev.anchorvec.boxes.BoxOps;
import dev.anchorvec.boxes.BoxValidation;
import dev.anchorvec.boxes.Boxes;
import dev.anchorvec.boxes.IouKind;
import dev.anchorvec.boxes.IouTies;
import dev.anchorvec.boxes.OverlapTest;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.List;

/**
 * {@link KernelDigest}'s workload for {@code dev.anchorvec.boxes}: conversions, the IoU family (CIoU on its own,
 * for its arctangent), the fused best-IoU and tie passes, the NMS overlap test and the per-box operations.
 * Sizes pair a short set (below every vector width) with 37, 103 and 259 (main loops and tails at 4, 8 and 16
 * lanes, and more than one 240-row tile).
 */
final class DigestBoxes {

    static final List<DigestFamily> FAMILIES = List.of(
            new DigestFamily("boxes.convert", DigestBoxes::convert),
            new DigestFamily("boxes.iou", DigestBoxes::iou),
            new DigestFamily("boxes.ciou", DigestBoxes::ciou),
            new DigestFamily("boxes.best-iou", DigestBoxes::bestIou),
            new DigestFamily("boxes.overlap", DigestBoxes::overlap),
            new DigestFamily("boxes.ops", DigestBoxes::ops));

    private static final IouKind[] NON_CIOU = {IouKind.IOU, IouKind.IOA_A, IouKind.IOA_B, IouKind.GIOU,
        IouKind.DIOU};

    private DigestBoxes() {}

    private static void convert(DigestInputs in, DigestHash out) {
        int n = 37;
        for (BoxFormat format : BoxFormat.values()) {
            float[] rows = in.uniform(4 * n + 8, -50f, 700f);
            String f = format.name();
            out.boxes(f + " interleaved", BoxConvert.fromInterleaved(rows, 3, n, format, Boxes.allocate(n)));
            out.boxes(f + " interleaved buffer",
                    BoxConvert.fromInterleaved(FloatBuffer.wrap(rows, 3, 4 * n).slice(), n, format, Boxes.allocate(n)));
            out.boxes(f + " interleaved direct",
                    BoxConvert.fromInterleaved(direct(rows, 3, 4 * n), n, format, Boxes.allocate(n)));
            out.boxes(f + " interleaved segment",
                    BoxConvert.fromInterleaved(MemorySegment.ofArray(rows), 12, n, format, Boxes.allocate(n)));
            out.boxes(f + " planar strided", BoxConvert.fromPlanar(rows, 1, n + 1, n, format, Boxes.allocate(n)));
            out.boxes(f + " planar buffer",
                    BoxConvert.fromPlanar(FloatBuffer.wrap(rows, 0, 4 * n).slice(), n, format, Boxes.allocate(n)));
            out.boxes(f + " planar segment",
                    BoxConvert.fromPlanar(MemorySegment.ofArray(rows), 4, n, format, Boxes.allocate(n)));
            Boxes b = in.boxes(n);
            float[] back = new float[4 * n + 5];
            BoxConvert.toInterleaved(b, format, back, 5);
            out.floats(f + " to interleaved", back);
            FloatBuffer buffer = FloatBuffer.allocate(4 * n);
            BoxConvert.toInterleaved(b, format, buffer);
            out.floats(f + " to buffer", buffer.array());
            float[] seg = new float[4 * n + 2];
            BoxConvert.toInterleaved(b, format, MemorySegment.ofArray(seg), 8);
            out.floats(f + " to segment", seg);
            out.floats(f + " to interleaved array", b.toInterleaved(format));
        }
    }

    /** A direct, native-order buffer holding {@code a[from, from + len)}. */
    private static FloatBuffer direct(float[] a, int from, int len) {
        FloatBuffer d = ByteBuffer.allocateDirect(4 * len).order(ByteOrder.nativeOrder()).asFloatBuffer();
        d.put(a, from, len).flip();
        return d;
    }

    private static void iou(DigestInputs in, DigestHash out) {
        Boxes a = in.boxes(259), b = in.related(a, 37), small = in.related(a, 3), six = in.related(a, 6);
        Boxes twelve = in.related(a, 12), a103 = prefix(a, 103);
        // a view with an offset and a plane stride, as a wrapped model output
        float[] viewData = new float[5 + 4 * 40];
        Boxes view = Boxes.wrapPlanar(viewData, 5, 40, 37);
        for (int i = 0; i < 37; i++) {
            view.set(i, b.x1(i), b.y1(i) - 1, b.x2(i) + 2, b.y2(i));
        }
        for (IouKind kind : NON_CIOU) {
            pairwiseShapes(kind, a, b, small, six, twelve, view, out);
            out.floats(kind + " aligned", BoxIou.aligned(kind, a103, in.related(a, 103)));
            float[] part = new float[40];
            BoxIou.aligned(kind, a103, in.related(a, 103), 3, 40, part, 3);
            out.floats(kind + " aligned range", part);
        }
        // rows shorter than a vector: the flat IoU path (contiguous output), and the transposed path over more
        // than one 240-row tile
        out.floats("IOU 103x3", BoxIou.pairwise(IouKind.IOU, a103, small));
        out.floats("GIOU 259x3", BoxIou.pairwise(IouKind.GIOU, a, small));
        for (int i = 0; i < 5; i++) {
            out.f(BoxIou.of(NON_CIOU[i], a.x1(i), a.y1(i), a.x2(i), a.y2(i), b.x1(i), b.y1(i), b.x2(i), b.y2(i)));
        }
    }

    /** The pairwise shapes that take each code path at some width: wide rows, short rows, tiny, tiled. */
    private static void pairwiseShapes(IouKind kind, Boxes a, Boxes b, Boxes small, Boxes six, Boxes twelve,
                                       Boxes view, DigestHash out) {
        Boxes a9 = prefix(a, 9);
        out.floats(kind + " 9x37", BoxIou.pairwise(kind, a9, b));
        out.floats(kind + " 37x6", BoxIou.pairwise(kind, b, six));
        out.floats(kind + " 9x12", BoxIou.pairwise(kind, a9, twelve));
        out.floats(kind + " 3x3", BoxIou.pairwise(kind, small, small));
        out.floats(kind + " 5x37 view", BoxIou.pairwise(kind, prefix(twelve, 5), view));
        float[] tile = new float[7 + 5 * 40];
        BoxIou.pairwise(kind, a, a.size() - 5, a.size(), b, 2, 35, tile, 7, 40);
        out.floats(kind + " tile", tile);
    }

    /** The first {@code n} boxes of {@code a}, as a view of its memory. */
    private static Boxes prefix(Boxes a, int n) {
        return Boxes.wrapPlanar(a.data(), a.offset(), a.stride(), n);
    }

    private static void ciou(DigestInputs in, DigestHash out) {
        Boxes a = in.boxes(103), b = in.related(a, 37), small = in.related(a, 3), six = in.related(a, 6);
        Boxes twelve = in.related(a, 12);
        Boxes view = in.related(a, 37);
        pairwiseShapes(IouKind.CIOU, a, b, small, six, twelve, view, out);
        out.floats("CIOU 103x3", BoxIou.pairwise(IouKind.CIOU, a, small));
        out.floats("CIOU aligned", BoxIou.aligned(IouKind.CIOU, a, in.related(a, 103)));
        Boxes c = in.boxes(37);
        out.floats("CIOU aligned 37", BoxIou.aligned(IouKind.CIOU, c, in.related(c, 37)));
        for (int i = 0; i < 5; i++) {
            out.f(BoxIou.of(IouKind.CIOU, a.x1(i), a.y1(i), a.x2(i), a.y2(i), b.x1(i), b.y1(i), b.x2(i), b.y2(i)));
        }
    }

    private static void bestIou(DigestInputs in, DigestHash out) {
        // Ordered boxes (a grid, as anchors are) let the block bounds cull; random ones do not.
        Boxes grid = gridBoxes(300, 24, 20f);
        best("grid", grid, in.related(grid, 5), out);
        Boxes a = in.boxes(37);
        best("random", a, in.related(a, 37), out);
        Boxes s = in.boxes(3);
        best("small", s, in.related(s, 5), out);
        BestIou.Result r = BestIou.compute(s, a);
        out.floats("result bestA", r.bestA()).ints("result argA", r.argA());
        out.floats("result bestB", r.bestB()).ints("result argB", r.argB());
    }

    /** Both reductions with block maxima, then the tie pass with and without them. */
    private static void best(String label, Boxes a, Boxes b, DigestHash out) {
        int n = a.size(), m = b.size();
        float[] bestA = new float[n], bestB = new float[m], blockMax = new float[BestIou.blocks(n) * m];
        int[] argA = new int[n], argB = new int[m];
        BestIou.compute(a, b, bestA, argA, bestB, argB, blockMax);
        out.floats(label + " bestA", bestA).ints(label + " argA", argA);
        out.floats(label + " bestB", bestB).ints(label + " argB", argB).floats(label + " blockMax", blockMax);
        int[] ties = new int[n];
        IouTies.lastEqual(a, b, bestB, ties, blockMax);
        out.ints(label + " ties", ties);
        IouTies.lastEqual(a, b, bestB, ties);
        out.ints(label + " ties without bounds", ties);
    }

    /** {@code n} boxes laid out row by row on a grid of {@code perRow} columns of cells of side {@code cell}. */
    static Boxes gridBoxes(int n, int perRow, float cell) {
        Boxes b = Boxes.allocate(n);
        for (int i = 0; i < n; i++) {
            float x = (i % perRow) * cell, y = (i / perRow) * cell;
            float grow = (i % 3) * cell / 2;
            b.set(i, x - grow, y - grow / 2, x + cell + grow, y + cell + grow / 2);
        }
        return b;
    }

    private static void overlap(DigestInputs in, DigestHash out) {
        Boxes a = in.boxes(259);
        Boxes[] sets = {in.related(a, 3), in.related(a, 37), in.related(a, 103)};
        double[] thresholds = {0.5, 0.3, 0.0, 1.0, -1.0};
        long[] bits = new long[5];
        boolean[] mask = new boolean[262];
        for (Boxes others : sets) {
            int n = others.size();
            for (double t : thresholds) {
                int index = in.nextInt(n);
                String l = n + " " + t;
                out.value(l + " count", OverlapTest.countAbove(others, index, others, 0, n, t));
                out.value(l + " mask n", OverlapTest.maskAbove(others, index, others, 0, n, t, mask, 2));
                out.booleans(l + " mask", mask, 2, 2 + n);
                out.value(l + " bits n", OverlapTest.bitsAbove(a.x1(index), a.y1(index), a.x2(index),
                        a.y2(index), others, n / 3, n, t, bits));
                out.longs(l + " bits", bits);
            }
        }
    }

    private static void ops(DigestInputs in, DigestHash out) {
        for (int n : new int[] {3, 37, 103}) {
            Boxes b = in.boxes(n);
            out.floats(n + " area", BoxOps.area(b));
            float[] part = new float[n];
            BoxOps.area(b, n / 3, n, part, 1);
            out.floats(n + " area range", part);
            int[] keep = new int[n];
            for (float min : new float[] {0f, 1f, 25f, Float.MIN_VALUE}) {
                int k = BoxOps.removeSmall(b, min, keep);
                out.ints(n + " removeSmall " + min, keep, 0, k);
            }
            out.value(n + " first invalid", BoxValidation.firstInvalid(b, 0));
            out.value(n + " issues", BoxValidation.check(b).size());
            Boxes c = copy(b);
            BoxOps.clip(c, 640f, 480f);
            out.boxes(n + " clip", c);
            c = copy(b);
            BoxOps.clip(c, 0f, 1e30f);
            out.boxes(n + " clip extreme", c);
        }
    }

    static Boxes copy(Boxes b) {
        Boxes c = Boxes.allocate(b.size());
        for (int i = 0; i < b.size(); i++) {
            c.set(i, b.x1(i), b.y1(i), b.x2(i), b.y2(i));
        }
        return c;
    }
}
