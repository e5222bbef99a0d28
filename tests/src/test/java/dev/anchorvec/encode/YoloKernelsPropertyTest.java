package dev.anchorvec.encode;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anchorvec.boxes.Boxes;
import dev.anchorvec.encode.DeltaCases.Case;
import dev.anchorvec.testkit.FloatChecks;
import dev.anchorvec.testkit.Prop;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The YOLO coders' vector kernels and facade against their scalar kernels, at lane and tile edges, offsets and
 * wide rows (the values after the box are NaN: they must not be read). Bounds:
 * <ul>
 * <li>encode: YOLOv5 bit-exact ({@code sqrt} is correctly rounded in both); mmdet centres bit-exact, log-sizes
 *     within 1 ulp (lanewise {@code log}, SVML);</li>
 * <li>mmdet decode: within {@value #MMDET_ULPS} ulp of the row's scale {@code max(|corner|, box size, stride)}
 *     (an ulp of {@code exp} moves the half-size by about 2 ulp of itself, the corner rounds once more);</li>
 * <li>YOLOv5 decode: within {@value #V5_ULPS} ulp of that scale: the vector sigmoid {@code 1 / (1 + exp(-t))} is
 *     rounded three times in float (the scalar one once from double), a few ulp of {@code s}, which
 *     {@code (2s - 1) * stride} and {@code (2s)^2 * aw} carry into the centre and the size.</li>
 * </ul>
 */
class YoloKernelsPropertyTest {

    static final int MMDET_ULPS = 3;
    static final int V5_ULPS = 8;

    private static final YoloKernels SCALAR = new ScalarYoloKernels();
    private static final float[] STRIDES = {8, 16, 32, 64};
    private static final int[] RAW_STRIDES = {4, 4, 5, 85};

    private static List<YoloKernels> kernels() {
        return CoderCases.kernels(YoloKernels.class, SCALAR, "VectorYoloKernels");
    }

    private static float[] strides(Case c) {
        SplittableRandom r = new SplittableRandom(c.seed() ^ 0x1234L);
        float[] s = new float[c.n()];
        for (int i = 0; i < s.length; i++) {
            s[i] = STRIDES[r.nextInt(STRIDES.length)];
        }
        return s;
    }

    @Test
    void decodeWithinBoundOfScalar() {
        Prop.forAll("yolo decode vector ~ scalar", 150, CoderCases.cases(), c -> {
            Boxes anchors = Boxes.ofXyxy(c.anchors(true));
            float[] strides = strides(c), codes = c.codes();
            int rawStride = RAW_STRIDES[(int) (c.seed() >>> 62)], off = (int) (c.seed() & 3);
            float[] raw = new float[off + c.n() * rawStride];
            Arrays.fill(raw, Float.NaN);
            for (int i = 0; i < c.n(); i++) {
                System.arraycopy(codes, 4 * i, raw, off + i * rawStride, 4);
            }
            for (boolean v5 : new boolean[] {true, false}) {
                float[] want = new float[4 * c.n()];
                SCALAR.decode(v5, anchors, strides, c.n(), raw, off, rawStride, want, 0);
                FloatChecks.assertNoNaN("scalar decode", want, i -> "index " + i);
                int ulps = v5 ? V5_ULPS : MMDET_ULPS;
                for (YoloKernels k : kernels()) {
                    float[] out = new float[4 * c.n() + 1];
                    k.decode(v5, anchors, strides, c.n(), raw, off, rawStride, out, 1);
                    assertDecode(k + " v5=" + v5, want, Arrays.copyOfRange(out, 1, out.length), strides, ulps);
                }
                YoloCoder coder = v5 ? YoloCoder.yolov5() : YoloCoder.mmdet();
                float[] facade = new float[4 * c.n()];
                coder.decode(anchors, strides, raw, off, rawStride, facade, 0);
                assertDecode("facade " + coder, want, facade, strides, ulps);
            }
        });
    }

    @Test
    void encodeMatchesScalar() {
        Prop.forAll("yolo encode vector ~ scalar", 150, CoderCases.cases(), c -> {
            float[] a = c.anchors(false), g = c.gt(a), strides = strides(c);
            Boxes anchors = Boxes.ofXyxy(a), gt = Boxes.ofXyxy(g);
            for (boolean v5 : new boolean[] {true, false}) {
                YoloCoder coder = v5 ? YoloCoder.yolov5() : YoloCoder.mmdet();
                float[] want = new float[4 * c.n()];
                SCALAR.encode(v5, 1e-6f, anchors, strides, gt, c.n(), want, 0);
                for (YoloKernels k : kernels()) {
                    float[] out = new float[4 * c.n() + 2];
                    Arrays.fill(out, Float.NaN);
                    k.encode(v5, 1e-6f, anchors, strides, gt, c.n(), out, 1);
                    assertTrue(Float.isNaN(out[0]) && Float.isNaN(out[out.length - 1]), "wrote outside the rows");
                    assertEncode(k + " v5=" + v5, want, Arrays.copyOfRange(out, 1, out.length - 1), v5);
                }
                float[] facade = new float[4 * c.n()];
                coder.encode(anchors, strides, gt, facade, 0);
                assertEncode("facade " + coder, want, facade, v5);
            }
        });
    }

    private static void assertEncode(String what, float[] want, float[] got, boolean v5) {
        for (int i = 0; i < want.length; i++) {
            int limit = v5 || i % 4 < 2 ? 0 : 1;
            assertTrue(FloatChecks.ulpDistance(want[i], got[i]) <= limit, what + " row " + i / 4 + " value " + i % 4
                    + ": expected " + want[i] + " within " + limit + " ulp, got " + got[i]);
        }
    }

    private static void assertDecode(String what, float[] want, float[] got, float[] strides, int ulps) {
        for (int i = 0; i < want.length; i++) {
            if (Float.floatToIntBits(want[i]) == Float.floatToIntBits(got[i])) {
                continue;
            }
            int row = 4 * (i / 4), axis = i % 2;
            float size = Math.abs(want[row + 2 + axis] - want[row + axis]);
            float scale = Math.max(Math.max(Math.abs(want[i]), size), strides[i / 4]);
            float tol = ulps * Math.ulp(scale);
            assertTrue(Math.abs(want[i] - got[i]) <= tol, what + " row " + i / 4 + " value " + i % 4 + ": expected "
                    + want[i] + " +- " + tol + ", got " + got[i]);
        }
    }
}
