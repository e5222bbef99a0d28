package dev.anchorvec.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.anchorvec.boxes.IouKind;
import dev.anchorvec.testkit.Gen;
import dev.anchorvec.testkit.Prop;
import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * {@link VectorIouLossKernels} against {@link ScalarIouLossKernels}. Losses and their sum are bit-identical: the
 * vector passes repeat the scalar float operations in order, and CIoU's arctangent is the same scalar
 * {@code StrictMath.atan} call. Gradients: the scalar code evaluates them in double, the vector code in float
 * without squared denominators, so each component may differ by a few float roundings of the terms it sums;
 * the bound is {@code GRAD_ROUNDINGS} float roundings of the size of the terms summed (see {@link #termSize}:
 * cancellation, e.g. identical boxes, leaves the scalar code with an eps-sized residue the float code rounds
 * away), plus as many of the component itself.
 * Sizes cover the lane and the 256-pair tile edges; boxes include proper, identical, disjoint, nested,
 * degenerate (empty, inverted, points) and large-coordinate pairs; non-positive anchors hold garbage (NaN)
 * that must not leak.
 */
class IouLossVectorTest {

    /** Gradient bound in float roundings ({@code u = 2^-24}) of the summed terms' size. */
    static final double GRAD_ROUNDINGS = 64;

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
                assertEquals(ss, sv, "sum");
                if (withLoss) {
                    assertArrayEquals(ls, lv, "loss");
                }
                checkGrad(cs, gs, gv);
            }
            // Without a gradient the value passes alone run; same values.
            float[] ls = new float[cs.n], lv = new float[cs.n];
            LossImpls.SCALAR_IOU.run(cs.kind, cs.p, cs.t, cs.matches, cs.n, ls, null, 1f);
            LossImpls.VECTOR_IOU.run(cs.kind, cs.p, cs.t, cs.matches, cs.n, lv, null, 1f);
            assertArrayEquals(ls, lv, "loss without gradient");
        });
    }

    static void checkGrad(Case cs, float[] gs, float[] gv) {
        for (int a = 0; a < cs.n; a++) {
            for (int k = 0; k < 4; k++) {
                float s = gs[4 * a + k], v = gv[4 * a + k];
                if (cs.matches[a] < 0) {
                    assertEquals(0f, v, "non-positive anchor " + a);
                    continue;
                }
                assertTrue(Float.isFinite(v), "grad " + a + "," + k + " = " + v);
                double tol = GRAD_ROUNDINGS * LossImpls.U * (termSize(cs.kind, cs.p, cs.t, 4 * a, k % 2) + Math.abs(s));
                if (!(Math.abs(v - s) <= tol)) {
                    fail("grad[" + (4 * a + k) + "] kind " + cs.kind + ": vector " + v + " scalar " + s + " tol " + tol
                            + " pair " + Arrays.toString(Arrays.copyOfRange(cs.p, 4 * a, 4 * a + 4)) + " vs "
                            + Arrays.toString(Arrays.copyOfRange(cs.t, 4 * a, 4 * a + 4)));
                }
            }
        }
    }

    /**
     * The size of the terms a gradient component of axis {@code ax} (0 = x, 1 = y) sums before they cancel, from
     * the definitions: IoU {@code (|dI| + iou |dA - dI|) / union}, GIoU's {@code (|dc (1 - r)| + |dA - dI|) /
     * area_c}, DIoU's {@code (|dx| + dist / diag 2 cw) / diag}, CIoU's {@code alpha 2 k |diff| max(w, h) / (w^2 +
     * h^2)}. Float rounding of each term is relative to this, not to the (possibly cancelled) result.
     */
    static double termSize(int kind, float[] p, float[] t, int o, int ax) {
        double x1 = p[o], y1 = p[o + 1], x2 = p[o + 2], y2 = p[o + 3];
        double gx1 = t[o], gy1 = t[o + 1], gx2 = t[o + 2], gy2 = t[o + 3];
        double iw = Math.max(0, Math.min(x2, gx2) - Math.max(x1, gx1));
        double ih = Math.max(0, Math.min(y2, gy2) - Math.max(y1, gy1));
        double wp = x2 - x1, hp = y2 - y1;
        double union = Math.abs(wp * hp + (gx2 - gx1) * (gy2 - gy1) - iw * ih) + 1e-7;
        double iOther = ax == 0 ? ih : iw, aOther = Math.abs(ax == 0 ? hp : wp);
        double size = iw * ih > 0 ? (3 * iOther + aOther) / union : 0;
        double cw = Math.abs(Math.max(x2, gx2) - Math.min(x1, gx1)), ch = Math.abs(Math.max(y2, gy2) - Math.min(y1, gy1));
        if (kind == IouLossMath.GIOU) {
            double areaC = cw * ch + 1e-7;
            size += areaC > 1e-7 ? ((ax == 0 ? ch : cw) * (1 + Math.abs(areaC - union) / areaC) + 3 * iOther + aOther)
                    / areaC : 0;
        } else if (kind >= IouLossMath.DIOU) {
            double diag = cw * cw + ch * ch + 1e-7;
            double dx = (x1 + x2 - gx1 - gx2) / 2, dy = (y1 + y2 - gy1 - gy2) / 2;
            size += (Math.abs(ax == 0 ? dx : dy) + (dx * dx + dy * dy) / diag * 2 * (ax == 0 ? cw : ch)) / diag;
            double r2 = wp * wp + hp * hp;
            if (kind == IouLossMath.CIOU && r2 > 0) {
                // alpha <= 1 and |diff| <= pi, so the term is at most 2 k pi max(|w|, |h|) / r2.
                size += 2 * 4 / Math.PI * Math.max(Math.abs(wp), Math.abs(hp)) / r2;
            }
        }
        return size;
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
