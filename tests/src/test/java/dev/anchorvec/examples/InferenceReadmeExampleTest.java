package dev.anchorvec.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anchorvec.anchors.AnchorPresets;
import dev.anchorvec.boxes.Boxes;
import dev.anchorvec.select.BatchedNms;
import dev.anchorvec.select.Nms;
import dev.anchorvec.select.pipeline.Detections;
import dev.anchorvec.select.pipeline.PostprocessWorkspace;
import dev.anchorvec.select.pipeline.RetinaNetPostprocess;
import dev.anchorvec.select.pipeline.Yolov5Postprocess;
import java.nio.FloatBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The README's inference example (section "Inference"), verbatim between the markers. */
class InferenceReadmeExampleTest {

    @Test
    void inferenceReadmeExample() {
        // README inference example start
        // NMS on its own: kept indices, best first; IoU > 0.5 suppresses; per class with BatchedNms.
        Boxes boxes = Boxes.ofXyxy(10, 10, 50, 50,   12, 12, 52, 52,   100, 100, 140, 160,   11, 9, 49, 51);
        float[] scores = {0.9f, 0.8f, 0.7f, 0.95f};
        int[] kept = Nms.greedy(boxes, scores, 0.5);                                  // [3, 2]
        int[] perClass = BatchedNms.run(boxes, scores, new int[] {0, 1, 1, 0}, 2, 0.5); // [3, 1, 2]

        // A RetinaNet's raw head outputs for one 640 x 640 image: logits [76725, 80], deltas [76725, 4].
        Boxes anchors = AnchorPresets.torchvisionRetinaNet(640, 640).toBoxes();
        int[] anchorsPerLevel = {57600, 14400, 3600, 900, 225};
        float[] logits = new float[anchors.size() * 80], deltas = new float[anchors.size() * 4];
        Arrays.fill(logits, -8f);
        logits[1234 * 80 + 17] = 3f;                       // anchor 1234 sees class 17

        // torchvision's postprocess_detections: score > 0.05, top 1000 per level, decode, clip, NMS 0.5 per
        // class, 300 kept. Reuse the Detections and the workspace (one per thread): no allocation per image.
        RetinaNetPostprocess retinaNet = RetinaNetPostprocess.torchvision();
        Detections dets = new Detections();
        PostprocessWorkspace ws = new PostprocessWorkspace();
        int count = retinaNet.run(logits, 0, deltas, 0, anchors, anchorsPerLevel, 80, 640, 640, dets, ws);

        // YOLOv5's exported output [25200, 85] read in place, e.g. from ONNX Runtime's
        // OnnxTensor.getFloatBuffer(): objectness x class > 0.25, NMS 0.45 per class, at most 300.
        FloatBuffer output = FloatBuffer.allocate(25200 * 85);
        output.put(0, new float[] {320, 240, 100, 80, 0.9f, 0.1f, 0.8f});  // row 0: a box of class 1
        int yoloCount = Yolov5Postprocess.defaults().run(output, 25200, 80, dets, ws);
        // README inference example end

        assertArrayEquals(new int[] {3, 2}, kept);
        assertArrayEquals(new int[] {3, 1, 2}, perClass);
        assertEquals(76725, anchors.size());
        assertEquals(1, count);
        assertEquals(1, yoloCount);
        assertEquals(1, dets.label(0));
        assertEquals(0.9f * 0.8f, dets.score(0));
        assertEquals(270f, dets.boxes().x1(0));
        assertEquals(280f, dets.boxes().y2(0));
    }

    @Test
    void retinaNetExampleDetectsTheAnchorAndClass() {
        Boxes anchors = AnchorPresets.torchvisionRetinaNet(640, 640).toBoxes();
        float[] logits = new float[anchors.size() * 80];
        Arrays.fill(logits, -8f);
        logits[1234 * 80 + 17] = 3f;
        Detections dets = new Detections();
        RetinaNetPostprocess.torchvision().run(logits, 0, new float[anchors.size() * 4], 0, anchors,
                new int[] {57600, 14400, 3600, 900, 225}, 80, 640, 640, dets, new PostprocessWorkspace());
        assertEquals(1, dets.count());
        assertEquals(17, dets.label(0));
        assertEquals(1234, dets.source(0));
        assertEquals(Math.max(0f, anchors.x1(1234)), dets.boxes().x1(0)); // zero deltas: the anchor, clipped
        assertEquals(Math.min(640f, anchors.x2(1234)), dets.boxes().x2(0));
    }
}
