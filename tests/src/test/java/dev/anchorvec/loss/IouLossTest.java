package dev.anchorvec.loss;

import static dev.anchorvec.loss.FocalLossPropertyTest.check;
import static dev.anchorvec.loss.FocalLossSemanticsTest.assertIae;
import static dev.anchorvec.loss.FocalLossSemanticsTest.filled;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anchorvec.boxes.BoxIou;
import dev.anchorvec.boxes.Boxes;
import dev.anchorvec.boxes.IouKind;
import dev.anchorvec.reference.ReferenceLosses;
import dev.anchorvec.testkit.Gen;
import dev.anchorvec.testkit.Prop;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link IouLoss}: values against the double reference ({@code 1e-5} absolute: float32 geometry on boxes of
 * size 1..100), against {@code 1 - BoxIou.aligned} where no eps matters, analytic gradients against central
 * differences of the reference (CIoU with alpha held constant, as torchvision), masking, reductions, degenerate
 * boxes and bad input.
 */
class IouLossTest {

    private static final List<IouKind> KINDS = List.of(IouKind.IOU, IouKind.GIOU, IouKind.DIOU, IouKind.CIOU);

    record Case(int n, float[] p, float[] t, int[] matches) {
        @Override
        public String toString() {
            return "n=" + n + " p=" + Arrays.toString(p) + " t=" + Arrays.toString(t) + " m="
                    + Arrays.toString(matches);
        }
    }

    static final Gen<Case> CASES = rnd -> {
        int n = Gen.oneOf(0, 1, 2, 7, 40).generate(rnd);
        float[] p = new float[4 * n], t = new float[4 * n];
        int[] m = new int[n];
        for (int a = 0; a < n; a++) {
            float x = (float) rnd.nextDouble(0, 100), y = (float) rnd.nextDouble(0, 100);
            float w = (float) rnd.nextDouble(1, 50), h = (float) rnd.nextDouble(1, 50);
            t[4 * a] = x;
            t[4 * a + 1] = y;
            t[4 * a + 2] = x + w;
            t[4 * a + 3] = y + h;
            double spread = rnd.nextBoolean() ? 0.2 : 1.5;
            for (int k = 0; k < 4; k++) {
                p[4 * a + k] = t[4 * a + k] + (float) (rnd.nextGaussian() * spread * (k % 2 == 0 ? w : h));
            }
            // Keep predictions proper boxes: torchvision's losses assume x1 < x2, y1 < y2.
            if (p[4 * a + 2] <= p[4 * a] + 0.5f) {
                p[4 * a + 2] = p[4 * a] + 0.5f + (float) rnd.nextDouble(5);
            }
            if (p[4 * a + 3] <= p[4 * a + 1] + 0.5f) {
                p[4 * a + 3] = p[4 * a + 1] + 0.5f + (float) rnd.nextDouble(5);
            }
            m[a] = rnd.nextInt(5) == 0 ? -1 - rnd.nextInt(2) : rnd.nextInt(10);
        }
        return new Case(n, p, t, m);
    };

    private static int code(IouKind kind) {
        return KINDS.indexOf(kind);
    }

    private static double[] box(float[] b, int a) {
        return new double[] {b[4 * a], b[4 * a + 1], b[4 * a + 2], b[4 * a + 3]};
    }

    @Test
    void valuesAndGradientsMatchTheReference() {
        Prop.forAll("iouLoss.reference", 200, CASES, cs -> {
            for (IouKind kind : KINDS) {
                IouLoss loss = new IouLoss(kind);
                float[] l = new float[cs.n], g = new float[4 * cs.n];
                loss.elementwise(cs.p, cs.t, cs.matches, cs.n, l, g);
                for (int a = 0; a < cs.n; a++) {
                    if (cs.matches[a] < 0) {
                        assertEquals(0f, l[a]);
                        assertArrayEquals(new float[4], Arrays.copyOfRange(g, 4 * a, 4 * a + 4));
                        continue;
                    }
                    double[] p = box(cs.p, a), t = box(cs.t, a);
                    double ref = ReferenceLosses.iouLoss(code(kind), p, t, Double.NaN);
                    check(kind + " loss", a, ref, l[a], 1e-5);
                    double alpha = Double.NaN;
                    if (kind == IouKind.CIOU) {
                        // Hold alpha at its value here, as torchvision's no_grad does.
                        double v = ReferenceLosses.iouLoss(3, p, t, 1) - ReferenceLosses.iouLoss(2, p, t, Double.NaN);
                        double iou = 1 - ReferenceLosses.iouLoss(0, p, t, Double.NaN);
                        alpha = v / (1 - iou + v + 1e-7);
                    }
                    for (int k = 0; k < 4; k++) {
                        if (nearKink(p, t, k)) {
                            continue;
                        }
                        double h = 1e-4;
                        double[] up = p.clone(), dn = p.clone();
                        up[k] += h;
                        dn[k] -= h;
                        double fd = (ReferenceLosses.iouLoss(code(kind), up, t, alpha)
                                - ReferenceLosses.iouLoss(code(kind), dn, t, alpha)) / (2 * h);
                        check(kind + " grad[" + k + "] vs FD", a, fd, g[4 * a + k], 1e-4 * Math.abs(fd) + 1e-6);
                    }
                }
            }
        });
    }

    /** Coordinate k of p within 1e-3 of a coordinate of t (the min / max kinks). */
    private static boolean nearKink(double[] p, double[] t, int k) {
        for (int j = k % 2; j < 4; j += 2) {
            if (Math.abs(p[k] - t[j]) < 1e-3) {
                return true;
            }
        }
        return Math.abs(p[2] - p[0]) < 1e-3 || Math.abs(p[3] - p[1]) < 1e-3;
    }

    @Test
    void iouAndGiouLossesAreOneMinusTheMetricOnProperBoxes() {
        Prop.forAll("iouLoss.vsBoxIou", 100, CASES, cs -> {
            Boxes p = Boxes.ofXyxy(cs.p), t = Boxes.ofXyxy(cs.t);
            int[] all = new int[cs.n];
            for (IouKind kind : List.of(IouKind.IOU, IouKind.GIOU, IouKind.DIOU)) {
                float[] metric = new float[cs.n], l = new float[cs.n];
                BoxIou.aligned(kind, p, t, 0, cs.n, metric, 0);
                new IouLoss(kind).elementwise(cs.p, cs.t, all, cs.n, l, null);
                for (int a = 0; a < cs.n; a++) {
                    check(kind + " 1 - metric", a, 1 - metric[a], l[a], 1e-5);
                }
            }
        });
    }

    @Test
    void reductionsAndDegenerateBoxes() {
        float[] p = {0, 0, 10, 10, 5, 5, 15, 15, 3, 3, 3, 3, 8, 2, 4, 9};
        float[] t = {0, 0, 10, 10, 0, 0, 10, 10, 3, 3, 3, 3, 0, 0, 10, 10};
        int[] m = {0, 1, 2, 3};
        for (IouKind kind : KINDS) {
            IouLoss loss = new IouLoss(kind);
            float[] l = new float[4], g = new float[16], g2 = new float[16];
            loss.elementwise(p, t, m, 4, l, g);
            for (float v : l) {
                assertTrue(Float.isFinite(v), kind + " " + Arrays.toString(l));
            }
            for (float v : g) {
                assertTrue(Float.isFinite(v), kind + " " + Arrays.toString(g));
            }
            assertEquals(0f, l[0], 1e-6f, kind + ": identical boxes");
            double sum = l[0] + l[1] + l[2] + l[3];
            assertEquals(sum, loss.reduce(p, t, m, 4, Reduction.SUM, g2), 1e-6);
            assertArrayEquals(g, g2);
            assertEquals(sum / 4, loss.reduce(p, t, m, 4, Reduction.MEAN, g2), 1e-6);
            assertEquals(sum / 2, loss.normalized(p, t, m, 4, 2, g2), 1e-6);
            assertEquals(g[5] / 2, g2[5], 1e-7);
        }
        // torchvision's value for a known pair: IoU 25/175, GIoU enclosing 225.
        float[] l = new float[1];
        new IouLoss(IouKind.GIOU).elementwise(new float[] {5, 5, 15, 15}, new float[] {0, 0, 10, 10}, new int[1], 1,
                l, null);
        assertEquals(1 - (25.0 / 175 - (225.0 - 175) / 225), l[0], 1e-6);
    }

    @Test
    void badInputIsRejected() {
        assertIae("kind", () -> new IouLoss(IouKind.IOA_A));
        IouLoss loss = new IouLoss(IouKind.CIOU);
        float[] l = filled(2), g = filled(8);
        assertIae("pred", () -> loss.elementwise(new float[7], new float[8], new int[2], 2, l, g));
        assertIae("target", () -> loss.elementwise(new float[8], new float[7], new int[2], 2, l, g));
        assertIae("matches[0]", () -> loss.elementwise(new float[8], new float[8], new int[] {-7, 0}, 2, l, g));
        assertIae("loss", () -> loss.elementwise(new float[8], new float[8], new int[2], 2, new float[1], g));
        assertIae("grad", () -> loss.elementwise(new float[8], new float[8], new int[2], 2, l, new float[7]));
        assertIae("reduction", () -> loss.reduce(new float[8], new float[8], new int[2], 2, Reduction.NONE, g));
        assertArrayEquals(filled(2), l);
        assertArrayEquals(filled(8), g);
    }
}
