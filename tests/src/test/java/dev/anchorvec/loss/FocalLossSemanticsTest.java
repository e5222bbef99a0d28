package dev.anchorvec.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anchorvec.reference.ReferenceLosses;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Named cases of {@link SigmoidFocalLoss}: special parameters, extreme logits, infinities and bad input. */
class FocalLossSemanticsTest {

    private static final float[] X = {-3f, -0.5f, 0f, 0.25f, 2f, 7f, -12f, 30f};
    private static final float[] T = {0f, 1f, 0f, 1f, 0.3f, 0f, 1f, 0.9f};

    @Test
    void gammaZeroIsBinaryCrossEntropy() {
        SigmoidFocalLoss f = new SigmoidFocalLoss(-1f, 0f);
        float[] loss = new float[X.length], grad = new float[X.length];
        f.elementwise(X, T, 1, X.length, loss, grad);
        for (int k = 0; k < X.length; k++) {
            assertEquals(ReferenceLosses.bceWithLogits(X[k], T[k]), loss[k], 4e-7 * (1 + Math.abs(X[k])), "loss " + k);
            assertEquals(ReferenceLosses.sigmoid(X[k]) - T[k], grad[k], 4e-7, "grad " + k);
        }
    }

    @Test
    void negativeAlphaSwitchesTheWeightOff() {
        float[] off = new float[X.length], half = new float[X.length], gOff = new float[X.length],
                gHalf = new float[X.length];
        new SigmoidFocalLoss(-0.5f, 2f).elementwise(X, T, 1, X.length, off, gOff);
        new SigmoidFocalLoss(0.5f, 2f).elementwise(X, T, 1, X.length, half, gHalf);
        for (int k = 0; k < X.length; k++) {
            // alpha = 0.5 weighs every element by exactly 0.5.
            assertEquals(off[k] * 0.5f, half[k], Math.ulp(half[k]) * 2, "loss " + k);
            assertEquals(gOff[k] * 0.5f, gHalf[k], Math.ulp(gHalf[k]) * 2 + 1e-30, "grad " + k);
            assertEquals(ReferenceLosses.focal(X[k], T[k], -1, 2), off[k], 1e-6 * (1 + off[k]), "ref " + k);
        }
    }

    @Test
    void alphaWeighsPositivesAndNegatives() {
        float[] x = {1f, 1f};
        float[] t = {1f, 0f};
        float[] l = new float[2];
        new SigmoidFocalLoss(0.25f, 2f).elementwise(x, t, 1, 2, l, null);
        assertEquals(ReferenceLosses.focal(1, 1, 0.25, 2), l[0], 1e-7);
        assertEquals(ReferenceLosses.focal(1, 0, 0.25, 2), l[1], 1e-7);
        assertEquals(0.25 * ReferenceLosses.focal(1, 1, -1, 2), l[0], 1e-7);
        assertEquals(0.75 * ReferenceLosses.focal(1, 0, -1, 2), l[1], 1e-7);
    }

    @Test
    void extremeLogitsGiveFiniteValuesAndGradients() {
        float[] x = {100f, -100f, 1e4f, -1e4f, 1e30f, -1e30f, Float.MAX_VALUE, -Float.MAX_VALUE, 88.7f, -88.7f,
            103.9f, -103.9f, 1e-30f, -1e-30f};
        for (float gamma : new float[] {2f, 0f, 0.5f, 1.5f, 5f}) {
            for (float alpha : new float[] {0.25f, -1f}) {
                for (float t : new float[] {0f, 1f, 0.5f}) {
                    float[] tt = new float[x.length];
                    Arrays.fill(tt, t);
                    float[] loss = new float[x.length], grad = new float[x.length];
                    SigmoidFocalLoss f = new SigmoidFocalLoss(alpha, gamma);
                    f.elementwise(x, tt, 1, x.length, loss, grad);
                    for (int k = 0; k < x.length; k++) {
                        String at = "x=" + x[k] + " t=" + t + " gamma=" + gamma + " alpha=" + alpha;
                        assertTrue(Float.isFinite(loss[k]) && loss[k] >= 0, "loss " + loss[k] + " at " + at);
                        assertTrue(Float.isFinite(grad[k]), "grad " + grad[k] + " at " + at);
                    }
                    double sum = f.reduce(x, tt, 1, x.length, Reduction.SUM, null);
                    assertTrue(Double.isFinite(sum), "sum " + sum);
                }
            }
        }
        // The confidently right answers cost nothing, the confidently wrong ones |x| times the weight.
        float[] l = new float[4], g = new float[4];
        new SigmoidFocalLoss(0.25f, 2f).elementwise(new float[] {1e4f, -1e4f, 1e4f, -1e4f},
                new float[] {1f, 0f, 0f, 1f}, 1, 4, l, g);
        assertArrayEquals(new float[] {0f, 0f, 0.75f * 1e4f, 0.25f * 1e4f}, l);
        assertArrayEquals(new float[] {0f, 0f, 0.75f, -0.25f}, g);
    }

    @Test
    void infinitiesCountAsTheLargestFloat() {
        float[] l = new float[4], g = new float[4];
        new SigmoidFocalLoss(-1f, 2f).elementwise(
                new float[] {Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY,
                    Float.NEGATIVE_INFINITY}, new float[] {1f, 0f, 0f, 1f}, 1, 4, l, g);
        assertArrayEquals(new float[] {0f, 0f, Float.MAX_VALUE, Float.MAX_VALUE}, l);
        assertArrayEquals(new float[] {0f, 0f, 1f, -1f}, g);
    }

    @Test
    void labelFormIgnoreAndBackground() {
        // Row 0 positive class 1, row 1 background, row 2 ignored.
        float[] x = {0.5f, -1f, 2f, 0.1f, 3f, -2f, 9f, 9f, 9f};
        float[] loss = new float[9], grad = new float[9];
        SigmoidFocalLoss f = SigmoidFocalLoss.retinaNet();
        f.elementwise(x, new int[] {1, Labels.BACKGROUND, Labels.IGNORE}, 3, 3, loss, grad);
        float[] t = {0, 1, 0, 0, 0, 0, 0, 0, 0};
        for (int k = 0; k < 6; k++) {
            assertEquals(ReferenceLosses.focal(x[k], t[k], 0.25, 2), loss[k], 1e-6, "loss " + k);
        }
        assertArrayEquals(new float[3], Arrays.copyOfRange(loss, 6, 9));
        assertArrayEquals(new float[3], Arrays.copyOfRange(grad, 6, 9));
        // MEAN counts the 6 kept elements only.
        double sum = 0;
        for (float v : loss) {
            sum += v;
        }
        assertEquals(sum / 6, f.reduce(x, new int[] {1, -1, -2}, 3, 3, Reduction.MEAN, null), 1e-7);
        assertEquals(sum, f.normalized(x, new int[] {1, -1, -2}, 3, 3, Reduction.perPositive(0), null), 1e-6);
        assertEquals(sum / 4, f.normalized(x, new int[] {1, -1, -2}, 3, 3, 4, null), 1e-6);
    }

    @Test
    void wideRowsAreSplitAcrossScratchBlocks() {
        int c = 5000;
        float[] x = new float[2 * c];
        for (int k = 0; k < x.length; k++) {
            x[k] = (float) Math.sin(k) * 5;
        }
        float[] dense = new float[2 * c];
        dense[4500] = 1f;
        float[] a = new float[2 * c], b = new float[2 * c], ga = new float[2 * c], gb = new float[2 * c];
        SigmoidFocalLoss f = SigmoidFocalLoss.retinaNet();
        f.elementwise(x, new int[] {4500, -1}, 2, c, a, ga);
        f.elementwise(x, dense, 2, c, b, gb);
        for (int k = 0; k < a.length; k++) {
            assertEquals(b[k], a[k], 4 * Math.ulp(b[k]) + 1e-37, "loss " + k);
            assertEquals(gb[k], ga[k], 8 * Math.ulp(Math.abs(gb[k]) + 1e-3f), "grad " + k);
        }
    }

    @Test
    void badParametersAreRejected() {
        assertIae("alpha", () -> new SigmoidFocalLoss(Float.NaN, 2f));
        assertIae("alpha", () -> new SigmoidFocalLoss(1.5f, 2f));
        assertIae("gamma", () -> new SigmoidFocalLoss(0.25f, Float.NaN));
        assertIae("gamma", () -> new SigmoidFocalLoss(0.25f, -0.5f));
        assertIae("gamma", () -> new SigmoidFocalLoss(0.25f, Float.POSITIVE_INFINITY));
        assertIae("numPositives", () -> Reduction.perPositive(-1));
    }

    @Test
    void badInputIsRejectedBeforeAnythingIsWritten() {
        SigmoidFocalLoss f = SigmoidFocalLoss.retinaNet();
        float[] x = new float[6], t = new float[6];
        float[] loss = filled(6), grad = filled(6);
        assertIae("logits", () -> f.elementwise(new float[5], t, 2, 3, loss, grad));
        assertIae("targets", () -> f.elementwise(x, new float[5], 2, 3, loss, grad));
        assertIae("loss", () -> f.elementwise(x, t, 2, 3, new float[5], grad));
        assertIae("grad", () -> f.elementwise(x, t, 2, 3, loss, new float[5]));
        assertIae("n", () -> f.elementwise(x, t, -1, 3, loss, grad));
        assertIae("c", () -> f.elementwise(x, t, 2, 0, loss, grad));
        assertIae("labels[1]", () -> f.elementwise(x, new int[] {0, 3}, 2, 3, loss, grad));
        assertIae("labels[0]", () -> f.elementwise(x, new int[] {-3, 0}, 2, 3, loss, grad));
        assertIae("labels.length", () -> f.elementwise(x, new int[1], 2, 3, loss, grad));
        assertIae("reduction", () -> f.reduce(x, t, 2, 3, Reduction.NONE, grad));
        assertIae("divisor", () -> f.normalized(x, new int[2], 2, 3, 0, grad));
        assertIae("divisor", () -> f.normalized(x, t, 2, 3, Double.NaN, grad));
        assertIae("grad", () -> f.normalized(x, new int[] {0, 9}, 2, 3, 1, new float[1]));
        assertArrayEquals(filled(6), loss);
        assertArrayEquals(filled(6), grad);
    }

    static float[] filled(int n) {
        float[] a = new float[n];
        Arrays.fill(a, 42f);
        return a;
    }

    static void assertIae(String name, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(name), "message '" + e.getMessage() + "' should name " + name);
    }
}
