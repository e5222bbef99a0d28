package dev.anchorvec.testkit;

import java.util.stream.Stream;

/**
 * One xyxy box of a generated case: {@code (x1, y1)} and {@code (x2, y2)}, float32, any values (inverted,
 * NaN and infinite coordinates included). Records compare floats like {@link Float#compare}, so two boxes
 * with NaN in the same place are equal.
 */
public record Box(float x1, float y1, float x2, float y2) {

    /** {@code x2 - x1} (negative for an inverted box). */
    public float width() {
        return x2 - x1;
    }

    /** {@code y2 - y1} (negative for an inverted box). */
    public float height() {
        return y2 - y1;
    }

    /** True when every coordinate is finite. */
    public boolean isFinite() {
        return Float.isFinite(x1) && Float.isFinite(y1) && Float.isFinite(x2) && Float.isFinite(y2);
    }

    /** Coordinate {@code k}: 0 = x1, 1 = y1, 2 = x2, 3 = y2. */
    public float get(int k) {
        return switch (k) {
            case 0 -> x1;
            case 1 -> y1;
            case 2 -> x2;
            case 3 -> y2;
            default -> throw new IndexOutOfBoundsException(k);
        };
    }

    /** This box with coordinate {@code k} set to {@code v}. */
    public Box with(int k, float v) {
        return switch (k) {
            case 0 -> new Box(v, y1, x2, y2);
            case 1 -> new Box(x1, v, x2, y2);
            case 2 -> new Box(x1, y1, v, y2);
            case 3 -> new Box(x1, y1, x2, v);
            default -> throw new IndexOutOfBoundsException(k);
        };
    }

    /**
     * Simpler boxes: all four coordinates rounded to integers at once, then one coordinate at a time through
     * {@link Shrink#simpler(float)}.
     */
    public Stream<Box> shrink() {
        Box rounded = new Box(rint(x1), rint(y1), rint(x2), rint(y2));
        Stream<Box> whole = rounded.equals(this) ? Stream.empty() : Stream.of(rounded);
        Stream<Box> single = Stream.of(0, 1, 2, 3).flatMap(k -> Shrink.simpler(get(k)).map(v -> with(k, v)));
        return Stream.concat(whole, single);
    }

    private static float rint(float v) {
        return Float.isFinite(v) ? (float) Math.rint(v) : v;
    }

    /** The box as Java source ({@code 1.5f, 0.0f, Float.NaN, 3.0E7f}), for pasting into a unit test. */
    public String toJava() {
        return literal(x1) + ", " + literal(y1) + ", " + literal(x2) + ", " + literal(y2);
    }

    @Override
    public String toString() {
        return "[" + toJava() + "]";
    }

    /** A float as a Java literal that reads back to the same bits (NaN payloads aside). */
    public static String literal(float v) {
        if (Float.isNaN(v)) {
            return "Float.NaN";
        }
        if (Float.isInfinite(v)) {
            return v > 0 ? "Float.POSITIVE_INFINITY" : "Float.NEGATIVE_INFINITY";
        }
        return Float.toString(v) + "f";
    }
}
