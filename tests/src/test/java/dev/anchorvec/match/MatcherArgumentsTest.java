package dev.anchorvec.match;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anchorvec.boxes.Boxes;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Bad input: an IllegalArgumentException naming the argument, and nothing written. */
class MatcherArgumentsTest {

    private static void rejects(String name, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(name), "message should name " + name + ": " + e.getMessage());
    }

    private static int[] sentinel(int n) {
        int[] a = new int[n];
        Arrays.fill(a, 77);
        return a;
    }

    @Test
    void thresholds() {
        rejects("low", () -> MaxIouMatcher.torchvision(0.4, 0.5, true));
        rejects("high", () -> MaxIouMatcher.torchvision(Double.NaN, 0.5, true));
        rejects("low", () -> MaxIouMatcher.torchvision(0.5, Double.NaN, true));
        rejects("minPosIou", () -> MaxIouMatcher.builder().minPosIou(Double.NaN).build());
        rejects("negIouThr", () -> MmdetMaxIouAssigner.builder(0.5, 0.4, 0.3).build());
        rejects("minPosIou", () -> MmdetMaxIouAssigner.builder(0.5, 0.4).minPosIou(-0.1).build());
        rejects("unmatched", () -> ArgMaxMatcher.builder(0.3, 0.5).build());
        rejects("matched", () -> ArgMaxMatcher.builder(Double.NaN).build());
        rejects("unmatched", () -> ArgMaxMatcher.builder(0.5).negativesLowerThanUnmatched(false).build());
        rejects("topk", () -> new AtssAssigner(0));
        rejects("anchorT", () -> new Yolov5Matcher(Double.NaN));
    }

    @Test
    void matcherOutputsAndMatrices() {
        MaxIouMatcher m = MaxIouMatcher.torchvision(0.5, 0.4, true);
        Boxes anchors = Boxes.ofXyxy(0, 0, 1, 1, 0, 0, 2, 2, 5, 5, 6, 6), gt = Boxes.ofXyxy(0, 0, 1, 1);
        int[] out = sentinel(3);
        MatchWorkspace ws = new MatchWorkspace();
        rejects("matches", () -> m.match(anchors, gt, out, 1, ws));
        rejects("matches", () -> m.match(anchors, gt, out, -1, ws));
        rejects("quality", () -> m.match(new float[5], 0, 2, 3, out, 0, ws));
        rejects("quality", () -> m.match(new float[6], 1, 2, 3, out, 0, ws));
        rejects("quality[1, 2]", () -> m.match(new float[] {0, 0, 0, 0, 0, Float.NaN}, 0, 2, 3, out, 0, ws));
        rejects("gts", () -> m.match(new float[6], 0, -1, 3, out, 0, ws));
        assertArrayEquals(sentinel(3), out);
        rejects("codes", () -> MmdetMaxIouAssigner.builder(0.5, 0.4).build().assign(anchors, gt, null, out, 2, ws));
        rejects("similarity", () -> ArgMaxMatcher.builder().build().match(new float[5], 0, 2, 3, null, out, 0));
        rejects("validRows", () -> ArgMaxMatcher.builder().build().match(new float[6], 0, 2, 3, new boolean[3],
                out, 0));
        rejects("levelSizes", () -> AtssAssigner.mmdet().assign(anchors, new int[] {2}, gt, out, 0));
        rejects("levelSizes[1]", () -> AtssAssigner.mmdet().assign(anchors, new int[] {4, -1}, gt, out, 0));
        rejects("codes", () -> MatchCodes.toMmdetGtInds(new int[] {0, -3}, 0, 2, out, 0));
        assertArrayEquals(sentinel(3), out);
    }

    @Test
    void yolov5Arrays() {
        Yolov5Matcher y = Yolov5Matcher.defaults();
        float[] gt = {0.5f, 0.5f, 0.1f, 0.1f};
        float[] anchors = {2, 2};
        int[] g = sentinel(2), a = sentinel(2), x = sentinel(2), yy = sentinel(2);
        rejects("gtXywh", () -> y.match(new float[3], 0, 1, anchors, 0, 1, 20, 20, g, a, x, yy, 0));
        rejects("anchorWh", () -> y.match(gt, 0, 1, new float[1], 0, 1, 20, 20, g, a, x, yy, 0));
        rejects("anchorWh[1]", () -> y.match(gt, 0, 1, new float[] {1, 0}, 0, 1, 20, 20, g, a, x, yy, 0));
        rejects("grid", () -> y.match(gt, 0, 1, anchors, 0, 1, 0, 20, g, a, x, yy, 0));
        // (10, 10) on a cell corner: own, left, up, right, down = 5 targets; room for 2.
        rejects("gtIndex", () -> y.match(gt, 0, 1, anchors, 0, 1, 20, 20, g, a, x, yy, 0));
        assertArrayEquals(sentinel(2), g);
        assertArrayEquals(sentinel(2), x);
    }
}
