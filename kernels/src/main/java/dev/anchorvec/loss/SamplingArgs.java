package dev.anchorvec.loss;

import java.util.Objects;

/** Argument checks shared by the samplers: each names the argument, and all run before anything is written. */
final class SamplingArgs {

    private SamplingArgs() {}

    static <T> T notNull(T value, String name) {
        return Objects.requireNonNull(value, name);
    }

    /** Checks that {@code array[offset, offset + needed)} exists. */
    static void room(String name, int length, int offset, long needed) {
        if (offset < 0) {
            throw new IllegalArgumentException(name + " offset must be >= 0, got " + offset);
        }
        if (needed < 0) {
            throw new IllegalArgumentException("count must be >= 0, got " + needed);
        }
        if (offset + needed > length) {
            throw new IllegalArgumentException(name + ".length " + length + " is too small: needs " + offset + " + "
                    + needed);
        }
    }

    /** Checks that every match code is a gt index (>= 0), background (-1) or ignore (-2). */
    static void matchCodes(int[] matches, int offset, int n) {
        for (int i = 0; i < n; i++) {
            if (matches[offset + i] < -2) {
                throw new IllegalArgumentException("matches[" + (offset + i) + "] = " + matches[offset + i]
                        + " is not a gt index, -1 (background) or -2 (ignore)");
            }
        }
    }
}
