package dev.anchorvec.boxes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Bad arguments to {@link BoxIou} and {@link BestIou}: each is rejected with an
 * {@link IllegalArgumentException} (or a {@link NullPointerException} for null) whose message names the
 * argument, before anything is written: outputs pre-filled with a sentinel are unchanged afterwards.
 */
class BoxIouArgumentsTest {

    private static final float SENTINEL = Float.intBitsToFloat(0xdeadbeef);
    private static final IouKind K = IouKind.IOU;

    private final Boxes a3 = Boxes.ofXyxy(0, 0, 1, 1, 0, 0, 2, 2, 1, 1, 3, 3);
    private final Boxes b2 = Boxes.ofXyxy(0, 0, 1, 1, 5, 5, 6, 6);
    private float[] out;
    private float[] bestA, bestB;
    private int[] argA, argB;

    @BeforeEach
    void fillOutputs() {
        out = filled(64);
        bestA = filled(3);
        bestB = filled(2);
        argA = new int[] {7, 7, 7};
        argB = new int[] {7, 7};
    }

    private static float[] filled(int n) {
        float[] x = new float[n];
        Arrays.fill(x, SENTINEL);
        return x;
    }

    /** Asserts the call throws {@code type} with a message containing {@code name}, and wrote nothing. */
    private <T extends RuntimeException> void rejects(Class<T> type, String name, Executable call) {
        T e = assertThrows(type, call);
        assertTrue(e.getMessage() != null && e.getMessage().contains(name),
                "message should name '" + name + "': " + e.getMessage());
        for (float v : out) {
            assertEquals(Float.floatToRawIntBits(SENTINEL), Float.floatToRawIntBits(v), "out was written");
        }
        for (float[] x : new float[][] {bestA, bestB}) {
            for (float v : x) {
                assertEquals(Float.floatToRawIntBits(SENTINEL), Float.floatToRawIntBits(v), "best was written");
            }
        }
        assertTrue(Arrays.stream(argA).allMatch(v -> v == 7) && Arrays.stream(argB).allMatch(v -> v == 7),
                "arg was written");
    }

    private void rejectsIae(String name, Executable call) {
        rejects(IllegalArgumentException.class, name, call);
    }

    @Test
    void alignedSizesMustMatch() {
        rejectsIae("a.size()", () -> BoxIou.aligned(K, a3, b2, out));
        rejectsIae("b.size()", () -> BoxIou.aligned(K, a3, b2));
        // The ranged form checks the range against both sets.
        rejectsIae("b range", () -> BoxIou.aligned(K, a3, b2, 0, 3, out, 0));
    }

    @Test
    void rangesMustLieInsideTheirSets() {
        rejectsIae("a range", () -> BoxIou.pairwise(K, a3, 0, 4, b2, 0, 2, out, 0, 2));
        rejectsIae("a range", () -> BoxIou.pairwise(K, a3, -1, 2, b2, 0, 2, out, 0, 2));
        rejectsIae("a range", () -> BoxIou.pairwise(K, a3, 2, 1, b2, 0, 2, out, 0, 2));
        rejectsIae("b range", () -> BoxIou.pairwise(K, a3, 0, 3, b2, 0, 3, out, 0, 3));
        rejectsIae("b range", () -> BoxIou.pairwise(K, a3, 0, 3, b2, 2, 1, out, 0, 2));
        rejectsIae("a range", () -> BoxIou.aligned(K, a3, a3, -1, 2, out, 0));
        rejectsIae("a range", () -> BoxIou.aligned(K, a3, a3, 2, 4, out, 0));
        rejectsIae("a range", () -> BoxIou.aligned(K, a3, a3, 2, 1, out, 0));
    }

    @Test
    void offsetsMustNotBeNegative() {
        rejectsIae("out offset", () -> BoxIou.pairwise(K, a3, 0, 3, b2, 0, 2, out, -1, 2));
        rejectsIae("out offset", () -> BoxIou.aligned(K, a3, a3, 0, 3, out, -1));
    }

    @Test
    void outputsMustBeLargeEnough() {
        rejectsIae("out.length", () -> BoxIou.pairwise(K, a3, b2, Arrays.copyOf(out, 5)));
        rejectsIae("out.length", () -> BoxIou.pairwise(K, a3, 0, 3, b2, 0, 2, out, 60, 2));
        // Three rows with stride 30 need 2 * 30 + 2 values.
        rejectsIae("out.length", () -> BoxIou.pairwise(K, a3, 0, 3, b2, 0, 2, out, 3, 30));
        rejectsIae("out.length", () -> BoxIou.aligned(K, a3, a3, Arrays.copyOf(out, 2)));
        rejectsIae("out.length", () -> BoxIou.aligned(K, a3, a3, 0, 3, out, 62));
        // The failing calls above wrote into copies; check the copies too.
        float[] shortOut = filled(5);
        rejectsIae("out.length", () -> BoxIou.pairwise(K, a3, b2, shortOut));
        for (float v : shortOut) {
            assertEquals(Float.floatToRawIntBits(SENTINEL), Float.floatToRawIntBits(v));
        }
    }

    @Test
    void rowStrideMustCoverTheColumns() {
        rejectsIae("rowStride", () -> BoxIou.pairwise(K, a3, 0, 3, b2, 0, 2, out, 0, 1));
        rejectsIae("rowStride", () -> BoxIou.pairwise(K, a3, 0, 3, b2, 0, 2, out, 0, -5));
    }

    @Test
    void nullArgumentsAreNamed() {
        rejects(NullPointerException.class, "kind", () -> BoxIou.pairwise(null, a3, b2, out));
        rejects(NullPointerException.class, "kind", () -> BoxIou.pairwise(null, a3, b2));
        rejects(NullPointerException.class, "a", () -> BoxIou.pairwise(K, null, b2, out));
        rejects(NullPointerException.class, "b", () -> BoxIou.pairwise(K, a3, null, out));
        rejects(NullPointerException.class, "out", () -> BoxIou.pairwise(K, a3, b2, null));
        rejects(NullPointerException.class, "out", () -> BoxIou.pairwise(K, a3, 0, 3, b2, 0, 2, null, 0, 2));
        rejects(NullPointerException.class, "kind", () -> BoxIou.aligned(null, a3, a3, out));
        rejects(NullPointerException.class, "a", () -> BoxIou.aligned(K, null, a3, out));
        rejects(NullPointerException.class, "b", () -> BoxIou.aligned(K, a3, null, out));
        rejects(NullPointerException.class, "out", () -> BoxIou.aligned(K, a3, a3, null));
        rejects(NullPointerException.class, "kind", () -> BoxIou.of(null, 0, 0, 1, 1, 0, 0, 1, 1));
    }

    @Test
    void bestIouOutputsMustCoverTheirSets() {
        rejectsIae("bestA", () -> BestIou.compute(a3, b2, new float[2], argA, bestB, argB));
        rejectsIae("argA", () -> BestIou.compute(a3, b2, bestA, new int[2], bestB, argB));
        rejectsIae("bestB", () -> BestIou.compute(a3, b2, bestA, argA, new float[1], argB));
        rejectsIae("argB", () -> BestIou.compute(a3, b2, bestA, argA, bestB, new int[1]));
        // Also when the other set is empty (the path that fills without running a kernel).
        rejectsIae("bestA", () -> BestIou.compute(a3, Boxes.ofXyxy(), new float[2], argA, bestB, argB));
    }

    @Test
    void bestIouNullArgumentsAreNamed() {
        rejects(NullPointerException.class, "a", () -> BestIou.compute(null, b2, bestA, argA, bestB, argB));
        rejects(NullPointerException.class, "b", () -> BestIou.compute(a3, null, bestA, argA, bestB, argB));
        rejects(NullPointerException.class, "bestA", () -> BestIou.compute(a3, b2, null, argA, bestB, argB));
        rejects(NullPointerException.class, "argA", () -> BestIou.compute(a3, b2, bestA, null, bestB, argB));
        rejects(NullPointerException.class, "bestB", () -> BestIou.compute(a3, b2, bestA, argA, null, argB));
        rejects(NullPointerException.class, "argB", () -> BestIou.compute(a3, b2, bestA, argA, bestB, null));
        rejects(NullPointerException.class, "a", () -> BestIou.compute(null, b2));
    }

    @Test
    void emptyRangesAreAcceptedAndWriteNothing() {
        BoxIou.pairwise(K, a3, 1, 1, b2, 0, 2, out, 0, 2);
        BoxIou.pairwise(K, a3, 0, 3, b2, 2, 2, out, 0, 0);
        BoxIou.pairwise(K, a3, 0, 0, b2, 0, 2, new float[0], 0, 2);
        BoxIou.aligned(K, a3, a3, 3, 3, out, 64);
        for (float v : out) {
            assertEquals(Float.floatToRawIntBits(SENTINEL), Float.floatToRawIntBits(v));
        }
    }

    @Test
    void exactFitIsAccepted() {
        // The last row needs only the columns, not a full stride.
        float[] tight = filled(2 * 10 + 2);
        BoxIou.pairwise(K, a3, 0, 3, b2, 0, 2, tight, 0, 10);
        assertEquals(1f, tight[0]);
        assertEquals(Float.floatToRawIntBits(SENTINEL), Float.floatToRawIntBits(tight[2]));
    }
}
