package dev.anchorvec.anchors.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The seed's scale rule and the size statistics. */
class AnchorScalesTest {

    @Test
    void seedExampleScales() {
        // 256 x 256 images; objects from 40 to 80 pixels a side: 0.15625, 0.234375, 0.3125.
        assertArrayEquals(new double[] {0.15625, 0.234375, 0.3125}, AnchorScales.linear(0.15625, 0.3125, 3));
        BoxSizes boxes = BoxSizes.of(new float[] {40, 60, 80}, new float[] {50, 45, 70});
        assertArrayEquals(new double[] {40.0 / 256, 60.0 / 256, 80.0 / 256}, AnchorScales.fromData(boxes, 256, 3),
                1e-12);
        assertArrayEquals(new double[] {0.5}, AnchorScales.linear(0.5, 0.9, 1));
        assertThrows(IllegalArgumentException.class, () -> AnchorScales.linear(0.3, 0.2, 3));
        assertThrows(IllegalArgumentException.class, () -> AnchorScales.linear(0, 0.2, 3));
        assertThrows(IllegalArgumentException.class, () -> AnchorScales.linear(0.1, 0.2, 0));
        assertThrows(IllegalArgumentException.class, () -> AnchorScales.fromData(boxes, 0, 3));
    }

    @Test
    void sizeStatisticsCountEveryBoxOnce() {
        BoxSizes boxes = BoxSizes.of(new float[] {1, 2, 4, 8, 16, 10}, new float[] {1, 2, 4, 8, 16, 40});
        SizeStatistics s = SizeStatistics.of(boxes, 4);
        assertEquals(1, s.minSide());
        assertEquals(40, s.maxSide());
        assertEquals(6, java.util.Arrays.stream(s.sizeCounts()).sum());
        assertEquals(6, java.util.Arrays.stream(s.ratioCounts()).sum());
        assertEquals(5, s.sizeEdges().length);
        assertEquals(5, s.ratioCounts()[0]);   // five squares (ratio 1) in the first ratio bin
        assertEquals(1, s.ratioCounts()[3]);   // 10 x 40 (ratio 4) in the last
        assertThrows(IllegalArgumentException.class, () -> SizeStatistics.of(boxes, 0));
    }
}
