package dev.anchorvec.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anchorvec.anchors.AnchorPresets;
import dev.anchorvec.boxes.Boxes;
import dev.anchorvec.loss.Reduction;
import dev.anchorvec.loss.SigmoidFocalLoss;
import dev.anchorvec.loss.SmoothL1Loss;
import dev.anchorvec.targets.BatchTargets;
import dev.anchorvec.targets.GroundTruthBatch;
import dev.anchorvec.targets.TargetBuilder;
import dev.anchorvec.targets.TargetWorkspace;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** The README's training-targets example (section "Training targets"), verbatim between the markers. */
class TargetsReadmeExampleTest {

    @Test
    void targetsReadmeExample() {
        // README targets example start
        // The anchors of every image: torchvision's RetinaNet at 640 x 640 (76725 boxes).
        Boxes anchors = AnchorPresets.torchvisionRetinaNet(640, 640).toBoxes();
        int n = anchors.size(), classes = 80;

        // Two images from a data loader: xyxy boxes of both, concatenated; boxes per image; a label per box.
        GroundTruthBatch gt = new GroundTruthBatch(
                new float[] {48, 40, 210, 300,   300, 320, 420, 400,   100, 100, 400, 360},
                new int[] {2, 1}, new int[] {17, 0, 5}, classes);

        // Match (IoU >= 0.5 positive, < 0.4 background, between: ignored; low-quality matches kept) and encode
        // (weights 1, 1, 1, 1), one image per task; keep the workspaces (one per task) for the next batch.
        TargetBuilder builder = TargetBuilder.retinaNet(anchors);
        BatchTargets targets = new BatchTargets(gt.images(), n);
        TargetWorkspace[] workspaces = {new TargetWorkspace(), new TargetWorkspace()};
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            builder.buildBatch(gt, targets, pool, workspaces, 2);
        }

        // The network's outputs, image-major like the targets: logits [2n, 80] (here all at RetinaNet's prior,
        // sigmoid = 0.01) and box deltas [2n, 4]; their gradients go to dLogits and dDeltas.
        float[] logits = new float[2 * n * classes], deltas = new float[2 * n * 4];
        Arrays.fill(logits, -4.59512f);
        float[] dLogits = new float[logits.length], dDeltas = new float[deltas.length];

        // Sums divided by max(1, positives of the batch). Ignored anchors (-2) get loss 0 and gradient 0; so does
        // every anchor that is not positive in the box loss.
        double norm = Reduction.perPositive(targets.totalPositives());
        double cls = SigmoidFocalLoss.retinaNet().normalized(logits, targets.classes(), 2 * n, classes, norm, dLogits);
        double box = new SmoothL1Loss(0.1f).normalized(deltas, targets.offsets(), targets.matches(), 2 * n, norm,
                dDeltas);
        // README targets example end

        assertEquals(76725, n);
        int[] positives = targets.positives();
        assertTrue(positives[0] > 0 && positives[1] > 0, Arrays.toString(positives));
        assertEquals(norm, positives[0] + positives[1]);

        int[] matches = targets.matches(), labels = targets.classes();
        byte[] pos = targets.positive(), neg = targets.negative(), ign = targets.ignored();
        float[] offsets = targets.offsets();
        int ignored = 0;
        for (int a = 0; a < 2 * n; a++) {
            int image = a / n;
            assertEquals(1, pos[a] + neg[a] + ign[a], "exactly one mask per anchor " + a);
            if (pos[a] == 1) {
                int g = matches[a];
                assertTrue(g >= 0 && g < gt.count(image), "anchor " + a + " matched to " + g);
                assertEquals(gt.labels()[gt.start(image) + g], labels[a]);
                // Zero predictions against non-zero targets: the box loss pulls every positive.
                assertTrue(dDeltas[4 * a] != 0 || dDeltas[4 * a + 1] != 0 || dDeltas[4 * a + 2] != 0
                        || dDeltas[4 * a + 3] != 0, "box gradient on positive " + a);
            } else {
                assertEquals(neg[a] == 1 ? -1 : -2, matches[a]);
                assertEquals(neg[a] == 1 ? -1 : -2, labels[a]);
                for (int k = 0; k < 4; k++) {
                    assertEquals(0f, offsets[4 * a + k], "offset of non-positive " + a);
                    assertEquals(0f, dDeltas[4 * a + k], "box gradient of non-positive " + a);
                }
            }
            boolean anyGrad = false;
            for (int k = a * classes; k < (a + 1) * classes; k++) {
                anyGrad |= dLogits[k] != 0f;
            }
            if (ign[a] == 1) {
                ignored++;
                assertTrue(!anyGrad, "focal gradient on ignored anchor " + a);
            } else {
                assertTrue(anyGrad, "no focal gradient on anchor " + a);
            }
            if (neg[a] == 1) {
                assertTrue(dLogits[a * classes] > 0f, "a background anchor's logits are pushed down");
            }
        }
        assertTrue(ignored > 0, "RetinaNet's 0.4 .. 0.5 band ignores some anchors");

        // The normalised loss is the per-element sum over the anchors that are not ignored, divided by norm.
        float[] each = new float[logits.length];
        SigmoidFocalLoss.retinaNet().elementwise(logits, labels, 2 * n, classes, each, null);
        double sum = 0;
        for (float v : each) {
            sum += v;
        }
        assertTrue(Double.isFinite(cls) && cls > 0, "cls " + cls);
        assertEquals(sum / norm, cls, 1e-6 * cls);
        assertTrue(Double.isFinite(box) && box > 0, "box " + box);
        assertEquals(box, new SmoothL1Loss(0.1f).reduce(deltas, offsets, matches, 2 * n, Reduction.SUM, null) / norm,
                1e-6 * box);
    }
}
