package dev.anchorvec.boxes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anchorvec.testkit.FloatChecks;
import dev.anchorvec.testkit.Gen;
import dev.anchorvec.testkit.Prop;
import dev.anchorvec.testkit.Shrink;
import dev.anchorvec.testkit.Sizes;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link BoxConvert} from and to every {@link BoxFormat}, through every kind of source and sink: {@code float[]},
 * heap and direct {@link FloatBuffer}s (little- and big-endian), heap and native {@link MemorySegment}s,
 * interleaved and planar. Results must equal torchvision's float32 formulas bit for bit; exact round trips on
 * values where the arithmetic is exact. Also {@link Boxes#wrapPlanar} (shares memory, rejects bad shapes).
 */
class BoxConvertTest {

    private static final float SENTINEL = Float.intBitsToFloat(0xdeadbeef);

    /** torchvision's box_convert, into xyxy: the expected value of every "from" conversion. */
    static float[] toXyxy(BoxFormat f, float a, float b, float c, float d) {
        return switch (f) {
            case XYXY -> new float[] {a, b, c, d};
            case XYWH -> new float[] {a, b, a + c, b + d};
            case CXCYWH -> new float[] {a - 0.5f * c, b - 0.5f * d, a + 0.5f * c, b + 0.5f * d};
        };
    }

    /** torchvision's box_convert, from xyxy: the expected value of every "to" conversion. */
    static float[] fromXyxy(BoxFormat f, float x1, float y1, float x2, float y2) {
        return switch (f) {
            case XYXY -> new float[] {x1, y1, x2, y2};
            case XYWH -> new float[] {x1, y1, x2 - x1, y2 - y1};
            case CXCYWH -> new float[] {(x1 + x2) / 2, (y1 + y2) / 2, x2 - x1, y2 - y1};
        };
    }

    /** {@code n} rows of four arbitrary floats (any format), from the lane-edge sizes; shrinks rows and values. */
    private static final Gen<float[]> ROWS = rowsOf(rnd -> {
        float scale = new float[] {1, 100, 1e4f, 1e7f}[rnd.nextInt(4)];
        return (float) ((rnd.nextDouble() - 0.3) * scale);
    });

    /** Values {@code k / 8} with small {@code k}: every conversion and its inverse is exact on these. */
    private static final Gen<float[]> DYADIC = rowsOf(rnd -> rnd.nextInt(-4096, 4096) / 8f);

    private interface FloatDraw {
        float draw(RandomGenerator rnd);
    }

    private static Gen<float[]> rowsOf(FloatDraw value) {
        Gen<Integer> sizes = Sizes.laneEdges();
        Gen<float[]> g = rnd -> {
            int n = sizes.generate(rnd);
            float[] v = new float[4 * n];
            for (int k = 0; k < v.length; k++) {
                v[k] = value.draw(rnd);
            }
            return v;
        };
        return g.withShrinker(v -> Shrink.removals(rows(v)).map(BoxConvertTest::flatten));
    }

    private static List<float[]> rows(float[] v) {
        List<float[]> rows = new ArrayList<>();
        for (int i = 0; i < v.length; i += 4) {
            rows.add(Arrays.copyOfRange(v, i, i + 4));
        }
        return rows;
    }

    private static float[] flatten(List<float[]> rows) {
        float[] v = new float[4 * rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i), 0, v, 4 * i, 4);
        }
        return v;
    }

    /** Where interleaved data comes from; each reads the same logical rows. */
    enum Source {
        ARRAY, HEAP_BUFFER, HEAP_BUFFER_SLICE, READ_ONLY_BUFFER, DIRECT_LE, DIRECT_BE, HEAP_BYTES_BE,
        HEAP_SEGMENT, NATIVE_SEGMENT
    }

    /** Reads {@code values} (n rows in {@code format}, interleaved or planar) through {@code source}. */
    private static Boxes read(Source source, boolean planar, float[] values, BoxFormat format, Boxes dst) {
        int n = values.length / 4;
        float[] data = planar ? toPlanar(values) : values;
        int pad = 3;
        return switch (source) {
            case ARRAY -> {
                float[] shifted = new float[pad + data.length];
                System.arraycopy(data, 0, shifted, pad, data.length);
                yield planar ? BoxConvert.fromPlanar(shifted, pad, n, n, format, dst)
                        : BoxConvert.fromInterleaved(shifted, pad, n, format, dst);
            }
            case HEAP_BUFFER -> {
                FloatBuffer fb = FloatBuffer.allocate(pad + data.length);
                fb.position(pad);
                fb.put(data).position(pad);
                yield readBuffer(fb, planar, n, format, dst);
            }
            case HEAP_BUFFER_SLICE -> {
                float[] backing = new float[2 * pad + data.length];
                System.arraycopy(data, 0, backing, pad, data.length);
                FloatBuffer fb = FloatBuffer.wrap(backing, 1, backing.length - 1).slice().position(pad - 1);
                yield readBuffer(fb, planar, n, format, dst);
            }
            case READ_ONLY_BUFFER -> readBuffer(FloatBuffer.wrap(data).asReadOnlyBuffer(), planar, n, format, dst);
            case DIRECT_LE, DIRECT_BE, HEAP_BYTES_BE -> {
                ByteOrder order = source == Source.DIRECT_LE ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
                ByteBuffer bb = source == Source.HEAP_BYTES_BE ? ByteBuffer.allocate(4 * (pad + data.length))
                        : ByteBuffer.allocateDirect(4 * (pad + data.length));
                FloatBuffer fb = bb.order(order).asFloatBuffer();
                fb.position(pad);
                fb.put(data).position(pad);
                yield readBuffer(fb, planar, n, format, dst);
            }
            case HEAP_SEGMENT -> {
                float[] shifted = new float[pad + data.length];
                System.arraycopy(data, 0, shifted, pad, data.length);
                MemorySegment seg = MemorySegment.ofArray(shifted);
                yield planar ? BoxConvert.fromPlanar(seg, 4L * pad, n, format, dst)
                        : BoxConvert.fromInterleaved(seg, 4L * pad, n, format, dst);
            }
            case NATIVE_SEGMENT -> {
                try (Arena arena = Arena.ofConfined()) {
                    // Odd byte offset: the segment reads are unaligned-capable, as with ONNX Runtime slices.
                    long offset = 4L * pad + 2;
                    MemorySegment seg = arena.allocate(offset + 4L * data.length + 8, 8);
                    MemorySegment.copy(data, 0, seg, ValueLayout.JAVA_FLOAT_UNALIGNED, offset, data.length);
                    yield planar ? BoxConvert.fromPlanar(seg, offset, n, format, dst)
                            : BoxConvert.fromInterleaved(seg, offset, n, format, dst);
                }
            }
        };
    }

    private static Boxes readBuffer(FloatBuffer fb, boolean planar, int n, BoxFormat format, Boxes dst) {
        int position = fb.position();
        Boxes r = planar ? BoxConvert.fromPlanar(fb, n, format, dst) : BoxConvert.fromInterleaved(fb, n, format, dst);
        assertEquals(position, fb.position(), "the buffer's position must not move");
        return r;
    }

    private static float[] toPlanar(float[] interleaved) {
        int n = interleaved.length / 4;
        float[] p = new float[interleaved.length];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 4; k++) {
                p[k * n + i] = interleaved[4 * i + k];
            }
        }
        return p;
    }

    private static float[] planesOf(Boxes b) {
        float[] out = new float[4 * b.size()];
        for (int i = 0; i < b.size(); i++) {
            out[4 * i] = b.x1(i);
            out[4 * i + 1] = b.y1(i);
            out[4 * i + 2] = b.x2(i);
            out[4 * i + 3] = b.y2(i);
        }
        return out;
    }

    private static float[] expectedXyxy(BoxFormat format, float[] v) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i += 4) {
            System.arraycopy(toXyxy(format, v[i], v[i + 1], v[i + 2], v[i + 3]), 0, out, i, 4);
        }
        return out;
    }

    private static float[] expectedFormat(BoxFormat format, float[] xyxy) {
        float[] out = new float[xyxy.length];
        for (int i = 0; i < xyxy.length; i += 4) {
            System.arraycopy(fromXyxy(format, xyxy[i], xyxy[i + 1], xyxy[i + 2], xyxy[i + 3]), 0, out, i, 4);
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(BoxFormat.class)
    void everySourceConvertsWithTorchvisionsFormulas(BoxFormat format) {
        Prop.forAll("convert.from." + format, 100, ROWS, v -> {
            float[] want = expectedXyxy(format, v);
            for (Source source : Source.values()) {
                for (boolean planar : new boolean[] {false, true}) {
                    Boxes dst = Boxes.allocate(v.length / 4 + 5);
                    Boxes got = read(source, planar, v, format, dst);
                    assertSame(dst, got);
                    assertEquals(v.length / 4, got.size(), "dst is resized to the count");
                    FloatChecks.assertSameBits(source + (planar ? " planar " : " interleaved ") + format, want,
                            planesOf(got));
                }
            }
        });
    }

    /** Where interleaved output goes. */
    enum Sink {
        ARRAY, HEAP_BUFFER, DIRECT_LE, DIRECT_BE, HEAP_SEGMENT, NATIVE_SEGMENT
    }

    /** Writes {@code boxes} as interleaved rows in {@code format} through {@code sink}; returns what arrived. */
    private static float[] write(Sink sink, Boxes boxes, BoxFormat format) {
        int n = boxes.size(), pad = 2, len = pad + 4 * n + pad;
        float[] arrived = new float[len];
        switch (sink) {
            case ARRAY -> {
                Arrays.fill(arrived, SENTINEL);
                BoxConvert.toInterleaved(boxes, format, arrived, pad);
            }
            case HEAP_BUFFER, DIRECT_LE, DIRECT_BE -> {
                FloatBuffer fb = sink == Sink.HEAP_BUFFER ? FloatBuffer.allocate(len)
                        : ByteBuffer.allocateDirect(4 * len)
                                .order(sink == Sink.DIRECT_LE ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN)
                                .asFloatBuffer();
                for (int k = 0; k < len; k++) {
                    fb.put(k, SENTINEL);
                }
                fb.position(pad);
                BoxConvert.toInterleaved(boxes, format, fb);
                assertEquals(pad, fb.position(), "the buffer's position must not move");
                fb.get(0, arrived);
            }
            case HEAP_SEGMENT -> {
                float[] backing = new float[len];
                Arrays.fill(backing, SENTINEL);
                BoxConvert.toInterleaved(boxes, format, MemorySegment.ofArray(backing), 4L * pad);
                arrived = backing;
            }
            case NATIVE_SEGMENT -> {
                try (Arena arena = Arena.ofConfined()) {
                    MemorySegment seg = arena.allocate(4L * len, 4);
                    for (int k = 0; k < len; k++) {
                        seg.setAtIndex(ValueLayout.JAVA_FLOAT, k, SENTINEL);
                    }
                    BoxConvert.toInterleaved(boxes, format, seg, 4L * pad);
                    MemorySegment.copy(seg, ValueLayout.JAVA_FLOAT, 0, arrived, 0, len);
                }
            }
        }
        return arrived;
    }

    @ParameterizedTest
    @EnumSource(BoxFormat.class)
    void everySinkWritesTorchvisionsFormulasAndNothingElse(BoxFormat format) {
        Prop.forAll("convert.to." + format, 100, ROWS, v -> {
            Boxes boxes = Boxes.ofXyxy(v);
            float[] want = new float[2 + v.length + 2];
            Arrays.fill(want, SENTINEL);
            System.arraycopy(expectedFormat(format, v), 0, want, 2, v.length);
            for (Sink sink : Sink.values()) {
                FloatChecks.assertSameBits(sink + " " + format, want, write(sink, boxes, format));
            }
        });
    }

    @ParameterizedTest
    @EnumSource(BoxFormat.class)
    void roundTripsAreExactWhereTheArithmeticIs(BoxFormat format) {
        Prop.forAll("convert.roundtrip." + format, 100, DYADIC, v -> {
            // format -> planar xyxy -> format, through each source and sink.
            for (Source source : Source.values()) {
                Boxes boxes = read(source, false, v, format, Boxes.allocate(v.length / 4));
                for (Sink sink : Sink.values()) {
                    float[] back = Arrays.copyOfRange(write(sink, boxes, format), 2, 2 + v.length);
                    FloatChecks.assertSameBits(source + " -> " + sink + " " + format, v, back);
                }
            }
            // And xyxy -> format -> xyxy (the other direction), for proper boxes.
            float[] xyxy = v.clone();
            for (int i = 0; i < xyxy.length; i += 4) {
                xyxy[i + 2] = xyxy[i] + Math.abs(xyxy[i + 2]);
                xyxy[i + 3] = xyxy[i + 1] + Math.abs(xyxy[i + 3]);
            }
            float[] inFormat = Boxes.ofXyxy(xyxy).toInterleaved(format);
            FloatChecks.assertSameBits("xyxy -> " + format + " -> xyxy", xyxy,
                    planesOf(Boxes.of(format, inFormat)));
        });
    }

    @Test
    void torchvisionExamples() {
        // cxcywh -> xyxy subtracts half the size: cx - 0.5 * w.
        Boxes b = Boxes.of(BoxFormat.CXCYWH, 10, 20, 4, 6);
        assertEquals(8f, b.x1(0));
        assertEquals(17f, b.y1(0));
        assertEquals(12f, b.x2(0));
        assertEquals(23f, b.y2(0));
        // xyxy -> cxcywh takes the midpoint as (x1 + x2) / 2, which rounds differently from x1 + (x2 - x1) / 2.
        float x1 = 0.3f, x2 = 1e7f;
        float[] c = Boxes.ofXyxy(x1, 0, x2, 1).toInterleaved(BoxFormat.CXCYWH);
        assertTrue(Float.floatToRawIntBits((x1 + x2) / 2) != Float.floatToRawIntBits(x1 + (x2 - x1) / 2));
        assertEquals((x1 + x2) / 2, c[0]);
        assertEquals(x2 - x1, c[2]);
        // xywh -> xyxy: x2 = x + w.
        assertEquals(7f, Boxes.of(BoxFormat.XYWH, 3, 4, 4, 5).x2(0));
        assertEquals(9f, Boxes.of(BoxFormat.XYWH, 3, 4, 4, 5).y2(0));
    }

    @Test
    void bigEndianBuffersAreReadInTheirOwnOrder() {
        ByteBuffer bb = ByteBuffer.allocateDirect(16).order(ByteOrder.BIG_ENDIAN);
        bb.putFloat(0, 1.5f).putFloat(4, 2.5f).putFloat(8, 3.5f).putFloat(12, 4.5f);
        Boxes b = BoxConvert.fromInterleaved(bb.asFloatBuffer(), 1, BoxFormat.XYXY, Boxes.allocate(1));
        assertEquals(1.5f, b.x1(0));
        assertEquals(4.5f, b.y2(0));
        // The same bytes read as little-endian are different numbers: the order really is honoured.
        Boxes le = BoxConvert.fromInterleaved(bb.order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer(), 1, BoxFormat.XYXY,
                Boxes.allocate(1));
        assertTrue(Float.floatToRawIntBits(le.x1(0)) != Float.floatToRawIntBits(1.5f));
    }

    @Nested
    class WrapPlanar {

        @Test
        void arrayWrapSharesMemoryBothWays() {
            float[] data = new float[2 + 3 * 7 + 5];
            Boxes b = Boxes.wrapPlanar(data, 2, 7, 5);
            assertSame(data, b.data());
            data[2 + 2 * 7 + 4] = 42f;
            assertEquals(42f, b.x2(4));
            b.set(1, 1, 2, 3, 4);
            assertEquals(1f, data[2 + 1]);
            assertEquals(4f, data[2 + 3 * 7 + 1]);
            assertEquals(5, b.size());
            assertEquals(7, b.capacity());
        }

        @Test
        void fourByNArrayWrap() {
            float[] data = {0, 1, 0, 1, 2, 3, 2, 3};
            Boxes b = Boxes.wrapPlanar(data);
            assertEquals(2, b.size());
            data[5] = 9;
            assertEquals(9f, b.x2(1));
            assertThrows(IllegalArgumentException.class, () -> Boxes.wrapPlanar(new float[7]));
        }

        @Test
        void badShapesAreRejectedWithTheArgumentsName() {
            float[] data = new float[40];
            assertMessage("offset", () -> Boxes.wrapPlanar(data, -1, 10, 10));
            assertMessage("size", () -> Boxes.wrapPlanar(data, 0, 10, -1));
            assertMessage("stride", () -> Boxes.wrapPlanar(data, 0, 9, 10));
            assertMessage("data.length", () -> Boxes.wrapPlanar(data, 1, 10, 10));
            assertMessage("data.length", () -> Boxes.wrapPlanar(data, 0, 11, 10));
            assertThrows(NullPointerException.class, () -> Boxes.wrapPlanar((float[]) null, 0, 0, 0));
            assertThrows(NullPointerException.class, () -> Boxes.wrapPlanar((FloatBuffer) null, 0));
            assertThrows(NullPointerException.class, () -> Boxes.wrapPlanar((MemorySegment) null, 0));
        }

        @Test
        void heapBufferWrapSharesMemoryFromThePosition() {
            float[] data = new float[3 + 4 * 6];
            FloatBuffer fb = FloatBuffer.wrap(data);
            fb.position(3);
            Boxes b = Boxes.wrapPlanar(fb, 6);
            data[3 + 6 + 5] = 8f;
            assertEquals(8f, b.y1(5));
            b.set(0, 1, 2, 3, 4);
            assertEquals(3f, fb.get(3 + 12));
            assertEquals(3, fb.position());
        }

        @Test
        void buffersThatCannotBeSharedAreRejected() {
            assertMessage("array-backed", () -> Boxes.wrapPlanar(ByteBuffer.allocateDirect(64).asFloatBuffer(), 4));
            assertMessage("array-backed", () -> Boxes.wrapPlanar(FloatBuffer.allocate(16).asReadOnlyBuffer(), 4));
            assertMessage("remaining", () -> Boxes.wrapPlanar(FloatBuffer.allocate(15), 4));
            assertMessage("size", () -> Boxes.wrapPlanar(FloatBuffer.allocate(16), -1));
        }

        @Test
        void heapSegmentWrapSharesMemoryFromItsStart() {
            float[] data = new float[2 + 4 * 3];
            MemorySegment seg = MemorySegment.ofArray(data).asSlice(8);
            Boxes b = Boxes.wrapPlanar(seg, 3);
            assertSame(data, b.data());
            assertEquals(2, b.offset());
            data[2 + 3 * 3 + 2] = 6f;
            assertEquals(6f, b.y2(2));
            b.set(0, 5, 6, 7, 8);
            assertEquals(5f, seg.getAtIndex(ValueLayout.JAVA_FLOAT, 0));
        }

        @Test
        void segmentsThatCannotBeSharedAreRejected() {
            try (Arena arena = Arena.ofConfined()) {
                assertMessage("heap segment", () -> Boxes.wrapPlanar(arena.allocate(64), 4));
            }
            assertMessage("heap segment", () -> Boxes.wrapPlanar(MemorySegment.ofArray(new byte[64]), 4));
            assertMessage("float boundary",
                    () -> Boxes.wrapPlanar(MemorySegment.ofArray(new float[20]).asSlice(2), 4));
            assertMessage("bytes", () -> Boxes.wrapPlanar(MemorySegment.ofArray(new float[15]), 4));
            assertMessage("size", () -> Boxes.wrapPlanar(MemorySegment.ofArray(new float[16]), -1));
        }
    }

    @Test
    void conversionArgumentsAreCheckedBeforeWriting() {
        Boxes dst = Boxes.allocate(2);
        dst.set(0, 1, 1, 1, 1);
        assertMessage("count", () -> BoxConvert.fromInterleaved(new float[8], 0, -1, BoxFormat.XYXY, dst));
        assertMessage("capacity", () -> BoxConvert.fromInterleaved(new float[12], 0, 3, BoxFormat.XYXY, dst));
        assertMessage("src", () -> BoxConvert.fromInterleaved(new float[7], 0, 2, BoxFormat.XYXY, dst));
        assertMessage("src offset", () -> BoxConvert.fromInterleaved(new float[8], -1, 2, BoxFormat.XYXY, dst));
        assertMessage("srcStride", () -> BoxConvert.fromPlanar(new float[8], 0, 1, 2, BoxFormat.XYXY, dst));
        assertMessage("dst", () -> BoxConvert.toInterleaved(Boxes.allocate(2), BoxFormat.XYXY, new float[7], 0));
        assertMessage("read-only", () -> BoxConvert.toInterleaved(Boxes.allocate(1), BoxFormat.XYXY,
                FloatBuffer.allocate(4).asReadOnlyBuffer()));
        assertThrows(NullPointerException.class, () -> BoxConvert.fromInterleaved(new float[4], 0, 1, null, dst));
        assertEquals(1f, dst.x1(0), "nothing written by a rejected call");
        assertEquals(2, dst.size(), "not resized by a rejected call");
    }

    static void assertMessage(String part, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage() != null && e.getMessage().contains(part),
                "message should name '" + part + "': " + e.getMessage());
    }
}
