package dev.anchorvec.match;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.anchorvec.boxes.Boxes;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Hand-computed cases for {@link AtssAssigner} and {@link Yolov5Matcher} (derivations in the comments). */
class AtssAndYolov5Test {

    private static final int B = MatchCodes.BACKGROUND;

    /** Level 0: a0..a2 (4 x 4 in a row), level 1: b0, b1 (8 x 8); topk = 2. */
    private static final Boxes PRIORS = Boxes.ofXyxy(0, 0, 4, 4, 4, 0, 8, 4, 8, 0, 12, 4, 0, 0, 8, 8, 8, 0, 16, 8);
    private static final int[] LEVELS = {3, 2};
    private static final AtssAssigner ATSS = new AtssAssigner(2);

    private static int[] atss(float... gt) {
        return ATSS.assign(PRIORS, LEVELS, Boxes.ofXyxy(gt));
    }

    @Test
    void atssHandCases() {
        // A = [0,0,5,4]: candidates a0, a1 | b0, b1 with IoU 0.8, 0.125 | 0.3125, 0: mean 0.3094, std 0.3514,
        // threshold 0.661: only a0 (centre (2,2) inside).
        assertArrayEquals(new int[] {0, B, B, B, B}, atss(0, 0, 5, 4));
        // C = [0,0,4,5] also gives a0 IoU 0.8 (threshold 0.656): the tie goes to the lower gt index.
        assertArrayEquals(new int[] {0, B, B, B, B}, atss(0, 0, 5, 4, 0, 0, 4, 5));
        assertArrayEquals(new int[] {0, B, B, B, B}, atss(0, 0, 4, 5, 0, 0, 5, 4));
        // D = [0,0,4,4.5]: a0 IoU 0.889 (threshold 0.712) beats A's 0.8.
        assertArrayEquals(new int[] {1, B, B, B, B}, atss(0, 0, 5, 4, 0, 0, 4, 4.5f));
        // G = [2,2,6,6]: candidates a0, a1 (0.143 each), b0 0.25, b1 0: threshold 0.2365, b0 positive.
        assertArrayEquals(new int[] {B, B, B, 0, B}, atss(2, 2, 6, 6));
        // H = [2,0,4,4]: a0 IoU 0.5 >= threshold 0.393, but its centre (2,2) is on H's edge (l = 0): none.
        assertArrayEquals(new int[] {B, B, B, B, B}, atss(2, 0, 4, 4));
        assertArrayEquals(new int[] {B, B, B, B, B}, ATSS.assign(PRIORS, LEVELS, Boxes.allocate(0)));
    }

    @Test
    void atssSingleCandidateHasNoThreshold() {
        // One level with one prior: the unbiased std of one value is NaN (torch), so nothing is positive.
        assertArrayEquals(new int[] {B}, AtssAssigner.mmdet().assign(Boxes.ofXyxy(0, 0, 4, 4), new int[] {1},
                Boxes.ofXyxy(0, 0, 4, 4)));
    }

    /** P3 anchors of YOLOv5s (10,13, 16,30, 33,23) / stride 8, grid 20 x 20. */
    @Test
    void yolov5HandCase() {
        float[] anchors = {1.25f, 1.625f, 2f, 3.75f, 4.125f, 2.875f};
        float[] gt = {
            0.515625f, 0.3125f, 0.125f, 0.1875f,   // grid (10.3125, 6.25) 2.5 x 3.75: all anchors; left, up
            0.875f, 0.875f, 0.015625f, 0.015625f,  // 0.3125 x 0.3125: ratio >= 4 for every anchor
            0.0390625f, 0.5f, 0.125f, 0.125f};     // grid (0.78125, 10): no left (gx <= 1); up, right, down
        int cap = Yolov5Matcher.maxTargets(3, 3);
        int[] g = new int[cap], a = new int[cap], x = new int[cap], y = new int[cap];
        int n = Yolov5Matcher.defaults().match(gt, 0, 3, anchors, 0, 3, 20, 20, g, a, x, y, 0);
        assertEquals(21, n);
        assertArrayEquals(new int[] {0, 2, 0, 2, 0, 2, 0, 0, 0, 0, 2, 0, 2, 0, 2, 2, 2, 2, 2, 2, 2},
                Arrays.copyOf(g, n));
        assertArrayEquals(new int[] {0, 0, 1, 1, 2, 2, 0, 1, 2, 0, 0, 1, 1, 2, 2, 0, 1, 2, 0, 1, 2},
                Arrays.copyOf(a, n));
        // Down of gt 2: (long)(10 + 0.5) = 10, its own row (YOLOv5's quirk for a centre on a cell edge).
        assertArrayEquals(new int[] {10, 0, 10, 0, 10, 0, 9, 9, 9, 10, 0, 10, 0, 10, 0, 1, 1, 1, 0, 0, 0},
                Arrays.copyOf(x, n));
        assertArrayEquals(new int[] {6, 10, 6, 10, 6, 10, 6, 6, 6, 5, 9, 5, 9, 5, 9, 10, 10, 10, 10, 10, 10},
                Arrays.copyOf(y, n));
    }
}
