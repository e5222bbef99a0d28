package dev.anchorvec.loss;

import static dev.anchorvec.loss.FocalLossPropertyTest.check;
import static dev.anchorvec.loss.FocalLossSemanticsTest.assertIae;
import static dev.anchorvec.loss.FocalLossSemanticsTest.filled;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anchorvec.reference.ReferenceLosses;
import dev.anchorvec.testkit.FloatChecks;
import dev.anchorvec.testkit.Gen;
import dev.anchorvec.testkit.Prop;
import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * {@link SmoothL1Loss}, {@link L1Loss} and {@link HuberLoss}: vector kernel bit-identical to scalar (no
 * transcendentals), both within {@code 4 u} relative of the double reference, gradients against central
 * differences away from the knee and from 0, positives-only masking, reductions, bad input.
 */
class RegressionLossPropertyTest {

    record Case(int n, float[] p, float[] t, int[] matches, int which, float param) {
        @Override
        public String toString() {
            return "n=" + n + " loss=" + which + " param=" + param + " matches=" + Arrays.toString(matches) + " p="
                    + Arrays.toString(p) + " t=" + Arrays.toString(t);
        }

        RegressionLoss loss() {
            return switch (which) {
                case 0 -> new SmoothL1Loss(param);
                case 1 -> new L1Loss();
                default -> new HuberLoss(param);
            };
        }

        DoubleUnaryOperator reference() {
            return switch (which) {
                case 0 -> d -> ReferenceLosses.smoothL1(d, param);
                case 1 -> Math::abs;
                default -> d -> ReferenceLosses.huber(d, param);
            };
        }
    }

    static final Gen<Case> CASES = rnd -> {
        int n = Gen.oneOf(0, 1, 2, 3, 4, 5, 7, 9, 16, 17, 100, 1023, 1025, 3000).generate(rnd);
        float[] p = new float[4 * n], t = new float[4 * n];
        int[] m = new int[n];
        for (int k = 0; k < 4 * n; k++) {
            p[k] = (float) (rnd.nextGaussian() * (rnd.nextBoolean() ? 0.1 : 2));
            t[k] = rnd.nextInt(10) == 0 ? p[k] : (float) (rnd.nextGaussian() * 0.5);
        }
        for (int a = 0; a < n; a++) {
            int kind = rnd.nextInt(4);
            m[a] = kind == 0 ? -1 : kind == 1 ? -2 : rnd.nextInt(50);
            if (m[a] < 0 && rnd.nextBoolean()) {
                p[4 * a] = Float.NaN;   // non-positive anchors may hold garbage
            }
        }
        int which = rnd.nextInt(3);
        float param = which == 1 ? 0f : Gen.oneOf(1f / 9, 1f, 0.5f, 0f, 1e-6f, 2f).generate(rnd);
        if (which == 2 && param == 0f || which == 2 && param == 1e-6f) {
            param = 1f;
        }
        return new Case(n, p, t, m, which, param);
    };

    @Test
    void kernelsMatchEachOtherAndTheReference() {
        Prop.forAll("regression.kernels", 300, CASES, cs -> {
            RegressionLoss loss = cs.loss();
            int size = 4 * cs.n;
            float[] ls = new float[size], gs = new float[size], lv = new float[size], gv = new float[size];
            double ss = run(LossImpls.SCALAR_REG, cs, ls, gs);
            double sv = run(LossImpls.VECTOR_REG, cs, lv, gv);
            FloatChecks.assertSameBits("loss vector vs scalar", ls, lv);
            FloatChecks.assertSameBits("grad vector vs scalar", gs, gv);
            assertEquals(Double.doubleToLongBits(ss), Double.doubleToLongBits(sv), "sum " + ss + " vs " + sv);
            for (int k = 0; k < size; k++) {
                if (cs.matches[k / 4] < 0) {
                    assertTrue(ls[k] == 0f && gs[k] == 0f, "non-positive element " + k);
                    continue;
                }
                double d = (double) cs.p[k] - cs.t[k];
                double ref = cs.reference().applyAsDouble(d);
                check("loss vs reference", k, ref, ls[k], 8 * LossImpls.U * (Math.abs(ref) + Math.abs(d)) + 1e-30);
                double h = 1e-6;
                double knee = cs.which == 1 || cs.param < 1e-5 ? 0 : cs.param;
                double a = Math.abs(d);
                if (Math.abs(a - knee) > 1e-4 && a > 1e-4) {
                    DoubleUnaryOperator f = cs.reference();
                    double fd = (f.applyAsDouble(d + h) - f.applyAsDouble(d - h)) / (2 * h);
                    check("grad vs FD", k, fd, gs[k], 1e-4 * (1 + Math.abs(fd)));
                }
            }
            // Reductions over the kernels the facade chose.
            int pos = 0;
            double sum = 0;
            for (int aIdx = 0; aIdx < cs.n; aIdx++) {
                pos += cs.matches[aIdx] >= 0 ? 1 : 0;
            }
            float[] l = new float[size], g = new float[size], g2 = new float[size];
            loss.elementwise(cs.p, cs.t, cs.matches, cs.n, l, g);
            for (float v : l) {
                sum += v;
            }
            double tol = 1e-6 * Math.abs(sum) + 1e-12;
            assertEquals(sum, loss.reduce(cs.p, cs.t, cs.matches, cs.n, Reduction.SUM, g2), tol);
            assertArrayEquals(g, g2);
            assertEquals(sum / Math.max(1, 4 * pos), loss.reduce(cs.p, cs.t, cs.matches, cs.n, Reduction.MEAN, g2),
                    tol);
            double norm = loss.normalized(cs.p, cs.t, cs.matches, cs.n, Reduction.perPositive(pos), g2);
            assertEquals(sum / Math.max(1, pos), norm, tol);
            for (int k = 0; k < size; k++) {
                assertEquals(g[k] / Math.max(1, pos), g2[k], 1e-6 * Math.abs(g[k]) + 1e-30, "normalized grad " + k);
            }
        });
    }

    static double run(RegressionKernels k, Case cs, float[] l, float[] g) {
        // The parameters each facade passes (see their constructors).
        return switch (cs.which) {
            case 0 -> cs.param < 1e-5f
                    ? k.piecewise(cs.p, cs.t, cs.matches, 0, cs.n, l, 0, g, 0, 0f, 1f, 1f, 0f, 1f)
                    : k.piecewise(cs.p, cs.t, cs.matches, 0, cs.n, l, 0, g, 0, cs.param, cs.param, 1f,
                            0.5f * cs.param, 1f);
            case 1 -> k.piecewise(cs.p, cs.t, cs.matches, 0, cs.n, l, 0, g, 0, 0f, 1f, 1f, 0f, 1f);
            default -> k.piecewise(cs.p, cs.t, cs.matches, 0, cs.n, l, 0, g, 0, cs.param, 1f, cs.param,
                    0.5f * cs.param, 1f);
        };
    }

    @Test
    void smoothL1MatchesTorchvisionExamples() {
        float[] p = {0f, 0f, 0f, 0f, 0.05f, 0.2f, -1f, 3f};
        float[] t = new float[8];
        float[] l = new float[8], g = new float[8];
        new SmoothL1Loss(1f / 9).elementwise(p, t, new int[] {-1, 0}, 2, l, g);
        assertArrayEquals(new float[] {0, 0, 0, 0, (0.5f * 0.05f * 0.05f) / (1f / 9), 0.2f - 0.5f / 9,
            1f - 0.5f / 9, 3f - 0.5f / 9}, l);
        assertArrayEquals(new float[] {0, 0, 0, 0, 0.05f / (1f / 9), 1f, -1f, 1f}, g);
        new HuberLoss(1f).elementwise(p, t, new int[] {0, 0}, 2, l, g);
        assertEquals(2.5f, l[7]);
        assertEquals(0.5f * 0.2f * 0.2f, l[5], 1e-8);
        new L1Loss().elementwise(p, t, new int[] {0, 0}, 2, l, g);
        assertArrayEquals(new float[] {0, 0, 0, 0, 0.05f, 0.2f, 1f, 3f}, l);
        assertArrayEquals(new float[] {0, 0, 0, 0, 1f, 1f, -1f, 1f}, g);
    }

    @Test
    void badInputIsRejectedBeforeAnythingIsWritten() {
        assertIae("beta", () -> new SmoothL1Loss(-0.1f));
        assertIae("beta", () -> new SmoothL1Loss(Float.NaN));
        assertIae("delta", () -> new HuberLoss(0f));
        assertIae("delta", () -> new HuberLoss(Float.POSITIVE_INFINITY));
        RegressionLoss loss = new SmoothL1Loss(1f / 9);
        float[] p = new float[8], t = new float[8];
        float[] l = filled(8), g = filled(8);
        assertIae("pred", () -> loss.elementwise(new float[7], t, new int[2], 2, l, g));
        assertIae("target", () -> loss.elementwise(p, new float[7], new int[2], 2, l, g));
        assertIae("matches.length", () -> loss.elementwise(p, t, new int[1], 2, l, g));
        assertIae("matches[1]", () -> loss.elementwise(p, t, new int[] {0, -3}, 2, l, g));
        assertIae("loss", () -> loss.elementwise(p, t, new int[2], 2, new float[7], g));
        assertIae("grad", () -> loss.elementwise(p, t, new int[2], 2, l, new float[7]));
        assertIae("n", () -> loss.elementwise(p, t, new int[2], -1, l, g));
        assertIae("reduction", () -> loss.reduce(p, t, new int[2], 2, Reduction.NONE, g));
        assertIae("divisor", () -> loss.normalized(p, t, new int[2], 2, Double.POSITIVE_INFINITY, g));
        assertArrayEquals(filled(8), l);
        assertArrayEquals(filled(8), g);
    }
}
