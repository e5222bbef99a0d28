package dev.anchorvec.select;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anchorvec.boxes.Boxes;
import org.junit.jupiter.api.Test;

/** Named Soft-NMS examples (peers.md C9), preset semantics, and bad input. */
class SoftNmsExamplesTest {

    /**
     * mmcv's {@code soft_nms} docstring: degenerate boxes (IoU 0/0, which is 0 here and NaN in mmcv: either way
     * no linear decay), linear, iou 0.6, sigma 0.5, min_score 1e-3: 5 kept, the zero score dropped.
     */
    @Test
    void mmcvDocstringDegenerateBoxes() {
        Boxes boxes = Boxes.ofXyxy(4, 3, 5, 3, 4, 3, 5, 4, 3, 1, 3, 1, 3, 1, 3, 1, 3, 1, 3, 1, 3, 1, 3, 1);
        float[] scores = {0.9f, 0.9f, 0.5f, 0.5f, 0.4f, 0.0f};
        SoftNmsResult r = SoftNms.run(boxes, scores, SoftNmsParams.mmcv(SoftNmsMethod.LINEAR, 0.6f, 0.5f, 1e-3f));
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, r.keep());
        assertArrayEquals(new float[] {0.9f, 0.9f, 0.5f, 0.5f, 0.4f}, r.updatedScores());
    }

    /** Hand-computed: two boxes with IoU 1/3; Gaussian (paper sigma 0.5) and linear at both IoU edges. */
    @Test
    void handComputedDecays() {
        Boxes boxes = Boxes.ofXyxy(0, 0, 2, 1, 1, 0, 3, 1); // inter 1, union 3
        float[] scores = {0.9f, 0.8f};
        float iou = 1f / 3f;
        SoftNmsResult g = SoftNms.run(boxes, scores, SoftNmsParams.mmcv(SoftNmsMethod.GAUSSIAN));
        assertArrayEquals(new int[] {0, 1}, g.keep());
        assertEquals(0.8f * (float) Math.exp(-(iou * iou) / 0.5f), g.updatedScores()[1], 1e-7f);
        SoftNmsResult tf = SoftNms.run(boxes, scores, SoftNmsParams.tensorflow(0.5f, Float.NEGATIVE_INFINITY, 10));
        assertEquals(0.8f * (float) Math.exp(-(iou * iou) / 1f), tf.updatedScores()[1], 1e-7f);
        // IoU exactly at the threshold: mmcv (>=) decays, OpenCV (>) does not.
        SoftNmsResult m = SoftNms.run(boxes, scores, SoftNmsParams.mmcv(SoftNmsMethod.LINEAR, iou, 0.5f, 1e-3f));
        assertEquals(0.8f * (1 - iou), m.updatedScores()[1]);
        SoftNmsResult o = SoftNms.run(boxes, scores, SoftNmsParams.opencv(SoftNmsMethod.LINEAR, 0f, iou, 0, 0.5f));
        assertEquals(0.8f, o.updatedScores()[1]);
    }

    /**
     * TF's sigma convention with a sigma so small that {@code -0.5 / sigma} overflows: a box that overlaps nothing
     * keeps its score (it once became NaN and was dropped), an overlapping one decays to 0.
     */
    @Test
    void tinyTensorflowSigmaKeepsBoxesThatOverlapNothing() {
        Boxes boxes = Boxes.ofXyxy(0, 0, 2, 1, 10, 10, 11, 11, 1, 0, 3, 1);
        float[] scores = {0.9f, 0.8f, 0.7f};
        for (float sigma : new float[] {1e-40f, Float.MIN_VALUE, 1e-30f}) {
            SoftNmsResult r = SoftNms.run(boxes, scores, SoftNmsParams.tensorflow(sigma, 1e-3f, 10));
            assertArrayEquals(new int[] {0, 1}, r.keep(), "sigma " + sigma);
            assertArrayEquals(new float[] {0.9f, 0.8f}, r.updatedScores(), "sigma " + sigma);
        }
    }

    /** Score threshold edges: OpenCV keeps a score equal to the threshold, TF does not; caps apply. */
    @Test
    void thresholdsAndCaps() {
        Boxes boxes = Boxes.ofXyxy(0, 0, 1, 1, 5, 5, 6, 6, 10, 10, 11, 11);
        float[] scores = {0.5f, 0.25f, 0.75f};
        assertArrayEquals(new int[] {2, 0, 1}, SoftNms.run(boxes, scores,
                SoftNmsParams.opencv(SoftNmsMethod.GAUSSIAN, 0.25f, 0.3f, 0, 0.5f)).keep());
        assertArrayEquals(new int[] {2, 0}, SoftNms.run(boxes, scores,
                SoftNmsParams.tensorflow(0.5f, 0.25f, 10)).keep());
        assertArrayEquals(new int[] {2}, SoftNms.run(boxes, scores,
                SoftNmsParams.opencv(SoftNmsMethod.GAUSSIAN, 0f, 0.3f, 1, 0.5f)).keep());
        assertEquals(0, SoftNms.run(boxes, scores, SoftNmsParams.tensorflow(0.5f, 0f, 0)).keep().length);
        assertEquals(0, SoftNms.run(Boxes.allocate(0), new float[0], SoftNmsParams.mmcv(SoftNmsMethod.LINEAR))
                .keep().length);
    }

    /** Ties go to the lower index; NaN scores are never selected; infinite score times weight 0 is dropped. */
    @Test
    void tiesNaNAndInfinity() {
        Boxes boxes = Boxes.ofXyxy(0, 0, 1, 1, 5, 5, 6, 6, 5, 5, 6, 6, 5, 5, 6, 6, 0, 0, 1, 1);
        float inf = Float.POSITIVE_INFINITY;
        float[] scores = {0.5f, inf, inf, Float.NaN, 0.5f};
        SoftNmsResult r = SoftNms.run(boxes, scores, SoftNmsParams.opencv(SoftNmsMethod.LINEAR, 0f, 0.5f, 0, 0.5f));
        // 1 before 2 (tie); 2 then decays to inf * (1 - 1) = NaN and is dropped; 0 before 4 (tie); 4 decays to 0,
        // which passes `>= 0`.
        assertArrayEquals(new int[] {1, 0, 4}, r.keep());
        assertArrayEquals(new float[] {inf, 0.5f, 0f}, r.updatedScores());
    }

    @Test
    void badInputIsRejectedBeforeWriting() {
        Boxes boxes = Boxes.ofXyxy(0, 0, 1, 1, 0, 0, 2, 2);
        float[] scores = {0.5f, 0.4f};
        SoftNmsParams p = SoftNmsParams.mmcv(SoftNmsMethod.LINEAR);
        int[] keep = {-7, -7};
        float[] upd = {-7, -7};
        SoftNmsWorkspace ws = new SoftNmsWorkspace();
        assertThrows(IllegalArgumentException.class, () -> SoftNms.run(boxes, new float[1], 0, p, keep, upd, ws));
        assertThrows(IllegalArgumentException.class, () -> SoftNms.run(boxes, scores, 1, p, keep, upd, ws));
        assertThrows(IllegalArgumentException.class, () -> SoftNms.run(boxes, scores, -1, p, keep, upd, ws));
        assertThrows(IllegalArgumentException.class, () -> SoftNms.run(boxes, scores, 0, p, new int[1], upd, ws));
        assertThrows(IllegalArgumentException.class, () -> SoftNms.run(boxes, scores, 0, p, keep, new float[1], ws));
        assertArrayEquals(new int[] {-7, -7}, keep);
        assertArrayEquals(new float[] {-7, -7}, upd);
        String msg = assertThrows(IllegalArgumentException.class,
                () -> SoftNmsParams.mmcv(SoftNmsMethod.GAUSSIAN, 0.3f, Float.NaN, 1e-3f)).getMessage();
        assertTrue(msg.contains("sigma"), msg);
        assertThrows(IllegalArgumentException.class, () -> SoftNmsParams.mmcv(SoftNmsMethod.GAUSSIAN, 0.3f, 0f, 0f));
        assertThrows(IllegalArgumentException.class, () -> SoftNmsParams.mmcv(SoftNmsMethod.GAUSSIAN, 0.3f, -1f, 0f));
        msg = assertThrows(IllegalArgumentException.class,
                () -> SoftNmsParams.mmcv(SoftNmsMethod.LINEAR, Float.NaN, 0.5f, 0f)).getMessage();
        assertTrue(msg.contains("iouThreshold"), msg);
        msg = assertThrows(IllegalArgumentException.class,
                () -> SoftNmsParams.mmcv(SoftNmsMethod.LINEAR, 0.3f, 0.5f, Float.NaN)).getMessage();
        assertTrue(msg.contains("scoreThreshold"), msg);
        msg = assertThrows(IllegalArgumentException.class,
                () -> SoftNmsParams.opencv(SoftNmsMethod.LINEAR, 0f, 0.3f, -1, 0.5f)).getMessage();
        assertTrue(msg.contains("topK"), msg);
        msg = assertThrows(IllegalArgumentException.class,
                () -> SoftNmsParams.tensorflow(0.5f, 0f, -1)).getMessage();
        assertTrue(msg.contains("maxOutput"), msg);
        assertThrows(IllegalArgumentException.class, () -> new SoftNmsWorkspace(-1));
    }
}
