package dev.anchorvec.boxes;

import static jdk.incubator.vector.VectorOperators.GE;
import static jdk.incubator.vector.VectorOperators.GT;
import static jdk.incubator.vector.VectorOperators.LT;

import dev.anchorvec.simd.Shapes;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/** Vector API implementation of {@link BoxOpsKernels}; survivors of {@code removeSmall} are compacted with compress. */
final class VectorBoxOpsKernels implements BoxOpsKernels {

    private static final VectorSpecies<Float> F = Shapes.F;
    private static final VectorSpecies<Integer> I = Shapes.I;
    private static final int L = Shapes.FL;

    @Override
    public void area(Boxes b, int from, int to, float[] out, int outOffset) {
        float[] d = b.data();
        int p0 = b.plane(0), p1 = b.plane(1), p2 = b.plane(2), p3 = b.plane(3);
        for (int i = from; i < to; i += L) {
            VectorMask<Float> m = F.indexInRange(i, to);
            VectorPairMath.area(FloatVector.fromArray(F, d, p0 + i, m), FloatVector.fromArray(F, d, p1 + i, m),
                            FloatVector.fromArray(F, d, p2 + i, m), FloatVector.fromArray(F, d, p3 + i, m))
                    .intoArray(out, outOffset + i - from, m);
        }
    }

    @Override
    public void clip(Boxes b, float width, float height) {
        float[] d = b.data();
        int n = b.size();
        for (int k = 0; k < 4; k++) {
            float hi = (k & 1) == 0 ? width : height;
            int p = b.plane(k);
            for (int i = 0; i < n; i += L) {
                VectorMask<Float> m = F.indexInRange(i, n);
                FloatVector v = FloatVector.fromArray(F, d, p + i, m);
                v = v.blend(0f, v.compare(LT, 0f));
                v.blend(hi, v.compare(GT, hi)).intoArray(d, p + i, m);
            }
        }
    }

    @Override
    public int removeSmall(Boxes b, float minSize, int[] keep) {
        float[] d = b.data();
        int p0 = b.plane(0), p1 = b.plane(1), p2 = b.plane(2), p3 = b.plane(3);
        int n = b.size();
        int count = 0;
        IntVector index = IntVector.zero(I).addIndex(1);
        int i = 0, bound = F.loopBound(n);
        for (; i < bound; i += L, index = index.add(L)) {
            VectorMask<Float> ok = wideEnough(d, p0, p1, p2, p3, i, minSize, F.maskAll(true));
            // Writes L lanes at keep[count..]; count <= i and i + L <= n <= keep.length, so it never overruns.
            index.compress(ok.cast(I)).intoArray(keep, count);
            count += ok.trueCount();
        }
        if (i < n) {
            long ok = wideEnough(d, p0, p1, p2, p3, i, minSize, F.indexInRange(i, n)).toLong();
            for (; ok != 0; ok &= ok - 1) {
                keep[count++] = i + Long.numberOfTrailingZeros(ok);
            }
        }
        return count;
    }

    private static VectorMask<Float> wideEnough(float[] d, int p0, int p1, int p2, int p3, int i, float minSize,
                                                VectorMask<Float> live) {
        FloatVector w = FloatVector.fromArray(F, d, p2 + i, live).sub(FloatVector.fromArray(F, d, p0 + i, live));
        FloatVector h = FloatVector.fromArray(F, d, p3 + i, live).sub(FloatVector.fromArray(F, d, p1 + i, live));
        return w.compare(GE, minSize).and(h.compare(GE, minSize)).and(live);
    }
}
