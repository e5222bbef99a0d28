package dev.anchorvec.conformance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.zip.GZIPOutputStream;

/** Test helper: serialises {@link BxtArray}s to BXT1 bytes, the inverse of {@link Bxt#parse}. */
final class BxtBytes {

    private BxtBytes() {}

    static byte[] of(Collection<BxtArray> arrays) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {'B', 'X', 'T', '1'});
        out.writeBytes(le(4).putInt(arrays.size()).array());
        for (BxtArray a : arrays) {
            byte[] name = a.name().getBytes(StandardCharsets.US_ASCII);
            out.writeBytes(le(2).putShort((short) name.length).array());
            out.writeBytes(name);
            out.write(a.type().code());
            out.write(a.shape().length);
            for (int d : a.shape()) {
                out.writeBytes(le(8).putLong(d).array());
            }
            out.writeBytes(data(a));
        }
        return out.toByteArray();
    }

    static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static BxtArray string(String name, String value) {
        return new BxtArray(name, BxtType.STRING, new int[] {value.getBytes(StandardCharsets.UTF_8).length},
                value);
    }

    private static byte[] data(BxtArray a) {
        if (a.data() instanceof String s) {
            return s.getBytes(StandardCharsets.UTF_8);
        }
        ByteBuffer b = le(a.size() * a.type().bytes());
        switch (a.data()) {
            case float[] v -> b.asFloatBuffer().put(v);
            case double[] v -> b.asDoubleBuffer().put(v);
            case int[] v -> b.asIntBuffer().put(v);
            case long[] v -> b.asLongBuffer().put(v);
            case byte[] v -> b.put(v);
            default -> throw new IllegalArgumentException("unsupported data " + a.data().getClass());
        }
        return b.array();
    }

    private static ByteBuffer le(int bytes) {
        return ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }
}
