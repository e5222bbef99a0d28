package dev.anchorvec.boxes;

import dev.anchorvec.internal.Args;
import java.lang.foreign.MemorySegment;
import java.nio.FloatBuffer;
import java.util.Objects;

/**
 * A set of axis-aligned boxes in planar (structure-of-arrays) layout: four planes {@code x1[], y1[], x2[],
 * y2[]} inside one {@code float[]}. Plane {@code k} (0 = x1, 1 = y1, 2 = x2, 3 = y2) of box {@code i} is at
 * {@code data[offset + k * stride + i]}. This is the layout every kernel reads: each coordinate of
 * consecutive boxes is contiguous, so one vector load fetches the same coordinate of many boxes.
 *
 * <p>Create one with {@link #allocate(int)} (reusable: {@link #resize(int)} within the capacity), fill it
 * from interleaved data with {@link BoxConvert}, or wrap planar data you already have without copying
 * ({@link #wrapPlanar(float[], int, int, int)}, {@link #wrapPlanar(FloatBuffer, int)},
 * {@link #wrapPlanar(MemorySegment, int)}) - for example a {@code [4, n]} model output.
 *
 * <p>Boxes are {@code float32} {@link BoxFormat#XYXY}. A box with {@code x2 < x1} or {@code y2 < y1} is
 * <em>inverted</em> and every kernel treats it as empty; {@link BoxValidation} reports such boxes and
 * non-finite coordinates. Any float can be stored: the kernels give documented, NaN-free answers for NaN,
 * infinite, inverted, huge and subnormal boxes.
 *
 * <p><b>Validation.</b> The factories check their shapes in {@code long} arithmetic ({@code offset + 3 * stride
 * + size} never wraps) and throw {@link IllegalArgumentException} naming the argument; a capacity is limited to
 * {@link #MAX_CAPACITY}. The element accessors ({@link #x1}, {@link #set}...) throw
 * {@link IndexOutOfBoundsException} for an index outside {@code [0, size())}, as collections do.
 *
 * <p><b>Threads.</b> Instances are mutable views and not thread-safe; kernels only read their inputs, so many
 * threads may read the same boxes at once as long as none writes them.
 */
public final class Boxes {

    /**
     * The largest capacity of one instance, {@code (Integer.MAX_VALUE - 8) / 4} boxes: four planes of floats in
     * one array.
     */
    public static final int MAX_CAPACITY = Args.MAX_ARRAY_LENGTH / 4;

    private final float[] data;
    private final int offset;
    private final int stride;
    private int size;

    private Boxes(float[] data, int offset, int stride, int size) {
        this.data = data;
        this.offset = offset;
        this.stride = stride;
        this.size = size;
    }

    /**
     * Allocates room for {@code capacity} boxes, with size {@code capacity} (all zero boxes). This is the one
     * factory that allocates in proportion to an argument: the caller asks for {@code 16 * capacity} bytes.
     *
     * @throws IllegalArgumentException if {@code capacity} is negative or above {@link #MAX_CAPACITY}
     */
    public static Boxes allocate(int capacity) {
        Args.inRange(capacity, 0, MAX_CAPACITY, "capacity");
        return new Boxes(new float[4 * capacity], 0, capacity, capacity);
    }

    /**
     * Wraps planar data without copying: plane {@code k} of box {@code i} is at
     * {@code data[offset + k * stride + i]}.
     *
     * @param data   the planes
     * @param offset index of box 0's x1
     * @param stride distance between planes, at least {@code size}
     * @param size   number of boxes
     * @throws IllegalArgumentException if the planes do not fit in {@code data}
     */
    public static Boxes wrapPlanar(float[] data, int offset, int stride, int size) {
        Args.notNull(data, "data");
        Args.count(size, "size");
        Args.atLeast(stride, size, "stride (at least size)");
        Args.room(offset, 3L * stride + size, data.length, "data");
        return new Boxes(data, offset, stride, size);
    }

    /**
     * Wraps a {@code [4, n]} planar array (x1 plane, y1 plane, x2 plane, y2 plane) without copying.
     *
     * @throws IllegalArgumentException if {@code data.length} is not a multiple of 4
     */
    public static Boxes wrapPlanar(float[] data) {
        Args.notNull(data, "data");
        if (data.length % 4 != 0) {
            throw new IllegalArgumentException("data.length must be a multiple of 4, got " + data.length);
        }
        return wrapPlanar(data, 0, data.length / 4, data.length / 4);
    }

    /**
     * Wraps a {@code [4, size]} planar buffer, starting at its position, without copying. Only array-backed
     * buffers can be wrapped (the kernels read {@code float[]}); for a direct buffer use
     * {@link BoxConvert#fromPlanar(FloatBuffer, int, BoxFormat, Boxes)}, which copies once.
     *
     * @throws IllegalArgumentException if the buffer has no accessible array or too few elements
     */
    public static Boxes wrapPlanar(FloatBuffer buffer, int size) {
        Args.notNull(buffer, "buffer");
        if (!buffer.hasArray()) {
            throw new IllegalArgumentException("buffer is not array-backed (direct or read-only); use "
                    + "BoxConvert.fromPlanar to copy it");
        }
        Args.count(size, "size");
        Args.remaining(4L * size, buffer.remaining(), "buffer");
        return wrapPlanar(buffer.array(), buffer.arrayOffset() + buffer.position(), size, size);
    }

    /**
     * Wraps a heap segment backed by a {@code float[]} holding {@code [4, size]} planar data, without copying.
     * A native segment (for example an ONNX Runtime output) cannot be wrapped: use
     * {@link BoxConvert#fromPlanar(MemorySegment, long, int, BoxFormat, Boxes)}, which copies once.
     *
     * @throws IllegalArgumentException if the segment is not backed by a {@code float[]} or is too small
     */
    public static Boxes wrapPlanar(MemorySegment segment, int size) {
        Args.notNull(segment, "segment");
        if (!(segment.heapBase().orElse(null) instanceof float[] array)) {
            throw new IllegalArgumentException("segment is not a heap segment backed by a float[]; use "
                    + "BoxConvert.fromPlanar to copy it");
        }
        Args.count(size, "size");
        Args.segmentRoom(0, 16L * size, segment.byteSize(), "segment");
        long byteOffset = segment.address();
        if (byteOffset % Float.BYTES != 0) {
            throw new IllegalArgumentException("segment does not start on a float boundary of its array");
        }
        return wrapPlanar(array, (int) (byteOffset / Float.BYTES), size, size);
    }

    /** Number of boxes. */
    public int size() {
        return size;
    }

    /** Largest size this instance can hold without reallocating ({@code stride}). */
    public int capacity() {
        return stride;
    }

    /**
     * Sets the number of boxes, keeping the data; for reusing one instance across images. Growing exposes what the
     * array holds past the old size, as it is (zeros for a new instance).
     *
     * @throws IllegalArgumentException if {@code newSize} is negative or above {@link #capacity()}
     */
    public Boxes resize(int newSize) {
        Args.inRange(newSize, 0, stride, "newSize (at most capacity())");
        size = newSize;
        return this;
    }

    /** The backing array (shared, not a copy). */
    public float[] data() {
        return data;
    }

    /** Index of box 0's x1 in {@link #data()}. */
    public int offset() {
        return offset;
    }

    /** Distance between planes in {@link #data()}. */
    public int stride() {
        return stride;
    }

    /**
     * Index in {@link #data()} of plane {@code k} (0 = x1, 1 = y1, 2 = x2, 3 = y2) of box 0.
     *
     * @throws IllegalArgumentException if {@code k} is not in {@code [0, 4)}
     */
    public int plane(int k) {
        return offset + Args.index(k, 4, "k") * stride;
    }

    /** x1 of box {@code i}. */
    public float x1(int i) {
        return data[offset + checkIndex(i)];
    }

    /** y1 of box {@code i}. */
    public float y1(int i) {
        return data[offset + stride + checkIndex(i)];
    }

    /** x2 of box {@code i}. */
    public float x2(int i) {
        return data[offset + 2 * stride + checkIndex(i)];
    }

    /** y2 of box {@code i}. */
    public float y2(int i) {
        return data[offset + 3 * stride + checkIndex(i)];
    }

    /** Sets box {@code i}. */
    public Boxes set(int i, float x1, float y1, float x2, float y2) {
        int o = offset + checkIndex(i);
        data[o] = x1;
        data[o + stride] = y1;
        data[o + 2 * stride] = x2;
        data[o + 3 * stride] = y2;
        return this;
    }

    /**
     * A new {@link BoxFormat#XYXY} planar copy of interleaved {@code [n,4]} data in the given format, converted as
     * {@link BoxConvert} documents (values that overflow saturate).
     */
    public static Boxes of(BoxFormat format, float... interleaved) {
        Args.notNull(format, "format");
        Args.notNull(interleaved, "interleaved");
        if (interleaved.length % 4 != 0) {
            throw new IllegalArgumentException("interleaved.length must be a multiple of 4, got "
                    + interleaved.length);
        }
        int n = interleaved.length / 4;
        return BoxConvert.fromInterleaved(interleaved, 0, n, format, allocate(n));
    }

    /** A new planar copy of interleaved {@code [n,4]} xyxy data. */
    public static Boxes ofXyxy(float... interleaved) {
        return of(BoxFormat.XYXY, interleaved);
    }

    /** These boxes as a new interleaved {@code [n,4]} array in the given format (see {@link BoxConvert}). */
    public float[] toInterleaved(BoxFormat format) {
        Args.notNull(format, "format");
        float[] out = new float[4 * size];
        BoxConvert.toInterleaved(this, format, out, 0);
        return out;
    }

    private int checkIndex(int i) {
        return Objects.checkIndex(i, size);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Boxes[size=").append(size);
        int shown = Math.min(size, 4);
        for (int i = 0; i < shown; i++) {
            sb.append(i == 0 ? ": " : ", ").append('[').append(x1(i)).append(", ").append(y1(i)).append(", ")
                    .append(x2(i)).append(", ").append(y2(i)).append(']');
        }
        return sb.append(size > shown ? ", ...]" : "]").toString();
    }
}
