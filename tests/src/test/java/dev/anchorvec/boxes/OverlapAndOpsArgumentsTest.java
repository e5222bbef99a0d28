package dev.anchorvec.boxes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Bad arguments to {@link OverlapTest}, {@link BoxOps}, {@link BoxConvert} and {@link Boxes}: an
 * {@link IllegalArgumentException} whose message names the argument, thrown before anything is written.
 */
class OverlapAndOpsArgumentsTest {

    private final Boxes boxes = Boxes.ofXyxy(0, 0, 1, 1, 0, 0, 2, 2, 1, 1, 3, 3);

    private static void rejects(String name, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(name), "message should name '" + name + "': " + e.getMessage());
    }

    @Test
    void overlapTestRejectsBadArgumentsBeforeWriting() {
        boolean[] mask = {true, true, true};
        long[] bits = {42L};
        rejects("threshold", () -> OverlapTest.countAbove(boxes, 0, boxes, 0, 3, Double.NaN));
        rejects("threshold", () -> OverlapTest.maskAbove(boxes, 0, boxes, 0, 3, Double.NaN, mask, 0));
        rejects("threshold", () -> OverlapTest.bitsAbove(boxes, 0, boxes, 0, 3, Double.NaN, bits));
        rejects("others", () -> OverlapTest.countAbove(boxes, 0, boxes, 2, 1, 0.5));
        rejects("others", () -> OverlapTest.countAbove(boxes, 0, boxes, 0, 4, 0.5));
        rejects("index", () -> OverlapTest.countAbove(boxes, 3, boxes, 0, 3, 0.5));
        rejects("index", () -> OverlapTest.bitsAbove(boxes, -1, boxes, 0, 3, 0.5, bits));
        rejects("mask", () -> OverlapTest.maskAbove(boxes, 0, boxes, 0, 3, 0.5, mask, 1));
        rejects("mask", () -> OverlapTest.maskAbove(boxes, 0, boxes, 0, 3, 0.5, mask, -1));
        rejects("bits", () -> OverlapTest.bitsAbove(boxes, 0, boxes, 0, 3, 0.5, new long[0]));
        assertArrayEquals(new boolean[] {true, true, true}, mask);
        assertArrayEquals(new long[] {42L}, bits);
        assertThrows(NullPointerException.class, () -> OverlapTest.countAbove(boxes, 0, null, 0, 0, 0.5));
    }

    @Test
    void boxOpsRejectBadArgumentsBeforeWriting() {
        float[] area = {9, 9, 9};
        rejects("out", () -> BoxOps.area(boxes, 0, 3, area, 1));
        rejects("boxes", () -> BoxOps.area(boxes, 1, 4, area, 0));
        rejects("width", () -> BoxOps.clip(boxes, Float.NaN, 10));
        rejects("width", () -> BoxOps.clip(boxes, -1, 10));
        rejects("height", () -> BoxOps.clip(boxes, 10, Float.POSITIVE_INFINITY));
        rejects("minSize", () -> BoxOps.removeSmall(boxes, Float.NaN, new int[3]));
        int[] keep = {7, 7};
        rejects("keep", () -> BoxOps.removeSmall(boxes, 0, keep));
        assertArrayEquals(new float[] {9, 9, 9}, area);
        assertArrayEquals(new int[] {7, 7}, keep);
        assertArrayEquals(new float[] {0, 0, 1, 1, 0, 0, 2, 2, 1, 1, 3, 3}, boxes.toInterleaved(BoxFormat.XYXY));
    }

    @Test
    void conversionsAndWrappersRejectBadShapes() {
        Boxes dst = Boxes.allocate(2);
        dst.set(0, 5, 5, 5, 5);
        rejects("count", () -> BoxConvert.fromInterleaved(new float[8], 0, -1, BoxFormat.XYXY, dst));
        rejects("src", () -> BoxConvert.fromInterleaved(new float[7], 0, 2, BoxFormat.XYXY, dst));
        rejects("dst", () -> BoxConvert.fromInterleaved(new float[12], 0, 3, BoxFormat.XYXY, dst));
        rejects("srcStride", () -> BoxConvert.fromPlanar(new float[8], 0, 1, 2, BoxFormat.XYXY, dst));
        rejects("src", () -> BoxConvert.fromInterleaved(FloatBuffer.allocate(7), 2, BoxFormat.XYXY, dst));
        rejects("dst", () -> BoxConvert.toInterleaved(boxes, BoxFormat.XYXY, new float[11], 0));
        rejects("read-only", () -> BoxConvert.toInterleaved(boxes, BoxFormat.XYXY,
                FloatBuffer.allocate(12).asReadOnlyBuffer()));
        rejects("capacity", () -> Boxes.allocate(-1));
        rejects("stride", () -> Boxes.wrapPlanar(new float[8], 0, 1, 2));
        rejects("data.length", () -> Boxes.wrapPlanar(new float[7], 0, 2, 2));
        rejects("multiple of 4", () -> Boxes.wrapPlanar(new float[7]));
        rejects("array-backed", () -> Boxes.wrapPlanar(ByteBuffer.allocateDirect(64).asFloatBuffer(), 2));
        rejects("newSize", () -> dst.resize(3));
        assertArrayEquals(new float[] {5, 5, 5, 5, 0, 0, 0, 0}, dst.toInterleaved(BoxFormat.XYXY));
    }
}
