package dev.anchorvec.boxes;

import static dev.anchorvec.boxes.VectorPairMath.area;
import static dev.anchorvec.boxes.VectorPairMath.enclosing;
import static dev.anchorvec.boxes.VectorPairMath.extent;
import static dev.anchorvec.boxes.VectorPairMath.inter;
import static dev.anchorvec.boxes.VectorPairMath.nanToZero;
import static dev.anchorvec.boxes.VectorPairMath.zeroUnlessDefined;

import dev.anchorvec.simd.Scratch;
import dev.anchorvec.simd.Shapes;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API implementation of {@link IouKernels}. Pairwise: one box of {@code a} broadcast against
 * {@code Shapes.FL} boxes of {@code b} per step, so a row of the output is written with full-width stores
 * and one masked store at its end. Aligned: lane i compares a[i] with b[i]. Loaded reflectively.
 */
final class VectorIouKernels implements IouKernels {

    private static final VectorSpecies<Float> F = Shapes.F;
    private static final int L = Shapes.FL;

    @Override
    public void pairwise(IouKind kind, Boxes a, int aFrom, int aTo, Boxes b, int bFrom, int bTo, float[] out,
                         int outOffset, int rowStride) {
        float[] ad = a.data();
        int a0 = a.plane(0), a1 = a.plane(1), a2 = a.plane(2), a3 = a.plane(3);
        boolean ciou = kind == IouKind.CIOU;
        for (int blockStart = bFrom; blockStart < bTo; blockStart += Scratch.MAX_FLOATS) {
            int blockEnd = (int) Math.min((long) blockStart + Scratch.MAX_FLOATS, bTo);
            Cols cols = new Cols(b, blockStart, blockEnd, ciou ? AspectAngles.of(b, blockStart, blockEnd) : null);
            for (int i = aFrom; i < aTo; i++) {
                float ax1 = ad[a0 + i], ay1 = ad[a1 + i], ax2 = ad[a2 + i], ay2 = ad[a3 + i];
                int o = outOffset + (i - aFrom) * rowStride - bFrom;
                switch (kind) {
                    case IOU -> iouRow(ax1, ay1, ax2, ay2, cols, out, o);
                    case IOA_A, IOA_B -> ioaRow(kind == IouKind.IOA_A, ax1, ay1, ax2, ay2, cols, out, o);
                    case GIOU -> giouRow(ax1, ay1, ax2, ay2, cols, out, o);
                    case DIOU -> diouRow(ax1, ay1, ax2, ay2, cols, out, o);
                    case CIOU -> ciouRow(ax1, ay1, ax2, ay2, cols, out, o);
                }
            }
        }
    }

    /** The columns of one block: b's planes and, for CIoU, their aspect angles (index j - from). */
    private record Cols(float[] d, int p0, int p1, int p2, int p3, int from, int to, float[] angles) {
        Cols(Boxes b, int from, int to, float[] angles) {
            this(b.data(), b.plane(0), b.plane(1), b.plane(2), b.plane(3), from, to, angles);
        }
    }

    private static void iouRow(float ax1s, float ay1s, float ax2s, float ay2s, Cols c, float[] out, int o) {
        FloatVector ax1 = FloatVector.broadcast(F, ax1s), ay1 = FloatVector.broadcast(F, ay1s);
        FloatVector ax2 = FloatVector.broadcast(F, ax2s), ay2 = FloatVector.broadcast(F, ay2s);
        FloatVector areaA = FloatVector.broadcast(F, PairMath.area(ax1s, ay1s, ax2s, ay2s));
        float[] d = c.d();
        int j = c.from(), bound = c.from() + F.loopBound(c.to() - c.from());
        for (; j < bound; j += L) {
            FloatVector bx1 = FloatVector.fromArray(F, d, c.p0() + j), by1 = FloatVector.fromArray(F, d, c.p1() + j);
            FloatVector bx2 = FloatVector.fromArray(F, d, c.p2() + j), by2 = FloatVector.fromArray(F, d, c.p3() + j);
            iou(ax1, ay1, ax2, ay2, areaA, bx1, by1, bx2, by2).intoArray(out, o + j);
        }
        if (j < c.to()) {
            VectorMask<Float> m = F.indexInRange(j, c.to());
            FloatVector bx1 = FloatVector.fromArray(F, d, c.p0() + j, m);
            FloatVector by1 = FloatVector.fromArray(F, d, c.p1() + j, m);
            FloatVector bx2 = FloatVector.fromArray(F, d, c.p2() + j, m);
            FloatVector by2 = FloatVector.fromArray(F, d, c.p3() + j, m);
            iou(ax1, ay1, ax2, ay2, areaA, bx1, by1, bx2, by2).intoArray(out, o + j, m);
        }
    }

    private static void ioaRow(boolean overA, float ax1s, float ay1s, float ax2s, float ay2s, Cols c, float[] out,
                               int o) {
        FloatVector ax1 = FloatVector.broadcast(F, ax1s), ay1 = FloatVector.broadcast(F, ay1s);
        FloatVector ax2 = FloatVector.broadcast(F, ax2s), ay2 = FloatVector.broadcast(F, ay2s);
        FloatVector areaA = FloatVector.broadcast(F, PairMath.area(ax1s, ay1s, ax2s, ay2s));
        float[] d = c.d();
        int j = c.from(), bound = c.from() + F.loopBound(c.to() - c.from());
        for (; j < bound; j += L) {
            FloatVector bx1 = FloatVector.fromArray(F, d, c.p0() + j), by1 = FloatVector.fromArray(F, d, c.p1() + j);
            FloatVector bx2 = FloatVector.fromArray(F, d, c.p2() + j), by2 = FloatVector.fromArray(F, d, c.p3() + j);
            ioa(overA, ax1, ay1, ax2, ay2, areaA, bx1, by1, bx2, by2).intoArray(out, o + j);
        }
        if (j < c.to()) {
            VectorMask<Float> m = F.indexInRange(j, c.to());
            FloatVector bx1 = FloatVector.fromArray(F, d, c.p0() + j, m);
            FloatVector by1 = FloatVector.fromArray(F, d, c.p1() + j, m);
            FloatVector bx2 = FloatVector.fromArray(F, d, c.p2() + j, m);
            FloatVector by2 = FloatVector.fromArray(F, d, c.p3() + j, m);
            ioa(overA, ax1, ay1, ax2, ay2, areaA, bx1, by1, bx2, by2).intoArray(out, o + j, m);
        }
    }

    private static void giouRow(float ax1s, float ay1s, float ax2s, float ay2s, Cols c, float[] out, int o) {
        FloatVector ax1 = FloatVector.broadcast(F, ax1s), ay1 = FloatVector.broadcast(F, ay1s);
        FloatVector ax2 = FloatVector.broadcast(F, ax2s), ay2 = FloatVector.broadcast(F, ay2s);
        FloatVector areaA = FloatVector.broadcast(F, PairMath.area(ax1s, ay1s, ax2s, ay2s));
        float[] d = c.d();
        int j = c.from(), bound = c.from() + F.loopBound(c.to() - c.from());
        for (; j < bound; j += L) {
            FloatVector bx1 = FloatVector.fromArray(F, d, c.p0() + j), by1 = FloatVector.fromArray(F, d, c.p1() + j);
            FloatVector bx2 = FloatVector.fromArray(F, d, c.p2() + j), by2 = FloatVector.fromArray(F, d, c.p3() + j);
            giou(ax1, ay1, ax2, ay2, areaA, bx1, by1, bx2, by2).intoArray(out, o + j);
        }
        if (j < c.to()) {
            VectorMask<Float> m = F.indexInRange(j, c.to());
            FloatVector bx1 = FloatVector.fromArray(F, d, c.p0() + j, m);
            FloatVector by1 = FloatVector.fromArray(F, d, c.p1() + j, m);
            FloatVector bx2 = FloatVector.fromArray(F, d, c.p2() + j, m);
            FloatVector by2 = FloatVector.fromArray(F, d, c.p3() + j, m);
            giou(ax1, ay1, ax2, ay2, areaA, bx1, by1, bx2, by2).intoArray(out, o + j, m);
        }
    }

    private static void diouRow(float ax1s, float ay1s, float ax2s, float ay2s, Cols c, float[] out, int o) {
        FloatVector ax1 = FloatVector.broadcast(F, ax1s), ay1 = FloatVector.broadcast(F, ay1s);
        FloatVector ax2 = FloatVector.broadcast(F, ax2s), ay2 = FloatVector.broadcast(F, ay2s);
        FloatVector areaA = FloatVector.broadcast(F, PairMath.area(ax1s, ay1s, ax2s, ay2s));
        float[] d = c.d();
        int j = c.from(), bound = c.from() + F.loopBound(c.to() - c.from());
        for (; j < bound; j += L) {
            FloatVector bx1 = FloatVector.fromArray(F, d, c.p0() + j), by1 = FloatVector.fromArray(F, d, c.p1() + j);
            FloatVector bx2 = FloatVector.fromArray(F, d, c.p2() + j), by2 = FloatVector.fromArray(F, d, c.p3() + j);
            nanToZero(diou(ax1, ay1, ax2, ay2, areaA, bx1, by1, bx2, by2)).intoArray(out, o + j);
        }
        if (j < c.to()) {
            VectorMask<Float> m = F.indexInRange(j, c.to());
            FloatVector bx1 = FloatVector.fromArray(F, d, c.p0() + j, m);
            FloatVector by1 = FloatVector.fromArray(F, d, c.p1() + j, m);
            FloatVector bx2 = FloatVector.fromArray(F, d, c.p2() + j, m);
            FloatVector by2 = FloatVector.fromArray(F, d, c.p3() + j, m);
            nanToZero(diou(ax1, ay1, ax2, ay2, areaA, bx1, by1, bx2, by2)).intoArray(out, o + j, m);
        }
    }

    private static void ciouRow(float ax1s, float ay1s, float ax2s, float ay2s, Cols c, float[] out, int o) {
        FloatVector ax1 = FloatVector.broadcast(F, ax1s), ay1 = FloatVector.broadcast(F, ay1s);
        FloatVector ax2 = FloatVector.broadcast(F, ax2s), ay2 = FloatVector.broadcast(F, ay2s);
        FloatVector areaA = FloatVector.broadcast(F, PairMath.area(ax1s, ay1s, ax2s, ay2s));
        FloatVector angleA = FloatVector.broadcast(F, PairMath.aspectAngle(ax1s, ay1s, ax2s, ay2s));
        float[] d = c.d(), angles = c.angles();
        int j = c.from(), bound = c.from() + F.loopBound(c.to() - c.from());
        for (; j < bound; j += L) {
            FloatVector bx1 = FloatVector.fromArray(F, d, c.p0() + j), by1 = FloatVector.fromArray(F, d, c.p1() + j);
            FloatVector bx2 = FloatVector.fromArray(F, d, c.p2() + j), by2 = FloatVector.fromArray(F, d, c.p3() + j);
            FloatVector angleB = FloatVector.fromArray(F, angles, j - c.from());
            ciou(ax1, ay1, ax2, ay2, areaA, angleA, bx1, by1, bx2, by2, angleB).intoArray(out, o + j);
        }
        if (j < c.to()) {
            VectorMask<Float> m = F.indexInRange(j, c.to());
            FloatVector bx1 = FloatVector.fromArray(F, d, c.p0() + j, m);
            FloatVector by1 = FloatVector.fromArray(F, d, c.p1() + j, m);
            FloatVector bx2 = FloatVector.fromArray(F, d, c.p2() + j, m);
            FloatVector by2 = FloatVector.fromArray(F, d, c.p3() + j, m);
            FloatVector angleB = FloatVector.fromArray(F, angles, j - c.from(), m);
            ciou(ax1, ay1, ax2, ay2, areaA, angleA, bx1, by1, bx2, by2, angleB).intoArray(out, o + j, m);
        }
    }

    @Override
    public void aligned(IouKind kind, Boxes a, Boxes b, int from, int to, float[] out, int outOffset) {
        float[] ad = a.data(), bd = b.data();
        int a0 = a.plane(0), a1 = a.plane(1), a2 = a.plane(2), a3 = a.plane(3);
        int b0 = b.plane(0), b1 = b.plane(1), b2 = b.plane(2), b3 = b.plane(3);
        int o = outOffset - from;
        for (int i = from; i < to; i += L) {
            VectorMask<Float> m = F.indexInRange(i, to);
            FloatVector ax1 = FloatVector.fromArray(F, ad, a0 + i, m), ay1 = FloatVector.fromArray(F, ad, a1 + i, m);
            FloatVector ax2 = FloatVector.fromArray(F, ad, a2 + i, m), ay2 = FloatVector.fromArray(F, ad, a3 + i, m);
            FloatVector bx1 = FloatVector.fromArray(F, bd, b0 + i, m), by1 = FloatVector.fromArray(F, bd, b1 + i, m);
            FloatVector bx2 = FloatVector.fromArray(F, bd, b2 + i, m), by2 = FloatVector.fromArray(F, bd, b3 + i, m);
            FloatVector areaA = area(ax1, ay1, ax2, ay2);
            // Each arm stores its own result: no vector value merges across the branches.
            switch (kind) {
                case IOU -> iou(ax1, ay1, ax2, ay2, areaA, bx1, by1, bx2, by2).intoArray(out, o + i, m);
                case IOA_A -> ioa(true, ax1, ay1, ax2, ay2, areaA, bx1, by1, bx2, by2).intoArray(out, o + i, m);
                case IOA_B -> ioa(false, ax1, ay1, ax2, ay2, areaA, bx1, by1, bx2, by2).intoArray(out, o + i, m);
                case GIOU -> giou(ax1, ay1, ax2, ay2, areaA, bx1, by1, bx2, by2).intoArray(out, o + i, m);
                case DIOU -> nanToZero(diou(ax1, ay1, ax2, ay2, areaA, bx1, by1, bx2, by2)).intoArray(out, o + i, m);
                case CIOU -> ciou(ax1, ay1, ax2, ay2, areaA, angle(ax1, ay1, ax2, ay2), bx1, by1, bx2, by2,
                        angle(bx1, by1, bx2, by2)).intoArray(out, o + i, m);
            }
        }
    }

    /** Lanewise {@code atan(w / h)}; the SVML arctangent is within a few ulp of {@code StrictMath.atan}. */
    private static FloatVector angle(FloatVector x1, FloatVector y1, FloatVector x2, FloatVector y2) {
        return extent(x1, x2).div(extent(y1, y2)).lanewise(VectorOperators.ATAN);
    }

    private static FloatVector iou(FloatVector ax1, FloatVector ay1, FloatVector ax2, FloatVector ay2,
                                   FloatVector areaA, FloatVector bx1, FloatVector by1, FloatVector bx2,
                                   FloatVector by2) {
        return VectorPairMath.iou(ax1, ay1, ax2, ay2, areaA, bx1, by1, bx2, by2, area(bx1, by1, bx2, by2));
    }

    private static FloatVector ioa(boolean overA, FloatVector ax1, FloatVector ay1, FloatVector ax2,
                                   FloatVector ay2, FloatVector areaA, FloatVector bx1, FloatVector by1,
                                   FloatVector bx2, FloatVector by2) {
        FloatVector inter = inter(ax1, ay1, ax2, ay2, bx1, by1, bx2, by2);
        FloatVector areaB = area(bx1, by1, bx2, by2);
        FloatVector union = areaA.add(areaB).sub(inter);
        return zeroUnlessDefined(inter.div(overA ? areaA : areaB), union);
    }

    private static FloatVector giou(FloatVector ax1, FloatVector ay1, FloatVector ax2, FloatVector ay2,
                                    FloatVector areaA, FloatVector bx1, FloatVector by1, FloatVector bx2,
                                    FloatVector by2) {
        FloatVector inter = inter(ax1, ay1, ax2, ay2, bx1, by1, bx2, by2);
        FloatVector union = areaA.add(area(bx1, by1, bx2, by2)).sub(inter);
        FloatVector iou = inter.div(union);
        FloatVector c = enclosing(ax1, ax2, bx1, bx2).mul(enclosing(ay1, ay2, by1, by2));
        return nanToZero(iou.sub(c.sub(union).div(c)));
    }

    /** DIoU before the NaN guard. */
    private static FloatVector diou(FloatVector ax1, FloatVector ay1, FloatVector ax2, FloatVector ay2,
                                    FloatVector areaA, FloatVector bx1, FloatVector by1, FloatVector bx2,
                                    FloatVector by2) {
        FloatVector inter = inter(ax1, ay1, ax2, ay2, bx1, by1, bx2, by2);
        FloatVector union = areaA.add(area(bx1, by1, bx2, by2)).sub(inter);
        FloatVector iou = inter.div(union);
        return iou.sub(distancePenalty(ax1, ay1, ax2, ay2, bx1, by1, bx2, by2));
    }

    /** {@code d^2 / (c^2 + eps)}: squared centre distance over the squared enclosing diagonal. */
    private static FloatVector distancePenalty(FloatVector ax1, FloatVector ay1, FloatVector ax2, FloatVector ay2,
                                               FloatVector bx1, FloatVector by1, FloatVector bx2,
                                               FloatVector by2) {
        FloatVector cw = enclosing(ax1, ax2, bx1, bx2), ch = enclosing(ay1, ay2, by1, by2);
        FloatVector diag = cw.mul(cw).add(ch.mul(ch)).add(PairMath.EPS);
        FloatVector dx = ax1.add(ax2).mul(0.5f).sub(bx1.add(bx2).mul(0.5f));
        FloatVector dy = ay1.add(ay2).mul(0.5f).sub(by1.add(by2).mul(0.5f));
        return dx.mul(dx).add(dy.mul(dy)).div(diag);
    }

    private static FloatVector ciou(FloatVector ax1, FloatVector ay1, FloatVector ax2, FloatVector ay2,
                                    FloatVector areaA, FloatVector angleA, FloatVector bx1, FloatVector by1,
                                    FloatVector bx2, FloatVector by2, FloatVector angleB) {
        FloatVector inter = inter(ax1, ay1, ax2, ay2, bx1, by1, bx2, by2);
        FloatVector union = areaA.add(area(bx1, by1, bx2, by2)).sub(inter);
        FloatVector iou = inter.div(union);
        FloatVector diou = iou.sub(distancePenalty(ax1, ay1, ax2, ay2, bx1, by1, bx2, by2));
        FloatVector da = angleA.sub(angleB);
        FloatVector v = da.mul(da).mul(PairMath.FOUR_OVER_PI_SQ);
        FloatVector alpha = v.div(iou.neg().add(1f).add(v).add(PairMath.EPS));
        return nanToZero(diou.sub(alpha.mul(v)));
    }
}
