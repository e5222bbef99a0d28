package dev.anchorvec.select;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anchorvec.boxes.Boxes;
import dev.anchorvec.reference.ReferenceNms;
import dev.anchorvec.testkit.Gen;
import dev.anchorvec.testkit.Prop;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * {@link BatchedNms} against the per-class reference exactly, the per-class property (it equals running
 * {@link Nms#greedy} on each class alone), workspace reuse with offsets, and bad input.
 */
class BatchedNmsTest {

    /** A greedy-NMS case plus class ids in {@code [0, numClasses)}. */
    record Case(NmsPropertyTest.Case nms, int[] classes, int numClasses) {
        @Override
        public String toString() {
            return nms + "\n    classes (" + numClasses + ") " + Arrays.toString(classes);
        }
    }

    static final Gen<Case> CASES = rnd -> {
        NmsPropertyTest.Case c = NmsPropertyTest.CASES.generate(rnd);
        int numClasses = 1 + rnd.nextInt(rnd.nextBoolean() ? 3 : 90);
        int[] classes = new int[c.n()];
        for (int i = 0; i < classes.length; i++) {
            classes[i] = rnd.nextInt(numClasses);
        }
        return new Case(c, classes, numClasses);
    };

    private static int[] run(Case c) {
        return BatchedNms.run(Boxes.ofXyxy(c.nms().xyxy()), c.nms().scores(), c.classes(), c.numClasses(),
                c.nms().t());
    }

    @Test
    void equalsThePerClassReferenceExactly() {
        Prop.forAll("batched nms equals reference", 300, CASES, c -> assertArrayEquals(
                ReferenceNms.batched(c.nms().xyxy(), c.nms().scores(), c.classes(), c.nms().t()), run(c)));
    }

    @Test
    void eachClassKeepsWhatGreedyNmsKeepsOnThatClassAlone() {
        Prop.forAll("batched = per class greedy", 200, CASES, c -> {
            int[] keep = run(c);
            for (int cls = 0; cls < c.numClasses(); cls++) {
                int[] members = members(c.classes(), cls);
                float[] xyxy = new float[4 * members.length];
                float[] scores = new float[members.length];
                for (int k = 0; k < members.length; k++) {
                    System.arraycopy(c.nms().xyxy(), 4 * members[k], xyxy, 4 * k, 4);
                    scores[k] = c.nms().scores()[members[k]];
                }
                int[] alone = Arrays.stream(Nms.greedy(Boxes.ofXyxy(xyxy), scores, c.nms().t()))
                        .map(k -> members[k]).toArray();
                int target = cls;
                int[] ofClass = Arrays.stream(keep).filter(i -> c.classes()[i] == target).toArray();
                assertArrayEquals(alone, ofClass, "class " + cls);
            }
        });
    }

    @Test
    void oneClassIsGreedyNms() {
        Prop.forAll("batched with one class", 200, NmsPropertyTest.CASES, c -> {
            int[] keep = BatchedNms.run(Boxes.ofXyxy(c.xyxy()), c.scores(), new int[c.n()], 1, c.t());
            assertArrayEquals(Nms.greedy(Boxes.ofXyxy(c.xyxy()), c.scores(), c.t()), keep);
        });
    }

    @Test
    void workspaceReuseAndOffsetsGiveTheSameResult() {
        NmsWorkspace ws = new NmsWorkspace();
        Prop.forAll("batched nms workspace", 200, CASES, c -> {
            int n = c.nms().n();
            float[] scores = new float[n + 3];
            System.arraycopy(c.nms().scores(), 0, scores, 3, n);
            int[] classes = new int[n + 5];
            System.arraycopy(c.classes(), 0, classes, 5, n);
            int[] keep = new int[n + 1];
            Arrays.fill(keep, -9);
            int k = BatchedNms.run(Boxes.ofXyxy(c.nms().xyxy()), scores, 3, classes, 5, c.numClasses(), c.nms().t(),
                    keep, ws);
            assertArrayEquals(run(c), Arrays.copyOf(keep, k));
            assertEquals(-9, keep[n], "wrote past the kept entries");
        });
    }

    @Test
    void boxesOfDifferentClassesNeverSuppressEachOther() {
        Boxes same = Boxes.ofXyxy(new float[] {0, 0, 10, 10, 0, 0, 10, 10, 0, 0, 10, 10});
        float[] scores = {0.5f, 0.9f, 0.7f};
        assertArrayEquals(new int[] {1, 2, 0}, BatchedNms.run(same, scores, new int[] {0, 1, 2}, 3, 0.5));
        assertArrayEquals(new int[] {1, 2}, BatchedNms.run(same, scores, new int[] {0, 1, 0}, 2, 0.5));
    }

    @Test
    void badInputIsRejectedBeforeAnythingIsWritten() {
        Boxes boxes = Boxes.ofXyxy(new float[] {0, 0, 1, 1, 0, 0, 2, 2});
        float[] scores = {0.5f, 0.4f};
        int[] keep = {-1, -1};
        NmsWorkspace ws = new NmsWorkspace();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BatchedNms.run(boxes, scores, 0, new int[] {0, 3}, 0, 3, 0.5, keep, ws));
        assertTrue(e.getMessage().contains("classes[1] = 3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> BatchedNms.run(boxes, scores, 0, new int[] {-1, 0}, 0, 3, 0.5, keep, ws));
        assertTrue(e.getMessage().contains("classes[0] = -1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> BatchedNms.run(boxes, scores, 0, new int[] {0}, 0, 3, 0.5, keep, ws));
        assertTrue(e.getMessage().startsWith("classes"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> BatchedNms.run(boxes, new float[] {1}, 0, new int[] {0, 0}, 0, 3, 0.5, keep, ws));
        assertTrue(e.getMessage().startsWith("scores"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> BatchedNms.run(boxes, scores, 0, new int[] {0, 0}, 0, 3, Double.NaN, keep, ws));
        assertTrue(e.getMessage().contains("iouThreshold"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> BatchedNms.run(boxes, scores, 0, new int[] {0, 0}, 0, 0, 0.5, keep, ws));
        assertTrue(e.getMessage().contains("numClasses"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> BatchedNms.run(boxes, scores, 0, new int[] {0, 0}, 0, 1, 0.5, new int[1], ws));
        assertTrue(e.getMessage().startsWith("keep"), e.getMessage());
        assertArrayEquals(new int[] {-1, -1}, keep);
    }

    private static int[] members(int[] classes, int cls) {
        return java.util.stream.IntStream.range(0, classes.length).filter(i -> classes[i] == cls).toArray();
    }
}
