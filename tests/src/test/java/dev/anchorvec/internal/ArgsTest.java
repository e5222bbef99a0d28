package dev.anchorvec.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.annotation.RetentionPolicy;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * {@link Args}: each check passes its boundary values, rejects the values just beyond them with the message the
 * class documents (argument, index, value and limit), and computes sums and products without wrapping.
 */
class ArgsTest {

    private static void rejects(String message, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertEquals(message, e.getMessage());
    }

    @Test
    void nullsAndEnums() {
        Object o = new Object();
        assertSame(o, Args.notNull(o, "o"));
        NullPointerException npe = assertThrows(NullPointerException.class, () -> Args.notNull(null, "boxes"));
        assertEquals("boxes", npe.getMessage());
        Set<RetentionPolicy> allowed = EnumSet.of(RetentionPolicy.CLASS, RetentionPolicy.RUNTIME);
        assertSame(RetentionPolicy.CLASS, Args.oneOf(RetentionPolicy.CLASS, allowed, "policy"));
        rejects("policy must be one of [CLASS, RUNTIME], got SOURCE",
                () -> Args.oneOf(RetentionPolicy.SOURCE, allowed, "policy"));
        assertThrows(NullPointerException.class, () -> Args.oneOf(null, allowed, "policy"));
    }

    @Test
    void intBounds() {
        assertEquals(0, Args.count(0, "n"));
        rejects("n must be >= 0, got -1", () -> Args.count(-1, "n"));
        rejects("n must be >= 0, got -2147483648", () -> Args.count(Integer.MIN_VALUE, "n"));
        assertEquals(3, Args.atLeast(3, 3, "k"));
        rejects("k must be >= 3, got 2", () -> Args.atLeast(2, 3, "k"));
        assertEquals(1, Args.positive(1, "c"));
        rejects("c must be >= 1, got 0", () -> Args.positive(0, "c"));
        assertEquals(1 << 20, Args.inRange(1 << 20, 1, 1 << 20, "numClasses"));
        rejects("numClasses must be in [1, 1048576], got 2147483647",
                () -> Args.inRange(Integer.MAX_VALUE, 1, 1 << 20, "numClasses"));
        rejects("numClasses must be in [1, 1048576], got 0", () -> Args.inRange(0, 1, 1 << 20, "numClasses"));
        assertEquals(2, Args.index(2, 3, "index"));
        rejects("index must be in [0, 3), got 3", () -> Args.index(3, 3, "index"));
        rejects("index must be in [0, 3), got -1", () -> Args.index(-1, 3, "index"));
        rejects("weights must have 4 elements, has 3", () -> Args.length(3, 4, "weights"));
        assertEquals(2, Args.sameCount(2, 2, "steps", "levels"));
        rejects("steps has 1 levels, expected 2", () -> Args.sameCount(1, 2, "steps", "levels"));
        Args.sameSize(4, "gt.size()", 4, "anchors.size()");
        rejects("gt.size() 3 != anchors.size() 4", () -> Args.sameSize(3, "gt.size()", 4, "anchors.size()"));
    }

    @Test
    void rangesRoomAndRemaining() {
        Args.range(0, 0, 0, "boxes");
        Args.range(2, 5, 5, "boxes");
        rejects("boxes range [3, 2) is not within [0, 5]", () -> Args.range(3, 2, 5, "boxes"));
        rejects("boxes range [-1, 2) is not within [0, 5]", () -> Args.range(-1, 2, 5, "boxes"));
        rejects("boxes range [0, 6) is not within [0, 5]", () -> Args.range(0, 6, 5, "boxes"));

        Args.room(90, 10, 100, "out");
        Args.room(100, 0, 100, "out");
        rejects("out offset 95 + count 10 = 105 exceeds out.length 100", () -> Args.room(95, 10, 100, "out"));
        rejects("out.length 100 is too small: needs 101", () -> Args.room(0, 101, 100, "out"));
        rejects("out offset must be >= 0, got -1", () -> Args.room(-1, 0, 100, "out"));
        rejects("out count must be >= 0, got -5", () -> Args.room(0, -5, 100, "out"));
        // offset + count would wrap an int (and with longs, a long): computed without overflow.
        rejects("out offset 2147483647 + count 2147483647 = 4294967294 exceeds out.length 100",
                () -> Args.room(Integer.MAX_VALUE, Integer.MAX_VALUE, 100, "out"));
        rejects("src byteOffset 9223372036854775807 + 16 bytes = 9223372036854775823 exceeds its 64 bytes",
                () -> Args.segmentRoom(Long.MAX_VALUE, 16, 64, "src"));
        rejects("segment has 60 bytes, needs 64", () -> Args.segmentRoom(0, 64, 60, "segment"));
        rejects("src byteOffset must be >= 0, got -4", () -> Args.segmentRoom(-4, 16, 64, "src"));
        Args.segmentRoom(48, 16, 64, "src");

        Args.remaining(8, 8, "buffer");
        rejects("buffer has 7 elements remaining, needs 8", () -> Args.remaining(8, 7, "buffer"));
        rejects("buffer count must be >= 0, got -1", () -> Args.remaining(-1, 7, "buffer"));
    }

    @Test
    void tiles() {
        // 3 rows of 4 with stride 10 from 5: last element at 5 + 2 * 10 + 3 = 28.
        Args.tile(5, 3, 4, 10, 29, "out");
        rejects("out tile of 3 x 4 at offset 5 with rowStride 10 ends at 29, beyond out.length 28",
                () -> Args.tile(5, 3, 4, 10, 28, "out"));
        rejects("out rowStride 3 must be >= its 4 columns", () -> Args.tile(0, 3, 4, 3, 100, "out"));
        rejects("out offset must be >= 0, got -1", () -> Args.tile(-1, 3, 4, 4, 100, "out"));
        rejects("out tile must have >= 0 rows and columns, got -1 x 4", () -> Args.tile(0, -1, 4, 4, 100, "out"));
        Args.tile(100, 0, 4, 4, 100, "out");
        // (rows - 1) * rowStride overflows an int; the check is in long.
        rejects("out tile of 65536 x 1 at offset 0 with rowStride 65536 ends at 4294901761, beyond out.length 100",
                () -> Args.tile(0, 65536, 1, 65536, 100, "out"));
    }

    @Test
    void disjointRanges() {
        float[] a = new float[10];
        float[] b = new float[10];
        Args.disjoint(a, 0, 5, "out", a, 5, 5, "in");
        Args.disjoint(a, 0, 10, "out", b, 0, 10, "in");
        Args.disjoint(a, 0, 0, "out", a, 0, 10, "in");
        rejects("out [4, 6) overlaps in [5, 10) in the same array", () -> Args.disjoint(a, 4, 2, "out", a, 5, 5,
                "in"));
    }

    @Test
    void productsAndAllocationLimits() {
        assertEquals(6, Args.product(2, 3, "rows", "cols"));
        assertEquals(Integer.MAX_VALUE, Args.product(Integer.MAX_VALUE, 1, "rows", "cols"));
        rejects("n * c = 65536 * 65536 overflows an int", () -> Args.product(65536, 65536, "n", "c"));
        assertEquals(1L << 62, Args.product(1L << 31, 1L << 31, "a", "b"));
        assertEquals(-(1L << 62), Args.product(-(1L << 31), 1L << 31, "a", "b"));
        assertEquals(Long.MIN_VALUE, Args.product(Long.MIN_VALUE, 1, "a", "b"));
        rejects("4 * n * k = 8589934588 * 2147483647 overflows a long",
                () -> Args.product(4L * Integer.MAX_VALUE, Integer.MAX_VALUE, "4 * n", "k"));
        rejects("a * b = -9223372036854775808 * -1 overflows a long",
                () -> Args.product(Long.MIN_VALUE, -1, "a", "b"));

        assertEquals(100, Args.allocation(100, 100, "a.size() * b.size()"));
        rejects("a.size() * b.size() = 101 exceeds the allocation limit 100",
                () -> Args.allocation(101, 100, "a.size() * b.size()"));
        rejects("a.size() * b.size() must be >= 0, got -1", () -> Args.allocation(-1, 100, "a.size() * b.size()"));
        assertEquals(Integer.MAX_VALUE - 8, Args.MAX_ARRAY_LENGTH);
    }

    @Test
    void floatingPoint() {
        assertEquals(Double.POSITIVE_INFINITY, Args.notNaN(Double.POSITIVE_INFINITY, "t"));
        rejects("t must not be NaN, got NaN", () -> Args.notNaN(Double.NaN, "t"));
        rejects("t must not be NaN, got NaN", () -> Args.notNaN(Float.NaN, "t"));
        assertEquals(-Double.MAX_VALUE, Args.finite(-Double.MAX_VALUE, "x"));
        rejects("x must be finite, got Infinity", () -> Args.finite(Double.POSITIVE_INFINITY, "x"));
        rejects("x must be finite, got -Infinity", () -> Args.finite(Float.NEGATIVE_INFINITY, "x"));
        assertEquals(Double.MIN_VALUE, Args.positive(Double.MIN_VALUE, "sigma"));
        assertEquals(Float.MIN_VALUE, Args.positive(Float.MIN_VALUE, "sigma"));
        rejects("sigma must be finite and > 0, got 0.0", () -> Args.positive(0.0, "sigma"));
        rejects("sigma must be finite and > 0, got -0.0", () -> Args.positive(-0f, "sigma"));
        rejects("sigma must be finite and > 0, got Infinity", () -> Args.positive(Double.POSITIVE_INFINITY,
                "sigma"));
        rejects("sigma must be finite and > 0, got NaN", () -> Args.positive(Float.NaN, "sigma"));
        assertEquals(0.0, Args.nonNegative(0.0, "w"));
        assertEquals(-0f, Args.nonNegative(-0f, "w"));
        rejects("w must be finite and >= 0, got -1.4E-45", () -> Args.nonNegative(-Float.MIN_VALUE, "w"));
        rejects("w must be finite and >= 0, got Infinity", () -> Args.nonNegative(Float.POSITIVE_INFINITY, "w"));
        assertEquals(Double.POSITIVE_INFINITY, Args.atLeast(Double.POSITIVE_INFINITY, 0, "side"));
        rejects("side must be >= 0.0, got NaN", () -> Args.atLeast(Double.NaN, 0, "side"));
        assertEquals(1.0, Args.inRange(1.0, 0, 1, "p"));
        rejects("p must be in [0.0, 1.0], got 1.0000000000000002", () -> Args.inRange(Math.nextUp(1.0), 0, 1,
                "p"));
        rejects("p must be in [0.0, 1.0], got NaN", () -> Args.inRange(Double.NaN, 0, 1, "p"));
    }

    @Test
    void arraysOfValues() {
        float[] x1 = {0, 1, 2, Float.NaN, Float.POSITIVE_INFINITY};
        Args.notNaN(x1, 0, 3, "boxes.x1");
        rejects("boxes.x1[3] is NaN", () -> Args.notNaN(x1, 2, 2, "boxes.x1"));
        Args.notNaN(new float[] {Float.NEGATIVE_INFINITY}, 0, 1, "v");
        rejects("boxes.x1[4] is Infinity", () -> Args.finite(x1, 4, 1, "boxes.x1"));
        // A 2 x 3 matrix at offset 1: element (1, 1) is index 1 + 3 + 1 = 5.
        float[] q = {Float.NaN, 0, 0, 0, 0, 0, Float.NaN};
        Args.notNaN(q, 1, 1, 3, "quality");
        rejects("quality[1, 2] is NaN", () -> Args.notNaN(q, 1, 2, 3, "quality"));

        float[] strides = {8, 16};
        assertSame(strides, Args.positive(strides, "strides"));
        rejects("strides[1] must be finite and > 0, got 0.0", () -> Args.positive(new float[] {8, 0}, "strides"));

        double[] scales = {1, 2};
        double[] copy = Args.positiveCopy(scales, "scales");
        assertArrayEquals(scales, copy);
        assertNotSame(scales, copy);
        rejects("scales must not be empty", () -> Args.positiveCopy(new double[0], "scales"));
        rejects("scales[1] must be finite and > 0, got NaN", () -> Args.positiveCopy(new double[] {1, Double.NaN},
                "scales"));
        double[][] levels = {{1}, {2, 3}};
        double[][] deep = Args.positiveCopy(levels, "sizes");
        assertNotSame(levels[1], deep[1]);
        assertArrayEquals(levels[1], deep[1]);
        rejects("sizes[1] must not be empty", () -> Args.positiveCopy(new double[][] {{1}, {}}, "sizes"));
    }
}
