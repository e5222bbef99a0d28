package dev.anchorvec.anchors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anchorvec.boxes.Boxes;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Bad arguments to every public entry point of the anchor configuration classes: each is rejected with an
 * {@link IllegalArgumentException} whose message names the argument (and index), or a
 * {@link NullPointerException} naming it; the validity flags are not written.
 */
class AnchorArgumentsTest {

    private static final double NAN = Double.NaN;
    private static final double INF = Double.POSITIVE_INFINITY;
    private static final double[] ONE = {1};
    private static final int[][] GRID = {{2, 2}};

    private static void rejects(String name, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage() != null && e.getMessage().contains(name),
                "message should name '" + name + "': " + e.getMessage());
    }

    private static void rejectsNull(String name, Executable call) {
        NullPointerException e = assertThrows(NullPointerException.class, call);
        assertTrue(name.equals(e.getMessage()), "message should be '" + name + "': " + e.getMessage());
    }

    /** Bad size or ratio lists, named {@code name}, through {@code call}. */
    private interface ListCall {
        void call(double[] values) throws Throwable;
    }

    private static void rejectsBadLists(String name, ListCall call) {
        rejectsNull(name, () -> call.call(null));
        rejects(name + " must not be empty", () -> call.call(new double[0]));
        rejects(name + "[1]", () -> call.call(new double[] {1, 0}));
        rejects(name + "[1]", () -> call.call(new double[] {1, -2}));
        rejects(name + "[0]", () -> call.call(new double[] {NAN}));
        rejects(name + "[2]", () -> call.call(new double[] {1, 2, INF}));
    }

    @Test
    void cellAnchorRules() {
        rejectsBadLists("sizes", v -> CellAnchors.torchvision(v, ONE));
        rejectsBadLists("aspectRatios", v -> CellAnchors.torchvision(ONE, v));
        rejectsBadLists("sizes", v -> CellAnchors.detectron2(v, ONE));
        rejectsBadLists("aspectRatios", v -> CellAnchors.detectron2(ONE, v));
        rejectsBadLists("scales", v -> CellAnchors.mmdet(8, v, ONE, true, 0));
        rejectsBadLists("aspectRatios", v -> CellAnchors.mmdetLegacy(8, ONE, v, true, 0));
        rejectsBadLists("widthHeight", v -> CellAnchors.fromSizes(v));
        rejectsBadLists("widthHeight", v -> CellAnchors.mmdetYolo(v, 8, 8));
        rejectsBadLists("scales", v -> CellAnchors.tfGrid(v, ONE, 256, 256));
        rejectsBadLists("aspectRatios", v -> CellAnchors.tfBoxSpecs(ONE, v, 256, 256));
        for (double bad : new double[] {0, -1, NAN, INF}) {
            rejects("baseSize", () -> CellAnchors.mmdet(bad, ONE, ONE, true, 0));
            rejects("minSize", () -> CellAnchors.mmdetSsd(bad, 40, ONE, 8, 8));
            rejects("strideX", () -> CellAnchors.mmdetSsd(20, 40, ONE, bad, 8));
            rejects("strideY", () -> CellAnchors.mmdetYolo(new double[] {10, 13}, 8, bad));
            rejects("baseHeight", () -> CellAnchors.tfGrid(ONE, ONE, bad, 256));
            rejects("octaveBaseScale", () -> CellAnchors.octaveScales(bad, 3));
        }
        for (double bad : new double[] {-0.1, 1.01, NAN}) {
            rejects("centreOffset", () -> CellAnchors.mmdet(8, ONE, ONE, true, bad));
            rejects("centreOffset", () -> CellAnchors.mmdetLegacy(8, ONE, ONE, true, bad));
        }
        rejects("scalesPerOctave", () -> CellAnchors.octaveScales(4, 0));
        rejects("maxSize", () -> CellAnchors.mmdetSsd(40, 40, ONE, 8, 8));
        rejects("aspectRatios[0]", () -> CellAnchors.mmdetSsd(20, 40, new double[] {-2}, 8, 8));
        rejectsNull("aspectRatios", () -> CellAnchors.mmdetSsd(20, 40, null, 8, 8));
        rejects("(w, h) pairs", () -> CellAnchors.fromSizes(new double[] {10, 13, 16}));
        rejects("same length", () -> CellAnchors.tfBoxSpecs(new double[] {1, 2}, ONE, 1, 1));
        rejects("inputSize 301", () -> CellAnchors.mmdetSsdSizes(301, 0.15, 0.9, 6));
        rejects("levels", () -> CellAnchors.mmdetSsdSizes(300, 0.15, 0.9, 2));
        rejects("levels, not 15", () -> CellAnchors.mmdetSsdSizes(300, 0.15, 0.9, 15));
        rejects("maxRatio", () -> CellAnchors.mmdetSsdSizes(300, 0.15, 0.1, 6));
        rejects("minRatio", () -> CellAnchors.mmdetSsdSizes(300, NAN, 0.9, 6));
    }

    @Test
    void genericBuilder() {
        rejectsBadLists("sizes", v -> CellAnchors.builder().sizes(v));
        rejectsBadLists("aspectRatios", v -> CellAnchors.builder().aspectRatios(v));
        rejectsBadLists("scales", v -> CellAnchors.builder().scales(16, v));
        rejects("baseSize", () -> CellAnchors.builder().scales(0, 1));
        rejects("baseSize * scales[0]", () -> CellAnchors.builder().scales(1e300, 1e300));
        rejects("scalesPerOctave", () -> CellAnchors.builder().octaveScales(8, 4, 0));
        for (double bad : new double[] {-1e-9, 1.5, NAN}) {
            rejects("centreOffset", () -> CellAnchors.builder().centreOffset(bad));
        }
        rejectsNull("convention", () -> CellAnchors.builder().ratioConvention(null));
        rejectsNull("order", () -> CellAnchors.builder().order(null));
        CellAnchorBuilder b = CellAnchors.builder().sizes(32);
        rejects("gridHeight", () -> b.level(0, 2, 8, 8));
        rejects("gridWidth", () -> b.level(2, -1, 8, 8));
        rejects("strideY", () -> b.level(2, 2, 0, 8));
        rejects("strideX", () -> b.level(2, 2, 8, NAN));
        assertThrows(IllegalStateException.class, () -> CellAnchors.builder().cell());
        assertThrows(IllegalStateException.class, () -> CellAnchors.builder().level(1, 1, 1, 1));
    }

    @Test
    void ssdDefaultBoxes() {
        double[][] ars = {{2}, {2, 3}};
        rejectsNull("aspectRatios", () -> SsdDefaultBoxes.of(null, 0.15, 0.9, null, true));
        rejects("aspectRatios must hold at least one level", () -> SsdDefaultBoxes.of(new double[0][], 0.1, 0.9,
                null, true));
        rejectsNull("aspectRatios[1]", () -> SsdDefaultBoxes.of(new double[][] {{2}, null}, 0.1, 0.9, null, true));
        rejects("aspectRatios[1][1]", () -> SsdDefaultBoxes.of(new double[][] {{2}, {2, -3}}, 0.1, 0.9, null, true));
        rejects("minRatio", () -> SsdDefaultBoxes.of(ars, 0, 0.9, null, true));
        rejects("maxRatio", () -> SsdDefaultBoxes.of(ars, 0.5, 0.4, null, true));
        rejects("maxRatio", () -> SsdDefaultBoxes.of(ars, 0.5, NAN, null, true));
        rejects("levels", () -> SsdDefaultBoxes.scales(0, 0.1, 0.9));
        rejects("scales needs levels + 1 = 3", () -> SsdDefaultBoxes.withScales(ars, new double[] {0.1, 0.2},
                null, true));
        rejects("scales[1]", () -> SsdDefaultBoxes.withScales(ars, new double[] {0.1, NAN, 1}, null, true));
        rejects("steps has 1 levels, expected 2", () -> SsdDefaultBoxes.of(ars, 0.1, 0.9, new double[] {8}, true));
        rejects("steps[1]", () -> SsdDefaultBoxes.of(ars, 0.1, 0.9, new double[] {8, 0}, true));
        SsdDefaultBoxes ssd = SsdDefaultBoxes.of(ars, 0.1, 0.9, null, true);
        rejects("grids has 1 levels, expected 2", () -> ssd.pixelGrid(300, 300, GRID));
        rejects("grids[1][0] (height)", () -> ssd.pixelGrid(300, 300, new int[][] {{2, 2}, {0, 1}}));
        rejects("grids[0] must be {height, width}", () -> ssd.normalizedGrid(300, 300, new int[][] {{2}, {1, 1}}));
        rejectsNull("grids", () -> ssd.pixelGrid(300, 300, null));
        rejects("imageHeight", () -> ssd.pixelGrid(0, 300, new int[][] {{2, 2}, {1, 1}}));
        rejects("imageWidth", () -> ssd.normalizedGrid(300, -3, new int[][] {{2, 2}, {1, 1}}));
        assertThrows(IndexOutOfBoundsException.class, () -> ssd.widthHeightPairs(2));
        assertThrows(IndexOutOfBoundsException.class, () -> ssd.anchorsPerLocation(-1));
    }

    @Test
    void tfSsdAnchors() {
        double[] ars = {1, 2};
        rejects("minScale", () -> new TfSsdAnchors(0, 0.9, ars, 1, true));
        rejects("maxScale", () -> new TfSsdAnchors(0.5, 0.4, ars, 1, true));
        rejects("aspectRatios[1]", () -> new TfSsdAnchors(0.2, 0.9, new double[] {1, 0}, 1, true));
        rejects("interpolatedScaleAspectRatio", () -> new TfSsdAnchors(0.2, 0.9, ars, -1, true));
        rejects("interpolatedScaleAspectRatio", () -> new TfSsdAnchors(0.2, 0.9, ars, NAN, true));
        TfSsdAnchors tf = TfSsdAnchors.defaults();
        rejects("layers", () -> tf.scales(0));
        rejects("featureMaps must hold at least one level", () -> tf.grid(new int[0][]));
        rejects("featureMaps[0][1] (width)", () -> tf.grid(new int[][] {{3, 0}}));
        rejects("imageHeight", () -> tf.grid(GRID, 0, 10));
        rejects("baseWidth", () -> tf.cell(1, 6, 1, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> tf.cell(6, 6, 1, 1));
    }

    @Test
    void fpnGrids() {
        rejects("imageHeight", () -> FpnGrids.sizes(0, 10, 2, 6));
        rejects("imageWidth", () -> FpnGrids.sizes(10, -1, 2, 6));
        rejects("minLevel", () -> FpnGrids.sizes(10, 10, -1, 6));
        rejects("maxLevel", () -> FpnGrids.sizes(10, 10, 3, 2));
        rejects("maxLevel", () -> FpnGrids.sizes(10, 10, 3, 31));
        rejects("grids[0] = 11 x 2 is larger than the image", () -> FpnGrids.torchvisionStrides(10, 10,
                new int[][] {{11, 2}}));
        rejects("grids[0][0]", () -> FpnGrids.torchvisionStrides(10, 10, new int[][] {{-1, 2}}));
    }

    @Test
    void presets() {
        double[][] sizes = {{32}, {64}};
        double[][] ratios = {{0.5, 1, 2}, {1}};
        int[][] grids = {{4, 4}, {2, 2}};
        rejects("sizes has 1 levels, expected 2", () -> AnchorPresets.torchvision(64, 64, grids, new double[][] {{32}},
                ratios));
        rejects("aspectRatios[1][0]", () -> AnchorPresets.torchvision(64, 64, grids, sizes,
                new double[][] {{1}, {0}}));
        rejects("grids must hold at least one level", () -> AnchorPresets.torchvision(64, 64, new int[0][],
                new double[0][], new double[0][]));
        rejects("imageHeight", () -> AnchorPresets.torchvision(0, 64, grids, sizes, ratios));
        rejects("imageHeight", () -> AnchorPresets.torchvisionRetinaNet(0, 640));
        rejects("imageWidth", () -> AnchorPresets.torchvisionFasterRcnnFpn(640, -640));
        rejects("imageWidth", () -> AnchorPresets.yolov5(640, 0));
        rejects("imageHeight", () -> AnchorPresets.mmdetRetinaNet(-1, 640));
        rejects("imageHeight", () -> AnchorPresets.mmdetYoloV3(0, 608));
        rejects("imageWidth", () -> AnchorPresets.detectron2Fpn(640, 0, 0));
        for (double bad : new double[] {-0.5, 1.0, NAN}) {
            rejects("offset", () -> AnchorPresets.detectron2(grids, new double[] {8, 16}, sizes, ratios, bad));
        }
        rejects("strides has 1 levels, expected 2", () -> AnchorPresets.detectron2(grids, new double[] {8},
                sizes, ratios, 0));
        rejects("sizes has 3 levels, expected 2", () -> AnchorPresets.detectron2(grids, new double[] {8, 16},
                new double[][] {{1}, {2}, {3}}, ratios, 0));
        rejects("strides[1]", () -> AnchorPresets.mmdet(grids, new double[] {8, 0}, ONE, ONE, true, 0));
        rejects("centreOffset", () -> AnchorPresets.mmdetLegacy(grids, new double[] {8, 16}, ONE, ONE, true, 2));
        rejects("gridHeight", () -> AnchorPresets.tfGrid(0, 2, ONE, ONE, 256, 256, 16, 16, 0, 0));
        rejects("offsetX", () -> AnchorPresets.tfGrid(2, 2, ONE, ONE, 256, 256, 16, 16, 0, NAN));
        rejects("strideY", () -> AnchorPresets.tfGrid(2, 2, ONE, ONE, 256, 256, -16, 16, 0, 0));
        rejects("gridWidth", () -> AnchorPresets.tfFasterRcnn(3, 0));
    }

    @Test
    void validityWritesNothingOnBadInput() {
        AnchorGrid grid = AnchorPresets.torchvision(32, 32, new int[][] {{2, 2}, {1, 1}}, new double[][] {{8}, {16}},
                new double[][] {{1}, {1}});
        float[] anchors = grid.toArray();
        boolean[] flags = new boolean[grid.size()];
        Arrays.fill(flags, true);
        boolean[] before = flags.clone();
        double[] two = {16, 32};
        rejects("anchors.length", () -> AnchorValidity.insideFlags(anchors, 0, 6, 32, 32, 0, flags));
        rejects("anchors.length", () -> AnchorValidity.insideFlags(anchors, -1, 1, 32, 32, 0, flags));
        rejects("count", () -> AnchorValidity.insideFlags(anchors, 0, -1, 32, 32, 0, flags));
        rejects("flags.length", () -> AnchorValidity.insideFlags(anchors, 0, 5, 32, 32, 0, new boolean[4]));
        rejects("imageHeight", () -> AnchorValidity.insideFlags(anchors, 0, 5, NAN, 32, 0, flags));
        rejects("imageWidth", () -> AnchorValidity.insideFlags(anchors, 0, 5, 32, INF, 0, flags));
        rejects("allowedBorder", () -> AnchorValidity.insideFlags(anchors, 0, 5, 32, 32, NAN, flags));
        rejects("allowedBorder", () -> AnchorValidity.insideFlags(grid.toBoxes(), 32, 32, NAN, flags));
        rejects("flags.length", () -> AnchorValidity.insideFlags(grid.toBoxes(), 32, 32, 0, new boolean[1]));
        rejectsNull("anchors", () -> AnchorValidity.insideFlags((Boxes) null, 32, 32, 0, flags));
        rejectsNull("flags", () -> AnchorValidity.insideFlags(anchors, 0, 5, 32, 32, 0, null));
        rejects("strideY has 1 levels, expected 2", () -> AnchorValidity.validFlags(grid, new double[] {16}, two,
                32, 32, flags));
        rejects("strideX[1]", () -> AnchorValidity.validFlags(grid, two, new double[] {16, -32}, 32, 32, flags));
        rejects("padHeight", () -> AnchorValidity.validFlags(grid, two, two, -1, 32, flags));
        rejects("padWidth", () -> AnchorValidity.validFlags(grid, two, two, 32, -1, flags));
        rejects("flags.length", () -> AnchorValidity.validFlags(grid, two, two, 32, 32, new boolean[4]));
        GridLevel level = grid.levelList().getFirst();
        rejects("flags.length", () -> AnchorValidity.validFlags(level, 16, 16, 32, 32, flags, 2));
        rejects("flags offset", () -> AnchorValidity.validFlags(level, 16, 16, 32, 32, flags, -1));
        rejects("strideX", () -> AnchorValidity.validFlags(level, 16, NAN, 32, 32, flags, 0));
        rejectsNull("grid", () -> AnchorValidity.validFlags(null, two, two, 32, 32, flags));
        assertArrayEquals(before, flags, "flags were written");
    }
}
