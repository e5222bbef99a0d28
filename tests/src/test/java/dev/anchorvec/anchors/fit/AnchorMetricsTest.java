package dev.anchorvec.anchors.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The metrics on hand-computed cases, including peers.md C10 (YOLOv5's ratio metric). */
class AnchorMetricsTest {

    @Test
    void yolov5RatioMetricExample() {
        // Label 20 x 30 against anchor 10 x 13: r = (2, 2.3077), metric = min(1/2, 1/2.3077) = 0.4333 > 1/4.
        BoxSizes label = BoxSizes.of(new float[] {20}, new float[] {30});
        AnchorMetrics.Evaluation e = AnchorMetrics.evaluate(label, AnchorSet.of(10, 13));
        assertEquals(1.0, e.bpr());
        assertEquals(1.0, e.aat());
        assertEquals(13.0 / 30.0, e.fitness(), 1e-6);
        // IoU corner-aligned: inter 10 * 13 = 130, union 600 + 130 - 130 = 600.
        assertEquals(130.0 / 600.0, e.meanBestIou(), 1e-6);
        // With thr 2 the same pair is out of range (0.4333 < 1/2): nothing recallable.
        AnchorMetrics.Evaluation strict = AnchorMetrics.evaluate(label, AnchorSet.of(10, 13), 2.0);
        assertEquals(0.0, strict.bpr());
        assertEquals(0.0, strict.aat());
        assertEquals(0.0, strict.fitness());
    }

    @Test
    void countsAndMeansOverSeveralBoxesAndAnchors() {
        BoxSizes boxes = BoxSizes.of(new float[] {10, 100, 400}, new float[] {10, 100, 20});
        AnchorSet anchors = AnchorSet.of(10, 10, 100, 100);
        AnchorMetrics.Evaluation e = AnchorMetrics.evaluate(boxes, anchors);
        // 10x10 and 100x100 match an anchor exactly; 400x20: best x = min(100/400, 20/100) = 0.2 < 0.25.
        assertEquals(2.0 / 3, e.bpr(), 1e-12);
        assertEquals(2.0 / 3, e.aat(), 1e-12);
        assertEquals(2.0 / 3, e.fitness(), 1e-6);
        double iou400 = (100.0 * 20) / (8000 + 10000 - 2000);
        assertEquals((1 + 1 + iou400) / 3, e.meanBestIou(), 1e-6);
        assertEquals(e.bpr(), AnchorMetrics.bestPossibleRecall(boxes, anchors, 4.0));
    }

    @Test
    void rejectsBadInput() {
        BoxSizes one = BoxSizes.of(new float[] {1}, new float[] {1});
        AnchorSet a = AnchorSet.of(1, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AnchorMetrics.evaluate(one, a, 1.0));
        assertTrue(e.getMessage().contains("threshold"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AnchorMetrics.evaluate(one, a, Double.NaN));
        e = assertThrows(IllegalArgumentException.class,
                () -> AnchorMetrics.evaluate(BoxSizes.of(new float[0], new float[0]), a));
        assertTrue(e.getMessage().contains("boxes"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> BoxSizes.of(new float[] {1, 2}, new float[] {1}));
        assertTrue(e.getMessage().contains("widths.length"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> BoxSizes.of(new float[] {1, 0}, new float[] {1, 1}));
        assertTrue(e.getMessage().contains("widths[1]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> BoxSizes.of(new float[] {1}, new float[] {Float.NaN}));
        assertTrue(e.getMessage().contains("heights[0]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> AnchorSet.of(1, 2, 3));
        assertTrue(e.getMessage().contains("pairs"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> AnchorSet.of(1, -2));
        assertTrue(e.getMessage().contains("anchor 0"), e.getMessage());
    }

    @Test
    void anchorSetsSortByAreaAndSplitIntoLevels() {
        AnchorSet s = AnchorSet.yolov5Default();
        assertEquals(9, s.size());
        for (int i = 1; i < 9; i++) {
            assertTrue((double) s.width(i - 1) * s.height(i - 1) <= (double) s.width(i) * s.height(i));
        }
        assertEquals(AnchorSet.of(10, 13, 16, 30, 33, 23), s.level(0, 3));
        assertEquals(AnchorSet.of(116, 90, 156, 198, 373, 326), s.level(2, 3));
        assertThrows(IllegalArgumentException.class, () -> s.level(0, 2));
    }
}
