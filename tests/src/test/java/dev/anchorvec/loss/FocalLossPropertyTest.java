package dev.anchorvec.loss;

import static dev.anchorvec.loss.LossImpls.U;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.anchorvec.reference.ReferenceLosses;
import dev.anchorvec.testkit.FloatChecks;
import dev.anchorvec.testkit.Gen;
import dev.anchorvec.testkit.Prop;
import java.util.Arrays;
import java.util.Locale;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * {@link SigmoidFocalLoss}: vector kernel against scalar kernel bit for bit (losses, gradients and the double
 * sum: the same float operations and anchorvec's own exp / log1p / log in both, sums in 16 fixed virtual lanes),
 * scalar kernel against {@link ReferenceLosses} (double), gradients against central finite differences of the
 * reference, and the facade's label, ignore and reduction semantics.
 *
 * <p>Tolerance (kernel vs reference): {@code |a - b| <= k u M + 1e-37 (1 + gamma)(1 + C)},
 * u = 2^-24, where {@code M} is the sum of the magnitudes of the formula's terms (for the loss
 * {@code alpha_t q^gamma (max(x, 0) + |x t| + log1p(e))}, for the gradient {@code alpha_t q^gamma (p + t +
 * gamma r C |1 - 2t|)}, with C that magnitude of ce): each term carries a few float roundings and the
 * exp / log1p / log errors (anchorvec's functions: <= 1 ulp each, {@code FloatMathTest}). {@code k = 16 + 4 gamma |ln q|} because
 * {@code q^gamma = exp(gamma ln q)} turns an ulp of {@code ln q} into a relative error of {@code gamma |ln q|} ulp.
 * The absolute term covers results that underflow into float's subnormal range.
 */
class FocalLossPropertyTest {

    record Case(int n, int c, float[] x, float[] t, int[] labels, float alpha, float gamma) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "n=%d c=%d alpha=%s gamma=%s x=%s t=%s labels=%s", n, c, alpha, gamma,
                    abbreviate(Arrays.toString(x)), abbreviate(Arrays.toString(t)),
                    abbreviate(Arrays.toString(labels)));
        }

        private static String abbreviate(String s) {
            return s.length() > 400 ? s.substring(0, 400) + "..." : s;
        }
    }

    static final Gen<Integer> ROWS = Gen.oneOf(0, 1, 2, 3, 5, 17, 64, 100, 257);
    static final Gen<Integer> COLS = Gen.oneOf(1, 2, 3, 4, 7, 8, 15, 16, 17, 20, 80, 91);
    static final Gen<Float> ALPHAS = Gen.oneOf(0.25f, -1f, 0f, 1f, 0.5f, 0.9f);
    static final Gen<Float> GAMMAS = Gen.oneOf(2f, 0f, 1f, 1.5f, 0.5f, 3f, 5f);

    static float logit(RandomGenerator r) {
        return switch (r.nextInt(10)) {
            case 0 -> new float[] {100f, -100f, 1e4f, -1e4f, 20f, -20f, 0f, -0f, 88f, -104f}[r.nextInt(10)];
            case 1, 2 -> (float) (r.nextDouble(-30, 30));
            default -> (float) (r.nextGaussian() * 3 - 2);
        };
    }

    static final Gen<Case> CASES = rnd -> {
        int n = ROWS.generate(rnd), c = COLS.generate(rnd);
        float[] x = new float[n * c], t = new float[n * c];
        int[] labels = new int[n];
        boolean soft = rnd.nextInt(3) == 0;
        for (int i = 0; i < n; i++) {
            int kind = rnd.nextInt(10);
            labels[i] = kind < 6 ? Labels.BACKGROUND : kind < 8 ? rnd.nextInt(c) : Labels.IGNORE;
        }
        for (int k = 0; k < n * c; k++) {
            x[k] = logit(rnd);
            t[k] = soft ? (float) rnd.nextDouble() : (rnd.nextInt(20) == 0 ? 1f : 0f);
        }
        return new Case(n, c, x, t, labels, ALPHAS.generate(rnd), GAMMAS.generate(rnd));
    };

    /** Tolerances of one element (see the class comment). */
    static double[] bounds(float xf, float tf, float alpha, float gamma) {
        double x = Math.max(-Float.MAX_VALUE, Math.min(Float.MAX_VALUE, xf));
        double t = Math.max(0, Math.min(1, tf));
        double p = ReferenceLosses.sigmoid(x), s = ReferenceLosses.sigmoid(-x);
        double q = t * s + (1 - t) * p;
        double qg = q == 0 ? (gamma == 0 ? 1 : 0) : Math.pow(q, gamma);
        double at = alpha >= 0 ? alpha * t + (1 - alpha) * (1 - t) : 1;
        double cm = Math.max(x, 0) + Math.abs(x * t) + Math.log1p(Math.exp(-Math.abs(x)));
        double r = q > 0 ? p * s / q : 0;
        double k = 16 + (q > 0 ? 4 * gamma * Math.abs(Math.log(q)) : 0);
        double abs = 1e-37 * (1 + gamma) * (1 + cm);
        double loss = k * U * Math.abs(at) * qg * cm + abs;
        double grad = 2 * k * U * Math.abs(at) * qg * (p + t + gamma * r * cm * Math.abs(1 - 2 * t)) + abs;
        return new double[] {loss, grad};
    }

    static double[] run(FocalKernels k, Case cs, float[] loss, float[] grad) {
        SigmoidFocalLoss f = new SigmoidFocalLoss(cs.alpha, cs.gamma);
        float aBase = cs.alpha >= 0 ? 1 - cs.alpha : 1, aSlope = cs.alpha >= 0 ? 2 * cs.alpha - 1 : 0;
        return new double[] {k.focal(cs.x, 0, cs.t, 0, cs.n * cs.c, loss, 0, grad, 0, aBase, aSlope, f.gamma(), 1f)};
    }

    @Test
    void vectorKernelMatchesScalarKernel() {
        Prop.forAll("focal.vectorVsScalar", 300, CASES, FocalLossPropertyTest::vectorMatchesScalar);
    }

    /** Vector and scalar kernels on one case: the same bits. */
    static void vectorMatchesScalar(Case cs) {
        int size = cs.n * cs.c;
        float[] ls = new float[size], gs = new float[size], lv = new float[size], gv = new float[size];
        double sumS = run(LossImpls.SCALAR_FOCAL, cs, ls, gs)[0];
        double sumV = run(LossImpls.VECTOR_FOCAL, cs, lv, gv)[0];
        FloatChecks.assertSameBits("loss", ls, lv);
        FloatChecks.assertSameBits("grad", gs, gv);
        assertEquals(Double.doubleToLongBits(sumS), Double.doubleToLongBits(sumV), "sum " + sumS + " vs " + sumV);
    }

    @Test
    void scalarKernelMatchesReference() {
        Prop.forAll("focal.scalarVsReference", 300, CASES, cs -> {
            int size = cs.n * cs.c;
            float[] l = new float[size], g = new float[size];
            run(LossImpls.SCALAR_FOCAL, cs, l, g);
            for (int k = 0; k < size; k++) {
                double ref = ReferenceLosses.focal(Math.max(-Float.MAX_VALUE, Math.min(Float.MAX_VALUE, cs.x[k])),
                        cs.t[k], cs.alpha, cs.gamma);
                check("loss vs reference", k, ref, l[k], 2 * bounds(cs.x[k], cs.t[k], cs.alpha, cs.gamma)[0]);
            }
        });
    }

    @Test
    void gradientMatchesFiniteDifferencesOfTheReference() {
        Prop.forAll("focal.gradientFd", 200, CASES, cs -> {
            int size = cs.n * cs.c;
            float[] l = new float[size], g = new float[size];
            run(LossImpls.SCALAR_FOCAL, cs, l, g);
            float[] lv = new float[size], gv = new float[size];
            run(LossImpls.VECTOR_FOCAL, cs, lv, gv);
            for (int k = 0; k < size; k++) {
                double x = cs.x[k];
                if (Math.abs(x) > 30) {
                    continue;
                }
                double h = 1e-4 * Math.max(1, Math.abs(x));
                double fd = (ReferenceLosses.focal(x + h, cs.t[k], cs.alpha, cs.gamma)
                        - ReferenceLosses.focal(x - h, cs.t[k], cs.alpha, cs.gamma)) / (2 * h);
                double tol = 1e-4 * Math.abs(fd) + 1e5 * bounds(cs.x[k], cs.t[k], cs.alpha, cs.gamma)[1] + 1e-9;
                check("scalar grad vs FD", k, fd, g[k], tol);
                check("vector grad vs FD", k, fd, gv[k], tol);
            }
        });
    }

    @Test
    void labelsEqualDenseOneHotAndIgnoredRowsAreZero() {
        Prop.forAll("focal.labelsVsDense", 200, CASES, cs -> {
            int size = cs.n * cs.c;
            SigmoidFocalLoss f = new SigmoidFocalLoss(cs.alpha, cs.gamma);
            float[] dense = new float[size];
            for (int i = 0; i < cs.n; i++) {
                if (cs.labels[i] >= 0) {
                    dense[i * cs.c + cs.labels[i]] = 1f;
                }
            }
            float[] ll = new float[size], gl = new float[size], ld = new float[size], gd = new float[size];
            Arrays.fill(ll, Float.NaN);
            Arrays.fill(gl, Float.NaN);
            f.elementwise(cs.x, cs.labels, cs.n, cs.c, ll, gl);
            f.elementwise(cs.x, dense, cs.n, cs.c, ld, gd);
            double sum = 0, keptSum = 0;
            long kept = 0;
            for (int k = 0; k < size; k++) {
                if (cs.labels[k / cs.c] == Labels.IGNORE) {
                    assertTrue(ll[k] == 0f && gl[k] == 0f, "ignored element " + k + ": " + ll[k] + ", " + gl[k]);
                    continue;
                }
                double[] b = bounds(cs.x[k], dense[k], cs.alpha, cs.gamma);
                check("labels vs dense loss", k, ld[k], ll[k], b[0]);
                check("labels vs dense grad", k, gd[k], gl[k], b[1]);
                keptSum += ll[k];
                kept++;
            }
            for (float v : ll) {
                sum += v;
            }
            // Reductions: SUM, MEAN over the kept elements, normalised; gradients scaled alike.
            float[] g = new float[size];
            double tol = 1e-5 * Math.abs(sum) + 1e-30;
            assertEquals(sum, f.reduce(cs.x, cs.labels, cs.n, cs.c, Reduction.SUM, g), tol, "SUM");
            for (int k = 0; k < size; k++) {
                check("SUM grad", k, gl[k], g[k], bounds(cs.x[k], dense[k], cs.alpha, cs.gamma)[1]);
            }
            double mean = f.reduce(cs.x, cs.labels, cs.n, cs.c, Reduction.MEAN, g);
            assertEquals(kept == 0 ? 0 : keptSum / kept, mean, tol / Math.max(1, kept), "MEAN");
            for (int k = 0; k < size; k++) {
                check("MEAN grad", k, gl[k] / (double) Math.max(1, kept), g[k],
                        bounds(cs.x[k], dense[k], cs.alpha, cs.gamma)[1] / Math.max(1, kept) + 1e-12 * Math.abs(g[k]));
            }
            int pos = Labels.positives(cs.labels, cs.n);
            double norm = f.normalized(cs.x, cs.labels, cs.n, cs.c, Reduction.perPositive(pos), null);
            assertEquals(sum / Math.max(1, pos), norm, tol, "normalized");
        });
    }

    static void check(String what, int k, double expected, double actual, double tol) {
        if (!(Math.abs(expected - actual) <= tol) && !(Double.isNaN(expected) && Double.isNaN(actual))) {
            fail(String.format(Locale.ROOT, "%s at %d: expected %.9g, actual %.9g, |diff| %.3g > tol %.3g", what, k,
                    expected, actual, Math.abs(expected - actual), tol));
        }
    }
}
