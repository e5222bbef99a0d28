package dev.anchorvec.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anchorvec.boxes.Boxes;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link YoloCoder}: YOLOv5's Detect formula, mmdet YOLOBBoxCoder, the encode inverses, bad input. */
class YoloCoderTest {

    /** Cell (gx, gy) = (3, 5) at stride 8 with anchor (10, 13) pixels: YOLOv5's P3 first anchor. */
    private static final Boxes CELL = Boxes.ofXyxy(28 - 5, 44 - 6.5f, 28 + 5, 44 + 6.5f);

    @Test
    void yolov5DetectFormula() {
        SplittableRandom r = new SplittableRandom(5);
        for (int trial = 0; trial < 1000; trial++) {
            float[] t = {(float) r.nextDouble(-6, 6), (float) r.nextDouble(-6, 6), (float) r.nextDouble(-6, 6),
                (float) r.nextDouble(-6, 6), 0.3f};
            float[] out = new float[4];
            YoloCoder.yolov5().decode(CELL, new float[] {8}, t, 0, 5, out, 0);
            // YOLOv5: xy = (2 s - 0.5 + grid) * stride, wh = (2 s)^2 * anchor_grid, in double here.
            double[] s = Arrays.stream(new double[] {t[0], t[1], t[2], t[3]}).map(v -> 1 / (1 + Math.exp(-v))).toArray();
            double x = (2 * s[0] - 0.5 + 3) * 8, y = (2 * s[1] - 0.5 + 5) * 8;
            double w = 4 * s[2] * s[2] * 10, h = 4 * s[3] * s[3] * 13;
            assertArrayEquals(new float[] {(float) (x - w / 2), (float) (y - h / 2), (float) (x + w / 2), (float) (y + h / 2)},
                    out, 1e-4f, "t = " + Arrays.toString(t));
        }
    }

    @Test
    void encodeInvertsDecodeWhereDefined() {
        SplittableRandom r = new SplittableRandom(7);
        for (YoloCoder coder : new YoloCoder[] {YoloCoder.yolov5(), YoloCoder.mmdet()}) {
            for (int trial = 0; trial < 500; trial++) {
                // Centre within 0.9 strides (mmdet: 0.45, its targets cover half a stride each way), size ratio
                // in (1/3.5, 3.5): inside the coders' domains.
                double reach = coder.toString().contains("yolov5") ? 7.2 : 3.6;
                float gcx = 28 + (float) r.nextDouble(-reach, reach), gcy = 44 + (float) r.nextDouble(-reach, reach);
                float gw = 10 * (float) Math.exp(r.nextDouble(-1.25, 1.25)), gh = 13 * (float) Math.exp(r.nextDouble(-1.25, 1.25));
                Boxes gt = Boxes.ofXyxy(gcx - gw / 2, gcy - gh / 2, gcx + gw / 2, gcy + gh / 2);
                float[] target = new float[4];
                coder.encode(CELL, new float[] {8}, gt, target, 0);
                float[] pred = target.clone();
                if (coder.toString().contains("yolov5")) {
                    for (int q = 0; q < 4; q++) {
                        pred[q] = (float) Math.log(target[q] / (1 - target[q]));   // logit: decode takes raw outputs
                    }
                }
                float[] back = new float[4];
                coder.decode(CELL, new float[] {8}, pred, 0, 4, back, 0);
                float[] want = gt.toInterleaved(dev.anchorvec.boxes.BoxFormat.XYXY);
                assertArrayEquals(want, back, 2e-4f, coder + " trial " + trial);
            }
        }
    }

    @Test
    void targetsAreClampedOutsideTheDomain() {
        float[] t = new float[4];
        Boxes far = Boxes.ofXyxy(100, 100, 200, 200);   // centre 20 strides away, 10x the anchor
        YoloCoder.yolov5().encode(CELL, new float[] {8}, far, t, 0);
        assertArrayEquals(new float[] {1 - 1e-6f, 1 - 1e-6f, 1 - 1e-6f, 1 - 1e-6f}, t, 0f);
        YoloCoder.mmdet().encode(CELL, new float[] {8}, far, t, 0);
        assertEquals(1 - 1e-6f, t[0], 0f);
        assertEquals((float) Math.log(100f / 10f), t[2], 1e-6f);
    }

    @Test
    void badInput() {
        float[] out = new float[4];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> YoloCoder.yolov5().decode(CELL, new float[] {0}, new float[4], 0, 4, out, 0));
        assertTrue(e.getMessage().contains("strides[0]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> YoloCoder.mmdet().encode(CELL, new float[] {8}, Boxes.ofXyxy(1, 1, 1, 2), out, 0));
        assertTrue(e.getMessage().contains("gt[0]"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> YoloCoder.yolov5().decode(CELL, new float[] {8}, new float[4], 0, 3, out, 0));
        assertThrows(IllegalArgumentException.class,
                () -> YoloCoder.yolov5().decode(CELL, new float[] {8}, new float[4], 1, 4, out, 0));
        assertArrayEquals(new float[4], out, 0f);
    }
}
