package dev.anchorvec.adversarial;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Adversarial {@link FloatBuffer}s and {@link MemorySegment}s, made from the baseline's floats: heap and direct,
 * read-only, moved positions and array offsets, one element or byte short, misaligned, native segments that are
 * closed or confined to another thread, and copies with special values.
 */
public final class BufferAttacks {

    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED;

    private BufferAttacks() {}

    /** A heap buffer holding {@code values}, position 0. */
    public static FloatBuffer heap(float[] values) {
        return FloatBuffer.wrap(values.clone());
    }

    /** A direct buffer (native byte order) holding {@code values}. */
    public static FloatBuffer direct(float[] values) {
        FloatBuffer b = ByteBuffer.allocateDirect(Float.BYTES * values.length).order(ByteOrder.nativeOrder())
                .asFloatBuffer();
        b.put(0, values);
        return b;
    }

    /** The floats from a buffer's position to its limit. */
    static float[] remaining(FloatBuffer b) {
        float[] r = new float[b.remaining()];
        b.get(b.position(), r);
        return r;
    }

    /** The attacks on a buffer argument; {@code written}: the buffer is an output (read-only variants matter). */
    public static Attack floatBuffers() {
        return ctx -> {
            float[] v = remaining((FloatBuffer) ctx.value());
            int n = v.length;
            List<Variant> out = new ArrayList<>();
            out.add(Variant.constant("null", null));
            out.add(Variant.of("direct", () -> direct(v)));
            out.add(Variant.of("heap read-only", () -> heap(v).asReadOnlyBuffer()));
            out.add(Variant.of("direct read-only", () -> direct(v).asReadOnlyBuffer()));
            out.add(Variant.of("heap, position 1", () -> {
                float[] a = new float[n + 1];
                System.arraycopy(v, 0, a, 1, n);
                return FloatBuffer.wrap(a).position(1);
            }));
            out.add(Variant.of("heap slice, arrayOffset 2", () -> {
                float[] a = new float[n + 2];
                System.arraycopy(v, 0, a, 2, n);
                return FloatBuffer.wrap(a, 2, n).slice();
            }));
            out.add(Variant.of("direct, position 1", () -> {
                float[] a = new float[n + 1];
                System.arraycopy(v, 0, a, 1, n);
                return direct(a).position(1);
            }));
            out.add(Variant.of("empty", () -> FloatBuffer.allocate(0)));
            if (n > 0) {
                out.add(Variant.of("heap, one short", () -> FloatBuffer.wrap(v.clone(), 0, n - 1)));
                out.add(Variant.of("direct, one short", () -> direct(v).limit(n - 1)));
                for (float s : new float[] {Float.NaN, Float.POSITIVE_INFINITY, 1e38f, -Float.MAX_VALUE,
                        Float.MIN_VALUE}) {
                    out.add(Variant.of("direct, [last]=" + s, () -> {
                        float[] a = v.clone();
                        a[n - 1] = s;
                        return direct(a);
                    }));
                }
                out.add(Variant.of("heap, all MAX", () -> {
                    float[] a = new float[n];
                    java.util.Arrays.fill(a, Float.MAX_VALUE);
                    return heap(a);
                }));
            }
            return out;
        };
    }

    /** A heap segment backed by a copy of {@code values}. */
    public static MemorySegment heapSegment(float[] values) {
        return MemorySegment.ofArray(values.clone());
    }

    /** A native segment (shared, freed by the GC) holding {@code values}. */
    public static MemorySegment nativeSegment(float[] values) {
        MemorySegment s = Arena.ofAuto().allocate((long) Float.BYTES * Math.max(1, values.length), Float.BYTES)
                .asSlice(0, (long) Float.BYTES * values.length);
        MemorySegment.copy(values, 0, s, FLOAT, 0, values.length);
        return s;
    }

    /** The floats of a segment (alive and accessible), or null. */
    static float[] floats(MemorySegment s) {
        if (!s.scope().isAlive() || !s.isAccessibleBy(Thread.currentThread())) {
            return null;
        }
        float[] r = new float[(int) (s.byteSize() / Float.BYTES)];
        MemorySegment.copy(s, FLOAT, 0, r, 0, r.length);
        return r;
    }

    /** The attacks on a segment argument (its baseline a segment of whole floats). */
    public static Attack segments() {
        return ctx -> {
            float[] v = floats((MemorySegment) ctx.value());
            int n = v.length;
            List<Variant> out = new ArrayList<>();
            out.add(Variant.constant("null", null));
            out.add(Variant.of("native", () -> nativeSegment(v)));
            out.add(Variant.of("heap read-only", () -> heapSegment(v).asReadOnly()));
            out.add(Variant.of("native read-only", () -> nativeSegment(v).asReadOnly()));
            out.add(Variant.of("heap byte[]", () -> {
                byte[] bytes = new byte[Float.BYTES * n];
                MemorySegment s = MemorySegment.ofArray(bytes);
                MemorySegment.copy(v, 0, s, FLOAT, 0, n);
                return s;
            }));
            out.add(Variant.of("misaligned (byte offset 1 of its memory)", () -> {
                MemorySegment s = MemorySegment.ofArray(new byte[Float.BYTES * n + 1]).asSlice(1);
                MemorySegment.copy(v, 0, s, FLOAT, 0, n);
                return s;
            }));
            out.add(Variant.of("native, closed", () -> {
                Arena arena = Arena.ofShared();
                MemorySegment s = arena.allocate((long) Float.BYTES * Math.max(1, n));
                arena.close();
                return s;
            }));
            out.add(Variant.of("native, confined to another thread", () -> {
                // Allocated on the harness thread; the call runs on the worker thread.
                MemorySegment s = Arena.ofConfined().allocate((long) Float.BYTES * Math.max(1, n));
                MemorySegment.copy(v, 0, s, FLOAT, 0, n);
                return s;
            }));
            out.add(Variant.of("empty", () -> MemorySegment.ofArray(new float[0])));
            if (n > 0) {
                out.add(Variant.of("one byte short", () -> heapSegment(v).asSlice(0, Float.BYTES * (long) n - 1)));
                for (float s : new float[] {Float.NaN, Float.NEGATIVE_INFINITY, 1e38f, Float.MAX_VALUE}) {
                    out.add(Variant.of("native, [last]=" + s, () -> {
                        float[] a = v.clone();
                        a[n - 1] = s;
                        return nativeSegment(a);
                    }));
                }
            }
            return out;
        };
    }
}
