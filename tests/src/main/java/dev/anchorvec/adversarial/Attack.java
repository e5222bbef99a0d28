package dev.anchorvec.adversarial;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A generator of adversarial values for one argument. It sees the baseline (valid) call through a
 * {@link Context}, so it can aim at the edges of that call: a length plus one, an offset that makes
 * {@code offset + count} overflow, a copy of the baseline boxes with one coordinate set to NaN. The standard
 * generators are in {@link Attacks}, {@link BoxAttacks} and {@link BufferAttacks}; a new one is a lambda.
 *
 * <pre>{@code
 * Attack evenCounts = ctx -> List.of(Variant.constant("2", 2), Variant.constant("4", 4));
 * }</pre>
 */
@FunctionalInterface
public interface Attack {

    /** The values to try for the argument {@link Context#name()}; never its baseline value alone. */
    List<Variant> variants(Context ctx);

    /** No adversarial values: the argument keeps its baseline. */
    static Attack none() {
        return ctx -> List.of();
    }

    /** The variants of this attack followed by those of {@code other}. */
    default Attack and(Attack other) {
        Objects.requireNonNull(other, "other");
        return ctx -> {
            List<Variant> all = new ArrayList<>(variants(ctx));
            all.addAll(other.variants(ctx));
            return all;
        };
    }
}
