package dev.anchorvec.anchors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The peers' own unit-test expectations for anchor generation (peers.md, C6), one test each. Where the peer test
 * compares exactly (integer anchors) so do these; where it uses {@code allclose} on values printed to 4 decimals,
 * these allow 5e-5 plus 1e-5 relative, as {@code torch.allclose} would.
 */
class PeerAnchorExamplesTest {

    /** Asserts {@code actual} holds the rows of {@code expected} ({@code x1, y1, x2, y2} each). */
    static void assertRows(float[][] expected, float[] actual, double tol) {
        assertEquals(4 * expected.length, actual.length, "number of anchors");
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < 4; j++) {
                float e = expected[i][j];
                assertEquals(e, actual[4 * i + j], tol + 1e-5 * Math.abs(e),
                        "anchor " + i + "[" + j + "]: " + Arrays.toString(Arrays.copyOfRange(actual, 4 * i, 4 * i + 4)));
            }
        }
    }

    static void assertRows(float[][] expected, float[] actual) {
        assertRows(expected, actual, 0);
    }

    /** TF rows are {@code (ymin, xmin, ymax, xmax)}; anchorvec's {@code (x1, y1, x2, y2)}. */
    private static float[][] fromYxyx(float[][] rows) {
        float[][] out = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = new float[] {rows[i][1], rows[i][0], rows[i][3], rows[i][2]};
        }
        return out;
    }

    private static float[] levelCell(AnchorGrid grid, int level) {
        return grid.levelList().get(level).cell();
    }

    // ------------------------------------------------------------------------------------------------- torchvision

    @Test
    void torchvisionAnchorGenerator15x15OnA3x3Grid() {
        // test_models_detection_anchor_utils.py::test_anchor_generator: stride 15 // 3 = 5, size 10, ratio 1.
        AnchorGrid grid = AnchorPresets.torchvision(15, 15, new int[][] {{3, 3}}, new double[][] {{10}},
                new double[][] {{1}});
        assertRows(new float[][] {{-5, -5, 5, 5}, {0, -5, 10, 5}, {5, -5, 15, 5}, {-5, 0, 5, 10}, {0, 0, 10, 10},
                {5, 0, 15, 10}, {-5, 5, 5, 15}, {0, 5, 10, 15}, {5, 5, 15, 15}}, grid.toArray());
    }

    @Test
    void torchvisionDefaultBoxGenerator15x15() {
        // test_defaultbox_generator: DefaultBoxGenerator([[2]]) (min 0.15, max 0.9), image 15 x 15, feature 1 x 1.
        SsdDefaultBoxes boxes = SsdDefaultBoxes.of(new double[][] {{2}}, 0.15, 0.9, null, true);
        assertArrayEquals(new double[] {0.15, 0.9}, boxes.scales());
        float[] actual = boxes.pixelGrid(15, 15, new int[][] {{1, 1}}).toArray();
        float[][] expected = {{6.3750f, 6.3750f, 8.6250f, 8.6250f}, {4.7443f, 4.7443f, 10.2557f, 10.2557f},
                {5.9090f, 6.7045f, 9.0910f, 8.2955f}, {6.7045f, 5.9090f, 8.2955f, 9.0910f}};
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < 4; j++) {
                assertEquals(expected[i][j], actual[4 * i + j], 1e-5 * expected[i][j] + 5e-5, "box " + i);
            }
        }
    }

    @Test
    void torchvisionRoundsHalfExtentsHalfToEven() {
        // size 32, ratios 0.5, 1, 2: +-22.627 becomes +-23, so the width is 46, not 45.25.
        assertRows(new float[][] {{-23, -11, 23, 11}, {-16, -16, 16, 16}, {-11, -23, 11, 23}},
                CellAnchors.torchvision(new double[] {32}, new double[] {0.5, 1, 2}));
        // detectron2 keeps the same anchors unrounded.
        assertRows(new float[][] {{-22.627f, -11.314f, 22.627f, 11.314f}, {-16, -16, 16, 16},
                {-11.314f, -22.627f, 11.314f, 22.627f}},
                CellAnchors.detectron2(new double[] {32}, new double[] {0.5, 1, 2}), 5e-4);
        // Half to even, not half up: sizes 101, 161, 203, 645 at ratio 1 have half-extents x.5.
        assertRows(new float[][] {{-50, -50, 50, 50}, {-80, -80, 80, 80}, {-102, -102, 102, 102},
                {-322, -322, 322, 322}}, CellAnchors.torchvision(new double[] {101, 161, 203, 645}, new double[] {1}));
    }

    @Test
    void torchvisionRetinaNetSizesAreTruncated() {
        double[][] expected = {{32, 40, 50}, {64, 80, 101}, {128, 161, 203}, {256, 322, 406}, {512, 645, 812}};
        assertArrayEquals(expected, AnchorPresets.torchvisionRetinaNetSizes());
        assertEquals(76725, AnchorPresets.torchvisionRetinaNet(640, 640).size());
        assertEquals(102300, AnchorPresets.torchvisionFasterRcnnFpn(640, 640).size());
        assertEquals(182403, AnchorPresets.torchvisionRetinaNet(800, 1216).size());
    }

    @Test
    void torchvisionSsdBoxCounts() {
        assertEquals(8732, AnchorPresets.torchvisionSsd300().size());
        assertEquals(3234, AnchorPresets.torchvisionSsdlite320().size());
    }

    // -------------------------------------------------------------------------------------------------- detectron2

    private static final float[][] D2_OFFSET_0 = {{-32, -8, 32, 8}, {-16, -16, 16, 16}, {-8, -32, 8, 32},
        {-64, -16, 64, 16}, {-32, -32, 32, 32}, {-16, -64, 16, 64}, {-28, -8, 36, 8}, {-12, -16, 20, 16},
        {-4, -32, 12, 32}, {-60, -16, 68, 16}, {-28, -32, 36, 32}, {-12, -64, 20, 64}};

    @Test
    void detectron2DefaultAnchorGeneratorWithConfigOffset0() {
        // tests/modeling/test_anchor_generator.py: sizes [32, 64], ratios [0.25, 1, 4], stride 4, feature 1 x 2.
        AnchorGrid grid = AnchorPresets.detectron2(new int[][] {{1, 2}}, new double[] {4},
                new double[][] {{32, 64}}, new double[][] {{0.25, 1, 4}}, 0.0);
        assertRows(D2_OFFSET_0, grid.toArray());
    }

    @Test
    void detectron2DefaultAnchorGeneratorWithClassDefaultOffsetHalf() {
        AnchorGrid grid = AnchorPresets.detectron2(new int[][] {{1, 2}}, new double[] {4},
                new double[][] {{32, 64}}, new double[][] {{0.25, 1, 4}}, 0.5);
        float[][] expected = new float[D2_OFFSET_0.length][];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = new float[4];
            for (int j = 0; j < 4; j++) {
                expected[i][j] = D2_OFFSET_0[i][j] + 2;   // offset 0.5 * stride 4
            }
        }
        assertRows(expected, grid.toArray());
        assertRows(new float[][] {{-30, -6, 34, 10}, {-14, -14, 18, 18}}, Arrays.copyOf(grid.toArray(), 8));
    }

    @Test
    void detectron2BroadcastsOneLevelToAll() {
        AnchorGrid grid = AnchorPresets.detectron2Fpn(64, 64, 0);
        assertEquals(5, grid.levels());
        for (int l = 0; l < 5; l++) {
            assertEquals(3, grid.levelList().get(l).anchorsPerLocation());
        }
    }

    // -------------------------------------------------------------------------------------------------------- mmdet

    @Test
    void mmdetStridesSquareAndPerAxis() {
        // test_strides: AnchorGenerator([10], [1.], [1.], [10]) on 2 x 2; then strides (w, h) = (10, 20).
        AnchorGrid square = AnchorPresets.mmdet(new int[][] {{2, 2}}, new double[] {10}, new double[] {1},
                new double[] {1}, true, 0);
        assertRows(new float[][] {{-5, -5, 5, 5}, {5, -5, 15, 5}, {-5, 5, 5, 15}, {5, 5, 15, 15}}, square.toArray());
        float[] cell = CellAnchors.mmdet(10, new double[] {1}, new double[] {1}, true, 0);
        AnchorGrid perAxis = AnchorGrid.builder().level(new GridLevel(2, 2, new float[] {0, 10},
                new float[] {0, 20}, cell)).build();
        assertRows(new float[][] {{-5, -5, 5, 5}, {5, -5, 15, 5}, {-5, 15, 5, 25}, {5, 15, 15, 25}},
                perAxis.toArray());
    }

    @Test
    void mmdetDocstringExamples() {
        // AnchorGenerator([16], [1.], [1.], [9]): stride 16, base size 9.
        float[] cell = CellAnchors.mmdet(9, new double[] {1}, new double[] {1}, true, 0);
        AnchorGrid grid = AnchorGrid.builder().level(new GridLevel(2, 2, new float[] {0, 16}, new float[] {0, 16},
                cell)).build();
        assertRows(new float[][] {{-4.5f, -4.5f, 4.5f, 4.5f}, {11.5f, -4.5f, 20.5f, 4.5f},
                {-4.5f, 11.5f, 4.5f, 20.5f}, {11.5f, 11.5f, 20.5f, 20.5f}}, grid.toArray());
        // LegacyAnchorGenerator(..., center_offset=0.5): centre 0.5 * (9 - 1) = 4, extents 0.5 * (9 - 1).
        float[] legacy = CellAnchors.mmdetLegacy(9, new double[] {1}, new double[] {1}, true, 0.5);
        AnchorGrid legacyGrid = AnchorGrid.builder().level(new GridLevel(2, 2, new float[] {0, 16},
                new float[] {0, 16}, legacy)).build();
        assertRows(new float[][] {{0, 0, 8, 8}, {16, 0, 24, 8}, {0, 16, 8, 24}, {16, 16, 24, 24}},
                legacyGrid.toArray());
    }

    private static final float[][] MMDET_RETINA_LEVEL0 = {
        {-22.6274f, -11.3137f, 22.6274f, 11.3137f}, {-28.5088f, -14.2544f, 28.5088f, 14.2544f},
        {-35.9188f, -17.9594f, 35.9188f, 17.9594f}, {-16, -16, 16, 16},
        {-20.1587f, -20.1587f, 20.1587f, 20.1587f}, {-25.3984f, -25.3984f, 25.3984f, 25.3984f},
        {-11.3137f, -22.6274f, 11.3137f, 22.6274f}, {-14.2544f, -28.5088f, 14.2544f, 28.5088f},
        {-17.9594f, -35.9188f, 17.9594f, 35.9188f}};

    @Test
    void mmdetRetinaNetBaseAnchorsAndValidCounts() {
        AnchorGrid grid = AnchorPresets.mmdetRetinaNet(640, 640);
        assertRows(MMDET_RETINA_LEVEL0, levelCell(grid, 0), 5e-5);
        for (int l = 1; l < 5; l++) {
            float[][] scaled = new float[9][4];
            for (int a = 0; a < 9; a++) {
                for (int j = 0; j < 4; j++) {
                    scaled[a][j] = MMDET_RETINA_LEVEL0[a][j] * (1 << l);   // x2 per level
                }
            }
            assertRows(scaled, levelCell(grid, l), 5e-5 * (1 << l));
        }
        int[] valid = levelValidCounts(grid, new double[] {8, 16, 32, 64, 128}, 640, 640);
        assertArrayEquals(new int[] {57600, 14400, 3600, 900, 225}, valid);
    }

    @Test
    void mmdetSsd300BaseAnchorsAndValidCounts() {
        assertArrayEquals(new int[][] {{21, 45, 99, 153, 207, 261}, {45, 99, 153, 207, 261, 315}},
                CellAnchors.mmdetSsdSizes(300, 0.15, 0.9, 6));
        AnchorGrid grid = AnchorPresets.mmdetSsd300();
        assertRows(new float[][] {{-6.5f, -6.5f, 14.5f, 14.5f}, {-11.3704f, -11.3704f, 19.3704f, 19.3704f},
                {-10.8492f, -3.4246f, 18.8492f, 11.4246f}, {-3.4246f, -10.8492f, 11.4246f, 18.8492f}},
                levelCell(grid, 0), 5e-5);
        assertRows(new float[][] {{19.5f, 19.5f, 280.5f, 280.5f}, {6.6342f, 6.6342f, 293.3658f, 293.3658f},
                {-34.5549f, 57.7226f, 334.5549f, 242.2774f}, {57.7226f, -34.5549f, 242.2774f, 334.5549f}},
                levelCell(grid, 5), 5e-5);
        int[] perLocation = grid.levelList().stream().mapToInt(GridLevel::anchorsPerLocation).toArray();
        assertArrayEquals(new int[] {4, 6, 6, 6, 4, 4}, perLocation);
        int[] valid = levelValidCounts(grid, new double[] {8, 16, 32, 64, 100, 300}, 300, 300);
        assertArrayEquals(new int[] {5776, 2166, 600, 150, 36, 4}, valid);
        assertEquals(8732, grid.size());
    }

    @Test
    void mmdetManualSsdSizes() {
        double[] min = {48, 100, 150, 202, 253, 304}, max = {100, 150, 202, 253, 304, 320};
        double[] strides = {16, 32, 64, 107, 160, 320};
        assertRows(new float[][] {{-16, -16, 32, 32}, {-26.6410f, -26.6410f, 42.6410f, 42.6410f},
                {-25.9411f, -8.9706f, 41.9411f, 24.9706f}, {-8.9706f, -25.9411f, 24.9706f, 41.9411f},
                {-33.5692f, -5.8564f, 49.5692f, 21.8564f}, {-5.8564f, -33.5692f, 21.8564f, 49.5692f}},
                CellAnchors.mmdetSsd(min[0], max[0], new double[] {2, 3}, 16, 16), 5e-5);
        // The peer test's feature maps are SSD300's, larger than 320 / stride: valid flags cut them.
        AnchorGrid.Builder b = AnchorGrid.builder();
        for (int l = 0; l < 6; l++) {
            int side = SsdDefaultBoxes.SSD300_GRIDS[l][0];
            float[] cell = CellAnchors.mmdetSsd(min[l], max[l], new double[] {2, 3}, strides[l], strides[l]);
            b.level(new GridLevel(side, side, new float[side], new float[side], cell));
        }
        assertArrayEquals(new int[] {2400, 600, 150, 54, 24, 6}, levelValidCounts(b.build(), strides, 320, 320));
    }

    @Test
    void mmdetYoloBaseAnchors() {
        AnchorGrid grid = AnchorPresets.mmdetYoloV3(608, 608);
        assertRows(new float[][] {{-42, -29, 74, 61}, {-62, -83, 94, 115}, {-170.5f, -147, 202.5f, 179}},
                levelCell(grid, 0));
        assertRows(new float[][] {{-7, -22.5f, 23, 38.5f}, {-23, -14.5f, 39, 30.5f}, {-21.5f, -51.5f, 37.5f, 67.5f}},
                levelCell(grid, 1));
        assertRows(new float[][] {{-1, -2.5f, 9, 10.5f}, {-4, -11, 12, 19}, {-12.5f, -7.5f, 20.5f, 15.5f}},
                levelCell(grid, 2));
        assertEquals(3 * (19 * 19 + 38 * 38 + 76 * 76), grid.size());
    }

    // ----------------------------------------------------------------------------------------------------------- TF

    @Test
    void tfGridAnchorGeneratorSingleAnchor() {
        // grid_anchor_generator_test.py: scales [0.5, 1, 2], ratios (w/h) [0.25, 1, 4], default base 256 and
        // stride 16, offset [7, -3], 1 x 1 grid; TF rows are (ymin, xmin, ymax, xmax).
        AnchorGrid grid = AnchorPresets.tfGrid(1, 1, new double[] {0.5, 1, 2}, new double[] {0.25, 1, 4}, 256, 256,
                16, 16, 7, -3);
        assertRows(fromYxyx(new float[][] {{-121, -35, 135, 29}, {-249, -67, 263, 61}, {-505, -131, 519, 125},
                {-57, -67, 71, 61}, {-121, -131, 135, 125}, {-249, -259, 263, 253}, {-25, -131, 39, 125},
                {-57, -259, 71, 253}, {-121, -515, 135, 509}}), grid.toArray());
    }

    @Test
    void tfGridAnchorGenerator2x2() {
        AnchorGrid grid = AnchorPresets.tfGrid(2, 2, new double[] {0.5, 1, 2}, new double[] {1}, 10, 10, 19, 19, 0,
                0);
        assertRows(fromYxyx(new float[][] {{-2.5f, -2.5f, 2.5f, 2.5f}, {-5, -5, 5, 5}, {-10, -10, 10, 10},
                {-2.5f, 16.5f, 2.5f, 21.5f}, {-5, 14, 5, 24}, {-10, 9, 10, 29}, {16.5f, -2.5f, 21.5f, 2.5f},
                {14, -5, 24, 5}, {9, -10, 29, 10}, {16.5f, 16.5f, 21.5f, 21.5f}, {14, 14, 24, 24}, {9, 9, 29, 29}}),
                grid.toArray());
    }

    @Test
    void tfCreateSsdAnchorsScales() {
        TfSsdAnchors tf = TfSsdAnchors.defaults();
        assertArrayEquals(new double[] {0.2, 0.35, 0.5, 0.65, 0.8, 0.95, 1.0}, tf.scales(6), 1e-12);
        double[] interpolated = {0.26458, 0.41833, 0.57009, 0.72111, 0.87178, 0.97468};
        double[] s = tf.scales(6);
        for (int i = 0; i < 6; i++) {
            assertEquals(interpolated[i], Math.sqrt(s[i] * s[i + 1]), 5e-6, "interpolated scale " + i);
        }
        // Layer 0 (reduced): (0.1, 1), (0.2, 2), (0.2, 0.5); layer 1: 5 ratios plus the interpolated box.
        assertRows(new float[][] {{-0.05f, -0.05f, 0.05f, 0.05f},
                {-0.1f * (float) Math.sqrt(2), -0.1f / (float) Math.sqrt(2), 0.1f * (float) Math.sqrt(2),
                        0.1f / (float) Math.sqrt(2)},
                {-0.1f / (float) Math.sqrt(2), -0.1f * (float) Math.sqrt(2), 0.1f / (float) Math.sqrt(2),
                        0.1f * (float) Math.sqrt(2)}}, tf.cell(0, 6, 1, 1), 1e-7);
        assertEquals(6, tf.anchorsPerLocation(1, 6));
        float[] layer1 = tf.cell(1, 6, 1, 1);
        assertEquals(0.41833f, layer1[4 * 5 + 2] * 2, 5e-5, "interpolated box width");
        assertEquals(1917, AnchorPresets.tfSsdMobileNet300().size());
    }

    // ------------------------------------------------------------------------------------------------ YOLOv5, seed

    @Test
    void yolov5PresetHas25200AnchorsCentredInTheirCells() {
        AnchorGrid grid = AnchorPresets.yolov5(640, 640);
        assertEquals(25200, grid.size());
        float[] first = Arrays.copyOf(grid.toArray(), 4);
        assertRows(new float[][] {{-1, -2.5f, 9, 10.5f}}, first);   // (10, 13) around (4, 4)
    }

    /** Sum of the valid flags of each level. */
    static int[] levelValidCounts(AnchorGrid grid, double[] strides, int padHeight, int padWidth) {
        boolean[] flags = new boolean[grid.size()];
        int total = AnchorValidity.validFlags(grid, strides, strides, padHeight, padWidth, flags);
        int[] counts = new int[grid.levels()];
        for (int l = 0; l < grid.levels(); l++) {
            for (int i = grid.levelOffset(l); i < grid.levelOffset(l) + grid.levelSize(l); i++) {
                counts[l] += flags[i] ? 1 : 0;
            }
        }
        assertEquals(Arrays.stream(counts).sum(), total, "returned count");
        return counts;
    }
}
