package dev.anchorvec.adversarial;

import dev.anchorvec.boxes.BestIou;
import dev.anchorvec.boxes.BoxIou;
import dev.anchorvec.boxes.BoxOps;
import dev.anchorvec.boxes.Boxes;
import dev.anchorvec.boxes.IouKind;
import dev.anchorvec.boxes.IouTies;
import dev.anchorvec.match.MatchWorkspace;
import dev.anchorvec.match.MaxIouMatcher;
import dev.anchorvec.select.BatchedNms;
import dev.anchorvec.select.Nms;
import dev.anchorvec.select.NmsWorkspace;
import dev.anchorvec.select.pipeline.Detections;
import dev.anchorvec.select.pipeline.PostprocessWorkspace;
import dev.anchorvec.select.pipeline.Yolov5Postprocess;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Shared kernel objects called by {@link Concurrency#PLATFORM_THREADS} platform and
 * {@link Concurrency#VIRTUAL_THREADS} virtual threads at once, each thread with its own workspaces, give the
 * single-threaded results bit for bit.
 *
 * <p>Only kernels whose bits do not depend on the JIT tier are compared here: the coders and losses call the
 * JDK's lanewise {@code EXP} / {@code LOG}, whose interpreted and compiled results differ (issue 13, item 1), so
 * a thread that runs compiled code could legitimately disagree with the interpreted single-threaded run. Add
 * them once anchorvec computes its own transcendental functions.
 */
class ConcurrencyAdversarialTest {

    private static final int TASKS = 12;
    /** Per task: anchors-like boxes (size varies around vector edges) and ground truth. */
    private static final Boxes[] A = new Boxes[TASKS], B = new Boxes[TASKS];
    private static final float[][] SCORES = new float[TASKS][];
    private static final int[][] CLASSES = new int[TASKS][];
    private static final float[][] YOLO = new float[TASKS][];

    static {
        for (int t = 0; t < TASKS; t++) {
            A[t] = BoxAttacks.ordinary(100 + 23 * t, t);
            B[t] = BoxAttacks.ordinary(3 + t, 100 + t);
            SplittableRandom r = new SplittableRandom(t);
            SCORES[t] = new float[A[t].size()];
            CLASSES[t] = new int[A[t].size()];
            for (int i = 0; i < SCORES[t].length; i++) {
                SCORES[t][i] = (float) r.nextDouble();
                CLASSES[t][i] = r.nextInt(5);
            }
            int rows = 150 + t, classes = 4;
            YOLO[t] = new float[rows * (5 + classes)];
            for (int i = 0; i < rows; i++) {
                int o = i * (5 + classes);
                YOLO[t][o] = (float) r.nextDouble(0, 640);
                YOLO[t][o + 1] = (float) r.nextDouble(0, 640);
                YOLO[t][o + 2] = (float) r.nextDouble(4, 200);
                YOLO[t][o + 3] = (float) r.nextDouble(4, 200);
                for (int k = 4; k < 5 + classes; k++) {
                    YOLO[t][o + k] = (float) r.nextDouble();
                }
            }
        }
    }

    @Test
    void iouFamilyFromManyThreads() throws Exception {
        Concurrency.assertSameResults("boxes", TASKS, () -> t -> {
            Boxes a = A[t], b = B[t];
            BestIou.Result best = BestIou.compute(a, b);
            int[] ties = new int[a.size()];
            IouTies.lastEqual(a, b, best.bestB(), ties);
            return List.of(BoxIou.pairwise(IouKind.IOU, a, b), BoxIou.pairwise(IouKind.GIOU, a, b),
                    BoxIou.pairwise(IouKind.DIOU, a, b), BoxIou.pairwise(IouKind.CIOU, a, b),
                    BoxIou.aligned(IouKind.DIOU, a, a), best, ties, BoxOps.area(a));
        });
    }

    @Test
    void matcherSharedWorkspacePerThread() throws Exception {
        MaxIouMatcher matcher = MaxIouMatcher.torchvision(0.5, 0.4, true);
        Concurrency.assertSameResults("MaxIouMatcher", TASKS, () -> {
            MatchWorkspace ws = new MatchWorkspace();
            return t -> {
                int[] codes = new int[A[t].size()];
                int positives = matcher.match(A[t], B[t], codes, 0, ws);
                return List.of(positives, codes);
            };
        });
    }

    @Test
    void nmsWorkspacePerThread() throws Exception {
        Concurrency.assertSameResults("Nms", TASKS, () -> {
            NmsWorkspace ws = new NmsWorkspace();
            return t -> {
                int[] keep = new int[A[t].size()];
                int k = Nms.greedy(A[t], SCORES[t], 0, 0.3, keep, ws);
                int[] keepB = new int[A[t].size()];
                int kb = BatchedNms.run(A[t], SCORES[t], 0, CLASSES[t], 0, 5, 0.3, keepB, ws);
                return List.of(k, keep, kb, keepB);
            };
        });
    }

    @Test
    void postprocessSharedWorkspacePerThread() throws Exception {
        Yolov5Postprocess post = Yolov5Postprocess.defaults();
        Concurrency.assertSameResults("Yolov5Postprocess", TASKS, () -> {
            PostprocessWorkspace ws = new PostprocessWorkspace();
            Detections dets = new Detections();
            return t -> {
                int n = YOLO[t].length / 9;
                int count = post.run(FloatBuffer.wrap(YOLO[t]), n, 4, dets, ws);
                float[] boxes = dets.boxes().toInterleaved(dev.anchorvec.boxes.BoxFormat.XYXY);
                // The arrays may be longer than the count (they are reused): compare the detections only.
                return List.of(count, boxes, Arrays.copyOf(dets.scores(), count), Arrays.copyOf(dets.labels(),
                        count), Arrays.copyOf(dets.sources(), count));
            };
        });
    }
}
