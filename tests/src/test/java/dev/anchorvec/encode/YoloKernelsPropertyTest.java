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
 * The YOLO coders' vector kernels and facade against their scalar kernels, bit for bit, at lane and tile edges,
 * offsets and wide rows (the values after the box are NaN: they must not be read). Both compute the same float32
 * operations in the same order with anchorvec's own {@code exp} and {@code log}; the formulas themselves are
 * checked against hand-computed values in {@code YoloCoderTest}.
 */
class YoloKernelsPropertyTest {

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
    void decodeEqualsScalar() {
        Prop.forAll("yolo decode vector == scalar", 150, CoderCases.cases(), c -> {
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
                for (YoloKernels k : kernels()) {
                    float[] out = new float[4 * c.n() + 1];
                    k.decode(v5, anchors, strides, c.n(), raw, off, rawStride, out, 1);
                    FloatChecks.assertSameBits(k + " v5=" + v5, want, Arrays.copyOfRange(out, 1, out.length));
                }
                YoloCoder coder = v5 ? YoloCoder.yolov5() : YoloCoder.mmdet();
                float[] facade = new float[4 * c.n()];
                coder.decode(anchors, strides, raw, off, rawStride, facade, 0);
                FloatChecks.assertSameBits("facade " + coder, want, facade);
            }
        });
    }

    @Test
    void encodeMatchesScalar() {
        Prop.forAll("yolo encode vector == scalar", 150, CoderCases.cases(), c -> {
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
                    FloatChecks.assertSameBits(k + " v5=" + v5, want, Arrays.copyOfRange(out, 1, out.length - 1));
                }
                float[] facade = new float[4 * c.n()];
                coder.encode(anchors, strides, gt, facade, 0);
                FloatChecks.assertSameBits("facade " + coder, want, facade);
            }
        });
    }
}
