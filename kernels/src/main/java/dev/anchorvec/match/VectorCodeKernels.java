package dev.anchorvec.match;

import static jdk.incubator.vector.VectorOperators.ADD;
import static jdk.incubator.vector.VectorOperators.GE;
import static jdk.incubator.vector.VectorOperators.LSHR;
import static jdk.incubator.vector.VectorOperators.LT;

import dev.anchorvec.simd.Shapes;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API implementation of {@link CodeKernels}: one short vector loop per method, and the last
 * {@code n % L} anchors in scalar code (a few lanes; it keeps each method to one vector body).
 */
final class VectorCodeKernels implements CodeKernels {

    private static final VectorSpecies<Float> F = Shapes.F;
    private static final VectorSpecies<Integer> I = Shapes.I;
    private static final int L = Shapes.FL;
    private static final ScalarCodeKernels SCALAR = new ScalarCodeKernels();

    @Override
    public void codes(float[] best, int[] arg, int n, float high, float low, float floor, int[] out, int off) {
        int bound = n - n % L;
        IntVector background = IntVector.broadcast(I, MatchCodes.BACKGROUND);
        for (int i = 0; i < bound; i += L) {
            FloatVector v = FloatVector.fromArray(F, best, i);
            VectorMask<Integer> pos = v.compare(GE, high).cast(I);
            VectorMask<Integer> ignore = v.compare(LT, high).and(v.compare(GE, low)).or(v.compare(LT, floor)).cast(I);
            background.blend(IntVector.fromArray(I, arg, i), pos).blend(MatchCodes.IGNORE, ignore)
                    .intoArray(out, off + i);
        }
        tailCodes(best, arg, bound, n, high, low, floor, out, off);
    }

    private static void tailCodes(float[] best, int[] arg, int from, int n, float high, float low, float floor,
                                  int[] out, int off) {
        for (int i = from; i < n; i++) {
            float v = best[i];
            int code = v >= high ? arg[i] : MatchCodes.BACKGROUND;
            boolean ignore = (v < high && v >= low) | v < floor;
            out[off + i] = ignore ? MatchCodes.IGNORE : code;
        }
    }

    @Override
    public void applyTies(int[] ties, int[] arg, int n, int[] out, int off) {
        int bound = n - n % L;
        for (int i = 0; i < bound; i += L) {
            VectorMask<Integer> tie = IntVector.fromArray(I, ties, i).compare(GE, 0);
            if (tie.anyTrue()) {
                IntVector.fromArray(I, out, off + i).blend(IntVector.fromArray(I, arg, i), tie)
                        .intoArray(out, off + i);
            }
        }
        for (int i = bound; i < n; i++) {
            if (ties[i] >= 0) {
                out[off + i] = arg[i];
            }
        }
    }

    @Override
    public int positives(int[] out, int off, int n) {
        int bound = n - n % L;
        IntVector acc = IntVector.zero(I);
        for (int i = 0; i < bound; i += L) {
            // A code >= 0 has its sign bit clear: (~code) >>> 31 is 1 exactly for positives.
            acc = acc.add(IntVector.fromArray(I, out, off + i).not().lanewise(LSHR, 31));
        }
        return acc.reduceLanes(ADD) + SCALAR.positives(out, off + bound, n - bound);
    }
}
