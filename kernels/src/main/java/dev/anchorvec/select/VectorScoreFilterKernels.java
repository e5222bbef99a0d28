package dev.anchorvec.select;

import dev.anchorvec.simd.Shapes;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API {@link ScoreFilterKernels}: one compare per step of {@code Shapes.FL} scores; a step with survivors
 * (rare after a detector's score threshold) compresses its lane indices into {@code out}. The partial last step
 * goes to the scalar code.
 */
final class VectorScoreFilterKernels implements ScoreFilterKernels {

    private static final VectorSpecies<Float> F = Shapes.F;
    private static final VectorSpecies<Integer> I = Shapes.I;
    private static final int L = Shapes.FL;
    private static final IntVector IOTA = IntVector.zero(I).addIndex(1);

    @Override
    public int atLeast(float[] x, int from, int to, float min, int[] out, int outFrom) {
        int o = outFrom, j = from;
        for (; j <= to - L; j += L) {
            VectorMask<Float> m = FloatVector.fromArray(F, x, j).compare(VectorOperators.GE, min);
            if (m.anyTrue()) {
                IOTA.add(j).compress(m.cast(I)).intoArray(out, o);
                o += m.trueCount();
            }
        }
        return ScalarScoreFilterKernels.append(x, j, to, min, out, o);
    }
}
