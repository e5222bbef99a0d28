package dev.anchorvec.testkit;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;

/**
 * Set sizes biased to where vector loops break: 0, 1, and {@code L-1, L, L+1, 2L+3} for every lane count
 * {@code L} in {4, 8, 16} (128-, 256- and 512-bit floats), primes (31, 61, 127) and sizes above 1000.
 */
public final class Sizes {

    /** Float lane counts of 128-, 256- and 512-bit vectors. */
    public static final int[] LANES = {4, 8, 16};

    /** Every edge size up to 127, ascending: 0, 1, L-1, L, L+1, 2L+3 for each L, 31, 61, 127. */
    public static final int[] EDGES = edges();

    private Sizes() {}

    private static int[] edges() {
        IntStream s = IntStream.of(0, 1, 2, 31, 61, 127);
        for (int l : LANES) {
            s = IntStream.concat(s, IntStream.of(l - 1, l, l + 1, 2 * l + 3));
        }
        return s.distinct().sorted().toArray();
    }

    /** An edge size up to 127 most of the time, and a size in [1000, 1100) one time in ten. */
    public static Gen<Integer> laneEdges() {
        return edges(127, 0.1);
    }

    /** Edge sizes up to 35 (= 2 * 16 + 3): cheap enough for the other dimension of an N x M matrix. */
    public static Gen<Integer> small() {
        return edges(35, 0);
    }

    /**
     * Edge sizes up to {@code max}, and with probability {@code largeProbability} a size in [1000, 1100).
     * Shrinks towards 0.
     */
    public static Gen<Integer> edges(int max, double largeProbability) {
        int[] pool = Arrays.stream(EDGES).filter(e -> e <= max).toArray();
        Gen<Integer> g = (RandomGenerator rnd) -> rnd.nextDouble() < largeProbability
                ? rnd.nextInt(1000, 1100) : pool[rnd.nextInt(pool.length)];
        return g.withShrinker(n -> Shrink.towards(n, 0));
    }

    /** One of the given sizes, uniformly; shrinks towards 0. */
    public static Gen<Integer> of(int... sizes) {
        int[] pool = sizes.clone();
        Gen<Integer> g = rnd -> pool[rnd.nextInt(pool.length)];
        return g.withShrinker(n -> Shrink.towards(n, 0));
    }
}
