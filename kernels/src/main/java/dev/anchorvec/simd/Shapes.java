package dev.anchorvec.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Every vector species the kernels use, as {@code static final} constants: C2 only intrinsifies vector
 * operations whose species is a compile-time constant (a species held in a variable costs ~10x and
 * allocates). Loaded only by the vector implementations, after {@link Simd} decided vectors are usable.
 */
public final class Shapes {

    private Shapes() {}

    /** The shape chosen by {@link Simd} (preferred width or {@code -Danchorvec.vectorBits}). */
    public static final VectorShape SHAPE = VectorShape.forBitSize(Simd.vectorEnabled() ? Simd.chosenBits()
            : FloatVector.SPECIES_PREFERRED.vectorBitSize());

    /** Float lanes of the chosen shape. */
    public static final VectorSpecies<Float> F = VectorSpecies.of(float.class, SHAPE);

    /** Int lanes with the same lane count as {@link #F} (indices, counts). */
    public static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, SHAPE);

    /** Double lanes of the same bit size: half as many lanes as {@link #F}. */
    public static final VectorSpecies<Double> D = VectorSpecies.of(double.class, SHAPE);

    /** Number of float lanes. */
    public static final int FL = F.length();
}
