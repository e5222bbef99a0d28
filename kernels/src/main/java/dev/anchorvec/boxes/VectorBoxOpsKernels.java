package dev.anchorvec.boxes;

import static jdk.incubator.vector.VectorOperators.GE;
import static jdk.incubator.vector.VectorOperators.GT;
import static jdk.incubator.vector.VectorOperators.LT;

import dev.anchorvec.simd.Shapes;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API implementation of {@link BoxOpsKernels}; survivors of {@code removeSmall} are compacted with compress
 * and stored with a mask, so only {@code keep[0, count)} is written, as by the scalar code.
 */
final class VectorBoxOpsKernels implements BoxOpsKernels {

    private static final VectorSpecies<Float> F = Shapes.F;
    private static final VectorSpecies<Integer> I = Shapes.I;
    private static final int L = Shapes.FL;

    private static final BoxOpsKernels SCALAR = new ScalarBoxOpsKernels();

    @Override
    public void area(Boxes b, int from, int to, float[] out, int outOffset) {
        if (to - from < L) {
            SCALAR.area(b, from, to, out, outOffset);
            return;
        }
        float[] d = b.data();
        int p0 = b.plane(0), p1 = b.plane(1), p2 = b.plane(2), p3 = b.plane(3);
        int last = to - L;
        for (int step = from; step < to; step += L) {
            int i = Math.min(step, last);
            VectorPairMath.saturatedArea(FloatVector.fromArray(F, d, p0 + i), FloatVector.fromArray(F, d, p1 + i),
                    FloatVector.fromArray(F, d, p2 + i), FloatVector.fromArray(F, d, p3 + i))
                    .intoArray(out, outOffset + i - from);
        }
    }

    @Override
    public void clip(Boxes b, float width, float height) {
        int n = b.size();
        if (n < L) {
            SCALAR.clip(b, width, height);
            return;
        }
        float[] d = b.data();
        for (int k = 0; k < 4; k++) {
            float hi = (k & 1) == 0 ? width : height;
            int p = b.plane(k), last = n - L;
            for (int step = 0; step < n; step += L) {
                // Clamping is idempotent, so the last step may overlap the previous one.
                int i = Math.min(step, last);
                FloatVector v = FloatVector.fromArray(F, d, p + i);
                v = v.blend(0f, v.compare(LT, 0f));
                v.blend(hi, v.compare(GT, hi)).intoArray(d, p + i);
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
            FloatVector w = FloatVector.fromArray(F, d, p2 + i).sub(FloatVector.fromArray(F, d, p0 + i));
            FloatVector h = FloatVector.fromArray(F, d, p3 + i).sub(FloatVector.fromArray(F, d, p1 + i));
            VectorMask<Float> ok = w.compare(GE, minSize).and(h.compare(GE, minSize));
            // Stores only the survivors (a masked store), so keep[count, ...) is left as the scalar code leaves it.
            int t = ok.trueCount();
            index.compress(ok.cast(I)).intoArray(keep, count, I.indexInRange(0, t));
            count += t;
        }
        for (; i < n; i++) {
            if (d[p2 + i] - d[p0 + i] >= minSize && d[p3 + i] - d[p1 + i] >= minSize) {
                keep[count++] = i;
            }
        }
        return count;
    }
}
