package dev.anchorvec.select;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anchorvec.boxes.Boxes;
import dev.anchorvec.reference.ReferenceNms;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Named cases: the peers' NMS examples (peers.md C9), the edge cases of the policy, and bad input. */
class NmsExamplesTest {

    @Test
    void torchvisionIssue2157TieKeepsTheLowestIndex() {
        Boxes boxes = Boxes.ofXyxy(0.3764f, 0.0905f, 0.6533f, 0.4487f, 0.3744f, 0.0899f, 0.6535f, 0.4513f,
                0.3753f, 0.0916f, 0.6532f, 0.4512f);
        assertArrayEquals(new int[] {0}, Nms.greedy(boxes, new float[] {1f, 1f, 1f}, 0.2));
    }

    @Test
    void mmcvDocstringExampleKeepsThree() {
        float[] xyxy = {49.1f, 32.4f, 51.0f, 35.9f, 49.3f, 32.9f, 51.0f, 35.3f, 49.2f, 31.8f, 51.0f, 35.4f,
            35.1f, 11.5f, 39.1f, 15.7f, 35.6f, 11.8f, 39.3f, 14.2f, 35.3f, 11.5f, 39.9f, 14.5f,
            35.2f, 11.7f, 39.7f, 15.7f};
        float[] scores = {0.9f, 0.9f, 0.5f, 0.5f, 0.5f, 0.4f, 0.3f};
        int[] keep = Nms.greedy(Boxes.ofXyxy(xyxy), scores, 0.6);
        assertEquals(3, keep.length);
        assertArrayEquals(ReferenceNms.greedy(xyxy, scores, 0.6), keep);
    }

    /** torchvision's TestNMS: a box stretched to IoU slightly above t with box 0 must be suppressed. */
    @Test
    void torchvisionStrictEdgeSuppressesJustAboveT() {
        for (double t : new double[] {0.2, 0.5, 0.8}) {
            double tg = t + 1e-5;
            float x2 = (float) (10 + 10 * (1 - tg) / tg);
            Boxes boxes = Boxes.ofXyxy(0, 0, 10, 10, 50, 50, 60, 60, 0, 0, x2, 10);
            assertArrayEquals(new int[] {0, 1}, Nms.greedy(boxes, new float[] {0.9f, 0.5f, 0.3f}, t), "t " + t);
        }
    }

    @Test
    void iouEqualToTheThresholdDoesNotSuppressButRoundedThresholdDoes() {
        Boxes half = Boxes.ofXyxy(0, 0, 10, 10, 0, 0, 10, 5); // nested: IoU = 50 / 100 = 0.5 exactly
        assertArrayEquals(new int[] {0, 1}, Nms.greedy(half, new float[] {2, 1}, 0.5));
        assertArrayEquals(new int[] {0}, Nms.greedy(half, new float[] {2, 1}, Math.nextDown(0.5)));
        // IoU fl(30 / 100) = 0.3f is above 0.3 (a double): suppressed, as in torchvision.
        Boxes tenth = Boxes.ofXyxy(0, 0, 10, 10, 0, 0, 10, 3);
        assertArrayEquals(new int[] {0}, Nms.greedy(tenth, new float[] {2, 1}, 0.3));
        assertArrayEquals(new int[] {0, 1}, Nms.greedy(tenth, new float[] {2, 1}, 0.3f));
    }

    @Test
    void nanScoresAreNeverKeptAndNeverSuppress() {
        Boxes same = Boxes.ofXyxy(0, 0, 10, 10, 0, 0, 10, 10, 0, 0, 10, 10);
        assertArrayEquals(new int[] {2}, Nms.greedy(same, new float[] {Float.NaN, Float.NaN, 0.1f}, 0.5));
        assertArrayEquals(new int[0], Nms.greedy(same, new float[] {Float.NaN, Float.NaN, Float.NaN}, 0.5));
    }

    @Test
    void equalScoresVisitLowerIndexFirstAndNegativeZeroEqualsZero() {
        Boxes same = Boxes.ofXyxy(0, 0, 10, 10, 0, 0, 10, 10, 100, 100, 110, 110, 100, 100, 110, 110);
        assertArrayEquals(new int[] {0, 2}, Nms.greedy(same, new float[] {0.5f, 0.5f, 0.5f, 0.5f}, 0.5));
        assertArrayEquals(new int[] {0, 2}, Nms.greedy(same, new float[] {-0.0f, 0.0f, 0.0f, -0.0f}, 0.5));
        assertArrayEquals(new int[] {3, 1}, Nms.greedy(same, new float[] {1, 2, 3, 4}, 0.5));
    }

    @Test
    void emptyInputAndExtremeThresholds() {
        assertArrayEquals(new int[0], Nms.greedy(Boxes.allocate(0), new float[0], 0.5));
        int[] keep = {};
        assertEquals(0, Nms.greedy(Boxes.allocate(0), new float[0], 0, 0.5, keep, new NmsWorkspace()));
        Boxes apart = Boxes.ofXyxy(0, 0, 1, 1, 5, 5, 6, 6, 0, 0, 1, 1);
        float[] scores = {1, 2, 3};
        assertArrayEquals(new int[] {2}, Nms.greedy(apart, scores, -0.5)); // IoU >= 0 > t: only the best stays
        assertArrayEquals(new int[] {2, 1}, Nms.greedy(apart, scores, 0.0)); // disjoint boxes have IoU 0
        assertArrayEquals(new int[] {2, 1, 0}, Nms.greedy(apart, scores, 1.0));
        assertArrayEquals(new int[] {2, 1, 0}, Nms.greedy(apart, scores, Double.POSITIVE_INFINITY));
    }

    @Test
    void degenerateAndNanBoxesNeverSuppress() {
        Boxes boxes = Boxes.ofXyxy(3, 1, 3, 1, 3, 1, 3, 1, Float.NaN, 0, 1, 1, 0, 0, 1, 1);
        assertArrayEquals(new int[] {0, 1, 2, 3}, Nms.greedy(boxes, new float[] {4, 3, 2, 1}, 0.5));
    }

    @Test
    void badInputIsRejectedBeforeAnythingIsWritten() {
        Boxes boxes = Boxes.ofXyxy(0, 0, 1, 1, 0, 0, 1, 1);
        NmsWorkspace ws = new NmsWorkspace();
        int[] keep = {-1, -1};
        assertMessage("iouThreshold", () -> Nms.greedy(boxes, new float[2], 0, Double.NaN, keep, ws));
        assertMessage("scores", () -> Nms.greedy(boxes, new float[1], 0, 0.5, keep, ws));
        assertMessage("scores", () -> Nms.greedy(boxes, new float[2], 1, 0.5, keep, ws));
        assertMessage("scores", () -> Nms.greedy(boxes, new float[2], -1, 0.5, keep, ws));
        assertMessage("keep", () -> Nms.greedy(boxes, new float[2], 0, 0.5, new int[1], ws));
        assertMessage("iouThreshold", () -> Nms.greedy(boxes, new float[2], Double.NaN));
        assertMessage("capacity", () -> new NmsWorkspace(-1));
        assertArrayEquals(new int[] {-1, -1}, keep);
        assertThrows(NullPointerException.class, () -> Nms.greedy(null, new float[2], 0.5));
    }

    private static void assertMessage(String word, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(word), e.getMessage());
    }

    @Test
    void allEqualScoresAtScale() {
        float[] xyxy = new float[4 * 100];
        for (int i = 0; i < 100; i++) {
            xyxy[4 * i] = i;
            xyxy[4 * i + 1] = 0;
            xyxy[4 * i + 2] = i + 3;
            xyxy[4 * i + 3] = 3;
        }
        float[] scores = new float[100];
        Arrays.fill(scores, 0.25f);
        int[] keep = Nms.greedy(Boxes.ofXyxy(xyxy), scores, 0.3);
        assertArrayEquals(ReferenceNms.greedy(xyxy, scores, 0.3), keep);
        assertEquals(0, keep[0]);
    }
}
