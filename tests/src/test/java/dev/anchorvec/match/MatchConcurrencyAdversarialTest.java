package dev.anchorvec.match;

import dev.anchorvec.adversarial.BoxAttacks;
import dev.anchorvec.adversarial.Concurrency;
import dev.anchorvec.boxes.BoxIou;
import dev.anchorvec.boxes.Boxes;
import dev.anchorvec.boxes.IouKind;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The shared objects of {@code dev.anchorvec.match} - every matcher and assigner is immutable - called by
 * {@link Concurrency#PLATFORM_THREADS} platform and {@link Concurrency#VIRTUAL_THREADS} virtual threads at once,
 * each thread with its own {@link MatchWorkspace}, give the single-threaded results bit for bit.
 */
class MatchConcurrencyAdversarialTest {

    private static final int TASKS = 12;
    private static final Boxes[] ANCHORS = new Boxes[TASKS], GT = new Boxes[TASKS], IGNORE = new Boxes[TASKS];
    private static final float[][] QUALITY = new float[TASKS][];
    private static final float[][] GT_XYWH = new float[TASKS][];
    private static final int[][] LEVELS = new int[TASKS][];
    private static final float[] YOLO_ANCHORS = {1.25f, 1.625f, 2f, 3.75f, 4.125f, 2.875f};

    static {
        for (int t = 0; t < TASKS; t++) {
            // Sizes vary around the vector widths and the 256-anchor blocks of the tie pass.
            ANCHORS[t] = BoxAttacks.ordinary(250 + 37 * t, t);
            GT[t] = BoxAttacks.ordinary(2 + t, 100 + t);
            IGNORE[t] = BoxAttacks.ordinary(1 + t % 4, 200 + t);
            QUALITY[t] = BoxIou.pairwise(IouKind.IOU, GT[t], ANCHORS[t]);
            int n = ANCHORS[t].size();
            LEVELS[t] = new int[] {n / 2, n / 3, n - n / 2 - n / 3};
            SplittableRandom r = new SplittableRandom(t);
            GT_XYWH[t] = new float[4 * GT[t].size()];
            for (int k = 0; k < GT_XYWH[t].length; k++) {
                GT_XYWH[t][k] = (float) r.nextDouble(0.02, 0.6);
            }
        }
    }

    @Test
    void maxIouMatchersWithAWorkspacePerThread() throws Exception {
        List<MaxIouMatcher> matchers = List.of(MaxIouAdversarialTest.MATCHERS);
        Concurrency.assertSameResults("MaxIouMatcher", TASKS, () -> {
            MatchWorkspace ws = new MatchWorkspace();
            return t -> {
                List<Object> out = new ArrayList<>();
                for (MaxIouMatcher m : matchers) {
                    int n = ANCHORS[t].size();
                    int[] fromBoxes = new int[n], fromMatrix = new int[n];
                    out.add(m.match(ANCHORS[t], GT[t], fromBoxes, 0, ws));
                    out.add(m.match(QUALITY[t], 0, GT[t].size(), n, fromMatrix, 0, ws));
                    out.add(fromBoxes);
                    out.add(fromMatrix);
                    out.add(ws.bestGt(n - 1));
                    out.add(ws.bestQuality(n - 1));
                }
                return out;
            };
        });
    }

    @Test
    void mmdetAssignersWithAWorkspacePerThread() throws Exception {
        Concurrency.assertSameResults("MmdetMaxIouAssigner", TASKS, () -> {
            MatchWorkspace ws = new MatchWorkspace();
            return t -> {
                List<Object> out = new ArrayList<>();
                for (MaxIouAdversarialTest.Mmdet a : MaxIouAdversarialTest.ASSIGNERS) {
                    int[] codes = new int[ANCHORS[t].size()];
                    out.add(a.assigner().assign(ANCHORS[t], GT[t], IGNORE[t], codes, 0, ws));
                    out.add(codes);
                }
                return out;
            };
        });
    }

    @Test
    void peerMatchersFromManyThreads() throws Exception {
        ArgMaxMatcher argMax = ArgMaxMatcher.builder(0.5, 0.3).forceMatchForEachRow(true).build();
        AtssAssigner atss = AtssAssigner.mmdet();
        Yolov5Matcher yolo = Yolov5Matcher.defaults();
        Concurrency.assertSameResults("ArgMaxMatcher, AtssAssigner, Yolov5Matcher", TASKS, () -> t -> {
            int gts = GT[t].size(), cap = Yolov5Matcher.maxTargets(gts, 3);
            int[] g = new int[cap], a = new int[cap], x = new int[cap], y = new int[cap];
            int targets = yolo.match(GT_XYWH[t], 0, gts, YOLO_ANCHORS, 0, 3, 40, 32, g, a, x, y, 0);
            return List.of(argMax.match(QUALITY[t], gts, ANCHORS[t].size(), null),
                    atss.assign(ANCHORS[t], LEVELS[t], GT[t]), targets, g, a, x, y);
        });
    }
}
