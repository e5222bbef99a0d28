package dev.anchorvec.boxes;

import static jdk.incubator.vector.VectorOperators.F2D;
import static jdk.incubator.vector.VectorOperators.GE;
import static jdk.incubator.vector.VectorOperators.GT;

import dev.anchorvec.simd.Shapes;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API implementation of {@link OverlapKernels}. Intersections and unions are computed in float lanes
 * exactly as {@link BoxIou} does; the exact comparison {@code inter >= beta * union} runs in double lanes (two
 * halves per float vector), and each step yields a bitmask of {@code Shapes.FL} decisions. Everything is in
 * locals and static methods so no vector escapes to the heap.
 */
final class VectorOverlapKernels implements OverlapKernels {

    private static final VectorSpecies<Float> F = Shapes.F;
    private static final VectorSpecies<Double> D = Shapes.D;
    private static final int L = Shapes.FL;
    private static final int HALF = D.length();

    @Override
    public int count(float x1, float y1, float x2, float y2, Boxes o, int from, int to, IouThreshold t) {
        FloatVector bx1 = FloatVector.broadcast(F, x1), by1 = FloatVector.broadcast(F, y1);
        FloatVector bx2 = FloatVector.broadcast(F, x2), by2 = FloatVector.broadcast(F, y2);
        FloatVector area = FloatVector.broadcast(F, PairMath.area(x1, y1, x2, y2));
        float[] d = o.data();
        int p0 = o.plane(0), p1 = o.plane(1), p2 = o.plane(2), p3 = o.plane(3);
        double beta = t.beta();
        boolean incl = t.inclusive();
        int count = 0;
        for (int j = from; j < to; j += L) {
            count += Long.bitCount(bitsAt(bx1, by1, bx2, by2, area, d, p0, p1, p2, p3, beta, incl, j, to));
        }
        return count;
    }

    @Override
    public int mask(float x1, float y1, float x2, float y2, Boxes o, int from, int to, IouThreshold t,
                    boolean[] mask, int maskOffset) {
        FloatVector bx1 = FloatVector.broadcast(F, x1), by1 = FloatVector.broadcast(F, y1);
        FloatVector bx2 = FloatVector.broadcast(F, x2), by2 = FloatVector.broadcast(F, y2);
        FloatVector area = FloatVector.broadcast(F, PairMath.area(x1, y1, x2, y2));
        float[] d = o.data();
        int p0 = o.plane(0), p1 = o.plane(1), p2 = o.plane(2), p3 = o.plane(3);
        double beta = t.beta();
        boolean incl = t.inclusive();
        int count = 0;
        int j = from, bound = from + F.loopBound(to - from);
        for (; j < bound; j += L) {
            long b = bitsAt(bx1, by1, bx2, by2, area, d, p0, p1, p2, p3, beta, incl, j, to);
            VectorMask.fromLong(F, b).intoArray(mask, maskOffset + j - from);
            count += Long.bitCount(b);
        }
        if (j < to) {
            long b = bitsAt(bx1, by1, bx2, by2, area, d, p0, p1, p2, p3, beta, incl, j, to);
            for (int k = 0; k < to - j; k++) {
                mask[maskOffset + j - from + k] = ((b >>> k) & 1) != 0;
            }
            count += Long.bitCount(b);
        }
        return count;
    }

    @Override
    public int bits(float x1, float y1, float x2, float y2, Boxes o, int from, int to, IouThreshold t,
                    long[] bits) {
        FloatVector bx1 = FloatVector.broadcast(F, x1), by1 = FloatVector.broadcast(F, y1);
        FloatVector bx2 = FloatVector.broadcast(F, x2), by2 = FloatVector.broadcast(F, y2);
        FloatVector area = FloatVector.broadcast(F, PairMath.area(x1, y1, x2, y2));
        float[] d = o.data();
        int p0 = o.plane(0), p1 = o.plane(1), p2 = o.plane(2), p3 = o.plane(3);
        double beta = t.beta();
        boolean incl = t.inclusive();
        int n = to - from;
        int count = 0;
        long word = 0;
        // L divides 64, so the L decisions of one step always land in one word.
        for (int k = 0; k < n; k += L) {
            word |= bitsAt(bx1, by1, bx2, by2, area, d, p0, p1, p2, p3, beta, incl, from + k, to) << (k & 63);
            if (((k + L) & 63) == 0 || k + L >= n) {
                bits[k >>> 6] = word;
                count += Long.bitCount(word);
                word = 0;
            }
        }
        return count;
    }

    /** Decisions for others [j, min(j + L, to)) as bits 0.. of the result; lanes past {@code to} are 0. */
    private static long bitsAt(FloatVector x1, FloatVector y1, FloatVector x2, FloatVector y2, FloatVector area,
                               float[] d, int p0, int p1, int p2, int p3, double beta, boolean inclusive, int j,
                               int to) {
        VectorMask<Float> live = F.indexInRange(j, to);
        FloatVector ox1 = FloatVector.fromArray(F, d, p0 + j, live);
        FloatVector oy1 = FloatVector.fromArray(F, d, p1 + j, live);
        FloatVector ox2 = FloatVector.fromArray(F, d, p2 + j, live);
        FloatVector oy2 = FloatVector.fromArray(F, d, p3 + j, live);
        FloatVector inter = VectorPairMath.inter(x1, y1, x2, y2, ox1, oy1, ox2, oy2);
        FloatVector union = area.add(VectorPairMath.area(ox1, oy1, ox2, oy2)).sub(inter);
        long lo = half(inter, union, 0, beta, inclusive);
        long hi = half(inter, union, 1, beta, inclusive);
        return (lo | (hi << HALF)) & live.toLong();
    }

    private static long half(FloatVector inter, FloatVector union, int part, double beta, boolean inclusive) {
        DoubleVector i = (DoubleVector) inter.convertShape(F2D, D, part);
        DoubleVector bound = ((DoubleVector) union.convertShape(F2D, D, part)).mul(beta);
        VectorMask<Double> hit = inclusive ? i.compare(GE, bound) : i.compare(GT, bound);
        return hit.and(i.compare(GT, 0.0)).toLong();
    }
}
