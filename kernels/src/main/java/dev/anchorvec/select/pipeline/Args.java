package dev.anchorvec.select.pipeline;

/** The pipelines' argument checks: each throws an {@link IllegalArgumentException} naming the argument. */
final class Args {

    private Args() {}

    static double iou(double iouThreshold) {
        if (Double.isNaN(iouThreshold)) {
            throw new IllegalArgumentException("iouThreshold must not be NaN");
        }
        return iouThreshold;
    }

    static int count(int value, String name) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, got " + value);
        }
        return value;
    }

    static int atLeast(int value, int min, String name) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be >= " + min + ", got " + value);
        }
        return value;
    }

    /** {@code need} entries of {@code name} from {@code offset} within {@code length}. */
    static void room(String name, int length, int offset, long need) {
        if (offset < 0 || offset + need > length) {
            throw new IllegalArgumentException(name + ": need " + need + " entries from " + offset + ", "
                    + name + ".length is " + length);
        }
    }

    /** {@code need} floats remaining in a buffer. */
    static void remaining(String name, int remaining, long need) {
        if (remaining < need) {
            throw new IllegalArgumentException(name + ": need " + need + " floats, " + remaining + " remain");
        }
    }

    static void imageSize(float width, float height) {
        if (!(width >= 0) || !(height >= 0)) {
            throw new IllegalArgumentException("image size must be >= 0, got " + width + " x " + height);
        }
    }
}
