package dev.anchorvec.anchors;

import static dev.anchorvec.anchors.PeerAnchorExamplesTest.assertRows;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.anchorvec.anchors.fit.AnchorScales;
import dev.anchorvec.conformance.Bxt;
import dev.anchorvec.testkit.FloatChecks;
import java.net.URL;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The seed example, the FPN grid helper, the generic builder reproducing the peer rules, and preset details the
 * conformance corpus does not cover.
 */
class AnchorPresetsTest {

    @Test
    void seedExampleHasSixAnchorsPerCellAnd384InAll() {
        assertArrayEquals(new double[] {0.15625, 0.234375, 0.3125}, AnchorScales.linear(0.15625, 0.3125, 3));
        AnchorGrid grid = AnchorPresets.seedExample();
        assertEquals(1, grid.levels());
        GridLevel level = grid.levelList().getFirst();
        assertEquals(8, level.height());
        assertEquals(8, level.width());
        assertEquals(6, level.anchorsPerLocation());
        assertEquals(384, grid.size());
        // Cell centres (x + 0.5) * 32; sides 40, 60, 80; ratio-major: the three 1:1 anchors, then the three 2:1.
        assertArrayEquals(new float[] {16, 48, 80, 112, 144, 176, 208, 240}, level.centreX());
        double r = Math.sqrt(2);
        double[][] wh = {{40, 40}, {60, 60}, {80, 80}, {40 * r, 40 / r}, {60 * r, 60 / r}, {80 * r, 80 / r}};
        float[][] expected = new float[6][];
        for (int a = 0; a < 6; a++) {
            float hw = (float) (wh[a][0] / 2), hh = (float) (wh[a][1] / 2);
            expected[a] = new float[] {16 - hw, 16 - hh, 16 + hw, 16 + hh};
        }
        assertRows(expected, Arrays.copyOf(grid.toArray(), 24), 1e-5);
        float[] cell = level.cell();
        for (int a = 0; a < 6; a++) {
            double w = cell[4 * a + 2] - cell[4 * a], h = cell[4 * a + 3] - cell[4 * a + 1];
            double side = 256 * AnchorScales.linear(0.15625, 0.3125, 3)[a % 3];
            assertEquals(side * side, w * h, 1e-3, "area of anchor " + a);
            assertEquals(a < 3 ? 1 : 2, w / h, 1e-6, "w : h of anchor " + a);
        }
        float[] last = Arrays.copyOfRange(grid.toArray(), 4 * 383, 4 * 384);
        assertEquals(240, (last[0] + last[2]) / 2, 1e-4, "last anchor centred on the last cell");
    }

    @Test
    void fpnGridsHalveWithRoundingUp() {
        assertArrayEquals(new int[][] {{100, 152}, {50, 76}, {25, 38}, {13, 19}, {7, 10}},
                FpnGrids.sizes(800, 1216, 3, 7));
        assertArrayEquals(new int[][] {{8, 8}, {16, 16}, {32, 32}, {61, 64}, {114, 121}},
                FpnGrids.torchvisionStrides(800, 1216, FpnGrids.sizes(800, 1216, 3, 7)));
        assertArrayEquals(new int[][] {{160, 160}, {80, 80}, {40, 40}, {20, 20}, {10, 10}},
                FpnGrids.sizes(640, 640, 2, 6));
        assertArrayEquals(new int[][] {{1, 1}}, FpnGrids.sizes(1, 1, 0, 0));
        assertArrayEquals(new int[][] {{1, 1}}, FpnGrids.sizes(3, 5, 30, 30));
    }

    @Test
    void torchvisionStridesAreIntegerDivisionsAtP6AndP7() {
        AnchorGrid grid = AnchorPresets.torchvisionRetinaNet(800, 1216);
        GridLevel p6 = grid.levelList().get(3), p7 = grid.levelList().get(4);
        assertEquals(64, p6.centreX()[1]);
        assertEquals(61, p6.centreY()[1]);
        assertEquals(121, p7.centreX()[1]);
        assertEquals(114, p7.centreY()[1]);
    }

    @Test
    void builderReproducesDetectron2BitForBit() {
        double[] sizes = {32, 40.31747359663594, 50.79683366298238, 64, 181.0193359837562, 512};
        double[] ratios = {0.25, 0.5, 1, 2, 4, 0.3};
        float[] builder = CellAnchors.builder().sizes(sizes).aspectRatios(ratios).order(AnchorOrder.SIZE_MAJOR)
                .cell();
        FloatChecks.assertSameBits("size-major, float, unrounded", CellAnchors.detectron2(sizes, ratios), builder);
        GridLevel level = CellAnchors.builder().sizes(32, 64).aspectRatios(0.25, 1, 4).order(AnchorOrder.SIZE_MAJOR)
                .centreOffset(0.5).level(1, 2, 4, 4);
        AnchorGrid d2 = AnchorPresets.detectron2(new int[][] {{1, 2}}, new double[] {4}, new double[][] {{32, 64}},
                new double[][] {{0.25, 1, 4}}, 0.5);
        FloatChecks.assertSameBits("detectron2 level, offset 0.5", d2.toArray(),
                AnchorGrid.builder().level(level).build().toArray());
    }

    @Test
    void builderWithRoundingReproducesTorchvisionOnItsPresets() {
        double[][] sizes = AnchorPresets.torchvisionRetinaNetSizes();
        for (double[] level : sizes) {
            float[] builder = CellAnchors.builder().sizes(level).aspectRatios(0.5, 1, 2).rounding(true).cell();
            FloatChecks.assertSameBits("RetinaNet sizes " + Arrays.toString(level),
                    CellAnchors.torchvision(level, new double[] {0.5, 1, 2}), builder);
        }
        for (int size = 1; size <= 1024; size++) {
            float[] builder = CellAnchors.builder().sizes(size).aspectRatios(0.5, 1, 2).rounding(true).cell();
            FloatChecks.assertSameBits("size " + size,
                    CellAnchors.torchvision(new double[] {size}, new double[] {0.5, 1, 2}), builder);
        }
    }

    @Test
    void builderLegacyModeReproducesMmdetV1() {
        // mmdet v1 Faster R-CNN: LegacyAnchorGenerator(center_offset=0.5, scales=[8], ratios=[0.5, 1, 2]), base =
        // stride.
        for (int stride : new int[] {4, 8, 16, 32, 64}) {
            GridLevel level = CellAnchors.builder().scales(stride, 8).aspectRatios(0.5, 1, 2).legacyPlusOne(true)
                    .rounding(true).centreOffset(0.5).level(3, 5, stride, stride);
            float[] mmdet = CellAnchors.mmdetLegacy(stride, new double[] {8}, new double[] {0.5, 1, 2}, true, 0.5);
            FloatChecks.assertSameBits("legacy stride " + stride, mmdet, level.cell());
        }
        // A 16-pixel anchor on stride 16 covers the pixels 0 .. 15 of its cell in the "+1" convention.
        GridLevel pixels = CellAnchors.builder().sizes(16).legacyPlusOne(true).rounding(true).centreOffset(0.5)
                .level(2, 2, 16, 16);
        assertRows(new float[][] {{0, 0, 15, 15}, {16, 0, 31, 15}, {0, 16, 15, 31}, {16, 16, 31, 31}},
                AnchorGrid.builder().level(pixels).build().toArray());
    }

    @Test
    void builderOptionsAgree() {
        float[] hOverW = CellAnchors.builder().sizes(32, 64).aspectRatios(0.5, 2).cell();
        float[] wOverH = CellAnchors.builder().sizes(32, 64).aspectRatios(2, 0.5).ratioConvention(AspectRatio.W_OVER_H)
                .cell();
        FloatChecks.assertSameBits("w / h 2 is h / w 0.5", hOverW, wOverH);
        float[] octave = CellAnchors.builder().octaveScales(8, 4, 3).aspectRatios(0.5, 1, 2).cell();
        float[] scales = CellAnchors.builder().scales(8, CellAnchors.octaveScales(4, 3)).aspectRatios(0.5, 1, 2)
                .cell();
        FloatChecks.assertSameBits("octave scales", scales, octave);
        float[] sizeMajor = CellAnchors.builder().sizes(32, 64).aspectRatios(0.5, 2).order(AnchorOrder.SIZE_MAJOR)
                .cell();
        // Ratio-major (r0 s0, r0 s1, r1 s0, r1 s1) is size-major (s0 r0, s0 r1, s1 r0, s1 r1) transposed.
        int[] transposed = {0, 2, 1, 3};
        for (int a = 0; a < 4; a++) {
            assertArrayEquals(Arrays.copyOfRange(hOverW, 4 * a, 4 * a + 4),
                    Arrays.copyOfRange(sizeMajor, 4 * transposed[a], 4 * transposed[a] + 4), "anchor " + a);
        }
        assertEquals(4, CellAnchors.builder().sizes(32, 64).aspectRatios(0.5, 2).anchorsPerLocation());
    }

    @Test
    void mmdetOctaveScalesAndRetinaNetCells() {
        assertArrayEquals(new double[] {4, 4 * Math.cbrt(2), 4 * Math.cbrt(4)}, CellAnchors.octaveScales(4, 3),
                1e-12);
        GridLevel p3 = AnchorPresets.mmdetRetinaNet(640, 640).levelList().getFirst();
        assertEquals(8, p3.centreX()[1]);
        assertEquals(0, p3.centreX()[0]);
    }

    @Test
    void ssdScalesFollowTorchvisionsRuleExactly() throws Exception {
        // The corpus stores the scales torchvision computed for its default parameters and for SSDlite320.
        assertArrayEquals(corpusScales("ssd300_default_params"), SsdDefaultBoxes.scales(6, 0.15, 0.9));
        assertArrayEquals(corpusScales("ssdlite320"), SsdDefaultBoxes.ssdlite320().scales());
        assertArrayEquals(corpusScales("ssd300_vgg16"), SsdDefaultBoxes.ssd300Vgg16().scales());
        assertEquals(0.44999999999999996, SsdDefaultBoxes.scales(6, 0.15, 0.9)[2]);
    }

    @Test
    void ssdNormalizedAndPixelFormsDescribeTheSameBoxes() {
        SsdDefaultBoxes ssd = SsdDefaultBoxes.ssd300Vgg16();
        float[] cxcywh = ssd.normalizedGrid(300, 300, SsdDefaultBoxes.SSD300_GRIDS).toArray();
        float[] xyxy = ssd.pixelGrid(300, 300, SsdDefaultBoxes.SSD300_GRIDS).toArray();
        assertEquals(8732 * 4, cxcywh.length);
        for (int i = 0; i < 8732; i++) {
            float cx = cxcywh[4 * i], cy = cxcywh[4 * i + 1], w = cxcywh[4 * i + 2], h = cxcywh[4 * i + 3];
            assertEquals((cx - 0.5f * w) * 300, xyxy[4 * i], 0f, "x1 of box " + i);
            assertEquals((cy + 0.5f * h) * 300, xyxy[4 * i + 3], 0f, "y2 of box " + i);
            assertEquals(true, w <= 1 && h <= 1, "clipped w, h of box " + i);
        }
        // Unclipped, the last level's s' = sqrt(0.87 * 1.05) > 1 stays as it is.
        SsdDefaultBoxes open = SsdDefaultBoxes.withScales(new double[][] {{2}}, new double[] {0.87, 1.05}, null,
                false);
        assertEquals((float) Math.sqrt(0.87 * 1.05), open.normalizedGrid(1, 1, new int[][] {{1, 1}}).toArray()[6]);
    }

    private static double[] corpusScales(String id) throws Exception {
        URL index = AnchorPresetsTest.class.getResource("/conformance/index.tsv");
        Path dir = Path.of(index.toURI()).getParent();
        return Bxt.read(dir.resolve("default_box_generator/" + id + ".bxt")).doubles("scales");
    }
}
