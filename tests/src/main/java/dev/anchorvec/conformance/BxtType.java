package dev.anchorvec.conformance;

/** The element types of a BXT1 entry, with their on-disk codes and element sizes in bytes. */
public enum BxtType {
    /** IEEE float32. */
    F32(1, 4),
    /** IEEE float64. */
    F64(2, 8),
    /** Signed 32-bit integer. */
    I32(3, 4),
    /** Signed 64-bit integer. */
    I64(4, 8),
    /** Unsigned byte (also booleans). */
    U8(5, 1),
    /** UTF-8 string; its only dimension is the byte length. */
    STRING(6, 1);

    private final int code;
    private final int bytes;

    BxtType(int code, int bytes) {
        this.code = code;
        this.bytes = bytes;
    }

    /** The dtype byte in the file. */
    public int code() {
        return code;
    }

    /** Size of one element in bytes. */
    public int bytes() {
        return bytes;
    }

    /** The type with this dtype byte, or {@code null} if there is none. */
    public static BxtType ofCode(int code) {
        for (BxtType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }
}
