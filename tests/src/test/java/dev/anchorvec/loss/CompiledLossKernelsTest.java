package dev.anchorvec.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anchorvec.testkit.Prop;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The property tests run the vector kernels mostly cold (the Vector API's Java fallback). This test first runs
 * each loss kernel until C2 has compiled it, then repeats the vector-vs-scalar properties, so the bit-for-bit
 * equality is checked against the compiled code production uses too.
 */
class CompiledLossKernelsTest {

    @Test
    void compiledKernelsStillMatch() {
        int size = 4096;
        float[] x = new float[size], t = new float[size], l = new float[size], g = new float[size];
        int[] labels = new int[size / 16], matches = new int[size / 4];
        for (int k = 0; k < size; k++) {
            x[k] = (float) Math.sin(k) * 8;
            t[k] = k % 7 == 0 ? 1f : 0f;
        }
        Arrays.fill(matches, 0);
        double sink = 0;
        for (int rep = 0; rep < 3000; rep++) {
            sink += LossImpls.VECTOR_FOCAL.focal(x, 0, t, 0, size, l, 0, g, 0, 0.75f, -0.5f, 2f, 1f);
            sink += LossImpls.VECTOR_FOCAL.focal(x, 0, t, 0, size, l, 0, g, 0, 1f, 0f, 1.5f, 1f);
            sink += LossImpls.VECTOR_CE.crossEntropy(x, labels, size / 16, 16, null, g, 1f);
            sink += LossImpls.VECTOR_REG.piecewise(x, t, matches, 0, size / 4, l, 0, g, 0, 1f / 9, 1f / 9, 1f,
                    0.5f / 9, 1f);
        }
        assertTrue(Double.isFinite(sink));
        Prop.forAll("loss.compiled.focal", 100, FocalLossPropertyTest.CASES,
                FocalLossPropertyTest::vectorMatchesScalar);
        Prop.forAll("loss.compiled.ce", 100, CrossEntropyPropertyTest.CASES,
                CrossEntropyPropertyTest::kernelsMatchReference);
        Prop.forAll("loss.compiled.regression", 100, RegressionLossPropertyTest.CASES, cs -> {
            float[] ls = new float[4 * cs.n()], gs = new float[4 * cs.n()], lv = new float[4 * cs.n()],
                    gv = new float[4 * cs.n()];
            RegressionLossPropertyTest.run(LossImpls.SCALAR_REG, cs, ls, gs);
            RegressionLossPropertyTest.run(LossImpls.VECTOR_REG, cs, lv, gv);
            assertArrayEquals(ls, lv);
            assertArrayEquals(gs, gv);
        });
    }
}
