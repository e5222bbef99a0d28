package dev.anchorvec.encode;

import dev.anchorvec.boxes.Boxes;
import java.util.Objects;

/** Argument checks of the coders: each names the argument (and index), and all run before anything is written. */
final class Checks {

    private Checks() {}

    static <T> T notNull(T value, String name) {
        return Objects.requireNonNull(value, name);
    }

    /** Checks that {@code array[offset, offset + needed)} exists. */
    static void room(String name, int length, int offset, long needed) {
        if (offset < 0) {
            throw new IllegalArgumentException(name + " offset must be >= 0, got " + offset);
        }
        if (offset + needed > length) {
            throw new IllegalArgumentException(name + ".length " + length + " is too small: needs offset " + offset
                    + " + " + needed);
        }
    }

    /** A finite value, > 0 when {@code positive}. */
    static float finite(float v, String name, boolean positive) {
        if (!Float.isFinite(v) || (positive && !(v > 0f))) {
            throw new IllegalArgumentException(name + " must be finite" + (positive ? " and > 0" : "") + ", got "
                    + v);
        }
        return v;
    }

    /** Four finite values ({@code > 0} when {@code positive}), copied. */
    static float[] four(float[] v, String name, boolean positive) {
        notNull(v, name);
        if (v.length != 4) {
            throw new IllegalArgumentException(name + " must have 4 values, has " + v.length);
        }
        for (int c = 0; c < 4; c++) {
            finite(v[c], name + "[" + c + "]", positive);
        }
        return v.clone();
    }

    /** An image side for clipping: not NaN and {@code >= 0}. */
    static float side(float v, String name) {
        if (!(v >= 0f)) {
            throw new IllegalArgumentException(name + " must be >= 0 (and not NaN), got " + v);
        }
        return v;
    }

    /** Throws if box {@code i} (found by a kernel, -1 for none) has no positive width and height. */
    static void positive(Boxes b, int i, String name, String why) {
        if (i >= 0) {
            throw new IllegalArgumentException(name + "[" + i + "] = [" + b.x1(i) + ", " + b.y1(i) + ", " + b.x2(i)
                    + ", " + b.y2(i) + "] has width " + (b.x2(i) - b.x1(i)) + " and height " + (b.y2(i) - b.y1(i))
                    + ": " + why);
        }
    }

    /** Rows of {@code 4 * k} floats for {@code n} boxes, as an int, or an exception if that overflows. */
    static int rows(int n, int k, String name) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        long floats = 4L * n * k;
        if (floats > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(name + " would need " + floats + " floats, more than one array holds");
        }
        return (int) floats;
    }

    /**
     * The common checks of an aligned encode ({@code gt[i]} against {@code anchors[i]}, rows of 4 into
     * {@code out}).
     *
     * @return the number of boxes
     */
    static int aligned(Boxes anchors, Boxes gt, float[] out, int outOffset) {
        notNull(anchors, "anchors");
        notNull(gt, "gt");
        notNull(out, "out");
        int n = anchors.size();
        if (gt.size() != n) {
            throw new IllegalArgumentException("gt.size() (" + gt.size() + ") != anchors.size() (" + n + ")");
        }
        room("out", out.length, outOffset, rows(n, 1, "out"));
        return n;
    }
}
