package dev.anchorvec;

import dev.anchorvec.boxes.Boxes;
import java.util.HexFormat;

/**
 * A 64-bit FNV-1a hash of kernel outputs, bit for bit, for {@link KernelDigest}. Every value is fed as its
 * exact bits: floats through {@link Float#floatToIntBits} (so every NaN counts as the canonical NaN: NaN payloads
 * are not part of any kernel's contract, while the sign of zero and every other bit are), doubles through
 * {@link Double#doubleToLongBits}, integers as they are. Each array is preceded by a label and its length, so
 * that two outputs whose values run into each other differently, or a shorter result, give another hash.
 *
 * <p>FNV-1a is not a cryptographic hash; it only has to make an accidental collision between two runs of the
 * same workload unlikely (2^-64), and it is cheap enough to run in the interpreter. Not thread-safe: one per
 * workload.
 */
final class DigestHash {

    private static final long OFFSET_BASIS = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;

    private long h = OFFSET_BASIS;
    private int rejected;
    private int calls;

    /** Mixes the four bytes of {@code v}, lowest first. */
    DigestHash i(int v) {
        for (int s = 0; s < 32; s += 8) {
            h = (h ^ ((v >>> s) & 0xff)) * PRIME;
        }
        return this;
    }

    /** Mixes the eight bytes of {@code v}, lowest first. */
    DigestHash l(long v) {
        i((int) v);
        return i((int) (v >>> 32));
    }

    /** Mixes a float's bits (NaN canonical). */
    DigestHash f(float v) {
        return i(Float.floatToIntBits(v));
    }

    /** Mixes a double's bits (NaN canonical). */
    DigestHash d(double v) {
        return l(Double.doubleToLongBits(v));
    }

    /** Mixes a label: its length and its characters. */
    DigestHash label(String s) {
        i(s.length());
        for (int k = 0; k < s.length(); k++) {
            i(s.charAt(k));
        }
        return this;
    }

    /** Mixes {@code a[from, to)} under {@code label}. */
    DigestHash floats(String label, float[] a, int from, int to) {
        label(label).i(to - from);
        for (int k = from; k < to; k++) {
            i(Float.floatToIntBits(a[k]));
        }
        calls++;
        return this;
    }

    /** Mixes all of {@code a} under {@code label}. */
    DigestHash floats(String label, float[] a) {
        return floats(label, a, 0, a.length);
    }

    /** Mixes {@code a[from, to)} under {@code label}. */
    DigestHash ints(String label, int[] a, int from, int to) {
        label(label).i(to - from);
        for (int k = from; k < to; k++) {
            i(a[k]);
        }
        calls++;
        return this;
    }

    /** Mixes all of {@code a} under {@code label}. */
    DigestHash ints(String label, int[] a) {
        return ints(label, a, 0, a.length);
    }

    /** Mixes all of {@code a} under {@code label}. */
    DigestHash longs(String label, long[] a) {
        label(label).i(a.length);
        for (long v : a) {
            l(v);
        }
        calls++;
        return this;
    }

    /** Mixes all of {@code a} under {@code label}. */
    DigestHash doubles(String label, double[] a) {
        label(label).i(a.length);
        for (double v : a) {
            d(v);
        }
        calls++;
        return this;
    }

    /** Mixes {@code a[from, to)} under {@code label}. */
    DigestHash bytes(String label, byte[] a, int from, int to) {
        label(label).i(to - from);
        for (int k = from; k < to; k++) {
            h = (h ^ (a[k] & 0xff)) * PRIME;
        }
        calls++;
        return this;
    }

    /** Mixes {@code a[from, to)} under {@code label}, one byte per flag. */
    DigestHash booleans(String label, boolean[] a, int from, int to) {
        label(label).i(to - from);
        for (int k = from; k < to; k++) {
            h = (h ^ (a[k] ? 1 : 0)) * PRIME;
        }
        calls++;
        return this;
    }

    /** Mixes one scalar result (a count, a loss value) under {@code label}. */
    DigestHash value(String label, double v) {
        label(label).d(v);
        calls++;
        return this;
    }

    /** Mixes the boxes' coordinates (planar, {@code size()} of each) under {@code label}. */
    DigestHash boxes(String label, Boxes b) {
        label(label).i(b.size());
        for (int k = 0; k < b.size(); k++) {
            f(b.x1(k)).f(b.y1(k)).f(b.x2(k)).f(b.y2(k));
        }
        calls++;
        return this;
    }

    /**
     * Runs one kernel call; an {@link IllegalArgumentException} (input a kernel rejects, for example after its
     * validation got stricter) is mixed in as a marker with the exception's message instead of failing the
     * workload, and counted in {@link #rejected()}. The marker is as deterministic as the output it replaces.
     */
    DigestHash call(String label, Runnable kernel) {
        try {
            kernel.run();
        } catch (IllegalArgumentException e) {
            rejected++;
            calls++;
            label("rejected " + label).label(String.valueOf(e.getMessage()));
        }
        return this;
    }

    /** Outputs mixed in so far (arrays, values and rejections). */
    int calls() {
        return calls;
    }

    /** Calls whose input was rejected with an {@link IllegalArgumentException}. */
    int rejected() {
        return rejected;
    }

    /** The hash so far. */
    long value() {
        return h;
    }

    /** The hash so far as 16 lower-case hex digits. */
    String hex() {
        return HexFormat.of().toHexDigits(h);
    }
}
