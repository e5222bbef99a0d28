package dev.anchorvec.boxes;

import static jdk.incubator.vector.VectorOperators.MAX;
import static jdk.incubator.vector.VectorOperators.MIN;

import dev.anchorvec.simd.Shapes;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Smallest and largest value of a run of one coordinate plane, for culling blocks of boxes. NaN propagates
 * ({@code Math.min} / {@code Math.max} semantics), so a block holding a NaN coordinate is never culled.
 */
final class BlockBounds {

    private static final VectorSpecies<Float> F = Shapes.F;
    private static final int L = Shapes.FL;

    private BlockBounds() {}

    /** {@code min(d[from, from + len))} for {@code len >= L}; the last step moves back (min is idempotent). */
    static float min(float[] d, int from, int len) {
        FloatVector acc = FloatVector.fromArray(F, d, from);
        int last = from + len - L;
        for (int i = from + L; i < from + len; i += L) {
            acc = acc.min(FloatVector.fromArray(F, d, Math.min(i, last)));
        }
        return acc.reduceLanes(MIN);
    }

    /** {@code max(d[from, from + len))} for {@code len >= L}. */
    static float max(float[] d, int from, int len) {
        FloatVector acc = FloatVector.fromArray(F, d, from);
        int last = from + len - L;
        for (int i = from + L; i < from + len; i += L) {
            acc = acc.max(FloatVector.fromArray(F, d, Math.min(i, last)));
        }
        return acc.reduceLanes(MAX);
    }
}
