package dev.anchorvec.targets;

import dev.anchorvec.adversarial.Concurrency;
import dev.anchorvec.anchors.AnchorPresets;
import dev.anchorvec.boxes.Boxes;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * The shared objects of {@code dev.anchorvec.targets} - builders and ground-truth batches are immutable - used by
 * {@link Concurrency#PLATFORM_THREADS} platform and {@link Concurrency#VIRTUAL_THREADS} virtual threads at once,
 * each thread with its own {@link TargetWorkspace}s and {@link BatchTargets}, give the single-threaded targets bit
 * for bit: one image at a time, sequential batches, and batches whose tasks run in parallel on a shared pool.
 */
class TargetsConcurrencyAdversarialTest {

    private static final int TASKS = 8;
    private static final Boxes ANCHORS = AnchorPresets.torchvisionRetinaNet(160, 160).toBoxes();
    private static final GroundTruthBatch[] GT = new GroundTruthBatch[TASKS];

    static {
        for (int t = 0; t < TASKS; t++) {
            SplittableRandom r = new SplittableRandom(t);
            int images = 2 + t % 3;
            int[] counts = new int[images];
            int total = 0;
            for (int b = 0; b < images; b++) {
                counts[b] = r.nextInt(7);
                total += counts[b];
            }
            float[] boxes = new float[4 * total];
            int[] labels = new int[total];
            for (int j = 0; j < total; j++) {
                float x = (float) r.nextDouble(0, 140), y = (float) r.nextDouble(0, 140);
                boxes[4 * j] = x;
                boxes[4 * j + 1] = y;
                boxes[4 * j + 2] = x + 4 + (float) r.nextDouble(60);
                boxes[4 * j + 3] = y + 4 + (float) r.nextDouble(60);
                labels[j] = 1 + r.nextInt(9);
            }
            GT[t] = new GroundTruthBatch(boxes, counts, labels, 10);
        }
    }

    @Test
    void buildersWithWorkspacesPerThread() throws Exception {
        List<TargetBuilder> builders = List.of(TargetBuilder.retinaNet(ANCHORS), TargetBuilder.ssd(ANCHORS));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Concurrency.assertSameResults("TargetBuilder", TASKS, () -> {
                TargetWorkspace ws = new TargetWorkspace();
                TargetWorkspace[] batchWs = {new TargetWorkspace(), new TargetWorkspace(), new TargetWorkspace()};
                return t -> {
                    GroundTruthBatch gt = GT[t];
                    List<Object> out = new java.util.ArrayList<>();
                    for (TargetBuilder builder : builders) {
                        BatchTargets one = new BatchTargets(gt.images(), ANCHORS.size());
                        for (int b = gt.images() - 1; b >= 0; b--) {
                            builder.build(gt, b, one, ws);
                        }
                        BatchTargets seq = new BatchTargets(gt.images(), ANCHORS.size());
                        builder.buildBatch(gt, seq, ws);
                        BatchTargets par = new BatchTargets(gt.images(), ANCHORS.size());
                        builder.buildBatch(gt, par, pool, batchWs, 3);
                        out.add(one);
                        out.add(seq);
                        out.add(par);
                    }
                    return out;
                };
            });
        } finally {
            pool.shutdown();
        }
    }
}
