package dev.anchorvec.simd;

import static jdk.incubator.vector.VectorOperators.F2D;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Sums#sum} with the Vector API: the same 16 virtual lanes and the same tree, so the same bits. Each step
 * loads 16 floats (one vector of 16 lanes, two of 8 or four of 4), widens them to double and adds them to double
 * accumulators that hold virtual lanes {@code 0-7, 8-15} (512 bits), {@code 0-3, 4-7, 8-11, 12-15} (256) or pairs
 * (128). The tail is one masked step: masked-off lanes load as {@code +0.0}, which never changes a lane
 * ({@link Sums#combine}). Loaded only by vector kernels.
 */
public final class VectorSums {

    private static final VectorSpecies<Float> F = Shapes.F;
    private static final VectorSpecies<Double> D = Shapes.D;
    private static final int L = Shapes.FL;

    private VectorSums() {}

    /** {@link Sums#sum(float[], int, int)}, bit for bit. */
    public static double sum(float[] a, int off, int len) {
        return switch (L) {
            case 16 -> sum16(a, off, len);
            case 8 -> sum8(a, off, len);
            default -> sum4(a, off, len);
        };
    }

    private static DoubleVector lo(FloatVector v) {
        return (DoubleVector) v.convertShape(F2D, D, 0);
    }

    private static DoubleVector hi(FloatVector v) {
        return (DoubleVector) v.convertShape(F2D, D, 1);
    }

    private static FloatVector tail(float[] a, int off, int k, int len) {
        VectorMask<Float> m = F.indexInRange(k, len);
        return FloatVector.fromArray(F, a, off + k, m);
    }

    private static double sum16(float[] a, int off, int len) {
        DoubleVector d0 = DoubleVector.zero(D), d1 = d0;
        int k = 0;
        for (; k <= len - 16; k += 16) {
            FloatVector x = FloatVector.fromArray(F, a, off + k);
            d0 = d0.add(lo(x));
            d1 = d1.add(hi(x));
        }
        if (k < len) {
            FloatVector x = tail(a, off, k, len);
            d0 = d0.add(lo(x));
            d1 = d1.add(hi(x));
        }
        DoubleVector t = d0.add(d1);
        return Sums.combine(t.lane(0), t.lane(1), t.lane(2), t.lane(3), t.lane(4), t.lane(5), t.lane(6),
                t.lane(7));
    }

    private static double sum8(float[] a, int off, int len) {
        DoubleVector d0 = DoubleVector.zero(D), d1 = d0, d2 = d0, d3 = d0;
        int k = 0;
        for (; k <= len - 16; k += 16) {
            FloatVector x = FloatVector.fromArray(F, a, off + k), y = FloatVector.fromArray(F, a, off + k + 8);
            d0 = d0.add(lo(x));
            d1 = d1.add(hi(x));
            d2 = d2.add(lo(y));
            d3 = d3.add(hi(y));
        }
        if (k < len) {
            FloatVector x = tail(a, off, k, len), y = tail(a, off, k + 8, len);
            d0 = d0.add(lo(x));
            d1 = d1.add(hi(x));
            d2 = d2.add(lo(y));
            d3 = d3.add(hi(y));
        }
        DoubleVector t03 = d0.add(d2), t47 = d1.add(d3);
        return Sums.combine(t03.lane(0), t03.lane(1), t03.lane(2), t03.lane(3), t47.lane(0), t47.lane(1),
                t47.lane(2), t47.lane(3));
    }

    private static double sum4(float[] a, int off, int len) {
        DoubleVector d0 = DoubleVector.zero(D), d1 = d0, d2 = d0, d3 = d0, d4 = d0, d5 = d0, d6 = d0, d7 = d0;
        int k = 0;
        for (; k <= len - 16; k += 16) {
            int i = off + k;
            FloatVector x = FloatVector.fromArray(F, a, i), y = FloatVector.fromArray(F, a, i + 4);
            FloatVector z = FloatVector.fromArray(F, a, i + 8), w = FloatVector.fromArray(F, a, i + 12);
            d0 = d0.add(lo(x));
            d1 = d1.add(hi(x));
            d2 = d2.add(lo(y));
            d3 = d3.add(hi(y));
            d4 = d4.add(lo(z));
            d5 = d5.add(hi(z));
            d6 = d6.add(lo(w));
            d7 = d7.add(hi(w));
        }
        if (k < len) {
            FloatVector x = tail(a, off, k, len), y = tail(a, off, k + 4, len);
            FloatVector z = tail(a, off, k + 8, len), w = tail(a, off, k + 12, len);
            d0 = d0.add(lo(x));
            d1 = d1.add(hi(x));
            d2 = d2.add(lo(y));
            d3 = d3.add(hi(y));
            d4 = d4.add(lo(z));
            d5 = d5.add(hi(z));
            d6 = d6.add(lo(w));
            d7 = d7.add(hi(w));
        }
        DoubleVector t01 = d0.add(d4), t23 = d1.add(d5), t45 = d2.add(d6), t67 = d3.add(d7);
        return Sums.combine(t01.lane(0), t01.lane(1), t23.lane(0), t23.lane(1), t45.lane(0), t45.lane(1),
                t67.lane(0), t67.lane(1));
    }
}
