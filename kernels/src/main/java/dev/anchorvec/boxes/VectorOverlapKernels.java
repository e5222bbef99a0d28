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
 * exactly as {@link BoxIou} does; the exact comparison with {@code beta * union} runs in double lanes (two
 * halves per float vector), and each step yields a bitmask of {@code Shapes.FL} decisions. The last step is
 * moved back to end at {@code to} and its repeated decisions are shifted out. Fewer boxes than lanes go to the
 * scalar code, so the method holds a single vector loop body (see {@code dev.anchorvec.simd.Passes}).
 */
final class VectorOverlapKernels implements OverlapKernels {

    private static final VectorSpecies<Float> F = Shapes.F;
    private static final VectorSpecies<Double> D = Shapes.D;
    private static final int L = Shapes.FL;
    private static final int HALF = D.length();
    private static final OverlapKernels SCALAR = new ScalarOverlapKernels();

    /**
     * One vector of boxes, so that the loop's profile only sees real vector work (see {@link OverlapTest}). With
     * 128-bit vectors the exact comparison runs on 2-lane double vectors, whose mask and reinterpret operations C2
     * does not intrinsify on x86 (NMS boxed megabytes per call and ran 4x slower than scalar): never then.
     */
    @Override
    public int minRun() {
        return D.length() < 4 ? Integer.MAX_VALUE : L;
    }

    @Override
    public int test(float x1, float y1, float x2, float y2, Boxes o, int from, int to, double beta,
                    boolean inclusive, boolean[] mask, int maskOffset, long[] bits) {
        if (to - from < L) {
            return SCALAR.test(x1, y1, x2, y2, o, from, to, beta, inclusive, mask, maskOffset, bits);
        }
        FloatVector bx1 = FloatVector.broadcast(F, x1), by1 = FloatVector.broadcast(F, y1);
        FloatVector bx2 = FloatVector.broadcast(F, x2), by2 = FloatVector.broadcast(F, y2);
        FloatVector area = FloatVector.broadcast(F, PairMath.area(x1, y1, x2, y2));
        float[] d = o.data();
        int p0 = o.plane(0), p1 = o.plane(1), p2 = o.plane(2), p3 = o.plane(3);
        long ulps = inclusive ? 0 : 1;
        int n = to - from, last = n - L, count = 0;
        long word = 0;
        for (int k = 0; k < n; k += L) {
            int back = k - Math.min(k, last);
            int j = from + k - back;
            FloatVector ox1 = FloatVector.fromArray(F, d, p0 + j), oy1 = FloatVector.fromArray(F, d, p1 + j);
            FloatVector ox2 = FloatVector.fromArray(F, d, p2 + j), oy2 = FloatVector.fromArray(F, d, p3 + j);
            FloatVector inter = VectorPairMath.inter(bx1, by1, bx2, by2, ox1, oy1, ox2, oy2);
            FloatVector union = VectorPairMath.union(area, VectorPairMath.area(ox1, oy1, ox2, oy2), inter);
            long b = half(inter, union, 0, beta, ulps) | (half(inter, union, 1, beta, ulps) << HALF);
            if (mask != null) {
                // A step moved back rewrites earlier entries with the same values.
                VectorMask.fromLong(F, b).intoArray(mask, maskOffset + k - back);
            }
            b >>>= back;
            count += Long.bitCount(b);
            if (bits != null) {
                // L divides 64, so the decisions of one step always land in one word.
                word |= b << (k & 63);
                if (((k + L) & 63) == 0 || k + L >= n) {
                    bits[k >>> 6] = word;
                    word = 0;
                }
            }
        }
        return count;
    }

    /**
     * {@code inter > 0 && inter >= nextUp^ulps(beta * union)} for one half of the lanes. The bound is never
     * negative, so adding 1 to its bits is {@code Math.nextUp} (a NaN stays NaN, +inf becomes NaN: both false).
     */
    private static long half(FloatVector inter, FloatVector union, int part, double beta, long ulps) {
        DoubleVector i = (DoubleVector) inter.convertShape(F2D, D, part);
        DoubleVector bound = ((DoubleVector) union.convertShape(F2D, D, part)).mul(beta);
        bound = bound.reinterpretAsLongs().add(ulps).reinterpretAsDoubles();
        return i.compare(GE, bound).and(i.compare(GT, 0.0)).toLong();
    }
}
