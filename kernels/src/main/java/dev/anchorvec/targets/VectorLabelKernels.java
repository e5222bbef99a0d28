package dev.anchorvec.targets;

import static jdk.incubator.vector.VectorOperators.EQ;
import static jdk.incubator.vector.VectorOperators.I2B;

import dev.anchorvec.simd.Shapes;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API implementation of {@link LabelKernels}. Each output is its own short loop (one vector body per
 * compiled method); a mask loop narrows four int vectors to one byte vector of the same width and stores it once.
 * The last {@code n % (4 L)} anchors and the labels of the (few) positives go to the scalar code.
 */
final class VectorLabelKernels implements LabelKernels {

    private static final VectorSpecies<Integer> I = Shapes.I;
    private static final int L = I.length();
    private static final VectorSpecies<Byte> B = ByteVector.SPECIES_PREFERRED.withShape(I.vectorShape());
    private static final ScalarLabelKernels SCALAR = new ScalarLabelKernels();

    @Override
    public void write(int[] matches, int base, int n, int[] labels, int labelBase, int background, int[] classes,
            byte[] positive, byte[] negative, byte[] ignored, float[] offsets) {
        int bound = n - n % (4 * L);
        classes(matches, base, bound, background, classes);
        mask(matches, base, bound, -1, negative);
        mask(matches, base, bound, -2, ignored);
        positives(matches, base, bound, positive);
        SCALAR.write(matches, base + bound, n - bound, labels, labelBase, background, classes, positive, negative,
                ignored, offsets);
        for (int i = base; i < base + bound; i++) {
            int m = matches[i];
            if (m >= 0) {
                classes[i] = labels[labelBase + m];
                ScalarLabelKernels.saturate(offsets, 4 * i);
            }
        }
    }

    private static void classes(int[] matches, int base, int bound, int background, int[] classes) {
        IntVector bg = IntVector.broadcast(I, background);
        for (int i = base; i < base + bound; i += L) {
            IntVector m = IntVector.fromArray(I, matches, i);
            // -2 stays -2; -1 becomes the background class; codes >= 0 are replaced by labels afterwards.
            m.blend(bg, m.compare(EQ, -1)).intoArray(classes, i);
        }
    }

    /** 1 where the code equals {@code code}. */
    private static void mask(int[] matches, int base, int bound, int code, byte[] out) {
        IntVector one = IntVector.broadcast(I, 1), zero = IntVector.zero(I);
        for (int i = base; i < base + bound; i += 4 * L) {
            ByteVector b0 = narrow(zero.blend(one, IntVector.fromArray(I, matches, i).compare(EQ, code)), 0);
            ByteVector b1 = narrow(zero.blend(one, IntVector.fromArray(I, matches, i + L).compare(EQ, code)), -1);
            ByteVector b2 = narrow(zero.blend(one, IntVector.fromArray(I, matches, i + 2 * L).compare(EQ, code)), -2);
            ByteVector b3 = narrow(zero.blend(one, IntVector.fromArray(I, matches, i + 3 * L).compare(EQ, code)), -3);
            b0.or(b1).or(b2.or(b3)).intoArray(out, i);
        }
    }

    /** 1 where the code is {@code >= 0}: the sign bit, flipped. */
    private static void positives(int[] matches, int base, int bound, byte[] out) {
        for (int i = base; i < base + bound; i += 4 * L) {
            ByteVector b0 = narrow(sign(IntVector.fromArray(I, matches, i)), 0);
            ByteVector b1 = narrow(sign(IntVector.fromArray(I, matches, i + L)), -1);
            ByteVector b2 = narrow(sign(IntVector.fromArray(I, matches, i + 2 * L)), -2);
            ByteVector b3 = narrow(sign(IntVector.fromArray(I, matches, i + 3 * L)), -3);
            b0.or(b1).or(b2.or(b3)).intoArray(out, i);
        }
    }

    private static IntVector sign(IntVector m) {
        return m.not().lanewise(jdk.incubator.vector.VectorOperators.LSHR, 31);
    }

    /** The L ints as bytes at lanes {@code [-part * L, -part * L + L)} of a byte vector, other lanes 0. */
    private static ByteVector narrow(IntVector v, int part) {
        return (ByteVector) v.convertShape(I2B, B, part);
    }
}
