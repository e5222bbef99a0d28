package dev.anchorvec.boxes;

import static jdk.incubator.vector.VectorOperators.GT;
import static jdk.incubator.vector.VectorOperators.LT;
import static jdk.incubator.vector.VectorOperators.NE;

import jdk.incubator.vector.FloatVector;

/**
 * {@link PairMath} for vectors, operation for operation, so that vector and scalar results are bit-identical.
 * min/max are compare + blend: {@code FloatVector.min} carries Java's NaN and signed-zero rules and runs at
 * half the speed (measured on AVX-512 and AVX2).
 */
final class VectorPairMath {

    private VectorPairMath() {}

    static FloatVector min(FloatVector a, FloatVector b) {
        return b.blend(a, a.compare(LT, b));
    }

    static FloatVector max(FloatVector a, FloatVector b) {
        return b.blend(a, a.compare(GT, b));
    }

    static FloatVector extent(FloatVector lo, FloatVector hi) {
        FloatVector w = hi.sub(lo);
        return w.blend(0f, w.compare(LT, 0f));
    }

    static FloatVector area(FloatVector x1, FloatVector y1, FloatVector x2, FloatVector y2) {
        return extent(x1, x2).mul(extent(y1, y2));
    }

    static FloatVector overlap(FloatVector alo, FloatVector ahi, FloatVector blo, FloatVector bhi) {
        return extent(max(alo, blo), min(ahi, bhi));
    }

    static FloatVector enclosing(FloatVector alo, FloatVector ahi, FloatVector blo, FloatVector bhi) {
        return extent(min(alo, blo), max(ahi, bhi));
    }

    static FloatVector nanToZero(FloatVector r) {
        return r.blend(0f, r.compare(NE, r));
    }

    /** 0 in the lanes where {@code union} is NaN (a NaN coordinate), else {@code nanToZero(r)}. */
    static FloatVector zeroUnlessDefined(FloatVector r, FloatVector union) {
        return r.blend(0f, r.compare(NE, r).or(union.compare(NE, union)));
    }
}
