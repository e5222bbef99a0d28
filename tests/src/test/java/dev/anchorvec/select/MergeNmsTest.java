package dev.anchorvec.select;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.anchorvec.boxes.BoxFormat;
import dev.anchorvec.boxes.Boxes;
import dev.anchorvec.reference.ReferenceSoftNms;
import dev.anchorvec.testkit.FloatChecks;
import dev.anchorvec.testkit.Prop;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** {@link MergeNms} against {@link ReferenceSoftNms#merge} exactly, a hand-computed cluster, and bad input. */
class MergeNmsTest {

    @Test
    void equalsTheReferenceExactly() {
        NmsWorkspace ws = new NmsWorkspace();
        Prop.forAll("merge nms equals reference", 80, NmsPropertyTest.CASES, c -> {
            for (boolean redundant : new boolean[] {false, true}) {
                ReferenceSoftNms.Merged want = ReferenceSoftNms.merge(c.xyxy(), c.scores(), c.t(), redundant);
                int[] keep = new int[c.n()];
                Boxes merged = Boxes.allocate(c.n());
                int k = MergeNms.run(Boxes.ofXyxy(c.xyxy()), c.scores(), 0, c.t(), redundant, keep, merged, ws);
                assertArrayEquals(want.keep(), Arrays.copyOf(keep, k), "redundant " + redundant);
                assertEquals(k, merged.size());
                FloatChecks.assertSameBits("merged", want.xyxy(), merged.toInterleaved(BoxFormat.XYXY));
            }
        });
    }

    /** Box 0 (score 3) and box 1 (score 1) overlap by IoU 0.6; box 2 is alone. */
    @Test
    void weightedMeanOfTheCluster() {
        Boxes boxes = Boxes.ofXyxy(0, 0, 10, 10, 0, 0, 10, 6, 50, 50, 60, 60);
        float[] scores = {3f, 1f, 2f};
        MergeNms.Result r = MergeNms.run(boxes, scores, 0.5, false);
        assertArrayEquals(new int[] {0, 2}, r.keep());
        assertArrayEquals(new float[] {0, 0, 10, 9, 50, 50, 60, 60}, r.merged().toInterleaved(BoxFormat.XYXY));
        MergeNms.Result red = MergeNms.run(boxes, scores, 0.5, true);
        assertArrayEquals(new int[] {0}, red.keep());
        assertArrayEquals(new float[] {0, 0, 10, 9}, red.merged().toInterleaved(BoxFormat.XYXY));
    }

    @Test
    void badInputIsRejectedBeforeWriting() {
        Boxes boxes = Boxes.ofXyxy(0, 0, 1, 1, 0, 0, 2, 2);
        float[] scores = {0.5f, 0.4f};
        int[] keep = {-7, -7};
        NmsWorkspace ws = new NmsWorkspace();
        assertThrows(IllegalArgumentException.class,
                () -> MergeNms.run(boxes, scores, 0, 0.5, false, keep, Boxes.allocate(1), ws));
        assertThrows(IllegalArgumentException.class,
                () -> MergeNms.run(boxes, scores, 0, 0.5, false, keep, boxes, ws));
        assertThrows(IllegalArgumentException.class,
                () -> MergeNms.run(boxes, scores, 0, Double.NaN, false, keep, Boxes.allocate(2), ws));
        assertThrows(IllegalArgumentException.class,
                () -> MergeNms.run(boxes, new float[1], 0, 0.5, false, keep, Boxes.allocate(2), ws));
        assertThrows(IllegalArgumentException.class,
                () -> MergeNms.run(boxes, scores, 0, 0.5, false, new int[1], Boxes.allocate(2), ws));
        assertArrayEquals(new int[] {-7, -7}, keep);
    }
}
