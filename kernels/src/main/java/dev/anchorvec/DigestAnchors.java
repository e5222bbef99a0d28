package dev.anchorvec;

import dev.anchorvec.anchors.AnchorGrid;
import dev.anchorvec.anchors.AnchorPresets;
import dev.anchorvec.anchors.AnchorValidity;
import dev.anchorvec.anchors.CellAnchors;
import dev.anchorvec.anchors.GridLevel;
import dev.anchorvec.anchors.SsdDefaultBoxes;
import dev.anchorvec.anchors.TfSsdAnchors;
import dev.anchorvec.boxes.BoxFormat;
import dev.anchorvec.boxes.Boxes;
import java.util.List;

/**
 * {@link KernelDigest}'s workload for {@code dev.anchorvec.anchors}: every preset family (torchvision,
 * detectron2, mmdet, TF, YOLOv5, SSD) on small images, and a grid of its own in every output form (interleaved
 * xyxy and cxcywh, scaled, clipped, planar), tiled by the vector kernel (rows of 36 to 432 floats: main loops
 * and moved-back last steps at every width); then the validity flags.
 */
final class DigestAnchors {

    static final List<DigestFamily> FAMILIES = List.of(
            new DigestFamily("anchors.grid", DigestAnchors::grid),
            new DigestFamily("anchors.validity", DigestAnchors::validity));

    private DigestAnchors() {}

    private static void grid(DigestInputs in, DigestHash out) {
        List<AnchorGrid> presets = List.of(
                AnchorPresets.torchvisionRetinaNet(32, 64),
                AnchorPresets.detectron2Fpn(48, 80, 0.0),
                AnchorPresets.mmdetRetinaNet(64, 64),
                AnchorPresets.yolov5(64, 96),
                AnchorPresets.tfFasterRcnn(3, 5),
                AnchorPresets.seedExample(),
                SsdDefaultBoxes.ssd300Vgg16().pixelGrid(300, 300, new int[][] {{5, 5}, {3, 3}, {3, 3}, {2, 2},
                    {1, 1}, {1, 1}}),
                SsdDefaultBoxes.ssd300Vgg16().normalizedGrid(300, 300, new int[][] {{4, 4}, {3, 3}, {2, 2},
                    {2, 2}, {1, 1}, {1, 1}}),
                new TfSsdAnchors(0.2, 0.95, new double[] {1, 2, 0.5, 3, 1.0 / 3}, 1.0, false)
                        .grid(new int[][] {{4, 4}, {3, 3}, {2, 2}, {2, 2}, {1, 1}, {1, 1}}, 300, 400));
        for (int p = 0; p < presets.size(); p++) {
            AnchorGrid g = presets.get(p);
            float[] rows = new float[4 * g.size() + 3];
            g.writeTo(rows, 3);
            out.floats("preset " + p, rows);
            if (g.format() == BoxFormat.XYXY) {
                out.boxes("preset " + p + " planar", g.toBoxes());
            }
        }
        float jitter = in.uniform(0f, 0.25f);
        GridLevel level = CellAnchors.builder().sizes(32, 64 + jitter).aspectRatios(0.5, 1, 2).centreOffset(0.5)
                .level(5, 7, 8, 8);
        GridLevel odd = GridLevel.strided(3, 2, 13.5, 7.25, 0.25, CellAnchors.torchvision(new double[] {10, 20},
                new double[] {0.5, 1, 3}));
        AnchorGrid plain = AnchorGrid.builder().level(level).level(odd).build();
        AnchorGrid centred = AnchorGrid.builder().level(level).level(odd).format(BoxFormat.CXCYWH)
                .scale(1f / 640, 1f / 480).build();
        AnchorGrid clipped = AnchorGrid.builder().level(level).level(odd).clip(50f, 40f).build();
        AnchorGrid scaled = AnchorGrid.builder().level(odd).scale(3.5f, 0.5f).clip(60f, 20f).build();
        out.floats("plain", plain.toArray()).floats("centred", centred.toArray());
        out.floats("clipped", clipped.toArray()).floats("scaled", scaled.toArray());
        out.boxes("clipped planar", clipped.toBoxes());
        Boxes dst = Boxes.allocate(plain.size() + 5);
        out.boxes("plain into boxes", plain.writeTo(dst));
        float[] levelRows = new float[4 * clipped.levelSize(1) + 1];
        clipped.writeLevel(1, levelRows, 1);
        out.floats("level 1", levelRows);
    }

    private static void validity(DigestInputs in, DigestHash out) {
        AnchorGrid grid = AnchorPresets.mmdetRetinaNet(64, 96);
        float[] rows = grid.toArray();
        Boxes planar = grid.toBoxes();
        boolean[] flags = new boolean[grid.size() + 2];
        for (double border : new double[] {-1, 0, 8, 0.5}) {
            out.value("inside " + border, AnchorValidity.insideFlags(rows, 0, grid.size(), 60, 90, border, flags));
            out.booleans("inside flags " + border, flags, 0, grid.size());
            out.value("inside planar " + border, AnchorValidity.insideFlags(planar, 60.5, 90, border, flags));
            out.booleans("inside planar flags " + border, flags, 0, grid.size());
        }
        double[] strides = {8, 16, 32, 64, 128};
        int padH = 40 + in.nextInt(24), padW = 60 + in.nextInt(36);
        out.value("valid", AnchorValidity.validFlags(grid, strides, strides, padH, padW, flags));
        out.booleans("valid flags", flags, 0, grid.size());
    }
}
