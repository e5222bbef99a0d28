package dev.anchorvec.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.anchorvec.boxes.IouKind;
import dev.anchorvec.testkit.FloatChecks;
import dev.anchorvec.testkit.Gen;
import dev.anchorvec.testkit.Prop;
import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * {@link VectorIouLossKernels} against {@link ScalarIouLossKernels}, bit for bit: losses, gradients and their sum
 * (the vector passes repeat the scalar float operations in order, with anchorvec's arctangent for CIoU). The
 * gradients' accuracy against the double reference and finite differences is {@code IouLossTest}'s subject.
 * Sizes cover the lane and the 256-pair tile edges; boxes include proper, identical, disjoint, nested,
 * degenerate (empty, inverted, points) and large-coordinate pairs; non-positive anchors hold garbage (NaN)
 * that must not leak.
 */
class IouLossVectorTest {

    record Case(int n, float[] p, float[] t, int[] matches, int kind) {
        @Override
        public String toString() {
            return "n=" + n + " kind=" + kind + " m=" + Arrays.toString(matches) + " p=" + Arrays.toString(p)
                    + " t=" + Arrays.toString(t);
        }
    }

    private static int size(RandomGenerator rnd) {
        int t = VectorIouLossKernels.T;
        return Gen.oneOf(0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 33, t - 1, t, t + 1, 2 * t + 3, 700)
                .generate(rnd);
    }

    static final Gen<Case> CASES = rnd -> {
        int n = size(rnd);
        float[] p = new float[4 * n], t = new float[4 * n];
        int[] m = new int[n];
        int density = rnd.nextInt(4);  // all, most, sparse, none positive
        double scale = Gen.oneOf(1.0, 100.0, 1e4).generate(rnd);
        for (int a = 0; a < n; a++) {
            box(rnd, scale, p, t, 4 * a);
            boolean positive = switch (density) {
                case 0 -> true;
                case 1 -> rnd.nextInt(4) != 0;
                case 2 -> rnd.nextInt(50) == 0;
                default -> false;
            };
            m[a] = positive ? rnd.nextInt(10) : -1 - rnd.nextInt(2);
            if (!positive && rnd.nextBoolean()) {
                p[4 * a + rnd.nextInt(4)] = Float.NaN;
            }
        }
        return new Case(n, p, t, m, rnd.nextInt(4));
    };

    /** One pair at {@code o}, of a random style. */
    private static void box(RandomGenerator rnd, double scale, float[] p, float[] t, int o) {
        float x = (float) (rnd.nextDouble(-1, 1) * scale), y = (float) (rnd.nextDouble(-1, 1) * scale);
        float w = (float) (rnd.nextDouble(0.01, 1) * scale), h = (float) (rnd.nextDouble(0.01, 1) * scale);
        float[] g = {x, y, x + w, y + h};
        System.arraycopy(g, 0, t, o, 4);
        int style = rnd.nextInt(8);
        for (int k = 0; k < 4; k++) {
            float ext = k % 2 == 0 ? w : h;
            p[o + k] = switch (style) {
                case 0 -> g[k];                                                        // identical
                case 1 -> g[k] + (float) (rnd.nextGaussian() * 0.1 * ext);             // close
                case 2 -> g[k] + (float) (rnd.nextGaussian() * ext);                   // loose
                case 3 -> g[k] + 3 * ext;                                               // disjoint
                case 4 -> g[k] + (k < 2 ? 0.25f : -0.25f) * ext;                       // nested
                case 5 -> g[k % 2];                                                     // empty (a point)
                case 6 -> g[(k + 2) % 4];                                               // inverted
                default -> rnd.nextBoolean() ? g[k] : g[k] + (float) (rnd.nextGaussian() * ext); // shared edges
            };
        }
        if (rnd.nextInt(10) == 0) {  // a degenerate target: zero width or height
            t[o + 2 + rnd.nextInt(2)] = t[o + rnd.nextInt(2)];
        }
    }

    @Test
    void vectorMatchesScalar() {
        Prop.forAll("iouLoss.vectorVsScalar", 300, CASES, cs -> {
            for (boolean withLoss : new boolean[] {true, false}) {
                float scale = withLoss ? 1f : 0.37f;
                float[] ls = withLoss ? new float[cs.n] : null, lv = withLoss ? garbage(cs.n) : null;
                float[] gs = new float[4 * cs.n], gv = garbage(4 * cs.n);
                double ss = LossImpls.SCALAR_IOU.run(cs.kind, cs.p, cs.t, cs.matches, cs.n, ls, gs, scale);
                double sv = LossImpls.VECTOR_IOU.run(cs.kind, cs.p, cs.t, cs.matches, cs.n, lv, gv, scale);
                assertEquals(Double.doubleToLongBits(ss), Double.doubleToLongBits(sv), "sum " + ss + " vs " + sv);
                if (withLoss) {
                    FloatChecks.assertSameBits("loss", ls, lv);
                }
                checkGrad(cs, gs, gv);
            }
            // Without a gradient the value passes alone run; same values.
            float[] ls = new float[cs.n], lv = new float[cs.n];
            LossImpls.SCALAR_IOU.run(cs.kind, cs.p, cs.t, cs.matches, cs.n, ls, null, 1f);
            LossImpls.VECTOR_IOU.run(cs.kind, cs.p, cs.t, cs.matches, cs.n, lv, null, 1f);
            FloatChecks.assertSameBits("loss without gradient", ls, lv);
        });
    }

    /** The gradients bit for bit, and 0 for non-positive anchors. */
    static void checkGrad(Case cs, float[] gs, float[] gv) {
        FloatChecks.assertSameBits("grad kind " + cs.kind, gs, gv, k -> "[" + k + "] (anchor " + k / 4 + ")");
        for (int a = 0; a < cs.n; a++) {
            for (int k = 0; k < 4; k++) {
                float v = gv[4 * a + k];
                if (cs.matches[a] < 0) {
                    assertEquals(0f, v, "non-positive anchor " + a);
                } else {
                    assertTrue(Float.isFinite(v), "grad " + a + "," + k + " = " + v);
                }
            }
        }
    }

    private static float[] garbage(int size) {
        float[] a = new float[size];
        Arrays.fill(a, Float.NaN);
        return a;
    }

    @Test
    void identicalBoxesHaveZeroLossEverywhere() {
        int n = VectorIouLossKernels.T + 3;
        float[] p = new float[4 * n];
        int[] m = new int[n];
        for (int a = 0; a < n; a++) {
            p[4 * a] = a;
            p[4 * a + 1] = -a;
            p[4 * a + 2] = a + 1 + a % 7;
            p[4 * a + 3] = -a + 2 + a % 5;
        }
        for (int kind = 0; kind < 4; kind++) {
            float[] ls = new float[n], lv = new float[n], gs = new float[4 * n], gv = new float[4 * n];
            LossImpls.SCALAR_IOU.run(kind, p, p, m, n, ls, gs, 1f);
            assertEquals(0.0, LossImpls.VECTOR_IOU.run(kind, p, p, m, n, lv, gv, 1f), 1e-5 * n);
            assertArrayEquals(ls, lv);
            for (float l : lv) {
                assertEquals(0f, l, 1e-6f, "kind " + kind);
            }
            checkGrad(new Case(n, p, p, m, kind), gs, gv);
        }
    }

    @Test
    void facadeUsesTheSelectedKernelWithItsScaling() {
        int n = VectorIouLossKernels.T + 1;
        Case cs = CASES.filter(c -> c.n == n && c.kind == 0).generate(Prop.random(7));
        float[] mask = new float[n];
        int positives = 0;
        for (int a = 0; a < n; a++) {
            positives += cs.matches[a] >= 0 ? 1 : 0;
        }
        for (IouKind kind : new IouKind[] {IouKind.IOU, IouKind.GIOU, IouKind.DIOU, IouKind.CIOU}) {
            IouLoss loss = new IouLoss(kind);
            float[] g = new float[4 * n], gk = new float[4 * n];
            double mean = loss.reduce(cs.p, cs.t, cs.matches, n, Reduction.MEAN, g);
            double sum = IouLoss.IMPL.run(code(kind), cs.p, cs.t, cs.matches, n, mask, gk,
                    (float) (1.0 / Math.max(1, positives)));
            assertEquals(positives == 0 ? 0 : sum / positives, mean, 0.0);
            assertArrayEquals(gk, g);
        }
    }

    private static int code(IouKind kind) {
        return switch (kind) {
            case IOU -> IouLossMath.IOU;
            case GIOU -> IouLossMath.GIOU;
            case DIOU -> IouLossMath.DIOU;
            default -> IouLossMath.CIOU;
        };
    }
}
