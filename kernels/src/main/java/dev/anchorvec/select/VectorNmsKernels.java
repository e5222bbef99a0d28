package dev.anchorvec.select;

import dev.anchorvec.simd.Shapes;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API implementation of {@link NmsKernels}: whole steps of {@code Shapes.FL} candidates, from the step
 * holding the first suppressed one, are compressed (survivor lanes packed to the front) and stored at the
 * write position. A store covers a full vector, but the write position never passes the read position, so the
 * lanes past the survivors only overwrite candidates this step has already loaded. The last partial step goes
 * to the scalar code, so the method holds a single vector loop body.
 */
final class VectorNmsKernels implements NmsKernels {

    private static final VectorSpecies<Float> F = Shapes.F;
    private static final VectorSpecies<Integer> I = Shapes.I;
    private static final int L = Shapes.FL;
    private static final long LANES = L == 64 ? -1L : (1L << L) - 1;

    @Override
    public int squeeze(float[] d, int p0, int p1, int p2, int p3, int[] order, int from, int end, long[] bits) {
        int n = end - from;
        int k = ScalarNmsKernels.firstSet(bits) & -L;
        int out = from + k;
        for (; k <= n - L; k += L) {
            int r = from + k;
            // L divides 64, so a step's decisions sit in one word.
            long keep = ~(bits[k >>> 6] >>> (k & 63)) & LANES;
            VectorMask<Float> m = VectorMask.fromLong(F, keep);
            FloatVector.fromArray(F, d, p0 + r).compress(m).intoArray(d, p0 + out);
            FloatVector.fromArray(F, d, p1 + r).compress(m).intoArray(d, p1 + out);
            FloatVector.fromArray(F, d, p2 + r).compress(m).intoArray(d, p2 + out);
            FloatVector.fromArray(F, d, p3 + r).compress(m).intoArray(d, p3 + out);
            IntVector.fromArray(I, order, r).compress(m.cast(I)).intoArray(order, out);
            out += Long.bitCount(keep);
        }
        return ScalarNmsKernels.squeezeFrom(d, p0, p1, p2, p3, order, from, end, bits, k, out);
    }
}
