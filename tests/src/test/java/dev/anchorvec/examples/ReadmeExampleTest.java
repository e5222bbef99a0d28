package dev.anchorvec.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.anchorvec.boxes.BestIou;
import dev.anchorvec.boxes.BoxConvert;
import dev.anchorvec.boxes.BoxFormat;
import dev.anchorvec.boxes.BoxIou;
import dev.anchorvec.boxes.BoxOps;
import dev.anchorvec.boxes.BoxValidation;
import dev.anchorvec.boxes.Boxes;
import dev.anchorvec.boxes.IouKind;
import dev.anchorvec.boxes.OverlapTest;
import org.junit.jupiter.api.Test;

/** The README's example, verbatim between the markers, so it keeps compiling and means what it says. */
class ReadmeExampleTest {

    @Test
    void readmeExample() {
        // README example start
        // A model's output: n rows of (cx, cy, w, h). Convert once at the boundary into planar xyxy boxes.
        float[] rows = {35, 45, 50, 70,   140, 80, 80, 80,   36, 44, 48, 72};
        int n = rows.length / 4;
        Boxes det = BoxConvert.fromInterleaved(rows, 0, n, BoxFormat.CXCYWH, Boxes.allocate(n));
        Boxes gt = Boxes.ofXyxy(10, 10, 60, 80,   100, 40, 180, 120);

        float[] iou = BoxIou.pairwise(IouKind.IOU, det, gt);          // n x 2, row-major
        float[] giou = BoxIou.aligned(IouKind.GIOU, det, det);        // each box against itself: 1

        // Each detection's best gt and each gt's best detection, without the n x m matrix:
        BestIou.Result best = BestIou.compute(det, gt);

        // The NMS inner loop, division-free: which detections overlap detection 0 by more than 0.5?
        long[] bits = new long[(n + 63) / 64];
        int overlapping = OverlapTest.bitsAbove(det, 0, det, 0, n, 0.5, bits);

        BoxOps.clip(det, 640, 480);
        BoxValidation.requireValid(det, "det");   // IllegalArgumentException naming the first NaN/inf/inverted box
        // README example end

        assertArrayEquals(new float[] {10, 10, 60, 80}, new float[] {det.x1(0), det.y1(0), det.x2(0), det.y2(0)});
        assertEquals(1f, iou[0]);
        assertEquals(1f, iou[3]);
        assertArrayEquals(new float[] {1, 1, 1}, giou);
        assertArrayEquals(new int[] {0, 1, 0}, best.argA());
        assertArrayEquals(new int[] {0, 1}, best.argB());
        assertEquals(2, overlapping);                   // detection 0 itself and detection 2
        assertEquals(0b101L, bits[0]);
        assertThrows(IllegalArgumentException.class,
                () -> BoxValidation.requireValid(Boxes.ofXyxy(5, 0, 1, 1), "det"));
    }
}
