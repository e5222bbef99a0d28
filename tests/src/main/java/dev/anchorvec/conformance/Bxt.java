package dev.anchorvec.conformance;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * A BXT1 file, the conformance corpus' container: named, typed, row-major arrays (format in
 * {@code tests/src/test/resources/conformance/README.md}). Gzip-compressed input is recognised by its magic and
 * unpacked transparently. Malformed input raises an {@link IOException} naming the file and, where it applies,
 * the entry; asking for a missing entry or the wrong type raises {@link IllegalArgumentException}.
 */
public final class Bxt {

    private static final byte[] MAGIC = {'B', 'X', 'T', '1'};

    private final String source;
    private final Map<String, BxtArray> arrays;

    private Bxt(String source, Map<String, BxtArray> arrays) {
        this.source = source;
        this.arrays = Collections.unmodifiableMap(arrays);
    }

    /** Reads {@code file}, or {@code file + ".gz"} when only the compressed copy exists. */
    public static Bxt read(Path file) throws IOException {
        Path actual = Files.exists(file) ? file : file.resolveSibling(file.getFileName() + ".gz");
        if (!Files.exists(actual)) {
            throw new NoSuchFileException(file.toString(), null, "no such file, nor " + actual.getFileName());
        }
        return parse(Files.readAllBytes(actual), actual.toString());
    }

    /**
     * Parses BXT1 bytes, gzip-compressed or not.
     *
     * @param source names the data in error messages (usually the file)
     */
    public static Bxt parse(byte[] bytes, String source) throws IOException {
        if (bytes.length >= 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
                bytes = in.readAllBytes();
            } catch (IOException e) {
                throw new IOException(source + ": corrupt gzip data: " + e.getMessage(), e);
            }
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 4 || !ByteBuffer.wrap(MAGIC).equals(buf.slice(0, 4))) {
            throw new IOException(source + ": bad magic, not a BXT1 file");
        }
        if (bytes.length < 8) {
            throw new IOException(source + ": truncated header, no entry count");
        }
        buf.position(4);
        long count = Integer.toUnsignedLong(buf.getInt());
        Map<String, BxtArray> arrays = new LinkedHashMap<>();
        for (long e = 0; e < count; e++) {
            String where = source + ": entry #" + e;
            try {
                BxtArray a = entry(buf, where);
                if (arrays.putIfAbsent(a.name(), a) != null) {
                    throw new IOException(where + " '" + a.name() + "': duplicate name");
                }
            } catch (BufferUnderflowException ex) {
                throw new IOException(where + ": truncated header (file ends at byte " + bytes.length + ")", ex);
            }
        }
        if (buf.hasRemaining()) {
            throw new IOException(source + ": " + buf.remaining() + " trailing bytes after the " + count
                    + " entries");
        }
        return new Bxt(source, arrays);
    }

    private static BxtArray entry(ByteBuffer buf, String where) throws IOException {
        byte[] nameBytes = new byte[Short.toUnsignedInt(buf.getShort())];
        buf.get(nameBytes);
        String name = new String(nameBytes, StandardCharsets.US_ASCII);
        where += " '" + name + "'";
        int code = Byte.toUnsignedInt(buf.get());
        BxtType type = BxtType.ofCode(code);
        if (type == null) {
            throw new IOException(where + ": unknown dtype " + code);
        }
        int[] shape = new int[Byte.toUnsignedInt(buf.get())];
        long size = 1;
        for (int k = 0; k < shape.length; k++) {
            long d = buf.getLong();
            size *= d;
            if (d < 0 || size > Integer.MAX_VALUE - 8) {
                throw new IOException(where + ": bad dimension " + k + " = " + d + " (negative or too large)");
            }
            shape[k] = (int) d;
        }
        if (type == BxtType.STRING && shape.length != 1) {
            throw new IOException(where + ": a string must have one dimension (its byte length), has "
                    + shape.length);
        }
        long needed = size * type.bytes();
        if (needed > buf.remaining()) {
            throw new IOException(where + ": truncated data: needs " + needed + " bytes, " + buf.remaining()
                    + " left");
        }
        int n = (int) size;
        Object data = switch (type) {
            case F32 -> { float[] v = new float[n]; buf.asFloatBuffer().get(v); yield v; }
            case F64 -> { double[] v = new double[n]; buf.asDoubleBuffer().get(v); yield v; }
            case I32 -> { int[] v = new int[n]; buf.asIntBuffer().get(v); yield v; }
            case I64 -> { long[] v = new long[n]; buf.asLongBuffer().get(v); yield v; }
            case U8 -> { byte[] v = new byte[n]; buf.slice().get(v); yield v; }
            case STRING -> {
                try {
                    yield StandardCharsets.UTF_8.newDecoder().decode(buf.slice(buf.position(), n)).toString();
                } catch (CharacterCodingException e) {
                    throw new IOException(where + ": invalid UTF-8", e);
                }
            }
        };
        buf.position(buf.position() + (int) needed);
        return new BxtArray(name, type, shape, data);
    }

    /** What the data was read from (the file name). */
    public String source() {
        return source;
    }

    /** All entries in file order. */
    public Map<String, BxtArray> arrays() {
        return arrays;
    }

    /** Whether an entry named {@code name} exists. */
    public boolean has(String name) {
        return arrays.containsKey(name);
    }

    /**
     * The entry {@code name}.
     *
     * @throws IllegalArgumentException if there is none
     */
    public BxtArray array(String name) {
        BxtArray a = arrays.get(name);
        if (a == null) {
            throw new IllegalArgumentException(source + ": no entry '" + name + "' (has " + arrays.keySet() + ")");
        }
        return a;
    }

    /** The entry {@code name}, which must be {@code type}. */
    public BxtArray array(String name, BxtType type) {
        BxtArray a = array(name);
        if (a.type() != type) {
            throw new IllegalArgumentException(source + ": entry '" + name + "' is " + a.type() + ", expected "
                    + type);
        }
        return a;
    }

    /** The entry {@code name}, which must be {@code type} with exactly {@code shape}. */
    public BxtArray array(String name, BxtType type, int[] shape) {
        BxtArray a = array(name, type);
        if (!Arrays.equals(a.shape(), shape)) {
            throw new IllegalArgumentException(source + ": entry '" + name + "' has shape "
                    + Arrays.toString(a.shape()) + ", expected " + Arrays.toString(shape));
        }
        return a;
    }

    /** The float32 data of {@code name}. */
    public float[] floats(String name) {
        return (float[]) array(name, BxtType.F32).data();
    }

    /** The float64 data of {@code name}. */
    public double[] doubles(String name) {
        return (double[]) array(name, BxtType.F64).data();
    }

    /** The int32 data of {@code name}. */
    public int[] ints(String name) {
        return (int[]) array(name, BxtType.I32).data();
    }

    /** The int64 data of {@code name}. */
    public long[] longs(String name) {
        return (long[]) array(name, BxtType.I64).data();
    }

    /** The uint8 data of {@code name} (read with {@code Byte.toUnsignedInt}). */
    public byte[] bytes(String name) {
        return (byte[]) array(name, BxtType.U8).data();
    }

    /** The string {@code name}. */
    public String string(String name) {
        return (String) array(name, BxtType.STRING).data();
    }

    @Override
    public String toString() {
        return "Bxt[" + source + ": " + arrays.values() + "]";
    }
}
