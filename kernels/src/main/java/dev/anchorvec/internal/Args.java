package dev.anchorvec.internal;

import java.util.Objects;
import java.util.Set;

/**
 * The one argument-checking helper of anchorvec (internal: not exported). Every public entry point calls these
 * before it allocates anything in proportion to an argument and before it writes into a caller's array, so a
 * rejected call has no effect. Each check either returns (most return the checked value, for use in an
 * expression) or throws:
 *
 * <ul>
 *   <li>{@link NullPointerException} whose message is the argument's name, for a null reference;</li>
 *   <li>{@link IllegalArgumentException} for everything else, whose message names the argument, the index
 *       where one applies, the value and the limit: {@code "boxes.x1[17] is NaN"},
 *       {@code "out offset 95 + count 10 = 105 exceeds out.length 100"},
 *       {@code "numClasses must be in [1, 1048576], got 2147483647"}.</li>
 * </ul>
 *
 * <p><b>Conventions.</b> The argument's name comes last, as in {@link Objects#requireNonNull(Object, String)},
 * and is a constant string at the call site: messages are built only when a check fails (in the
 * {@code fail...} methods), so the success path is a comparison or two that C2 inlines into the caller. Nothing
 * here takes varargs or allocates on success. Sums and products of sizes are computed in {@code long}, so no
 * offset, count or product can wrap around an {@code int}.
 *
 * <p><b>Allocation limits.</b> A parameter that sizes an allocation (a number of classes, a top-k, an iteration
 * count, a batch size, a history length, a tile) is checked against a documented upper limit with
 * {@link #inRange(int, int, int, String)} before anything is allocated; a size computed from several
 * arguments goes through {@link #allocation(long, int, String)}. A huge value then ends in an
 * {@code IllegalArgumentException} naming the argument and the limit, never in an {@link OutOfMemoryError} or a
 * {@link NegativeArraySizeException}. The limits are the entry points' own (each documents its limit in its
 * Javadoc); {@link #MAX_ARRAY_LENGTH} is the bound no single array can exceed.
 */
public final class Args {

    /** The longest array the JVM reliably allocates ({@code Integer.MAX_VALUE - 8}, as {@code ArrayList} uses). */
    public static final int MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;

    private Args() {}

    // ---------------------------------------------------------------- references

    /** {@code value}, or a {@link NullPointerException} whose message is {@code name}. */
    public static <T> T notNull(T value, String name) {
        return Objects.requireNonNull(value, name);
    }

    /**
     * {@code value} if it is one of {@code allowed} (an {@link java.util.EnumSet} held in a constant).
     *
     * @throws NullPointerException     if {@code value} is null
     * @throws IllegalArgumentException {@code "reduction must be one of [MEAN, SUM], got NONE"}
     */
    public static <E extends Enum<E>> E oneOf(E value, Set<E> allowed, String name) {
        Objects.requireNonNull(value, name);
        if (!allowed.contains(value)) {
            throw failOneOf(value, allowed, name);
        }
        return value;
    }

    // ---------------------------------------------------------------- ints

    /** {@code value >= 0}: a count or a size. */
    public static int count(int value, String name) {
        if (value < 0) {
            throw failAtLeast(value, 0, name);
        }
        return value;
    }

    /** {@code value >= min}. */
    public static int atLeast(int value, int min, String name) {
        if (value < min) {
            throw failAtLeast(value, min, name);
        }
        return value;
    }

    /** {@code value >= 1}. */
    public static int positive(int value, String name) {
        if (value < 1) {
            throw failAtLeast(value, 1, name);
        }
        return value;
    }

    /**
     * {@code min <= value <= max}. This is also the allocation-limit check of a parameter that sizes an
     * allocation: {@code max} is its documented limit.
     */
    public static int inRange(int value, int min, int max, String name) {
        if (value < min || value > max) {
            throw failInRange(value, min, max, name);
        }
        return value;
    }

    /** {@code 0 <= index < size}; {@code name} is the index argument's name. */
    public static int index(int index, int size, String name) {
        if (index < 0 || index >= size) {
            throw failIndex(index, size, name);
        }
        return index;
    }

    /** {@code actual == expected}, for an array or set that must have exactly {@code expected} elements. */
    public static int length(int actual, int expected, String name) {
        if (actual != expected) {
            throw failLength(actual, expected, name);
        }
        return actual;
    }

    /**
     * {@code actual == expected} counted in {@code unit}s: {@code "steps has 1 levels, expected 2"} (a per-level
     * array that must have one entry per level).
     */
    public static int sameCount(int actual, int expected, String name, String unit) {
        if (actual != expected) {
            throw new IllegalArgumentException(name + " has " + actual + " " + unit + ", expected " + expected);
        }
        return actual;
    }

    /** {@code aSize == bSize}: two sets that are read in lockstep ({@code "gt.size() 3 != anchors.size() 4"}). */
    public static void sameSize(int aSize, String aName, int bSize, String bName) {
        if (aSize != bSize) {
            throw failSameSize(aSize, aName, bSize, bName);
        }
    }

    // ---------------------------------------------------------------- ranges, room and tiles

    /** {@code 0 <= from <= to <= size}: the half-open range {@code [from, to)} of something of {@code size}. */
    public static void range(int from, int to, int size, String name) {
        if (from < 0 || from > to || to > size) {
            throw failRange(from, to, size, name);
        }
    }

    /**
     * {@code array[offset, offset + count)} exists in an array of {@code length}: {@code offset >= 0},
     * {@code count >= 0} and {@code offset + count <= length}, all in {@code long} (ints widen), so no sum wraps.
     */
    public static void room(long offset, long count, long length, String name) {
        if (offset < 0 || count < 0 || count > length - offset) {
            throw failRoom(offset, count, length, name);
        }
    }

    /** As {@link #room}, for bytes of a {@link java.lang.foreign.MemorySegment} of {@code byteSize} bytes. */
    public static void segmentRoom(long byteOffset, long bytes, long byteSize, String name) {
        if (byteOffset < 0 || bytes < 0 || bytes > byteSize - byteOffset) {
            throw failSegmentRoom(byteOffset, bytes, byteSize, name);
        }
    }

    /** {@code count} elements remain in a buffer with {@code remaining} ({@code count >= 0}). */
    public static void remaining(long count, int remaining, String name) {
        if (count < 0 || count > remaining) {
            throw failRemaining(count, remaining, name);
        }
    }

    /**
     * A row-major {@code rows x cols} tile at {@code offset} with {@code rowStride} between rows fits an array of
     * {@code length}: element {@code (r, c)} at {@code offset + r * rowStride + c}. An empty tile only needs a
     * valid offset and stride.
     */
    public static void tile(int offset, int rows, int cols, int rowStride, int length, String name) {
        if (offset < 0 || rows < 0 || cols < 0 || rowStride < cols) {
            throw failTileShape(offset, rows, cols, rowStride, name);
        }
        if (rows != 0 && cols != 0 && (long) offset + (long) (rows - 1) * rowStride + cols > length) {
            throw failTile(offset, rows, cols, rowStride, length, name);
        }
    }

    /**
     * Throws if {@code a[aFrom, aFrom + aCount)} and {@code b[bFrom, bFrom + bCount)} are parts of the same array
     * that overlap: an output that aliases an input (or another output) would make the result depend on the
     * order of the reads and writes, which differs between the vector and the scalar code.
     */
    public static void disjoint(Object a, long aFrom, long aCount, String aName, Object b, long bFrom, long bCount,
                                String bName) {
        if (a == b && a != null && aCount > 0 && bCount > 0 && aFrom < bFrom + bCount && bFrom < aFrom + aCount) {
            throw failDisjoint(aFrom, aCount, aName, bFrom, bCount, bName);
        }
    }

    // ---------------------------------------------------------------- products and allocation limits

    /** {@code a * b} as an int, both {@code >= 0}; an exception naming both factors when it overflows an int. */
    public static int product(int a, int b, String aName, String bName) {
        long p = (long) a * b;
        if (p != (int) p) {
            throw failProduct(a, b, aName, bName, "an int");
        }
        return (int) p;
    }

    /** {@code a * b} as a long; an exception naming both factors when it overflows a long. */
    public static long product(long a, long b, String aName, String bName) {
        long p = a * b;
        // The product fits a long iff its high half is the sign extension of the low half.
        if (Math.multiplyHigh(a, b) != (p >> 63)) {
            throw failProduct(a, b, aName, bName, "a long");
        }
        return p;
    }

    /**
     * {@code 0 <= size <= limit}, as an int: the size of an allocation computed from arguments (a product, a sum)
     * checked against the entry point's documented limit before the allocation.
     *
     * @param what how the size is computed, for the message ({@code "a.size() * b.size()"})
     */
    public static int allocation(long size, int limit, String what) {
        if (size < 0 || size > limit) {
            throw failAllocation(size, limit, what);
        }
        return (int) size;
    }

    // ---------------------------------------------------------------- floating point

    /** {@code value} is not NaN (infinities pass). */
    public static double notNaN(double value, String name) {
        if (value != value) {
            throw failValue("must not be NaN", name, value);
        }
        return value;
    }

    /** {@code value} is not NaN (infinities pass). */
    public static float notNaN(float value, String name) {
        if (value != value) {
            throw failValue("must not be NaN", name, value);
        }
        return value;
    }

    /** {@code value} is finite. */
    public static double finite(double value, String name) {
        if (!Double.isFinite(value)) {
            throw failValue("must be finite", name, value);
        }
        return value;
    }

    /** {@code value} is finite. */
    public static float finite(float value, String name) {
        if (!Float.isFinite(value)) {
            throw failValue("must be finite", name, value);
        }
        return value;
    }

    /** {@code value} is finite and {@code > 0}. */
    public static double positive(double value, String name) {
        if (!(value > 0 && value < Double.POSITIVE_INFINITY)) {
            throw failValue("must be finite and > 0", name, value);
        }
        return value;
    }

    /** {@code value} is finite and {@code > 0}. */
    public static float positive(float value, String name) {
        if (!(value > 0 && value < Float.POSITIVE_INFINITY)) {
            throw failValue("must be finite and > 0", name, value);
        }
        return value;
    }

    /** {@code value} is finite and {@code >= 0}. */
    public static double nonNegative(double value, String name) {
        if (!(value >= 0 && value < Double.POSITIVE_INFINITY)) {
            throw failValue("must be finite and >= 0", name, value);
        }
        return value;
    }

    /** {@code value} is finite and {@code >= 0}. */
    public static float nonNegative(float value, String name) {
        if (!(value >= 0 && value < Float.POSITIVE_INFINITY)) {
            throw failValue("must be finite and >= 0", name, value);
        }
        return value;
    }

    /** {@code value >= min} (NaN fails; {@code +Infinity} passes). */
    public static double atLeast(double value, double min, String name) {
        if (!(value >= min)) {
            throw failValue("must be >= " + min, name, value);
        }
        return value;
    }

    /** {@code min <= value <= max} (NaN fails). */
    public static double inRange(double value, double min, double max, String name) {
        if (!(value >= min && value <= max)) {
            throw failValue("must be in [" + min + ", " + max + "]", name, value);
        }
        return value;
    }

    // ---------------------------------------------------------------- arrays of values

    /** No NaN in {@code values[offset, offset + count)} (room must have been checked); names the first. */
    public static void notNaN(float[] values, int offset, int count, String name) {
        for (int i = offset, end = offset + count; i < end; i++) {
            if (values[i] != values[i]) {
                throw failElement(values[i], i, name);
            }
        }
    }

    /**
     * No NaN in the row-major {@code rows x cols} matrix at {@code values[offset ...]} (room must have been
     * checked); names the first by row and column ({@code "quality[1, 2] is NaN"}).
     */
    public static void notNaN(float[] values, int offset, int rows, int cols, String name) {
        for (int i = offset, end = offset + rows * cols; i < end; i++) {
            if (values[i] != values[i]) {
                throw failCell(values[i], (i - offset) / cols, (i - offset) % cols, name);
            }
        }
    }

    /** Every value of {@code values[offset, offset + count)} finite (room must have been checked). */
    public static void finite(float[] values, int offset, int count, String name) {
        for (int i = offset, end = offset + count; i < end; i++) {
            if (!Float.isFinite(values[i])) {
                throw failElement(values[i], i, name);
            }
        }
    }

    /** Every value of a not-null {@code values} finite and {@code > 0}; returns {@code values}. */
    public static float[] positive(float[] values, String name) {
        Objects.requireNonNull(values, name);
        for (int i = 0; i < values.length; i++) {
            if (!(values[i] > 0 && values[i] < Float.POSITIVE_INFINITY)) {
                throw failValue("must be finite and > 0", name + "[" + i + "]", values[i]);
            }
        }
        return values;
    }

    /** A copy of a not-null, non-empty {@code values} whose every value is finite and {@code > 0}. */
    public static double[] positiveCopy(double[] values, String name) {
        Objects.requireNonNull(values, name);
        if (values.length == 0) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
        for (int i = 0; i < values.length; i++) {
            if (!(values[i] > 0 && values[i] < Double.POSITIVE_INFINITY)) {
                throw failValue("must be finite and > 0", name + "[" + i + "]", values[i]);
            }
        }
        return values.clone();
    }

    /** A deep copy of a non-empty array of non-empty arrays of finite values {@code > 0}. */
    public static double[][] positiveCopy(double[][] values, String name) {
        Objects.requireNonNull(values, name);
        if (values.length == 0) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
        double[][] copy = new double[values.length][];
        for (int i = 0; i < values.length; i++) {
            copy[i] = positiveCopy(values[i], name + "[" + i + "]");
        }
        return copy;
    }

    // ---------------------------------------------------------------- messages (only built when failing)

    private static IllegalArgumentException failOneOf(Object value, Set<?> allowed, String name) {
        return new IllegalArgumentException(name + " must be one of " + allowed + ", got " + value);
    }

    private static IllegalArgumentException failAtLeast(long value, long min, String name) {
        return new IllegalArgumentException(name + " must be >= " + min + ", got " + value);
    }

    private static IllegalArgumentException failInRange(long value, long min, long max, String name) {
        return new IllegalArgumentException(name + " must be in [" + min + ", " + max + "], got " + value);
    }

    private static IllegalArgumentException failIndex(int index, int size, String name) {
        return new IllegalArgumentException(name + " must be in [0, " + size + "), got " + index);
    }

    private static IllegalArgumentException failLength(int actual, int expected, String name) {
        return new IllegalArgumentException(name + " must have " + expected + " elements, has " + actual);
    }

    private static IllegalArgumentException failSameSize(int aSize, String aName, int bSize, String bName) {
        return new IllegalArgumentException(aName + " " + aSize + " != " + bName + " " + bSize);
    }

    private static IllegalArgumentException failRange(int from, int to, int size, String name) {
        return new IllegalArgumentException(name + " range [" + from + ", " + to + ") is not within [0, " + size
                + "]");
    }

    private static IllegalArgumentException failRoom(long offset, long count, long length, String name) {
        if (offset < 0) {
            return new IllegalArgumentException(name + " offset must be >= 0, got " + offset);
        }
        if (count < 0) {
            return new IllegalArgumentException(name + " count must be >= 0, got " + count);
        }
        if (offset == 0) {
            return new IllegalArgumentException(name + ".length " + length + " is too small: needs " + count);
        }
        // Both are >= 0, so the exact sum fits an unsigned long.
        return new IllegalArgumentException(name + " offset " + offset + " + count " + count + " = "
                + Long.toUnsignedString(offset + count) + " exceeds " + name + ".length " + length);
    }

    private static IllegalArgumentException failSegmentRoom(long byteOffset, long bytes, long byteSize,
                                                            String name) {
        if (byteOffset < 0) {
            return new IllegalArgumentException(name + " byteOffset must be >= 0, got " + byteOffset);
        }
        if (bytes < 0) {
            return new IllegalArgumentException(name + " byte count must be >= 0, got " + bytes);
        }
        if (byteOffset == 0) {
            return new IllegalArgumentException(name + " has " + byteSize + " bytes, needs " + bytes);
        }
        return new IllegalArgumentException(name + " byteOffset " + byteOffset + " + " + bytes + " bytes = "
                + Long.toUnsignedString(byteOffset + bytes) + " exceeds its " + byteSize + " bytes");
    }

    private static IllegalArgumentException failRemaining(long count, int remaining, String name) {
        if (count < 0) {
            return new IllegalArgumentException(name + " count must be >= 0, got " + count);
        }
        return new IllegalArgumentException(name + " has " + remaining + " elements remaining, needs " + count);
    }

    private static IllegalArgumentException failTileShape(int offset, int rows, int cols, int rowStride,
                                                          String name) {
        if (offset < 0) {
            return new IllegalArgumentException(name + " offset must be >= 0, got " + offset);
        }
        if (rows < 0 || cols < 0) {
            return new IllegalArgumentException(name + " tile must have >= 0 rows and columns, got " + rows + " x "
                    + cols);
        }
        return new IllegalArgumentException(name + " rowStride " + rowStride + " must be >= its " + cols
                + " columns");
    }

    private static IllegalArgumentException failTile(int offset, int rows, int cols, int rowStride, int length,
                                                      String name) {
        long end = (long) offset + (long) (rows - 1) * rowStride + cols;
        return new IllegalArgumentException(name + " tile of " + rows + " x " + cols + " at offset " + offset
                + " with rowStride " + rowStride + " ends at " + end + ", beyond " + name + ".length " + length);
    }

    private static IllegalArgumentException failDisjoint(long aFrom, long aCount, String aName, long bFrom,
                                                         long bCount, String bName) {
        return new IllegalArgumentException(aName + " [" + aFrom + ", " + (aFrom + aCount) + ") overlaps " + bName
                + " [" + bFrom + ", " + (bFrom + bCount) + ") in the same array");
    }

    private static IllegalArgumentException failProduct(long a, long b, String aName, String bName, String type) {
        return new IllegalArgumentException(aName + " * " + bName + " = " + a + " * " + b + " overflows " + type);
    }

    private static IllegalArgumentException failAllocation(long size, int limit, String what) {
        if (size < 0) {
            return new IllegalArgumentException(what + " must be >= 0, got " + size);
        }
        return new IllegalArgumentException(what + " = " + size + " exceeds the allocation limit " + limit);
    }

    private static IllegalArgumentException failValue(String rule, String name, double value) {
        return new IllegalArgumentException(name + " " + rule + ", got " + value);
    }

    private static IllegalArgumentException failValue(String rule, String name, float value) {
        return new IllegalArgumentException(name + " " + rule + ", got " + value);
    }

    private static IllegalArgumentException failCell(float value, int row, int col, String name) {
        return new IllegalArgumentException(name + "[" + row + ", " + col + "] is " + value);
    }

    private static IllegalArgumentException failElement(float value, int index, String name) {
        return new IllegalArgumentException(name + "[" + index + "] is " + value);
    }
}
