package dev.anchorvec.anchors;

import dev.anchorvec.internal.Args;
import java.util.Objects;

/**
 * Ready {@link AnchorGrid}s reproducing the peer libraries' anchor generators: the same anchors, in the same order
 * (level, row y, column x, anchor), computed in the same float order of operations, in anchorvec's
 * {@code (x1, y1, x2, y2)} layout. Image sizes are {@code (height, width)} in pixels, after the model's resize and
 * padding (torchvision, detectron2 and mmdet pad to a multiple of 32).
 *
 * <table>
 * <caption>Conventions per peer</caption>
 * <tr><th>peer</th><th>centre</th><th>order</th><th>rounding</th><th>ratio</th></tr>
 * <tr><td>torchvision</td><td>{@code x * stride}, stride = image // grid</td><td>ratio-major</td>
 *     <td>half-extents, half to even</td><td>h / w</td></tr>
 * <tr><td>torchvision SSD</td><td>{@code (x + 0.5) / f}, normalised</td><td>(s, s), (s', s'), ratio pairs</td>
 *     <td>none; w, h clipped to [0, 1]</td><td>w / h pairs and swaps</td></tr>
 * <tr><td>detectron2</td><td>{@code (x + offset) * stride}, offset 0 (config) or 0.5 (class)</td>
 *     <td>size-major</td><td>none</td><td>h / w</td></tr>
 * <tr><td>mmdet</td><td>{@code x * stride + center_offset * base}, default 0</td>
 *     <td>ratio-major ({@code scale_major})</td><td>none (legacy: corners)</td><td>h / w</td></tr>
 * <tr><td>mmdet SSD, YOLO</td><td>{@code x * stride + stride / 2}</td><td>SSD: (min, 1), (sqrt(min max), 1),
 *     (min, 1/r), (min, r); YOLO: as given</td><td>none</td><td>h / w</td></tr>
 * <tr><td>TF</td><td>{@code y * stride + offset} (grid: 0; SSD: stride / 2)</td><td>ratio-major</td>
 *     <td>none</td><td>w / h</td></tr>
 * </table>
 */
public final class AnchorPresets {

    private static final double[] FPN_RATIOS = {0.5, 1.0, 2.0};

    private AnchorPresets() {}

    // ---------------------------------------------------------------------------------------------------- torchvision

    /**
     * torchvision {@code AnchorGenerator}: per level the cell anchors of {@link CellAnchors#torchvision}, tiled at
     * {@code (x * strideX, y * strideY)} with integer strides {@code imageSide // gridSide}.
     *
     * @param grids        per level {@code {height, width}} of the feature map, each >= 1 and at most the image side
     * @param sizes        per level the anchor sizes in pixels (each > 0)
     * @param aspectRatios per level the ratios, height / width (each > 0)
     */
    public static AnchorGrid torchvision(int imageHeight, int imageWidth, int[][] grids, double[][] sizes,
                                         double[][] aspectRatios) {
        int[][] strides = FpnGrids.torchvisionStrides(imageHeight, imageWidth, grids);
        double[][] s = Args.positiveCopy(sizes, "sizes");
        double[][] r = Args.positiveCopy(aspectRatios, "aspectRatios");
        Args.sameCount(s.length, grids.length, "sizes", "levels");
        Args.sameCount(r.length, grids.length, "aspectRatios", "levels");
        AnchorGrid.Builder b = AnchorGrid.builder();
        for (int l = 0; l < grids.length; l++) {
            int h = grids[l][0], w = grids[l][1];
            b.level(new GridLevel(h, w, Centres.multiples(w, strides[l][1]), Centres.multiples(h, strides[l][0]),
                    CellAnchors.torchvision(s[l], r[l])));
        }
        return b.build();
    }

    /**
     * torchvision Faster R-CNN with FPN ({@code fasterrcnn_resnet50_fpn}): 5 levels (P2 to P6, grids from
     * {@link FpnGrids#sizes} levels 2..6), sizes 32, 64, 128, 256, 512, ratios 0.5, 1, 2: 3 anchors per location.
     */
    public static AnchorGrid torchvisionFasterRcnnFpn(int imageHeight, int imageWidth) {
        int[][] grids = FpnGrids.sizes(imageHeight, imageWidth, 2, 6);
        double[][] sizes = {{32}, {64}, {128}, {256}, {512}};
        return torchvision(imageHeight, imageWidth, grids, sizes, repeat(FPN_RATIOS, 5));
    }

    /**
     * torchvision RetinaNet ({@code retinanet_resnet50_fpn}): 5 levels (P3 to P7, grids from {@link FpnGrids#sizes}
     * levels 3..7), sizes {@link #torchvisionRetinaNetSizes()}, ratios 0.5, 1, 2: 9 anchors per location; 76725
     * anchors at 640 x 640.
     */
    public static AnchorGrid torchvisionRetinaNet(int imageHeight, int imageWidth) {
        int[][] grids = FpnGrids.sizes(imageHeight, imageWidth, 3, 7);
        return torchvision(imageHeight, imageWidth, grids, torchvisionRetinaNetSizes(), repeat(FPN_RATIOS, 5));
    }

    /**
     * torchvision RetinaNet's sizes {@code (x, int(x * 2^(1/3)), int(x * 2^(2/3)))} for x = 32 ... 512:
     * <b>truncated</b>, {@code (32, 40, 50), (64, 80, 101), (128, 161, 203), (256, 322, 406), (512, 645, 812)}.
     */
    public static double[][] torchvisionRetinaNetSizes() {
        double[][] sizes = new double[5][];
        for (int l = 0; l < 5; l++) {
            double x = 32 << l;
            sizes[l] = new double[] {x, (int) (x * StrictMath.pow(2, 1.0 / 3)), (int) (x * StrictMath.pow(2, 2.0 / 3))};
        }
        return sizes;
    }

    /** torchvision SSD300 VGG16 default boxes at 300 x 300: 8732 boxes, xyxy pixels (see {@link SsdDefaultBoxes}). */
    public static AnchorGrid torchvisionSsd300() {
        return SsdDefaultBoxes.ssd300Vgg16().pixelGrid(300, 300, SsdDefaultBoxes.SSD300_GRIDS);
    }

    /** torchvision SSDlite320 default boxes at 320 x 320: 3234 boxes, xyxy pixels (see {@link SsdDefaultBoxes}). */
    public static AnchorGrid torchvisionSsdlite320() {
        return SsdDefaultBoxes.ssdlite320().pixelGrid(320, 320, SsdDefaultBoxes.SSDLITE320_GRIDS);
    }

    // ----------------------------------------------------------------------------------------------------- detectron2

    /**
     * detectron2 {@code DefaultAnchorGenerator}: per level the cell anchors of {@link CellAnchors#detectron2}
     * (size-major, float), tiled at {@code (x + offset) * stride} (a float32 {@code arange}). As in detectron2, a
     * list of one level is repeated for every level.
     *
     * @param grids        per level {@code {height, width}}, each >= 1
     * @param strides      per level the stride in pixels (each > 0)
     * @param sizes        per level the sizes in pixels, or one level for all
     * @param aspectRatios per level the ratios (height / width), or one level for all
     * @param offset       detectron2's {@code offset}, within [0, 1): 0 in its config, 0.5 as the class default
     */
    public static AnchorGrid detectron2(int[][] grids, double[] strides, double[][] sizes, double[][] aspectRatios,
                                        double offset) {
        int[][] g = FpnGrids.checkedGrids(grids, "grids");
        double[] st = Args.positiveCopy(strides, "strides");
        Args.sameCount(st.length, g.length, "strides", "levels");
        double[][] s = broadcast(Args.positiveCopy(sizes, "sizes"), g.length, "sizes");
        double[][] r = broadcast(Args.positiveCopy(aspectRatios, "aspectRatios"), g.length, "aspectRatios");
        if (!(offset >= 0 && offset < 1)) {
            throw new IllegalArgumentException("offset must be within [0, 1), got " + offset);
        }
        AnchorGrid.Builder b = AnchorGrid.builder();
        for (int l = 0; l < g.length; l++) {
            int h = g[l][0], w = g[l][1];
            b.level(new GridLevel(h, w, Centres.arange(w, offset * st[l], st[l]),
                    Centres.arange(h, offset * st[l], st[l]), CellAnchors.detectron2(s[l], r[l])));
        }
        return b.build();
    }

    /**
     * detectron2's default RPN / Faster R-CNN FPN anchors: levels P2 to P6 (strides 4 to 64), sizes 32 to 512, ratios
     * 0.5, 1, 2, centre {@code offset} (0.0 in detectron2's config).
     */
    public static AnchorGrid detectron2Fpn(int imageHeight, int imageWidth, double offset) {
        return detectron2(FpnGrids.sizes(imageHeight, imageWidth, 2, 6), new double[] {4, 8, 16, 32, 64},
                new double[][] {{32}, {64}, {128}, {256}, {512}}, new double[][] {FPN_RATIOS}, offset);
    }

    /**
     * detectron2's RetinaNet anchors ({@code Base-RetinaNet.yaml}): levels P3 to P7 (strides 8 to 128), sizes
     * {@code x * 2^(k/3)} (float, not truncated) for x = 32 ... 512, ratios 0.5, 1, 2.
     */
    public static AnchorGrid detectron2RetinaNet(int imageHeight, int imageWidth, double offset) {
        double[][] sizes = new double[5][];
        for (int l = 0; l < 5; l++) {
            double x = 32 << l;
            sizes[l] = new double[] {x * StrictMath.pow(2, 0.0 / 3), x * StrictMath.pow(2, 1.0 / 3), x * StrictMath.pow(2, 2.0 / 3)};
        }
        return detectron2(FpnGrids.sizes(imageHeight, imageWidth, 3, 7), new double[] {8, 16, 32, 64, 128}, sizes,
                new double[][] {FPN_RATIOS}, offset);
    }

    // ---------------------------------------------------------------------------------------------------------- mmdet

    /**
     * mmdet {@code AnchorGenerator} with square strides and the default base sizes (= stride): per level the base
     * anchors of {@link CellAnchors#mmdet} tiled at {@code x * stride} in float32.
     *
     * @param grids        per level {@code {height, width}}, each >= 1
     * @param strides      per level the stride in pixels (each > 0), also the base size
     * @param scales       multiples of the base size (each > 0)
     * @param aspectRatios height / width (each > 0)
     * @param scaleMajor   mmdet's {@code scale_major} (default true: ratio outer)
     * @param centreOffset mmdet's {@code center_offset}, within [0, 1] (default 0)
     */
    public static AnchorGrid mmdet(int[][] grids, double[] strides, double[] scales, double[] aspectRatios,
                                   boolean scaleMajor, double centreOffset) {
        return mmdetFamily(grids, strides, scales, aspectRatios, scaleMajor, centreOffset, false);
    }

    /**
     * mmdet {@code LegacyAnchorGenerator} (v1.x "+1" convention, {@link CellAnchors#mmdetLegacy}); mmdet's v1 models
     * use {@code centreOffset = 0.5}.
     *
     * @see #mmdet(int[][], double[], double[], double[], boolean, double)
     */
    public static AnchorGrid mmdetLegacy(int[][] grids, double[] strides, double[] scales, double[] aspectRatios,
                                         boolean scaleMajor, double centreOffset) {
        return mmdetFamily(grids, strides, scales, aspectRatios, scaleMajor, centreOffset, true);
    }

    private static AnchorGrid mmdetFamily(int[][] grids, double[] strides, double[] scales, double[] aspectRatios,
                                          boolean scaleMajor, double centreOffset, boolean legacy) {
        int[][] g = FpnGrids.checkedGrids(grids, "grids");
        double[] st = Args.positiveCopy(strides, "strides");
        Args.sameCount(st.length, g.length, "strides", "levels");
        AnchorGrid.Builder b = AnchorGrid.builder();
        for (int l = 0; l < g.length; l++) {
            float[] cell = legacy ? CellAnchors.mmdetLegacy(st[l], scales, aspectRatios, scaleMajor, centreOffset)
                    : CellAnchors.mmdet(st[l], scales, aspectRatios, scaleMajor, centreOffset);
            b.level(mmdetLevel(g[l], st[l], st[l], cell));
        }
        return b.build();
    }

    /**
     * mmdet RetinaNet ({@code retinanet_r50_fpn}): strides 8 to 128 (levels 3..7), {@code octave_base_scale} 4,
     * 3 scales per octave, ratios 0.5, 1, 2, centre offset 0.
     */
    public static AnchorGrid mmdetRetinaNet(int imageHeight, int imageWidth) {
        return mmdet(FpnGrids.sizes(imageHeight, imageWidth, 3, 7), new double[] {8, 16, 32, 64, 128},
                CellAnchors.octaveScales(4, 3), FPN_RATIOS, true, 0);
    }

    /** mmdet Faster R-CNN FPN ({@code faster_rcnn_r50_fpn}): strides 4 to 64, scale 8, ratios 0.5, 1, 2. */
    public static AnchorGrid mmdetFasterRcnn(int imageHeight, int imageWidth) {
        return mmdet(FpnGrids.sizes(imageHeight, imageWidth, 2, 6), new double[] {4, 8, 16, 32, 64},
                new double[] {8}, FPN_RATIOS, true, 0);
    }

    /**
     * mmdet SSD300 ({@code ssd300_coco}): strides 8, 16, 32, 64, 100, 300, ratios {@code [[2],[2,3],[2,3],[2,3],[2],[2]]},
     * {@code basesize_ratio_range (0.15, 0.9)}, feature maps 38, 19, 10, 5, 3, 1: 8732 anchors
     * ({@link CellAnchors#mmdetSsd}).
     */
    public static AnchorGrid mmdetSsd300() {
        int[][] sizes = CellAnchors.mmdetSsdSizes(300, 0.15, 0.9, 6);
        double[] strides = {8, 16, 32, 64, 100, 300};
        double[][] ratios = {{2}, {2, 3}, {2, 3}, {2, 3}, {2}, {2}};
        AnchorGrid.Builder b = AnchorGrid.builder();
        for (int l = 0; l < strides.length; l++) {
            float[] cell = CellAnchors.mmdetSsd(sizes[0][l], sizes[1][l], ratios[l], strides[l], strides[l]);
            b.level(mmdetLevel(SsdDefaultBoxes.SSD300_GRIDS[l], strides[l], strides[l], cell));
        }
        return b.build();
    }

    /**
     * mmdet YOLOv3 ({@code yolov3_d53}): {@code YOLOAnchorGenerator} with strides 32, 16, 8 (in that order, grids
     * from {@link FpnGrids#sizes}) and base sizes {@code (116,90),(156,198),(373,326) / (30,61),(62,45),(59,119) /
     * (10,13),(16,30),(33,23)}, centred at {@code x * stride + stride / 2}.
     */
    public static AnchorGrid mmdetYoloV3(int imageHeight, int imageWidth) {
        // YOLOv5's default anchors are Darknet's YOLOv3 anchors; mmdet lists the levels from stride 32 down.
        double[][] anchors = yolov5Anchors();
        int[][] grids = FpnGrids.sizes(imageHeight, imageWidth, 3, 5);
        AnchorGrid.Builder b = AnchorGrid.builder();
        for (int l = 2; l >= 0; l--) {
            double stride = 8 << l;
            b.level(mmdetLevel(grids[l], stride, stride, CellAnchors.mmdetYolo(anchors[l], stride, stride)));
        }
        return b.build();
    }

    /** An mmdet level: base anchors added to {@code arange(n).float() * stride}. */
    private static GridLevel mmdetLevel(int[] grid, double strideY, double strideX, float[] cell) {
        return new GridLevel(grid[0], grid[1], Centres.multiples(grid[1], (float) strideX),
                Centres.multiples(grid[0], (float) strideY), cell);
    }

    // ------------------------------------------------------------------------------------------------------------- TF

    /**
     * TF Object Detection API {@code GridAnchorGenerator} on one feature map: the cell anchors of
     * {@link CellAnchors#tfGrid} (ratio outer, scale inner; ratio = <b>width / height</b>) centred at
     * {@code y * strideY + offsetY}, {@code x * strideX + offsetX} in float32, written as {@code (x1, y1, x2, y2)}.
     *
     * @param scales       multiples of the base size (each > 0); TF's default (0.5, 1, 2)
     * @param aspectRatios width / height (each > 0); TF's default (0.5, 1, 2)
     * @param baseHeight   TF's {@code base_anchor_size[0]} (default 256)
     * @param baseWidth    TF's {@code base_anchor_size[1]} (default 256)
     * @param strideY      TF's {@code anchor_stride[0]} (default 16)
     * @param strideX      TF's {@code anchor_stride[1]} (default 16)
     * @param offsetY      TF's {@code anchor_offset[0]}, absolute pixels (default 0)
     * @param offsetX      TF's {@code anchor_offset[1]} (default 0)
     */
    public static AnchorGrid tfGrid(int gridHeight, int gridWidth, double[] scales, double[] aspectRatios,
                                    double baseHeight, double baseWidth, double strideY, double strideX,
                                    double offsetY, double offsetX) {
        Args.positive(gridHeight, "gridHeight");
        Args.positive(gridWidth, "gridWidth");
        Args.positive(strideY, "strideY");
        Args.positive(strideX, "strideX");
        Args.finite(offsetY, "offsetY");
        Args.finite(offsetX, "offsetX");
        float[] cell = CellAnchors.tfGrid(scales, aspectRatios, baseHeight, baseWidth);
        return AnchorGrid.builder()
                .level(new GridLevel(gridHeight, gridWidth, Centres.tf(gridWidth, (float) strideX, (float) offsetX),
                        Centres.tf(gridHeight, (float) strideY, (float) offsetY), cell))
                .build();
    }

    /**
     * TF Faster R-CNN's first-stage anchors ({@code faster_rcnn_resnet101_coco.config}): scales 0.25, 0.5, 1, 2,
     * ratios 0.5, 1, 2 (width / height), base 256, stride 16, offset 0: 12 anchors per location.
     */
    public static AnchorGrid tfFasterRcnn(int gridHeight, int gridWidth) {
        return tfGrid(gridHeight, gridWidth, new double[] {0.25, 0.5, 1, 2}, FPN_RATIOS, 256, 256, 16, 16, 0, 0);
    }

    /**
     * TF SSD MobileNet v1 at 300 x 300: {@link TfSsdAnchors#defaults()} on feature maps 19, 10, 5, 3, 2, 1: 1917
     * anchors, normalised coordinates.
     */
    public static AnchorGrid tfSsdMobileNet300() {
        return TfSsdAnchors.defaults().grid(new int[][] {{19, 19}, {10, 10}, {5, 5}, {3, 3}, {2, 2}, {1, 1}});
    }

    // --------------------------------------------------------------------------------------------------------- YOLOv5

    /**
     * YOLOv5's default anchors ({@code yolov5s.yaml}), {@code (w, h)} pairs in pixels per level P3/8, P4/16, P5/32:
     * {@code (10,13),(16,30),(33,23) / (30,61),(62,45),(59,119) / (116,90),(156,198),(373,326)}.
     */
    public static double[][] yolov5Anchors() {
        return new double[][] {{10, 13, 16, 30, 33, 23}, {30, 61, 62, 45, 59, 119}, {116, 90, 156, 198, 373, 326}};
    }

    /**
     * YOLOv5's P3 to P5 anchors as boxes: 3 per location, strides 8, 16, 32, grids from {@link FpnGrids#sizes}
     * (80, 40, 20 at 640), each anchor centred on its cell ({@code x * stride + stride / 2}, mmdet's
     * {@code YOLOAnchorGenerator} convention). YOLOv5 itself tiles no boxes: it keeps only the {@code (w, h)} of
     * each level and decodes a prediction in cell {@code x} to the centre {@code (x - 0.5 + 2 sigmoid(t)) * stride},
     * which is the cell centre at {@code t = 0}; these boxes are that prior, for matching, IoU statistics or
     * drawing.
     */
    public static AnchorGrid yolov5(int imageHeight, int imageWidth) {
        double[][] anchors = yolov5Anchors();
        int[][] grids = FpnGrids.sizes(imageHeight, imageWidth, 3, 5);
        AnchorGrid.Builder b = AnchorGrid.builder();
        for (int l = 0; l < 3; l++) {
            double stride = 8 << l;
            b.level(mmdetLevel(grids[l], stride, stride, CellAnchors.mmdetYolo(anchors[l], stride, stride)));
        }
        return b.build();
    }

    // ----------------------------------------------------------------------------------------------------------- seed

    /**
     * The seed's example: a 256 x 256 image, one 8 x 8 grid (stride 32), scales 0.15625, 0.234375, 0.3125 of the
     * image side (sides 40, 60, 80 pixels: {@code AnchorScales.linear(0.15625, 0.3125, 3)}) and aspect ratios 1:1 and
     * 2:1 (width : height): 6 anchors per cell, 384 in all. Conventions chosen here: each anchor is centred on its
     * cell ({@code (x + 0.5) * 32}), keeps the area {@code side^2} ({@code w = side * sqrt(2)},
     * {@code h = side / sqrt(2)} for 2:1), ratio-major (the three 1:1 anchors, then the three 2:1), float64 rounded
     * to float32 once, no rounding to integers.
     */
    public static AnchorGrid seedExample() {
        GridLevel level = CellAnchors.builder()
                .scales(256, 0.15625, 0.234375, 0.3125)
                .aspectRatios(1, 2)
                .ratioConvention(AspectRatio.W_OVER_H)
                .order(AnchorOrder.RATIO_MAJOR)
                .centreOffset(0.5)
                .level(8, 8, 32, 32);
        return AnchorGrid.builder().level(level).build();
    }

    // -------------------------------------------------------------------------------------------------------- helpers

    private static double[][] repeat(double[] level, int levels) {
        double[][] out = new double[levels][];
        for (int l = 0; l < levels; l++) {
            out[l] = level.clone();
        }
        return out;
    }

    /** detectron2's rule: one level is used for every level; otherwise there must be one per level. */
    private static double[][] broadcast(double[][] perLevel, int levels, String name) {
        Objects.requireNonNull(perLevel, name);
        if (perLevel.length == 1 && levels > 1) {
            return repeat(perLevel[0], levels);
        }
        Args.sameCount(perLevel.length, levels, name, "levels");
        return perLevel;
    }
}
