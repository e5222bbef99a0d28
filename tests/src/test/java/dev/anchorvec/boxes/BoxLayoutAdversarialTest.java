package dev.anchorvec.boxes;

import dev.anchorvec.adversarial.AdversarialSuite;
import dev.anchorvec.adversarial.Attacks;
import dev.anchorvec.adversarial.BoxAttacks;
import dev.anchorvec.adversarial.BufferAttacks;
import dev.anchorvec.adversarial.EntryPoint;
import dev.anchorvec.adversarial.Invocation;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The adversarial suite over the layout side of {@code dev.anchorvec.boxes}: {@link Boxes} (factories, views,
 * accessors), {@link BoxConvert} (every source and destination: arrays, heap and direct buffers, heap and native
 * segments), {@link BoxOps} and {@link BoxValidation}. The rules restate each documented answer: the conversion
 * formulas with their overflow handling, the clamped and saturated areas, clipping, the kept indices.
 */
class BoxLayoutAdversarialTest {

    private static final int N = 7;
    private static final Supplier<Boxes> BOXES = BoxAttacks.ordinaryBoxes(N, 21);
    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED;

    @Test
    void boxLayout() {
        AdversarialSuite suite = new AdversarialSuite("boxes-layout");
        boxes(suite);
        convert(suite);
        ops(suite);
        validation(suite);
        suite.run().assertNoDefects();
    }

    // ---------------------------------------------------------------- documented formulas

    /** Finite operands whose result overflows: saturated to the largest finite float of its sign. */
    static float saturated(float r, float a, float b) {
        return Float.isInfinite(r) && Float.isFinite(a) && Float.isFinite(b) ? Math.copySign(Float.MAX_VALUE, r) : r;
    }

    /** xyxy of one box given in {@code format}, as BoxConvert documents it. */
    static float[] toXyxy(BoxFormat format, float a, float b, float c, float d) {
        return switch (format) {
            case XYXY -> new float[] {a, b, c, d};
            case XYWH -> new float[] {a, b, saturated(a + c, a, c), saturated(b + d, b, d)};
            case CXCYWH -> new float[] {saturated(a - 0.5f * c, a, c), saturated(b - 0.5f * d, b, d),
                    saturated(a + 0.5f * c, a, c), saturated(b + 0.5f * d, b, d)};
        };
    }

    /** One box in {@code format} from xyxy, as BoxConvert documents it (the centre never overflows). */
    static float[] fromXyxy(BoxFormat format, float x1, float y1, float x2, float y2) {
        return switch (format) {
            case XYXY -> new float[] {x1, y1, x2, y2};
            case XYWH -> new float[] {x1, y1, saturated(x2 - x1, x1, x2), saturated(y2 - y1, y1, y2)};
            case CXCYWH -> new float[] {centre(x1, x2), centre(y1, y2), saturated(x2 - x1, x1, x2),
                    saturated(y2 - y1, y1, y2)};
        };
    }

    /** {@code (lo + hi) / 2} rounded once: computed in double, exact there, then rounded to float. */
    private static float centre(float lo, float hi) {
        return (float) (((double) lo + hi) / 2);
    }

    private static String sameBits(String what, float expected, float actual) {
        return Float.floatToIntBits(expected) == Float.floatToIntBits(actual) ? null
                : what + " = " + actual + ", documented " + expected;
    }

    /** {@code dst[0, count)} against the documented conversion of {@code count} boxes read by {@code src}. */
    private static String checkFrom(BoxFormat format, Boxes dst, int count, java.util.function.IntFunction<float[]>
            src) {
        if (dst.size() != count) {
            return "dst.size() = " + dst.size() + ", expected " + count;
        }
        for (int i = 0; i < count; i++) {
            float[] s = src.apply(i);
            float[] e = toXyxy(format, s[0], s[1], s[2], s[3]);
            float[] got = {dst.x1(i), dst.y1(i), dst.x2(i), dst.y2(i)};
            for (int k = 0; k < 4; k++) {
                String bad = sameBits("dst box " + i + " coordinate " + k, e[k], got[k]);
                if (bad != null) {
                    return bad;
                }
            }
        }
        return null;
    }

    /** Rows written by toInterleaved ({@code row.apply(4 * i + k)}) against the documented conversion. */
    private static String checkRows(BoxFormat format, Boxes src, java.util.function.IntFunction<Float> row) {
        for (int i = 0; i < src.size(); i++) {
            float[] e = fromXyxy(format, src.x1(i), src.y1(i), src.x2(i), src.y2(i));
            for (int k = 0; k < 4; k++) {
                String bad = sameBits("row " + i + " value " + k, e[k], row.apply(4 * i + k));
                if (bad != null) {
                    return bad;
                }
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- Boxes

    private static void boxes(AdversarialSuite suite) {
        suite.add(EntryPoint.named("Boxes.allocate(capacity)")
                .in("capacity", () -> 5, Attacks.sizes(Boxes.MAX_CAPACITY))
                .call(x -> Boxes.allocate(x.get(0)))
                .rule((x, before, r) -> {
                    Boxes b = (Boxes) r;
                    int c = x.get(0);
                    return b.size() == c && b.capacity() == c ? null : "size " + b.size() + ", capacity "
                            + b.capacity() + " for " + c;
                })
                .build());
        suite.add(EntryPoint.named("Boxes.wrapPlanar(data, offset, stride, size)")
                .in("data", () -> planar(N, 3, N + 2), Attacks.floatArrays())
                .in("offset", () -> 3, Attacks.ints())
                .in("stride", () -> N + 2, Attacks.ints())
                .in("size", () -> N, Attacks.ints())
                .pair("offset", "stride")
                .pair("stride", "size")
                .call(x -> Boxes.wrapPlanar(x.<float[]>get(0), x.get(1), x.get(2), x.get(3)))
                .rule((x, before, r) -> view((Boxes) r, x.get(0), x.get(1), x.get(2), x.get(3)))
                .build());
        suite.add(EntryPoint.named("Boxes.wrapPlanar(data)")
                .in("data", () -> planar(N, 0, N), Attacks.floatArrays())
                .call(x -> Boxes.wrapPlanar(x.<float[]>get(0)))
                .rule((x, before, r) -> {
                    float[] d = x.get(0);
                    return view((Boxes) r, d, 0, d.length / 4, d.length / 4);
                })
                .build());
        suite.add(EntryPoint.named("Boxes.wrapPlanar(buffer, size)")
                .in("buffer", () -> FloatBuffer.wrap(planar(N, 0, N)), BufferAttacks.floatBuffers())
                .in("size", () -> N, Attacks.ints())
                .call(x -> Boxes.wrapPlanar(x.<FloatBuffer>get(0), x.<Integer>get(1)))
                .rule((x, before, r) -> {
                    FloatBuffer f = x.get(0);
                    int size = x.get(1);
                    return view((Boxes) r, f.array(), f.arrayOffset() + f.position(), size, size);
                })
                .build());
        suite.add(EntryPoint.named("Boxes.wrapPlanar(segment, size)")
                .in("segment", () -> MemorySegment.ofArray(planar(N, 0, N)), BufferAttacks.segments())
                .in("size", () -> N, Attacks.ints())
                .call(x -> Boxes.wrapPlanar(x.<MemorySegment>get(0), x.<Integer>get(1)))
                .rule((x, before, r) -> {
                    MemorySegment s = x.get(0);
                    int size = x.get(1);
                    return view((Boxes) r, (float[]) s.heapBase().orElseThrow(), (int) (s.address() / 4), size, size);
                })
                .build());
        suite.add(EntryPoint.named("Boxes.resize(newSize)")
                .inOut("boxes", () -> BoxAttacks.padded(BoxAttacks.xyxy(BOXES.get())), receivers())
                .in("newSize", () -> 3, Attacks.ints())
                // Growing exposes the stored data as it is: the padded variant holds NaN past its size.
                .nonFiniteOutputsDocumented()
                .call(x -> x.<Boxes>get(0).resize(x.get(1)))
                .rule((x, before, r) -> x.<Boxes>get(0).size() == x.<Integer>get(1) ? null : "size not set")
                .build());
        for (String accessor : List.of("x1", "y1", "x2", "y2")) {
            suite.add(EntryPoint.named("Boxes." + accessor + "(i)")
                    .in("boxes", BOXES, receivers())
                    .in("i", () -> 4, Attacks.ints())
                    .documents(IndexOutOfBoundsException.class)
                    .call(x -> {
                        Boxes b = x.get(0);
                        int i = x.get(1);
                        return switch (accessor) {
                            case "x1" -> b.x1(i);
                            case "y1" -> b.y1(i);
                            case "x2" -> b.x2(i);
                            default -> b.y2(i);
                        };
                    })
                    .build());
        }
        suite.add(EntryPoint.named("Boxes.set(i, x1, y1, x2, y2)")
                .inOut("boxes", BOXES, receivers())
                .in("i", () -> 2, Attacks.ints())
                .in("x1", () -> 1f, Attacks.floats())
                .in("y1", () -> 2f, Attacks.floats())
                .in("x2", () -> 3f, Attacks.floats())
                .in("y2", () -> 4f, Attacks.floats())
                .documents(IndexOutOfBoundsException.class)
                .call(x -> x.<Boxes>get(0).set(x.get(1), x.get(2), x.get(3), x.get(4), x.get(5)))
                .rule((x, before, r) -> {
                    Boxes b = x.get(0);
                    int i = x.get(1);
                    return sameBits("x2(i)", x.get(4), b.x2(i));
                })
                .build());
        suite.add(EntryPoint.named("Boxes.plane(k)")
                .in("boxes", () -> BoxAttacks.padded(BoxAttacks.xyxy(BOXES.get())), receivers())
                .in("k", () -> 2, Attacks.ints())
                .call(x -> x.<Boxes>get(0).plane(x.get(1)))
                .rule((x, before, r) -> {
                    Boxes b = x.get(0);
                    int k = x.get(1);
                    return (Integer) r == b.offset() + k * b.stride() ? null : "plane(" + k + ") = " + r;
                })
                .build());
        suite.add(EntryPoint.named("Boxes.size(), capacity(), data(), offset(), stride(), toString()")
                .in("boxes", BOXES, receivers())
                .call(x -> {
                    Boxes b = x.get(0);
                    return List.of(b.size(), b.capacity(), b.data().length, b.offset(), b.stride(), b.toString());
                })
                .build());
        suite.add(EntryPoint.named("Boxes.of(format, interleaved)")
                .in("format", () -> BoxFormat.CXCYWH, Attacks.enums(BoxFormat.class))
                .in("interleaved", () -> BoxAttacks.xyxy(BOXES.get()), Attacks.floatArrays())
                .call(x -> Boxes.of(x.get(0), x.<float[]>get(1)))
                .rule((x, before, r) -> {
                    float[] src = x.get(1);
                    return checkFrom(x.get(0), (Boxes) r, src.length / 4, i -> java.util.Arrays.copyOfRange(src,
                            4 * i, 4 * i + 4));
                })
                .build());
        suite.add(EntryPoint.named("Boxes.ofXyxy(interleaved)")
                .in("interleaved", () -> BoxAttacks.xyxy(BOXES.get()), Attacks.floatArrays())
                .call(x -> Boxes.ofXyxy(x.<float[]>get(0)))
                .rule((x, before, r) -> {
                    float[] src = x.get(0);
                    return checkFrom(BoxFormat.XYXY, (Boxes) r, src.length / 4, i -> java.util.Arrays.copyOfRange(
                            src, 4 * i, 4 * i + 4));
                })
                .build());
        suite.add(EntryPoint.named("Boxes.toInterleaved(format)")
                .in("boxes", BOXES, receivers())
                .in("format", () -> BoxFormat.CXCYWH, Attacks.enums(BoxFormat.class))
                .call(x -> x.<Boxes>get(0).toInterleaved(x.get(1)))
                .rule((x, before, r) -> checkRows(x.get(1), x.get(0), k -> ((float[]) r)[k]))
                .build());
    }

    /** Boxes attacks for a receiver: everything but null (calling a method on null is the caller's own NPE). */
    private static dev.anchorvec.adversarial.Attack receivers() {
        return ctx -> BoxAttacks.boxes().variants(ctx).stream().filter(v -> !v.label().equals("null")).toList();
    }

    /** Planar data of {@code n} ordinary boxes at {@code offset} with {@code stride}, NaN elsewhere. */
    private static float[] planar(int n, int offset, int stride) {
        Boxes b = BoxAttacks.ordinary(n, 21);
        float[] d = new float[offset + 3 * stride + n];
        java.util.Arrays.fill(d, Float.NaN);
        for (int i = 0; i < n; i++) {
            d[offset + i] = b.x1(i);
            d[offset + stride + i] = b.y1(i);
            d[offset + 2 * stride + i] = b.x2(i);
            d[offset + 3 * stride + i] = b.y2(i);
        }
        return d;
    }

    /** A view must share the array and read plane k of box i at {@code offset + k * stride + i}. */
    private static String view(Boxes b, float[] data, int offset, int stride, int size) {
        if (b.data() != data || b.offset() != offset || b.stride() != stride || b.size() != size) {
            return "view " + b.offset() + "/" + b.stride() + "/" + b.size() + " of another array, expected "
                    + offset + "/" + stride + "/" + size;
        }
        return null;
    }

    // ---------------------------------------------------------------- BoxConvert

    private static void convert(AdversarialSuite suite) {
        Supplier<float[]> rows = () -> BoxAttacks.xyxy(BOXES.get());
        Supplier<Boxes> dst = () -> sentinelBoxes(N + 2);
        suite.add(EntryPoint.named("BoxConvert.fromInterleaved(src, srcOffset, count, format, dst)")
                .in("src", () -> shifted(rows.get(), 2), Attacks.floatArrays())
                .in("srcOffset", () -> 2, Attacks.ints())
                .in("count", () -> N, Attacks.ints())
                .in("format", () -> BoxFormat.XYWH, Attacks.enums(BoxFormat.class))
                .out("dst", dst, outputBoxes())
                .pair("srcOffset", "count")
                .call(x -> BoxConvert.fromInterleaved(x.<float[]>get(0), x.get(1), x.get(2), x.get(3), x.get(4)))
                .rule((x, before, r) -> {
                    float[] src = before.get(0);
                    int off = x.get(1);
                    return checkFrom(x.get(3), x.get(4), x.get(2), i -> java.util.Arrays.copyOfRange(src,
                            off + 4 * i, off + 4 * i + 4));
                })
                .build());
        suite.add(EntryPoint.named("BoxConvert.fromInterleaved(src buffer, count, format, dst)")
                .in("src", () -> FloatBuffer.wrap(rows.get()), BufferAttacks.floatBuffers())
                .in("count", () -> N, Attacks.ints())
                .in("format", () -> BoxFormat.CXCYWH, Attacks.enums(BoxFormat.class))
                .out("dst", dst, outputBoxes())
                .call(x -> BoxConvert.fromInterleaved(x.<FloatBuffer>get(0), x.<Integer>get(1), x.get(2), x.get(3)))
                .rule((x, before, r) -> {
                    FloatBuffer src = before.get(0);
                    return checkFrom(x.get(2), x.get(3), x.get(1), i -> floats(src, 4 * i, 4));
                })
                .build());
        suite.add(EntryPoint.named("BoxConvert.fromInterleaved(src segment, byteOffset, count, format, dst)")
                // Any byte offset is allowed: floats read or written at an odd offset are not the segment's
                // aligned floats the harness judges finiteness by. The rule checks every value instead.
                .nonFiniteOutputsDocumented()
                .in("src", () -> BufferAttacks.nativeSegment(rows.get()), BufferAttacks.segments())
                .in("byteOffset", () -> 4L, Attacks.longs())
                .in("count", () -> N - 1, Attacks.ints())
                .in("format", () -> BoxFormat.XYXY, Attacks.enums(BoxFormat.class))
                .out("dst", dst, outputBoxes())
                .call(x -> BoxConvert.fromInterleaved(x.<MemorySegment>get(0), x.<Long>get(1), x.<Integer>get(2),
                        x.get(3), x.get(4)))
                .rule((x, before, r) -> {
                    MemorySegment src = before.get(0);
                    long off = x.get(1);
                    return checkFrom(x.get(3), x.get(4), x.get(2), i -> floats(src, off + 16L * i, 4));
                })
                .build());
        suite.add(EntryPoint.named("BoxConvert.fromPlanar(src, srcOffset, srcStride, count, format, dst)")
                .in("src", () -> planar(N, 3, N + 2), Attacks.floatArrays())
                .in("srcOffset", () -> 3, Attacks.ints())
                .in("srcStride", () -> N + 2, Attacks.ints())
                .in("count", () -> N, Attacks.ints())
                .in("format", () -> BoxFormat.CXCYWH, Attacks.enums(BoxFormat.class))
                .out("dst", dst, outputBoxes())
                .pair("srcOffset", "srcStride")
                .pair("srcStride", "count")
                .call(x -> BoxConvert.fromPlanar(x.<float[]>get(0), x.get(1), x.get(2), x.get(3), x.get(4),
                        x.get(5)))
                .rule((x, before, r) -> {
                    float[] src = before.get(0);
                    int off = x.get(1), stride = x.get(2);
                    return checkFrom(x.get(4), x.get(5), x.get(3), i -> new float[] {src[off + i],
                            src[off + stride + i], src[off + 2 * stride + i], src[off + 3 * stride + i]});
                })
                .build());
        suite.add(EntryPoint.named("BoxConvert.fromPlanar(src buffer, count, format, dst)")
                .in("src", () -> FloatBuffer.wrap(planar(N, 0, N)), BufferAttacks.floatBuffers())
                .in("count", () -> N, Attacks.ints())
                .in("format", () -> BoxFormat.XYWH, Attacks.enums(BoxFormat.class))
                .out("dst", dst, outputBoxes())
                .call(x -> BoxConvert.fromPlanar(x.<FloatBuffer>get(0), x.<Integer>get(1), x.get(2), x.get(3)))
                .rule((x, before, r) -> {
                    FloatBuffer src = before.get(0);
                    int n = x.get(1);
                    return checkFrom(x.get(2), x.get(3), n, i -> new float[] {floats(src, i, 1)[0],
                            floats(src, n + i, 1)[0], floats(src, 2 * n + i, 1)[0], floats(src, 3 * n + i, 1)[0]});
                })
                .build());
        suite.add(EntryPoint.named("BoxConvert.fromPlanar(src segment, byteOffset, count, format, dst)")
                // Any byte offset is allowed: floats read or written at an odd offset are not the segment's
                // aligned floats the harness judges finiteness by. The rule checks every value instead.
                .nonFiniteOutputsDocumented()
                .in("src", () -> BufferAttacks.nativeSegment(planar(N, 0, N)), BufferAttacks.segments())
                .in("byteOffset", () -> 0L, Attacks.longs())
                .in("count", () -> N, Attacks.ints())
                .in("format", () -> BoxFormat.CXCYWH, Attacks.enums(BoxFormat.class))
                .out("dst", dst, outputBoxes())
                .call(x -> BoxConvert.fromPlanar(x.<MemorySegment>get(0), x.<Long>get(1), x.<Integer>get(2),
                        x.get(3), x.get(4)))
                .rule((x, before, r) -> {
                    MemorySegment src = before.get(0);
                    long off = x.get(1);
                    int n = x.get(2);
                    return checkFrom(x.get(3), x.get(4), n, i -> new float[] {floats(src, off + 4L * i, 1)[0],
                            floats(src, off + 4L * (n + i), 1)[0], floats(src, off + 4L * (2 * n + i), 1)[0],
                            floats(src, off + 4L * (3 * n + i), 1)[0]});
                })
                .build());
        suite.add(EntryPoint.named("BoxConvert.toInterleaved(src, format, dst, dstOffset)")
                .in("src", BOXES, BoxAttacks.boxes())
                .in("format", () -> BoxFormat.CXCYWH, Attacks.enums(BoxFormat.class))
                .out("dst", () -> Attacks.sentinelFloats(4 * N + 5), Attacks.shapes())
                .in("dstOffset", () -> 3, Attacks.ints())
                .call(x -> {
                    BoxConvert.toInterleaved(x.get(0), x.get(1), x.<float[]>get(2), x.<Integer>get(3));
                    return null;
                })
                .rule((x, before, r) -> {
                    float[] d = x.get(2);
                    int off = x.get(3);
                    return checkRows(x.get(1), x.get(0), k -> d[off + k]);
                })
                .build());
        suite.add(EntryPoint.named("BoxConvert.toInterleaved(src, format, dst buffer)")
                .in("src", BOXES, BoxAttacks.boxes())
                .in("format", () -> BoxFormat.XYWH, Attacks.enums(BoxFormat.class))
                .out("dst", () -> FloatBuffer.wrap(Attacks.sentinelFloats(4 * N)), BufferAttacks.floatBuffers())
                .call(x -> {
                    BoxConvert.toInterleaved(x.get(0), x.get(1), x.<FloatBuffer>get(2));
                    return null;
                })
                .rule((x, before, r) -> {
                    FloatBuffer d = x.get(2);
                    return checkRows(x.get(1), x.get(0), k -> floats(d, k, 1)[0]);
                })
                .build());
        suite.add(EntryPoint.named("BoxConvert.toInterleaved(src, format, dst segment, byteOffset)")
                // Any byte offset is allowed: floats read or written at an odd offset are not the segment's
                // aligned floats the harness judges finiteness by. The rule checks every value instead.
                .nonFiniteOutputsDocumented()
                .in("src", BOXES, BoxAttacks.boxes())
                .in("format", () -> BoxFormat.CXCYWH, Attacks.enums(BoxFormat.class))
                .out("dst", () -> BufferAttacks.nativeSegment(Attacks.sentinelFloats(4 * N + 1)),
                        BufferAttacks.segments())
                .in("byteOffset", () -> 4L, Attacks.longs())
                .call(x -> {
                    BoxConvert.toInterleaved(x.get(0), x.get(1), x.<MemorySegment>get(2), x.<Long>get(3));
                    return null;
                })
                .rule((x, before, r) -> {
                    MemorySegment d = x.get(2);
                    long off = x.get(3);
                    return checkRows(x.get(1), x.get(0), k -> floats(d, off + 4L * k, 1)[0]);
                })
                .build());
    }

    /** Destination boxes: null, too small a capacity, padded, and the planes of an input (aliasing, automatic). */
    private static dev.anchorvec.adversarial.Attack outputBoxes() {
        return ctx -> List.of(dev.anchorvec.adversarial.Variant.constant("null", null),
                dev.anchorvec.adversarial.Variant.of("capacity " + (N - 1), () -> sentinelBoxes(N - 1)),
                dev.anchorvec.adversarial.Variant.of("capacity 0", () -> sentinelBoxes(0)),
                dev.anchorvec.adversarial.Variant.of("padded, capacity " + (N + 4), () -> {
                    float[] d = Attacks.sentinelFloats(3 + 4 * (N + 4));
                    return Boxes.wrapPlanar(d, 3, N + 4, N + 4);
                }));
    }

    /** Boxes of the given capacity (size 0) whose data is {@link Attacks#FLOAT_SENTINEL}. */
    private static Boxes sentinelBoxes(int capacity) {
        return Boxes.wrapPlanar(Attacks.sentinelFloats(4 * capacity), 0, capacity, capacity).resize(0);
    }

    private static float[] shifted(float[] values, int by) {
        float[] r = Attacks.sentinelFloats(values.length + by);
        System.arraycopy(values, 0, r, by, values.length);
        return r;
    }

    /** {@code count} floats of a buffer from its position + {@code at} (absolute gets). */
    private static float[] floats(FloatBuffer b, int at, int count) {
        float[] r = new float[count];
        for (int k = 0; k < count; k++) {
            r[k] = b.get(b.position() + at + k);
        }
        return r;
    }

    /** {@code count} floats of a segment from byte {@code at}, native order. */
    private static float[] floats(MemorySegment s, long at, int count) {
        float[] r = new float[count];
        for (int k = 0; k < count; k++) {
            r[k] = s.get(FLOAT, at + 4L * k);
        }
        return r;
    }

    // ---------------------------------------------------------------- BoxOps

    private static void ops(AdversarialSuite suite) {
        suite.add(EntryPoint.named("BoxOps.area(boxes)")
                .in("boxes", BOXES, BoxAttacks.boxes())
                .call(x -> BoxOps.area(x.<Boxes>get(0)))
                .twin("scalar", x -> areaNew(BoxTwins.SCALAR, x))
                .twin("vector", x -> areaNew(BoxTwins.VECTOR, x))
                .rule((x, before, r) -> areaRule(x.get(0), 0, (float[]) r, 0, ((float[]) r).length))
                .build());
        suite.add(EntryPoint.named("BoxOps.area(boxes, from, to, out, outOffset)")
                .in("boxes", BOXES, BoxAttacks.boxes())
                .in("from", () -> 1, Attacks.ints())
                .in("to", () -> N, Attacks.ints())
                .out("out", () -> Attacks.sentinelFloats(N + 3), Attacks.shapes())
                .in("outOffset", () -> 2, Attacks.ints())
                .pair("from", "to")
                .pair("outOffset", "to")
                .call(x -> {
                    BoxOps.area(x.get(0), x.get(1), x.get(2), x.<float[]>get(3), x.get(4));
                    return null;
                })
                .twin("scalar", x -> areaRange(BoxTwins.SCALAR, x))
                .twin("vector", x -> areaRange(BoxTwins.VECTOR, x))
                .rule((x, before, r) -> {
                    int from = x.get(1), to = x.get(2);
                    return areaRule(x.get(0), from, x.get(3), x.get(4), to - from);
                })
                .build());
        suite.add(EntryPoint.named("BoxOps.clip(boxes, width, height)")
                .inOut("boxes", BOXES, BoxAttacks.boxes())
                .in("width", () -> 50f, Attacks.floats())
                .in("height", () -> 60f, Attacks.floats())
                .call(x -> {
                    BoxOps.clip(x.get(0), x.get(1), x.get(2));
                    return null;
                })
                .twin("scalar", x -> clip(BoxTwins.SCALAR, x))
                .twin("vector", x -> clip(BoxTwins.VECTOR, x))
                .rule(BoxLayoutAdversarialTest::clipRule)
                .build());
        suite.add(EntryPoint.named("BoxOps.removeSmall(boxes, minSize, keep)")
                .in("boxes", BOXES, BoxAttacks.boxes())
                .in("minSize", () -> 8f, Attacks.floats())
                .out("keep", () -> Attacks.sentinelInts(N), Attacks.shapes())
                .call(x -> BoxOps.removeSmall(x.get(0), x.get(1), x.<int[]>get(2)))
                .twin("scalar", x -> BoxTwins.SCALAR.ops().removeSmall(x.get(0), x.get(1), x.get(2)))
                .twin("vector", x -> BoxTwins.VECTOR.ops().removeSmall(x.get(0), x.get(1), x.get(2)))
                .rule((x, before, r) -> {
                    Boxes b = x.get(0);
                    float min = x.get(1);
                    int[] keep = x.get(2);
                    int k = 0;
                    for (int i = 0; i < b.size(); i++) {
                        if (b.x2(i) - b.x1(i) >= min && b.y2(i) - b.y1(i) >= min) {
                            if (k >= (Integer) r || keep[k] != i) {
                                return "keep[" + k + "] should be " + i;
                            }
                            k++;
                        }
                    }
                    return k == (Integer) r ? null : "returned " + r + ", " + k + " boxes are large enough";
                })
                .build());
    }

    /**
     * The documented area: each extent {@code x2 - x1} clamped to {@code [0, Float.MAX_VALUE]}, their product
     * clamped to {@code Float.MAX_VALUE} (so no box, finite or infinite, has an infinite or NaN area unless a
     * coordinate is NaN, which gives NaN).
     */
    private static String areaRule(Boxes b, int from, float[] out, int outOffset, int count) {
        for (int k = 0; k < count; k++) {
            int i = from + k;
            float area = clamped(clamped(b.x2(i) - b.x1(i)) * clamped(b.y2(i) - b.y1(i)));
            String bad = sameBits("area of box " + i, area, out[outOffset + k]);
            if (bad != null) {
                return bad;
            }
        }
        return null;
    }

    /** {@code v} clamped to {@code [0, Float.MAX_VALUE]}; NaN stays NaN. */
    private static float clamped(float v) {
        return v < 0 ? 0f : v > Float.MAX_VALUE ? Float.MAX_VALUE : v;
    }

    private static float[] areaNew(BoxTwins k, Invocation x) {
        Boxes b = x.get(0);
        float[] out = new float[b.size()];
        if (out.length > 0) {
            k.ops().area(b, 0, b.size(), out, 0);
        }
        return out;
    }

    private static Object areaRange(BoxTwins k, Invocation x) {
        int from = x.get(1), to = x.get(2);
        if (to > from) {
            k.ops().area(x.get(0), from, to, x.get(3), x.get(4));
        }
        return null;
    }

    private static Object clip(BoxTwins k, Invocation x) {
        k.ops().clip(x.get(0), x.get(1), x.get(2));
        return null;
    }

    /** Every coordinate clamped to [0, width] (x) or [0, height] (y); NaN stays NaN. */
    private static String clipRule(Invocation x, Invocation before, Object result) {
        Boxes b = x.get(0), was = before.get(0);
        float w = x.get(1), h = x.get(2);
        for (int i = 0; i < b.size(); i++) {
            float[] got = {b.x1(i), b.y1(i), b.x2(i), b.y2(i)}, old = {was.x1(i), was.y1(i), was.x2(i), was.y2(i)};
            for (int c = 0; c < 4; c++) {
                float hi = (c & 1) == 0 ? w : h, v = old[c];
                float e = v != v ? v : Math.min(Math.max(v, 0f), hi);
                if (v == 0f) {
                    e = v; // a zero keeps its sign (neither bound applies)
                }
                if (Float.floatToIntBits(e) != Float.floatToIntBits(got[c]) && !(e == got[c])) {
                    return "box " + i + " coordinate " + c + " = " + got[c] + ", documented " + e;
                }
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- BoxValidation

    private static void validation(AdversarialSuite suite) {
        suite.add(EntryPoint.named("BoxValidation.check(boxes)")
                .in("boxes", BOXES, BoxAttacks.boxes())
                .call(x -> BoxValidation.check(x.get(0)))
                .rule((x, before, r) -> {
                    Boxes b = x.get(0);
                    List<?> issues = (List<?>) r;
                    int expected = 0;
                    for (int i = BoxValidation.firstInvalid(b, 0); i >= 0; i = BoxValidation.firstInvalid(b, i + 1)) {
                        expected++;
                    }
                    return issues.size() == expected ? null : issues.size() + " issues, " + expected + " bad boxes";
                })
                .build());
        suite.add(EntryPoint.named("BoxValidation.firstInvalid(boxes, from)")
                .in("boxes", BOXES, BoxAttacks.boxes())
                .in("from", () -> 1, Attacks.ints())
                .call(x -> BoxValidation.firstInvalid(x.get(0), x.get(1)))
                .rule((x, before, r) -> {
                    Boxes b = x.get(0);
                    int i = (Integer) r, from = x.get(1);
                    return i == -1 || (i >= Math.max(0, from) && i < b.size()) ? null : "returned " + i;
                })
                .build());
        suite.add(EntryPoint.named("BoxValidation.requireValid(boxes, name)")
                .in("boxes", BOXES, BoxAttacks.boxes())
                .in("name", () -> "detections", Attacks.values(null, "", "gt"))
                .call(x -> {
                    BoxValidation.requireValid(x.get(0), x.get(1));
                    return null;
                })
                .rule((x, before, r) -> BoxValidation.firstInvalid(x.get(0), 0) < 0 ? null
                        : "returned for boxes with a bad box")
                .build());
    }
}
