package dev.anchorvec.boxes;

import dev.anchorvec.internal.Args;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.FloatBuffer;

/**
 * Conversions between the layouts at the boundary (interleaved {@code [n,4]} rows in xyxy, xywh or cxcywh, or
 * planar {@code [4,n]} in any of those formats) and the planar xyxy {@link Boxes} the kernels read.
 *
 * <p>Sources can be {@code float[]}, {@link FloatBuffer} (heap or direct, read with absolute gets from its
 * position, in the buffer's byte order) or {@link MemorySegment} (read in native byte order, which is what
 * ONNX Runtime and DJL direct buffers hold). Each conversion reads the source once and writes the planes
 * once: there is no intermediate copy. Planar xyxy data needs no conversion at all: wrap it with
 * {@link Boxes#wrapPlanar(float[], int, int, int)}.
 *
 * <p><b>Answers.</b> Formulas (float32, as torchvision's {@code box_convert}): xywh to xyxy {@code x2 = x + w};
 * cxcywh to xyxy {@code x1 = cx - 0.5 * w, x2 = cx + 0.5 * w}; xyxy to cxcywh {@code cx = (x1 + x2) / 2,
 * w = x2 - x1}. Finite inputs give finite outputs: a sum or difference of finite values that overflows float32
 * saturates at {@code +-Float.MAX_VALUE} (a box more than {@code 3.4e38} wide has width {@code Float.MAX_VALUE}),
 * and a centre is computed without overflowing ({@code (x1 + x2) / 2} rounded once, even when {@code x1 + x2}
 * would overflow). NaN and infinite inputs go through the formulas unchanged (IEEE arithmetic). xyxy data is
 * copied bit for bit.
 *
 * <p><b>Validation.</b> Every argument is checked before anything is written, {@code dst} resized included, with
 * an {@link IllegalArgumentException} naming it ({@link NullPointerException} for null): counts, offsets and
 * strides (sums and products in {@code long}: an offset near {@code Long.MAX_VALUE} is rejected, not wrapped),
 * the room of the source and the destination, read-only destinations, segments that are closed or confined to
 * another thread, and a source that shares memory with the destination planes. A segment may be read or
 * written at any byte offset (unaligned floats are fine).
 *
 * <p><b>Threads.</b> Stateless and thread-safe; a call writes only its destination.
 */
public final class BoxConvert {

    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED;

    private BoxConvert() {}

    /**
     * Reads {@code count} interleaved boxes from {@code src[srcOffset ...]} into {@code dst} (resized to
     * {@code count}).
     *
     * @return {@code dst}
     * @throws IllegalArgumentException if {@code count < 0}, {@code src} is too short, {@code dst} too small, or
     *                                  the rows read overlap the planes of {@code dst}
     */
    public static Boxes fromInterleaved(float[] src, int srcOffset, int count, BoxFormat format, Boxes dst) {
        Args.notNull(src, "src");
        checkCommon(count, format, dst);
        Args.room(srcOffset, 4L * count, src.length, "src");
        PlaneOverlap.check(src, srcOffset, 4L * count, "src", dst, 0, count, "dst");
        dst.resize(count);
        float[] d = dst.data();
        int p0 = dst.plane(0), p1 = dst.plane(1), p2 = dst.plane(2), p3 = dst.plane(3);
        for (int i = 0, s = srcOffset; i < count; i++, s += 4) {
            store(format, src[s], src[s + 1], src[s + 2], src[s + 3], d, p0 + i, p1 + i, p2 + i, p3 + i);
        }
        return dst;
    }

    /** Reads {@code count} interleaved boxes from the buffer's position on (the position is not moved). */
    public static Boxes fromInterleaved(FloatBuffer src, int count, BoxFormat format, Boxes dst) {
        Args.notNull(src, "src");
        checkCommon(count, format, dst);
        Args.remaining(4L * count, src.remaining(), "src");
        if (src.hasArray()) {
            return fromInterleaved(src.array(), src.arrayOffset() + src.position(), count, format, dst);
        }
        dst.resize(count);
        float[] d = dst.data();
        int p0 = dst.plane(0), p1 = dst.plane(1), p2 = dst.plane(2), p3 = dst.plane(3);
        for (int i = 0, s = src.position(); i < count; i++, s += 4) {
            store(format, src.get(s), src.get(s + 1), src.get(s + 2), src.get(s + 3), d, p0 + i, p1 + i, p2 + i,
                    p3 + i);
        }
        return dst;
    }

    /**
     * Reads {@code count} interleaved boxes from {@code src} at {@code byteOffset}, in native byte order.
     *
     * @throws IllegalArgumentException also if the segment is closed, confined to another thread or too small
     *                                  for {@code 16 * count} bytes from {@code byteOffset}
     */
    public static Boxes fromInterleaved(MemorySegment src, long byteOffset, int count, BoxFormat format, Boxes dst) {
        Args.notNull(src, "src");
        checkCommon(count, format, dst);
        checkSegment(src, byteOffset, 16L * count, "src");
        checkSegmentOverlap(src, byteOffset, 16L * count, dst, count);
        dst.resize(count);
        float[] d = dst.data();
        int p0 = dst.plane(0), p1 = dst.plane(1), p2 = dst.plane(2), p3 = dst.plane(3);
        long s = byteOffset;
        for (int i = 0; i < count; i++, s += 16) {
            store(format, src.get(FLOAT, s), src.get(FLOAT, s + 4), src.get(FLOAT, s + 8), src.get(FLOAT, s + 12),
                    d, p0 + i, p1 + i, p2 + i, p3 + i);
        }
        return dst;
    }

    /**
     * Reads {@code count} boxes stored planar in the given format: value {@code k} of box {@code i} at
     * {@code src[srcOffset + k * srcStride + i]} (a {@code [4, n]} model output has stride {@code n}).
     *
     * @throws IllegalArgumentException if {@code srcStride < count}, {@code src} is too short, {@code dst} too
     *                                  small, or the span read overlaps the planes of {@code dst}
     */
    public static Boxes fromPlanar(float[] src, int srcOffset, int srcStride, int count, BoxFormat format,
                                   Boxes dst) {
        Args.notNull(src, "src");
        checkCommon(count, format, dst);
        Args.atLeast(srcStride, count, "srcStride (at least count)");
        Args.room(srcOffset, 3L * srcStride + count, src.length, "src");
        PlaneOverlap.check(src, srcOffset, 3L * srcStride + count, "src", dst, 0, count, "dst");
        dst.resize(count);
        float[] d = dst.data();
        int p0 = dst.plane(0), p1 = dst.plane(1), p2 = dst.plane(2), p3 = dst.plane(3);
        int s1 = srcOffset + srcStride, s2 = s1 + srcStride, s3 = s2 + srcStride;
        for (int i = 0; i < count; i++) {
            store(format, src[srcOffset + i], src[s1 + i], src[s2 + i], src[s3 + i], d, p0 + i, p1 + i, p2 + i,
                    p3 + i);
        }
        return dst;
    }

    /** Reads a {@code [4, count]} planar buffer from its position on (heap or direct). */
    public static Boxes fromPlanar(FloatBuffer src, int count, BoxFormat format, Boxes dst) {
        Args.notNull(src, "src");
        checkCommon(count, format, dst);
        Args.remaining(4L * count, src.remaining(), "src");
        if (src.hasArray()) {
            return fromPlanar(src.array(), src.arrayOffset() + src.position(), count, count, format, dst);
        }
        dst.resize(count);
        float[] d = dst.data();
        int p0 = dst.plane(0), p1 = dst.plane(1), p2 = dst.plane(2), p3 = dst.plane(3);
        int s0 = src.position();
        for (int i = 0; i < count; i++) {
            store(format, src.get(s0 + i), src.get(s0 + count + i), src.get(s0 + 2 * count + i),
                    src.get(s0 + 3 * count + i), d, p0 + i, p1 + i, p2 + i, p3 + i);
        }
        return dst;
    }

    /**
     * Reads a {@code [4, count]} planar segment at {@code byteOffset}, in native byte order.
     *
     * @throws IllegalArgumentException as {@link #fromInterleaved(MemorySegment, long, int, BoxFormat, Boxes)}
     */
    public static Boxes fromPlanar(MemorySegment src, long byteOffset, int count, BoxFormat format, Boxes dst) {
        Args.notNull(src, "src");
        checkCommon(count, format, dst);
        checkSegment(src, byteOffset, 16L * count, "src");
        checkSegmentOverlap(src, byteOffset, 16L * count, dst, count);
        dst.resize(count);
        float[] d = dst.data();
        int p0 = dst.plane(0), p1 = dst.plane(1), p2 = dst.plane(2), p3 = dst.plane(3);
        long plane = 4L * count;
        for (int i = 0; i < count; i++) {
            long s = byteOffset + 4L * i;
            store(format, src.get(FLOAT, s), src.get(FLOAT, s + plane), src.get(FLOAT, s + 2 * plane),
                    src.get(FLOAT, s + 3 * plane), d, p0 + i, p1 + i, p2 + i, p3 + i);
        }
        return dst;
    }

    /**
     * Writes the boxes as interleaved rows in the given format into {@code dst[dstOffset ...]}.
     *
     * @throws IllegalArgumentException if {@code dst} is too small or the rows written overlap the planes of
     *                                  {@code src}; nothing is written then
     */
    public static void toInterleaved(Boxes src, BoxFormat format, float[] dst, int dstOffset) {
        Args.notNull(src, "src");
        Args.notNull(format, "format");
        Args.notNull(dst, "dst");
        int n = src.size();
        Args.room(dstOffset, 4L * n, dst.length, "dst");
        PlaneOverlap.check(dst, dstOffset, 4L * n, "dst", src, 0, n, "src");
        float[] d = src.data();
        int p0 = src.plane(0), p1 = src.plane(1), p2 = src.plane(2), p3 = src.plane(3);
        for (int i = 0, o = dstOffset; i < n; i++, o += 4) {
            float x1 = d[p0 + i], y1 = d[p1 + i], x2 = d[p2 + i], y2 = d[p3 + i];
            dst[o] = first(format, x1, x2);
            dst[o + 1] = first(format, y1, y2);
            dst[o + 2] = second(format, x1, x2);
            dst[o + 3] = second(format, y1, y2);
        }
    }

    /** Writes interleaved rows from the buffer's position on (the position is not moved). */
    public static void toInterleaved(Boxes src, BoxFormat format, FloatBuffer dst) {
        Args.notNull(src, "src");
        Args.notNull(format, "format");
        Args.notNull(dst, "dst");
        if (dst.isReadOnly()) {
            throw new IllegalArgumentException("dst is read-only");
        }
        int n = src.size();
        Args.remaining(4L * n, dst.remaining(), "dst");
        if (dst.hasArray()) {
            toInterleaved(src, format, dst.array(), dst.arrayOffset() + dst.position());
            return;
        }
        float[] d = src.data();
        int p0 = src.plane(0), p1 = src.plane(1), p2 = src.plane(2), p3 = src.plane(3);
        for (int i = 0, o = dst.position(); i < n; i++, o += 4) {
            float x1 = d[p0 + i], y1 = d[p1 + i], x2 = d[p2 + i], y2 = d[p3 + i];
            dst.put(o, first(format, x1, x2));
            dst.put(o + 1, first(format, y1, y2));
            dst.put(o + 2, second(format, x1, x2));
            dst.put(o + 3, second(format, y1, y2));
        }
    }

    /**
     * Writes interleaved rows into {@code dst} at {@code byteOffset}, in native byte order.
     *
     * @throws IllegalArgumentException if {@code dst} is read-only, closed, confined to another thread, too small
     *                                  for {@code 16 * src.size()} bytes from {@code byteOffset}, or the rows
     *                                  overlap the planes of {@code src}
     */
    public static void toInterleaved(Boxes src, BoxFormat format, MemorySegment dst, long byteOffset) {
        Args.notNull(src, "src");
        Args.notNull(format, "format");
        Args.notNull(dst, "dst");
        int n = src.size();
        checkSegment(dst, byteOffset, 16L * n, "dst");
        if (dst.isReadOnly()) {
            throw new IllegalArgumentException("dst is read-only");
        }
        if (dst.heapBase().orElse(null) == src.data() && n > 0) {
            PlaneOverlap.check(src.data(), floatIndex(dst, byteOffset), 4L * n + 1, "dst", src, 0, n, "src");
        }
        float[] d = src.data();
        int p0 = src.plane(0), p1 = src.plane(1), p2 = src.plane(2), p3 = src.plane(3);
        long o = byteOffset;
        for (int i = 0; i < n; i++, o += 16) {
            float x1 = d[p0 + i], y1 = d[p1 + i], x2 = d[p2 + i], y2 = d[p3 + i];
            dst.set(FLOAT, o, first(format, x1, x2));
            dst.set(FLOAT, o + 4, first(format, y1, y2));
            dst.set(FLOAT, o + 8, second(format, x1, x2));
            dst.set(FLOAT, o + 12, second(format, y1, y2));
        }
    }

    /** Converts one box given in {@code format} to xyxy and stores it into the four plane slots. */
    private static void store(BoxFormat format, float a, float b, float c, float d, float[] out, int i0, int i1,
                              int i2, int i3) {
        switch (format) {
            case XYXY -> {
                out[i0] = a;
                out[i1] = b;
                out[i2] = c;
                out[i3] = d;
            }
            case XYWH -> {
                out[i0] = a;
                out[i1] = b;
                out[i2] = sum(a, c);
                out[i3] = sum(b, d);
            }
            case CXCYWH -> {
                float hw = 0.5f * c, hh = 0.5f * d;
                // a - h is a + (-h) bit for bit; the sum saturates.
                out[i0] = sum(a, -hw);
                out[i1] = sum(b, -hh);
                out[i2] = sum(a, hw);
                out[i3] = sum(b, hh);
            }
        }
    }

    /** {@code a + b}, or {@code +-Float.MAX_VALUE} when finite operands overflow. */
    private static float sum(float a, float b) {
        float r = a + b;
        return Float.isInfinite(r) && Float.isFinite(a) && Float.isFinite(b) ? Math.copySign(Float.MAX_VALUE, r)
                : r;
    }

    /** The first number of an axis (x or y) in {@code format}, from the box's low and high edge. */
    private static float first(BoxFormat format, float lo, float hi) {
        return switch (format) {
            case XYXY, XYWH -> lo;
            case CXCYWH -> centre(lo, hi);
        };
    }

    /**
     * {@code (lo + hi) / 2}. When the sum of finite edges overflows, the halves are added instead: both are exact
     * there (the edges are huge), so the result is the true centre rounded once, as it is otherwise.
     */
    private static float centre(float lo, float hi) {
        float c = (lo + hi) / 2;
        return Float.isInfinite(c) && Float.isFinite(lo) && Float.isFinite(hi) ? lo * 0.5f + hi * 0.5f : c;
    }

    /** The second number of an axis in {@code format}: the high edge, or the extent. */
    private static float second(BoxFormat format, float lo, float hi) {
        return format == BoxFormat.XYXY ? hi : sum(hi, -lo);
    }

    private static void checkCommon(int count, BoxFormat format, Boxes dst) {
        Args.notNull(format, "format");
        Args.notNull(dst, "dst");
        Args.inRange(count, 0, dst.capacity(), "count (at most dst.capacity())");
    }

    /**
     * A segment the calling thread can access, with {@code bytes} from {@code byteOffset} (any byte offset: the
     * reads are unaligned-capable, for floats that start at an odd address).
     */
    private static void checkSegment(MemorySegment s, long byteOffset, long bytes, String name) {
        if (!s.scope().isAlive()) {
            throw new IllegalArgumentException(name + " segment is closed");
        }
        if (!s.isAccessibleBy(Thread.currentThread())) {
            throw new IllegalArgumentException(name + " segment is confined to another thread");
        }
        Args.segmentRoom(byteOffset, bytes, s.byteSize(), name);
    }

    /** A heap segment over {@code dst}'s array must not overlap its planes. */
    private static void checkSegmentOverlap(MemorySegment src, long byteOffset, long bytes, Boxes dst, int count) {
        if (src.heapBase().orElse(null) == dst.data() && bytes > 0) {
            PlaneOverlap.check(dst.data(), floatIndex(src, byteOffset), bytes / Float.BYTES + 1, "src", dst, 0,
                    count, "dst");
        }
    }

    /** Index in its {@code float[]} of the float that holds byte {@code byteOffset} of a heap segment. */
    private static long floatIndex(MemorySegment s, long byteOffset) {
        return (s.address() + byteOffset) / Float.BYTES;
    }
}
