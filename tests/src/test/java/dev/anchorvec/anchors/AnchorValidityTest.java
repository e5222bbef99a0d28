package dev.anchorvec.anchors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anchorvec.boxes.Boxes;
import dev.anchorvec.testkit.Gen;
import dev.anchorvec.testkit.Prop;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** mmdet's inside flags and valid flags: boundaries, the negative border, NaN, planar input and level layout. */
class AnchorValidityTest {

    @Test
    void insideFlagsUseMmdetsBoundaries() {
        float[] anchors = {
            -2, -2, 10, 10,        // x1 = y1 = -border: inside
            -2.01f, 0, 10, 10,     // x1 < -border
            0, 0, 102, 10,         // x2 = W + border: outside (strict)
            0, 0, 101.99f, 51.99f, // just inside on both far sides
            0, 0, 10, 52,          // y2 = H + border
            Float.NaN, 0, 10, 10,  // NaN is never inside
        };
        boolean[] flags = new boolean[6];
        assertEquals(2, AnchorValidity.insideFlags(anchors, 0, 6, 50, 100, 2, flags));
        assertArrayEquals(new boolean[] {true, false, false, true, false, false}, flags);
        // allowed_border = -1: every anchor counts.
        assertEquals(6, AnchorValidity.insideFlags(anchors, 0, 6, 50, 100, -1, flags));
        assertArrayEquals(new boolean[] {true, true, true, true, true, true}, flags);
        // An offset into the array, a count short of its end, and flags longer than needed.
        boolean[] longer = new boolean[8];
        Arrays.fill(longer, true);
        assertEquals(1, AnchorValidity.insideFlags(anchors, 8, 2, 50, 100, 2, longer));
        assertArrayEquals(new boolean[] {false, true, true, true, true, true, true, true}, longer);
    }

    @Test
    void planarInsideFlagsEqualInterleaved() {
        Gen<int[]> sizes = rnd -> new int[] {32 * (1 + rnd.nextInt(8)), 32 * (1 + rnd.nextInt(8)),
            rnd.nextInt(-1, 40)};
        Prop.forAll("validity.planar", 40, sizes, s -> {
            AnchorGrid grid = AnchorPresets.torchvisionFasterRcnnFpn(s[0], s[1]);
            boolean[] interleaved = new boolean[grid.size()], planar = new boolean[grid.size()];
            float[] anchors = grid.toArray();
            int a = AnchorValidity.insideFlags(anchors, 0, grid.size(), s[0], s[1], s[2], interleaved);
            int b = AnchorValidity.insideFlags(grid.toBoxes(), s[0], s[1], s[2], planar);
            assertEquals(a, b);
            assertArrayEquals(interleaved, planar);
            int count = 0;
            for (int i = 0; i < grid.size(); i++) {
                boolean in = s[2] < 0 || anchors[4 * i] >= -s[2] && anchors[4 * i + 1] >= -s[2]
                        && anchors[4 * i + 2] < s[1] + s[2] && anchors[4 * i + 3] < s[0] + s[2];
                assertEquals(in, interleaved[i], "anchor " + i);
                count += in ? 1 : 0;
            }
            assertEquals(count, a);
        });
    }

    @Test
    void validFlagsCutCellsOnPadding() {
        // A 10 x 10 grid with stride 8 and 2 anchors per cell; the padded image is 50 x 70:
        // ceil(50 / 8) = 7 valid rows, ceil(70 / 8) = 9 valid columns.
        GridLevel level = CellAnchors.builder().sizes(16).aspectRatios(1, 2).level(10, 10, 8, 8);
        boolean[] flags = new boolean[3 + level.size()];
        Arrays.fill(flags, true);
        int valid = AnchorValidity.validFlags(level, 8, 8, 50, 70, flags, 3);
        assertEquals(7 * 9 * 2, valid);
        assertTrue(flags[0] && flags[1] && flags[2], "wrote before the offset");
        for (int y = 0; y < 10; y++) {
            for (int x = 0; x < 10; x++) {
                for (int a = 0; a < 2; a++) {
                    assertEquals(y < 7 && x < 9, flags[3 + (y * 10 + x) * 2 + a], "cell " + y + ", " + x);
                }
            }
        }
        // A padded image larger than the grid covers: every cell is valid (mmdet's min with the map size).
        assertEquals(level.size(), AnchorValidity.validFlags(level, 8, 8, 1000, 1000, flags, 0));
        assertEquals(0, AnchorValidity.validFlags(level, 8, 8, 0, 70, flags, 0));
    }

    @Test
    void validFlagsOfAGridFollowItsLevels() {
        AnchorGrid grid = AnchorPresets.torchvisionRetinaNet(800, 1216);
        boolean[] flags = new boolean[grid.size()];
        double[] sy = {8, 16, 32, 61, 114}, sx = {8, 16, 32, 64, 121};
        assertEquals(grid.size(), AnchorValidity.validFlags(grid, sy, sx, 800, 1216, flags));
        // An image padded to 800 x 1216 but only 600 x 900 of it real: fewer valid cells on every level.
        int valid = AnchorValidity.validFlags(grid, sy, sx, 600, 900, flags);
        int expected = 0;
        for (int l = 0; l < 5; l++) {
            GridLevel level = grid.levelList().get(l);
            expected += (int) (Math.min(Math.ceil(600 / sy[l]), level.height())
                    * Math.min(Math.ceil(900 / sx[l]), level.width())) * 9;
        }
        assertEquals(expected, valid);
        assertTrue(valid < grid.size());
    }

    @Test
    void emptyInputs() {
        assertEquals(0, AnchorValidity.insideFlags(new float[0], 0, 0, 10, 10, 0, new boolean[0]));
        assertEquals(0, AnchorValidity.insideFlags(Boxes.allocate(0), 10, 10, 0, new boolean[0]));
    }
}
