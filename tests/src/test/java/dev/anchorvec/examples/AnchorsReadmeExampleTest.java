package dev.anchorvec.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.anchorvec.anchors.AnchorGrid;
import dev.anchorvec.anchors.AnchorPresets;
import dev.anchorvec.anchors.AnchorValidity;
import dev.anchorvec.anchors.CellAnchors;
import dev.anchorvec.anchors.GridLevel;
import dev.anchorvec.boxes.Boxes;
import org.junit.jupiter.api.Test;

/** The README's anchor example (section "Anchors"), verbatim between the markers. */
class AnchorsReadmeExampleTest {

    @Test
    void anchorsReadmeExample() {
        // README anchors example start
        // torchvision's RetinaNet anchors for a 640 x 640 input, bit for bit: 76725 boxes, xyxy.
        AnchorGrid retina = AnchorPresets.torchvisionRetinaNet(640, 640);
        float[] rows = new float[4 * retina.size()];
        retina.writeTo(rows, 0);                 // no allocation: reuse rows for every image
        Boxes planar = retina.toBoxes();         // planar, for BoxIou / BestIou

        // A grid of your own: sizes 32 and 64 at h/w ratios 0.5, 1, 2, centred in 8-pixel cells of a 40 x 60 map.
        GridLevel level = CellAnchors.builder()
                .sizes(32, 64).aspectRatios(0.5, 1, 2)
                .centreOffset(0.5)               // 0 = torchvision (cell corner), 0.5 = cell centre
                .level(40, 60, 8, 8);
        AnchorGrid custom = AnchorGrid.builder().level(level).clip(480, 320).build();

        // The seed example: 256 x 256, one 8 x 8 grid, scales 0.15625 .. 0.3125, ratios 1:1 and 2:1 (w:h).
        AnchorGrid seed = AnchorPresets.seedExample();                 // 6 anchors per cell, 384 in all

        // mmdet's training flags: anchors inside the image (border 0) on a 600 x 560 part of a padded image.
        boolean[] inside = new boolean[retina.size()];
        int n = AnchorValidity.insideFlags(rows, 0, retina.size(), 600, 560, 0, inside);
        // README anchors example end

        assertEquals(76725, retina.size());
        assertEquals(76725, planar.size());
        assertEquals(40 * 60 * 6, custom.size());
        assertEquals(384, seed.size());
        int expected = 0;
        for (int i = 0; i < retina.size(); i++) {
            if (rows[4 * i] >= 0 && rows[4 * i + 1] >= 0 && rows[4 * i + 2] < 560 && rows[4 * i + 3] < 600) {
                expected++;
            }
        }
        assertEquals(expected, n);
        assertEquals(rows[0], planar.x1(0));
    }
}
