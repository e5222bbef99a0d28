package dev.anchorvec.anchors.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.anchorvec.simd.Simd;
import dev.anchorvec.testkit.Gen;
import dev.anchorvec.testkit.Prop;
import dev.anchorvec.testkit.Sizes;
import java.lang.invoke.MethodHandles;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * The fitting kernels against a plain reference: the assignment (best corner-aligned IoU, lowest index on ties,
 * and the sum of the best IoUs) bit for bit, and YOLOv5's ratio totals (counts exactly; sums within 1e-5 of
 * YOLOv5's two-division form, and bit-identical between the implementations).
 */
class FitKernelsTest {

    record Case(float[] w, float[] h, float[] cw, float[] ch, int from, int to) {}

    /** Shapes from a small set of values, so that exact ties between anchors happen. */
    private static float shape(RandomGenerator rnd) {
        return switch (rnd.nextInt(4)) {
            case 0 -> 1 + rnd.nextInt(8) * 4f;
            case 1 -> (float) Math.exp(rnd.nextDouble(0, 7));
            case 2 -> (float) rnd.nextDouble(0.01, 1);
            default -> 10f * (1 + rnd.nextInt(3));
        };
    }

    static final Gen<Case> CASES = rnd -> {
        int n = Sizes.edges(300, 0.05).generate(rnd);
        int k = 1 + rnd.nextInt(12);
        float[] w = new float[n], h = new float[n], cw = new float[k], ch = new float[k];
        for (int i = 0; i < n; i++) {
            w[i] = shape(rnd);
            h[i] = shape(rnd);
        }
        for (int c = 0; c < k; c++) {
            cw[c] = shape(rnd);
            ch[c] = shape(rnd);
        }
        int from = n == 0 ? 0 : rnd.nextInt(0, Math.max(1, n / 5));
        return new Case(w, h, cw, ch, from, n == 0 ? 0 : rnd.nextInt(from, n + 1));
    };

    static List<FitKernels> kernels() {
        List<FitKernels> list = new ArrayList<>(List.of(new ScalarFitKernels(), Fit.KERNELS));
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            list.add(Simd.loadVector(MethodHandles.lookup(), FitKernels.class,
                    "dev.anchorvec.anchors.fit.VectorFitKernels"));
        }
        return list;
    }

    @Test
    void assignmentEqualsTheReference() {
        List<FitKernels> impls = kernels();
        Prop.forAll("fit.assign", 300, CASES, c -> {
            int n = c.w().length, k = c.cw().length;
            int[] wantArg = new int[n];
            float[] wantBest = new float[n];
            double wantSum = 0;
            for (int i = c.from(); i < c.to(); i++) {
                float top = -1;
                for (int a = 0; a < k; a++) {
                    float inter = Math.min(c.w()[i], c.cw()[a]) * Math.min(c.h()[i], c.ch()[a]);
                    float iou = inter / ((c.w()[i] * c.h()[i] + c.cw()[a] * c.ch()[a]) - inter);
                    if (iou > top) {
                        top = iou;
                        wantArg[i] = a;
                    }
                }
                wantBest[i] = top;
                wantSum += top;
            }
            for (FitKernels impl : impls) {
                int[] arg = new int[n];
                float[] best = new float[n];
                double sum = impl.assign(c.w(), c.h(), c.from(), c.to(), c.cw(), c.ch(), k, arg, best);
                String what = impl.getClass().getSimpleName();
                assertArrayEquals(wantArg, arg, what + " arg");
                assertArrayEquals(wantBest, best, what + " best");
                assertEquals(wantSum, sum, 0.0, what + " sum");
            }
        });
    }

    @Test
    void ratioTotalsEqualTheReference() {
        List<FitKernels> impls = kernels();
        Prop.forAll("fit.ratio", 300, CASES, c -> {
            int k = c.cw().length;
            float t = 0.25f;
            double sum = 0;
            long boxes = 0, pairs = 0;
            for (int i = c.from(); i < c.to(); i++) {
                float top = 0;
                for (int a = 0; a < k; a++) {
                    float rw = c.w()[i] / c.cw()[a], rh = c.h()[i] / c.ch()[a];
                    // YOLOv5: min(r, 1/r) per side, then the worse side.
                    float x = Math.min(Math.min(rw, 1 / rw), Math.min(rh, 1 / rh));
                    top = Math.max(top, x);
                    pairs += x > t ? 1 : 0;
                }
                if (top > t) {
                    sum += top;
                    boxes++;
                }
            }
            double[] first = null;
            for (FitKernels impl : impls) {
                double[] totals = new double[3];
                impl.ratioTotals(c.w(), c.h(), c.from(), c.to(), c.cw(), c.ch(), k, t, totals);
                String what = impl.getClass().getSimpleName();
                // One division per side instead of YOLOv5's two can move a ratio by an ulp; counts can only
                // change for ratios within an ulp of t, which these shapes never produce.
                assertEquals(boxes, (long) totals[1], what + " boxes above");
                assertEquals(pairs, (long) totals[2], what + " pairs above");
                assertEquals(sum, totals[0], 1e-5 * Math.max(1, sum), what + " sum");
                if (first == null) {
                    first = totals;
                }
                assertArrayEquals(first, totals, what + " totals differ between implementations");
            }
        });
    }
}
