package dev.anchorvec.loss;

import static dev.anchorvec.loss.FocalLossSemanticsTest.assertIae;
import static dev.anchorvec.loss.FocalLossPropertyTest.check;
import static dev.anchorvec.loss.FocalLossSemanticsTest.filled;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anchorvec.reference.ReferenceLosses;
import dev.anchorvec.testkit.FloatChecks;
import dev.anchorvec.testkit.Gen;
import dev.anchorvec.testkit.Prop;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * {@link SoftmaxCrossEntropy}: vector vs scalar kernels bit for bit (the same float operations, anchorvec's exp
 * and log, and the row sums in the same 16 virtual lanes), and the scalar kernel vs the double reference, with
 * tolerance {@code 64 u (|m - x_k| + log C + 1)} for losses (the log-sum-exp's magnitude, u = 2^-24) and
 * {@code 64 u} for the gradient entries (softmax values in [0, 1]); finite differences; ignore rows; SSD's class-0
 * background; reductions; extremes; bad input.
 */
class CrossEntropyPropertyTest {

    record Case(int n, int c, float[] x, int[] labels) {
        @Override
        public String toString() {
            return "n=" + n + " c=" + c + " labels=" + Arrays.toString(labels) + " x=" + Arrays.toString(x);
        }
    }

    static final Gen<Case> CASES = rnd -> {
        int n = Gen.oneOf(0, 1, 2, 5, 33).generate(rnd);
        int c = Gen.oneOf(1, 2, 3, 4, 8, 15, 16, 17, 21, 33, 81, 91).generate(rnd);
        float[] x = new float[n * c];
        int[] labels = new int[n];
        for (int k = 0; k < x.length; k++) {
            x[k] = rnd.nextInt(50) == 0 ? (rnd.nextBoolean() ? 1e4f : -1e4f) : (float) (rnd.nextGaussian() * 4);
        }
        for (int i = 0; i < n; i++) {
            int kind = rnd.nextInt(8);
            labels[i] = kind == 0 ? Labels.IGNORE : kind == 1 ? Labels.BACKGROUND : rnd.nextInt(c);
        }
        return new Case(n, c, x, labels);
    };

    static double lossTol(Case cs, int i) {
        int k = Math.max(cs.labels[i], 0);
        double m = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < cs.c; j++) {
            m = Math.max(m, cs.x[i * cs.c + j]);
        }
        return 64 * LossImpls.U * (Math.abs(m) + Math.abs(m - cs.x[i * cs.c + k]) + Math.log(cs.c) + 1);
    }

    @Test
    void kernelsMatchEachOtherAndTheReference() {
        Prop.forAll("ce.kernels", 300, CASES, CrossEntropyPropertyTest::kernelsMatchReference);
    }

    /** Both kernels against each other and the reference on one case. */
    static void kernelsMatchReference(Case cs) {
        float[] ls = new float[cs.n], gs = new float[cs.n * cs.c], lv = new float[cs.n], gv = new float[cs.n * cs.c];
        double ss = LossImpls.SCALAR_CE.crossEntropy(cs.x, cs.labels, cs.n, cs.c, ls, gs, 1f);
        double sv = LossImpls.VECTOR_CE.crossEntropy(cs.x, cs.labels, cs.n, cs.c, lv, gv, 1f);
        FloatChecks.assertSameBits("loss vector vs scalar", ls, lv);
        FloatChecks.assertSameBits("grad vector vs scalar", gs, gv);
        assertEquals(Double.doubleToLongBits(ss), Double.doubleToLongBits(sv), "sum " + ss + " vs " + sv);
        for (int i = 0; i < cs.n; i++) {
            if (cs.labels[i] == Labels.IGNORE) {
                assertEquals(0f, ls[i]);
                assertEquals(0f, lv[i]);
                for (int j = 0; j < cs.c; j++) {
                    assertTrue(gs[i * cs.c + j] == 0f && gv[i * cs.c + j] == 0f);
                }
                continue;
            }
            int k = Math.max(cs.labels[i], 0);
            double[] row = new double[cs.c];
            for (int j = 0; j < cs.c; j++) {
                row[j] = cs.x[i * cs.c + j];
            }
            double ref = ReferenceLosses.softmaxCrossEntropy(row, k);
            double[] refG = ReferenceLosses.softmaxCrossEntropyGradient(row, k);
            check("scalar loss", i, ref, ls[i], lossTol(cs, i));
            for (int j = 0; j < cs.c; j++) {
                check("scalar grad", i * cs.c + j, refG[j], gs[i * cs.c + j], 64 * LossImpls.U);
            }
            // Central differences of the reference, on rows without extreme logits.
            if (i < 3 && Math.abs(row[k]) < 100) {
                for (int j = 0; j < Math.min(cs.c, 8); j++) {
                    double h = 1e-5;
                    double[] up = row.clone(), dn = row.clone();
                    up[j] += h;
                    dn[j] -= h;
                    double fd = (ReferenceLosses.softmaxCrossEntropy(up, k)
                            - ReferenceLosses.softmaxCrossEntropy(dn, k)) / (2 * h);
                    check("grad vs FD", i * cs.c + j, fd, gs[i * cs.c + j], 1e-5);
                }
            }
        }
    }

    @Test
    void reductionsAndNormalisation() {
        Prop.forAll("ce.reductions", 100, CASES, cs -> {
            float[] loss = new float[cs.n], grad = new float[cs.n * cs.c], g = new float[cs.n * cs.c];
            SoftmaxCrossEntropy.elementwise(cs.x, cs.labels, cs.n, cs.c, loss, grad);
            double sum = 0;
            int kept = 0;
            for (int i = 0; i < cs.n; i++) {
                sum += loss[i];
                kept += cs.labels[i] == Labels.IGNORE ? 0 : 1;
            }
            double tol = 1e-6 * Math.abs(sum) + 1e-9;
            assertEquals(sum, SoftmaxCrossEntropy.reduce(cs.x, cs.labels, cs.n, cs.c, Reduction.SUM, g), tol);
            assertArrayEquals(grad, g);
            assertEquals(sum / Math.max(1, kept),
                    SoftmaxCrossEntropy.reduce(cs.x, cs.labels, cs.n, cs.c, Reduction.MEAN, g), tol);
            for (int k = 0; k < g.length; k++) {
                // softmax - onehot cancels at the label: an absolute error of a few u times the scale.
                check("MEAN grad", k, grad[k] / (double) Math.max(1, kept), g[k], 8 * LossImpls.U / Math.max(1, kept));
            }
            assertEquals(sum / 7, SoftmaxCrossEntropy.normalized(cs.x, cs.labels, cs.n, cs.c, 7, null), tol);
        });
    }

    @Test
    void minedReductionKeepsPositivesAndSelectedNegatives() {
        Prop.forAll("ce.mined", 100, CASES, cs -> {
            float[] loss = new float[cs.n], grad = new float[cs.n * cs.c];
            SoftmaxCrossEntropy.elementwise(cs.x, cs.labels, cs.n, cs.c, loss, grad);
            float[] before = grad.clone();
            byte[] selected = new byte[cs.n];
            for (int i = 0; i < cs.n; i++) {
                selected[i] = (byte) (i % 3 == 0 ? 1 : 0);
            }
            double expected = 0;
            int positives = 0;
            for (int i = 0; i < cs.n; i++) {
                boolean kept = cs.labels[i] >= 1 || selected[i] == 1 && cs.labels[i] != Labels.IGNORE;
                expected += kept ? loss[i] : 0;
                positives += cs.labels[i] >= 1 ? 1 : 0;
            }
            double divisor = Reduction.perPositive(positives);
            double value = SoftmaxCrossEntropy.reduceMined(loss, grad, cs.labels, selected, cs.n, cs.c, divisor);
            assertEquals(expected / divisor, value, 1e-6 * Math.abs(expected) + 1e-12);
            for (int k = 0; k < grad.length; k++) {
                int i = k / cs.c;
                boolean kept = cs.labels[i] >= 1 || selected[i] == 1 && cs.labels[i] != Labels.IGNORE;
                assertEquals(kept ? before[k] * (float) (1 / divisor) : 0f, grad[k], "grad " + k);
            }
        });
        assertIae("selected.length", () -> SoftmaxCrossEntropy.reduceMined(new float[2], new float[6], new int[2],
                new byte[1], 2, 3, 1));
        assertIae("divisor", () -> SoftmaxCrossEntropy.reduceMined(new float[2], new float[6], new int[2],
                new byte[2], 2, 3, 0));
    }

    @Test
    void backgroundIsClassZeroAndExtremesStayFinite() {
        float[] x = {2f, -1f, 0.5f, 2f, -1f, 0.5f};
        float[] l = new float[2];
        SoftmaxCrossEntropy.elementwise(x, new int[] {0, Labels.BACKGROUND}, 2, 3, l, null);
        assertEquals(l[0], l[1]);
        float[] ext = {Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 1e4f, -1e4f, 0f, 3f};
        float[] g = new float[6];
        SoftmaxCrossEntropy.elementwise(ext, new int[] {0, 1}, 2, 3, l, g);
        assertEquals(0f, l[0]);
        assertEquals(ReferenceLosses.softmaxCrossEntropy(new double[] {-1e4, 0, 3}, 1), l[1], 1e-6);
        for (float v : g) {
            assertTrue(Float.isFinite(v), Arrays.toString(g));
        }
        // Logits further apart than Float.MAX_VALUE: the loss overflows to +Infinity, never NaN.
        SoftmaxCrossEntropy.elementwise(new float[] {Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}, new int[] {1},
                1, 2, l, g);
        assertEquals(Float.POSITIVE_INFINITY, l[0]);
        assertArrayEquals(new float[] {1f, -1f}, Arrays.copyOf(g, 2));
    }

    @Test
    void badInputIsRejectedBeforeAnythingIsWritten() {
        float[] x = new float[6];
        float[] loss = filled(2), grad = filled(6);
        assertIae("logits", () -> SoftmaxCrossEntropy.elementwise(new float[5], new int[2], 2, 3, loss, grad));
        assertIae("labels[1]", () -> SoftmaxCrossEntropy.elementwise(x, new int[] {0, 3}, 2, 3, loss, grad));
        assertIae("labels[0]", () -> SoftmaxCrossEntropy.elementwise(x, new int[] {-5, 0}, 2, 3, loss, grad));
        assertIae("loss", () -> SoftmaxCrossEntropy.elementwise(x, new int[2], 2, 3, new float[1], grad));
        assertIae("grad", () -> SoftmaxCrossEntropy.elementwise(x, new int[2], 2, 3, loss, new float[5]));
        assertIae("c", () -> SoftmaxCrossEntropy.elementwise(x, new int[2], 2, 0, loss, grad));
        assertIae("reduction", () -> SoftmaxCrossEntropy.reduce(x, new int[2], 2, 3, Reduction.NONE, grad));
        assertIae("divisor", () -> SoftmaxCrossEntropy.normalized(x, new int[2], 2, 3, -1, grad));
        assertArrayEquals(filled(2), loss);
        assertArrayEquals(filled(6), grad);
    }
}
