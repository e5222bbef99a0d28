package dev.anchorvec.encode;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anchorvec.boxes.Boxes;
import dev.anchorvec.testkit.FloatChecks;
import dev.anchorvec.testkit.Prop;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The linear coder's vector kernels and facade against its scalar kernels, bit for bit (same operations in the
 * same order; without normalisation the vector code divides / multiplies by exactly 1), at lane and tile edges,
 * at offsets, and in place.
 */
class LinearKernelsPropertyTest {

    private static final LinearKernels SCALAR = new ScalarLinearKernels();

    private static List<LinearKernels> kernels() {
        return CoderCases.kernels(LinearKernels.class, SCALAR, "VectorLinearKernels");
    }

    @Test
    void encodeSameBitsAsScalar() {
        Prop.forAll("linear encode vector == scalar", 150, CoderCases.cases(), c -> {
            float[] a = c.anchors(false), g = c.gt(a);
            Boxes anchors = Boxes.ofXyxy(a), gt = Boxes.ofXyxy(g);
            for (boolean norm : new boolean[] {false, true}) {
                float[] want = new float[4 * c.n()];
                SCALAR.encode(norm, anchors, gt, c.n(), want, 0);
                for (LinearKernels k : kernels()) {
                    float[] out = new float[4 * c.n() + 3];
                    Arrays.fill(out, Float.NaN);
                    k.encode(norm, anchors, gt, c.n(), out, 2);
                    assertTrue(Float.isNaN(out[1]) && Float.isNaN(out[out.length - 1]), "wrote outside the rows");
                    FloatChecks.assertSameBits(k + " encode norm=" + norm, want, Arrays.copyOfRange(out, 2, 2 + 4 * c.n()));
                }
                FloatChecks.assertSameBits("facade encode norm=" + norm, want,
                        LinearCoder.torchvision(norm).encode(anchors, gt));
            }
        });
    }

    @Test
    void decodeSameBitsAsScalarAndInPlace() {
        Prop.forAll("linear decode vector == scalar", 150, CoderCases.cases(), c -> {
            Boxes anchors = Boxes.ofXyxy(c.anchors(true));
            float[] codes = c.codes();
            for (boolean norm : new boolean[] {false, true}) {
                float[] want = new float[codes.length];
                SCALAR.decode(norm, anchors, c.n(), codes, 0, want, 0);
                FloatChecks.assertNoNaN("scalar decode", want, i -> "index " + i);
                for (LinearKernels k : kernels()) {
                    float[] shifted = new float[codes.length + 1];
                    System.arraycopy(codes, 0, shifted, 1, codes.length);
                    float[] out = new float[codes.length + 5];
                    k.decode(norm, anchors, c.n(), shifted, 1, out, 5);
                    FloatChecks.assertSameBits(k + " decode norm=" + norm, want, Arrays.copyOfRange(out, 5, out.length));
                    k.decode(norm, anchors, c.n(), shifted, 1, shifted, 1);
                    FloatChecks.assertSameBits(k + " in place norm=" + norm, want,
                            Arrays.copyOfRange(shifted, 1, shifted.length));
                }
                FloatChecks.assertSameBits("facade decode norm=" + norm, want,
                        LinearCoder.torchvision(norm).decode(anchors, codes));
            }
        });
    }
}
