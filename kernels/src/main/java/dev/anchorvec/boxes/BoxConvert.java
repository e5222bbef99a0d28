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
 * <p>Formulas (float32, as torchvision's {@code box_convert}): xywh to xyxy {@code x2 = x + w};
 * cxcywh to xyxy {@code x1 = cx - 0.5 * w, x2 = cx + 0.5 * w}; xyxy to cxcywh {@code cx = (x1 + x2) / 2,
 * w = x2 - x1}. All arguments are checked before anything is written.
 */
public final class BoxConvert {

    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED;

    private BoxConvert() {}

    /**
     * Reads {@code count} interleaved boxes from {@code src[srcOffset ...]} into {@code dst} (resized to
     * {@code count}).
     *
     * @return {@code dst}
     * @throws IllegalArgumentException if {@code count < 0}, {@code src} is too short or {@code dst} too small
     */
    public static Boxes fromInterleaved(float[] src, int srcOffset, int count, BoxFormat format, Boxes dst) {
        Args.notNull(src, "src");
        checkCommon(count, format, dst);
        Args.room(srcOffset, 4L * count, src.length, "src");
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

    /** Reads {@code count} interleaved boxes from {@code src} at {@code byteOffset}, in native byte order. */
    public static Boxes fromInterleaved(MemorySegment src, long byteOffset, int count, BoxFormat format, Boxes dst) {
        Args.notNull(src, "src");
        checkCommon(count, format, dst);
        Args.segmentRoom(byteOffset, 16L * count, src.byteSize(), "src");
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
     */
    public static Boxes fromPlanar(float[] src, int srcOffset, int srcStride, int count, BoxFormat format,
                                   Boxes dst) {
        Args.notNull(src, "src");
        checkCommon(count, format, dst);
        if (srcStride < count) {
            throw new IllegalArgumentException("srcStride (" + srcStride + ") must be >= count (" + count + ")");
        }
        Args.room(srcOffset, 3L * srcStride + count, src.length, "src");
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

    /** Reads a {@code [4, count]} planar segment at {@code byteOffset}, in native byte order. */
    public static Boxes fromPlanar(MemorySegment src, long byteOffset, int count, BoxFormat format, Boxes dst) {
        Args.notNull(src, "src");
        checkCommon(count, format, dst);
        Args.segmentRoom(byteOffset, 16L * count, src.byteSize(), "src");
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

    /** Writes the boxes as interleaved rows in the given format into {@code dst[dstOffset ...]}. */
    public static void toInterleaved(Boxes src, BoxFormat format, float[] dst, int dstOffset) {
        Args.notNull(src, "src");
        Args.notNull(format, "format");
        Args.notNull(dst, "dst");
        int n = src.size();
        Args.room(dstOffset, 4L * n, dst.length, "dst");
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

    /** Writes interleaved rows into {@code dst} at {@code byteOffset}, in native byte order. */
    public static void toInterleaved(Boxes src, BoxFormat format, MemorySegment dst, long byteOffset) {
        Args.notNull(src, "src");
        Args.notNull(format, "format");
        Args.notNull(dst, "dst");
        if (dst.isReadOnly()) {
            throw new IllegalArgumentException("dst is read-only");
        }
        int n = src.size();
        Args.segmentRoom(byteOffset, 16L * n, dst.byteSize(), "dst");
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
                out[i2] = a + c;
                out[i3] = b + d;
            }
            case CXCYWH -> {
                out[i0] = a - 0.5f * c;
                out[i1] = b - 0.5f * d;
                out[i2] = a + 0.5f * c;
                out[i3] = b + 0.5f * d;
            }
        }
    }

    /** The first number of an axis (x or y) in {@code format}, from the box's low and high edge. */
    private static float first(BoxFormat format, float lo, float hi) {
        return switch (format) {
            case XYXY, XYWH -> lo;
            case CXCYWH -> (lo + hi) / 2;
        };
    }

    /** The second number of an axis in {@code format}: the high edge, or the extent. */
    private static float second(BoxFormat format, float lo, float hi) {
        return format == BoxFormat.XYXY ? hi : hi - lo;
    }

    private static void checkCommon(int count, BoxFormat format, Boxes dst) {
        Args.notNull(format, "format");
        Args.notNull(dst, "dst");
        Args.inRange(count, 0, dst.capacity(), "count (at most dst.capacity())");
    }
}
