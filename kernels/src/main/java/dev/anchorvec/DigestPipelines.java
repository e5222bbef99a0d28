package dev.anchorvec;

import dev.anchorvec.anchors.AnchorGrid;
import dev.anchorvec.anchors.AnchorPresets;
import dev.anchorvec.boxes.Boxes;
import dev.anchorvec.encode.DeltaCoder;
import dev.anchorvec.select.pipeline.DetectionPostprocess;
import dev.anchorvec.select.pipeline.Detections;
import dev.anchorvec.select.pipeline.PostprocessWorkspace;
import dev.anchorvec.select.pipeline.RetinaNetPostprocess;
import dev.anchorvec.select.pipeline.SsdPostprocess;
import dev.anchorvec.select.pipeline.Yolov5Postprocess;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.List;

/**
 * {@link KernelDigest}'s workload for {@code dev.anchorvec.select.pipeline}: each post-processing pipeline from
 * raw head outputs (RetinaNet on torchvision's anchors of a 32 x 64 image, SSD, YOLOv5 exported and raw, and the
 * generic one on heap arrays and on direct buffers), with its presets and with settings of its own, into the
 * detections that are hashed (boxes, scores, labels, sources).
 */
final class DigestPipelines {

    static final List<DigestFamily> FAMILIES = List.of(
            new DigestFamily("pipeline.retinanet", DigestPipelines::retinaNet),
            new DigestFamily("pipeline.ssd", DigestPipelines::ssd),
            new DigestFamily("pipeline.yolov5", DigestPipelines::yolov5),
            new DigestFamily("pipeline.detection", DigestPipelines::detection));

    private DigestPipelines() {}

    /** Head logits: mostly confident background (below -3), one in {@code 1/rate} plausible, some specials. */
    private static float[] headLogits(DigestInputs in, int size, int rate) {
        float[] any = in.logits(size);
        float[] l = new float[size];
        for (int i = 0; i < size; i++) {
            int r = in.nextInt(rate);
            l[i] = r == 0 ? in.uniform(-3f, 6f) : r == 1 ? any[i] : in.uniform(-100f, -3f);
        }
        return l;
    }

    private static void hash(String label, int count, Detections d, DigestHash out) {
        out.value(label + " count", count).value(label + " count()", d.count());
        out.boxes(label + " boxes", d.boxes()).floats(label + " scores", d.scores(), 0, d.count());
        out.ints(label + " labels", d.labels(), 0, d.count()).ints(label + " sources", d.sources(), 0, d.count());
    }

    private static void retinaNet(DigestInputs in, DigestHash out) {
        AnchorGrid grid = AnchorPresets.torchvisionRetinaNet(32, 64);
        Boxes anchors = grid.toBoxes();
        int a = anchors.size(), classes = 3;
        int[] perLevel = new int[grid.levels()];
        for (int l = 0; l < perLevel.length; l++) {
            perLevel[l] = grid.levelSize(l);
        }
        float[] logits = headLogits(in, 2 * a * classes, 16);
        float[] deltas = new float[2 * 4 * a];
        for (int i = 0; i < deltas.length; i++) {
            deltas[i] = in.nextInt(32) == 0 ? in.uniform(-20f, 20f) : in.uniform(-1f, 1f);
        }
        List<RetinaNetPostprocess> posts = List.of(RetinaNetPostprocess.torchvision(),
                RetinaNetPostprocess.detectron2(), new RetinaNetPostprocess(0.4f, 30, 0.3, 20,
                        DeltaCoder.torchvision(1, 1, 1, 1)));
        Detections d = new Detections();
        PostprocessWorkspace ws = new PostprocessWorkspace();
        for (int k = 0; k < posts.size(); k++) {
            int count = posts.get(k).run(logits, a * classes, deltas, 4 * a, anchors, perLevel, classes, 64f, 32f, d,
                    ws);
            hash(k + " run", count, d, out);
        }
        Detections[] batch = {new Detections(), new Detections()};
        posts.get(2).runBatch(logits, deltas, anchors, perLevel, classes, 2, 64f, 32f, batch, Runnable::run,
                new PostprocessWorkspace[] {ws}, 1);
        hash("batch 0", batch[0].count(), batch[0], out);
        hash("batch 1", batch[1].count(), batch[1], out);
    }

    private static void ssd(DigestInputs in, DigestHash out) {
        int n = 45, classes = 6;
        Boxes anchors = DigestBoxes.gridBoxes(n, 8, 19f);
        float[] logits = new float[n * classes];
        float[] any = in.logits(logits.length);
        for (int i = 0; i < logits.length; i++) {
            // background (class 0) usually wins, as in a real image
            logits[i] = in.nextInt(10) == 0 ? any[i] : in.uniform(-5f, 5f) + (i % classes == 0 ? 4f : 0f);
        }
        float[] deltas = in.uniform(4 * n + 2, -2f, 2f);
        Detections d = new Detections();
        PostprocessWorkspace ws = new PostprocessWorkspace();
        List<SsdPostprocess> posts = List.of(SsdPostprocess.torchvision(),
                new SsdPostprocess(0.3f, 15, 0.5, 25, DeltaCoder.ssd()),
                new SsdPostprocess(0.05f, 200, 0.45, 200, DeltaCoder.tensorflow()));
        for (int k = 0; k < posts.size(); k++) {
            int count = posts.get(k).run(logits, 0, deltas, 2, anchors, classes, 300f, 320f, d, ws);
            hash(String.valueOf(k), count, d, out);
        }
    }

    private static void yolov5(DigestInputs in, DigestHash out) {
        int n = 259, classes = 3, row = 5 + classes;
        float[] output = new float[n * row];
        Boxes centres = DigestSelect.clustered(in, n, 30, 640f);
        for (int i = 0; i < n; i++) {
            int o = i * row;
            output[o] = (centres.x1(i) + centres.x2(i)) / 2;
            output[o + 1] = (centres.y1(i) + centres.y2(i)) / 2;
            output[o + 2] = Math.abs(centres.x2(i) - centres.x1(i));
            output[o + 3] = Math.abs(centres.y2(i) - centres.y1(i));
            for (int c = 4; c < row; c++) {
                output[o + c] = in.nextInt(4) == 0 ? in.uniform(0f, 1f) : in.uniform(0f, 0.3f);
            }
        }
        List<Yolov5Postprocess> posts = List.of(Yolov5Postprocess.defaults(),
                new Yolov5Postprocess(0.1f, 0.5, 60, 30, true, false),
                new Yolov5Postprocess(0.2f, 0.45, 100, 50, false, true));
        Detections d = new Detections();
        PostprocessWorkspace ws = new PostprocessWorkspace();
        FloatBuffer direct = ByteBuffer.allocateDirect(4 * output.length).order(ByteOrder.nativeOrder())
                .asFloatBuffer().put(output).flip();
        Boxes anchors = DigestBoxes.gridBoxes(n, 16, 40f);
        float[] strides = new float[n];
        for (int i = 0; i < n; i++) {
            strides[i] = i < 192 ? 8f : i < 240 ? 16f : 32f;
        }
        float[] raw = headLogits(in, n * row + 1, 6);
        for (int k = 0; k < posts.size(); k++) {
            hash(k + " heap", posts.get(k).run(FloatBuffer.wrap(output), n, classes, d, ws), d, out);
            hash(k + " direct", posts.get(k).run(direct, n, classes, d, ws), d, out);
            hash(k + " raw", posts.get(k).runRaw(raw, 1, anchors, strides, classes, d, ws), d, out);
        }
    }

    private static void detection(DigestInputs in, DigestHash out) {
        int n = 103, classes = 4;
        Boxes b = DigestSelect.clustered(in, n, 12, 500f);
        float[] boxes = new float[4 * n + 1];
        for (int i = 0; i < n; i++) {
            boxes[1 + 4 * i] = b.x1(i);
            boxes[2 + 4 * i] = b.y1(i);
            boxes[3 + 4 * i] = b.x2(i);
            boxes[4 + 4 * i] = b.y2(i);
        }
        float[] scores = new float[n * classes + 3];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = in.nextInt(5) == 0 ? in.uniform(0f, 1f) : in.uniform(0f, 0.04f);
        }
        FloatBuffer directBoxes = ByteBuffer.allocateDirect(16 * n).order(ByteOrder.nativeOrder()).asFloatBuffer()
                .put(boxes, 1, 4 * n).flip();
        FloatBuffer directScores = ByteBuffer.allocateDirect(4 * n * classes).order(ByteOrder.nativeOrder())
                .asFloatBuffer().put(scores, 3, n * classes).flip();
        Detections d = new Detections();
        PostprocessWorkspace ws = new PostprocessWorkspace();
        for (DetectionPostprocess post : List.of(new DetectionPostprocess(0.3f, 100, 0.5, 40, false),
                new DetectionPostprocess(0.15f, 30, 0.6, 25, true), new DetectionPostprocess(0.05f, 1000, 0.45, 300,
                        false))) {
            String l = post.toString();
            hash(l + " arrays", post.run(boxes, 1, scores, 3, n, classes, d, ws), d, out);
            hash(l + " direct", post.run(directBoxes, directScores, n, classes, d, ws), d, out);
            hash(l + " one class", post.run(boxes, 1, scores, 3, n, 1, d, ws), d, out);
        }
    }
}
