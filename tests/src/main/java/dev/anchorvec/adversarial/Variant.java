package dev.anchorvec.adversarial;

import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One value for one argument, with the label the reports show ({@code "-1"}, {@code "Boxes[5] x1[4]=NaN"}). The
 * value is made fresh for every call ({@link #make}), since calls write into their arguments. A <em>late</em>
 * variant is made after the other arguments of the call and may use them: that is how aliasing is built (an
 * output that is the very array of an input).
 *
 * @param label how reports show this value
 * @param make  makes the value; its map holds the other arguments of the call by name (late variants only;
 *              others get an empty map)
 * @param late  whether {@code make} needs the other arguments
 */
public record Variant(String label, Function<Map<String, Object>, Object> make, boolean late) {

    public Variant {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(make, "make");
    }

    /** A variant made without looking at the other arguments. */
    public static Variant of(String label, Supplier<?> value) {
        Objects.requireNonNull(value, "value");
        return new Variant(label, others -> value.get(), false);
    }

    /** An immutable value (a number, an enum constant, null) used as is. */
    public static Variant constant(String label, Object value) {
        return new Variant(label, others -> value, false);
    }

    /** A variant made from the other arguments of the same call (aliasing). */
    public static Variant late(String label, Function<Map<String, Object>, Object> make) {
        return new Variant(label, make, true);
    }
}
