package dev.anchorvec.testkit;

import java.util.random.RandomGenerator;

/**
 * Where a generated box set is placed in its backing array: {@code offset} floats before the first plane and
 * {@code padding} floats between planes (stride = size + padding). Kernels must give the same results for
 * every layout and must not read the filler, so tests fill it with NaN ({@link BoxList#toBoxes(Layout)}).
 */
public record Layout(int offset, int padding) {

    /** Planes packed at index 0. */
    public static final Layout PACKED = new Layout(0, 0);

    public Layout {
        if (offset < 0 || padding < 0) {
            throw new IllegalArgumentException("offset and padding must be >= 0: " + offset + ", " + padding);
        }
    }

    /** Packed half the time, else small random offset and padding; shrinks towards {@link #PACKED}. */
    public static Gen<Layout> gen() {
        Gen<Layout> g = (RandomGenerator rnd) -> rnd.nextBoolean() ? PACKED
                : new Layout(rnd.nextInt(0, 20), rnd.nextInt(0, 20));
        return g.withShrinker(l -> l.equals(PACKED) ? java.util.stream.Stream.empty()
                : java.util.stream.Stream.of(PACKED, new Layout(0, l.padding()), new Layout(l.offset(), 0))
                        .distinct().filter(c -> !c.equals(l)));
    }
}
