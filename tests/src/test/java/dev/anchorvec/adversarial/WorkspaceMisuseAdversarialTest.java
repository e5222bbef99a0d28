package dev.anchorvec.adversarial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anchorvec.boxes.Boxes;
import dev.anchorvec.select.pipeline.Detections;
import dev.anchorvec.select.pipeline.PostprocessWorkspace;
import dev.anchorvec.select.pipeline.RetinaNetPostprocess;
import dev.anchorvec.targets.BatchTargets;
import dev.anchorvec.targets.GroundTruthBatch;
import dev.anchorvec.targets.TargetBuilder;
import dev.anchorvec.targets.TargetWorkspace;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/**
 * Overlapping use of one workspace is rejected with {@link IllegalStateException} naming it, before anything
 * is written: the same workspace passed twice to one call, and a call re-entered (through the caller's executor)
 * with a workspace the outer call holds. The workspace is free again afterwards.
 */
class WorkspaceMisuseAdversarialTest {

    private final Boxes anchors = BoxAttacks.ordinary(50, 1);
    private final GroundTruthBatch gt = new GroundTruthBatch(new float[] {10, 10, 30, 30, 40, 40, 70, 60}, new int[]
            {1, 1}, new int[] {2, 3}, 5);
    private final TargetBuilder builder = TargetBuilder.retinaNet(anchors);

    @Test
    void theSameWorkspaceTwiceInOneBatch() {
        BatchTargets out = new BatchTargets(2, anchors.size());
        int[] before = out.matches().clone();
        TargetWorkspace ws = new TargetWorkspace();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> builder.buildBatch(gt, out, Runnable::run, new TargetWorkspace[] {ws, ws}, 2));
        assertTrue(e.getMessage().contains("TargetWorkspace"), e.getMessage());
        assertArrayEquals(before, out.matches(), "nothing written by the rejected call");
        builder.buildBatch(gt, out, ws); // released: usable again
        assertTrue(out.totalPositives() >= 0);
    }

    @Test
    void aCallReenteredWithAHeldWorkspace() {
        BatchTargets out = new BatchTargets(2, anchors.size());
        TargetWorkspace[] ws = {new TargetWorkspace(), new TargetWorkspace()};
        // The executor runs another call with ws[0] while buildBatch holds it: a second user of the workspace.
        Executor reentering = task -> builder.build(gt, 0, out, ws[0]);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> builder.buildBatch(gt, out, reentering, ws, 2));
        assertTrue(e.getMessage().contains("already in use"), e.getMessage());
        assertEquals(0, out.totalPositives(), "nothing written by the rejected calls");
        builder.build(gt, 0, out, ws[0]);
        builder.build(gt, 1, out, ws[1]);
    }

    @Test
    void aPipelineBatchReenteredWithAHeldWorkspace() {
        RetinaNetPostprocess post = RetinaNetPostprocess.torchvision();
        int classes = 3, a = anchors.size();
        float[] logits = new float[2 * a * classes], deltas = new float[2 * 4 * a];
        Detections[] dets = {new Detections(), new Detections()};
        PostprocessWorkspace[] ws = {new PostprocessWorkspace(), new PostprocessWorkspace()};
        Executor reentering = task -> post.run(logits, 0, deltas, 0, anchors, new int[] {a}, classes, 640, 640,
                new Detections(), ws[1]);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> post.runBatch(logits, deltas,
                anchors, new int[] {a}, classes, 2, 640, 640, dets, reentering, ws, 2));
        assertTrue(e.getMessage().contains("PostprocessWorkspace"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> post.runBatch(logits, deltas, anchors, new int[] {a},
                classes, 2, 640, 640, dets, Runnable::run, new PostprocessWorkspace[] {ws[0], ws[0]}, 2));
        post.runBatch(logits, deltas, anchors, new int[] {a}, classes, 2, 640, 640, dets, Runnable::run, ws, 2);
    }
}
