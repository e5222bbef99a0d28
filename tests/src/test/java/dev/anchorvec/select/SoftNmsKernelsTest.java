package dev.anchorvec.select;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anchorvec.simd.Simd;
import dev.anchorvec.testkit.FloatChecks;
import dev.anchorvec.testkit.Gen;
import dev.anchorvec.testkit.Prop;
import java.lang.invoke.MethodHandles;
import org.junit.jupiter.api.Test;

/**
 * The vector Soft-NMS kernels (loaded directly at this run's width, even in the scalar run) against the scalar
 * ones: argmax identical; linear and Gaussian decay identical in count, order, planes and scores (bits: the
 * Gaussian weight is anchorvec's exp in both). Planes sit at odd offsets with a stride larger than the survivors,
 * as in the workspace.
 */
class SoftNmsKernelsTest {

    record Case(int m, float[] d, float[] s, int[] order, float[] box, float iouMin, float keepMin, float c,
                float dv) {
        @Override
        public String toString() {
            return "m " + m + ", box " + java.util.Arrays.toString(box) + ", iouMin " + iouMin + ", keepMin "
                    + keepMin + ", c " + c + ", dv " + dv;
        }
    }

    private static final int PAD = 3;

    static final Gen<Case> CASES = rnd -> {
        int m = 1 + switch (rnd.nextInt(3)) {
            case 0 -> rnd.nextInt(0, 20);
            case 1 -> rnd.nextInt(20, 200);
            default -> rnd.nextInt(200, 600);
        };
        int stride = m + rnd.nextInt(0, 5);
        float[] d = new float[PAD + 4 * stride];
        for (int i = 0; i < m; i++) {
            float x = rnd.nextFloat() * 50, y = rnd.nextFloat() * 50;
            float w = rnd.nextFloat() * 20 - 2, h = rnd.nextFloat() * 20 - 2; // some inverted boxes
            boolean dup = rnd.nextInt(10) == 0;
            d[PAD + i] = dup ? 10 : x;
            d[PAD + stride + i] = dup ? 10 : y;
            d[PAD + 2 * stride + i] = dup ? 25 : x + w;
            d[PAD + 3 * stride + i] = dup ? 25 : y + h;
            if (rnd.nextInt(40) == 0) {
                d[PAD + rnd.nextInt(4) * stride + i] = rnd.nextBoolean() ? Float.NaN : Float.POSITIVE_INFINITY;
            }
        }
        float[] s = new float[m];
        int[] order = new int[m];
        for (int i = 0; i < m; i++) {
            s[i] = rnd.nextInt(4) == 0 ? rnd.nextInt(1, 5) / 4f : rnd.nextFloat();
            order[i] = rnd.nextInt();
        }
        float[] box = {10, 10, 25, 25};
        float sigma = new float[] {0.5f, 0.1f, 1f}[rnd.nextInt(3)];
        return new Case(m, d, s, order, box, rnd.nextFloat(), rnd.nextFloat() * 0.8f, -1f, sigma);
    };

    private static SoftNmsKernels vector() {
        return Simd.loadVector(MethodHandles.lookup(), SoftNmsKernels.class,
                "dev.anchorvec.select.VectorSoftNmsKernels");
    }

    private static boolean hasVector() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    @Test
    void argmaxAgrees() {
        SoftNmsKernels scalar = new ScalarSoftNmsKernels();
        SoftNmsKernels vec = hasVector() ? vector() : scalar;
        Prop.forAll("soft-nms argmax", 300, CASES, c -> {
            int want = scalar.argmax(c.s(), c.m());
            for (int r = 0; r < c.m(); r++) {
                assertTrue(c.s()[r] < c.s()[want] || (c.s()[r] == c.s()[want] && r >= want), "position " + r);
            }
            assertEquals(want, vec.argmax(c.s(), c.m()));
        });
    }

    @Test
    void decayAgrees() {
        SoftNmsKernels scalar = new ScalarSoftNmsKernels();
        SoftNmsKernels vec = hasVector() ? vector() : scalar;
        Prop.forAll("soft-nms decay", 300, CASES, c -> {
            for (boolean gaussian : new boolean[] {false, true}) {
                float keepMin = gaussian ? Float.NEGATIVE_INFINITY : c.keepMin();
                float[][] d = {c.d().clone(), c.d().clone()};
                float[][] s = {c.s().clone(), c.s().clone()};
                int[][] order = {c.order().clone(), c.order().clone()};
                int[] got = new int[2];
                SoftNmsKernels[] impls = {scalar, vec};
                int st = (c.d().length - PAD) / 4;
                for (int k = 0; k < 2; k++) {
                    got[k] = impls[k].decay(d[k], PAD, PAD + st, PAD + 2 * st, PAD + 3 * st, s[k], order[k], c.m(),
                            c.box()[0], c.box()[1], c.box()[2], c.box()[3], gaussian, c.iouMin(), c.c(), c.dv(),
                            keepMin);
                }
                assertEquals(got[0], got[1], "count, gaussian " + gaussian);
                assertArrayEquals(java.util.Arrays.copyOf(order[0], got[0]),
                        java.util.Arrays.copyOf(order[1], got[1]), "order");
                for (int p = 0; p < 4; p++) {
                    int from = PAD + p * st;
                    FloatChecks.assertSameBits("plane " + p, java.util.Arrays.copyOfRange(d[0], from, from + got[0]),
                            java.util.Arrays.copyOfRange(d[1], from, from + got[1]));
                }
                for (int r = 0; r < got[0]; r++) {
                    assertTrue(s[0][r] >= keepMin && s[0][r] <= Math.max(c.s()[0], 1f));
                    assertEquals(Float.floatToRawIntBits(s[0][r]), Float.floatToRawIntBits(s[1][r]),
                            "score " + r + ": " + s[0][r] + " vs " + s[1][r]);
                }
                if (gaussian) {
                    assertEquals(c.m(), got[0], "nothing dropped at -inf");
                }
            }
        });
    }
}
