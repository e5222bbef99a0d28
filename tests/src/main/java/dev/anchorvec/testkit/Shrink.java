package dev.anchorvec.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Building blocks for shrinkers: candidates that are strictly simpler than the value they come from, so that
 * {@link Prop}'s greedy search always ends. All streams are lazy.
 */
public final class Shrink {

    private Shrink() {}

    /**
     * Smaller lists: first by removing elements ({@link #removals}), then by shrinking one element at a time
     * with {@code element}.
     */
    public static <T> Stream<List<T>> list(List<T> xs, Function<? super T, ? extends Stream<? extends T>> element) {
        return Stream.<Function<Void, Stream<List<T>>>>of(
                        x -> removals(xs),
                        x -> elementwise(xs, element))
                .flatMap(f -> f.apply(null));
    }

    /**
     * {@code xs} with elements removed: the empty list, then each half, then chunks of a quarter, an eighth,
     * and so on down to single elements (delta debugging), so a failure that needs few elements is found in
     * about {@code 2 n} candidates for {@code n} elements.
     */
    public static <T> Stream<List<T>> removals(List<T> xs) {
        int n = xs.size();
        if (n == 0) {
            return Stream.empty();
        }
        Stream<List<T>> empty = Stream.of(List.of());
        if (n == 1) {
            return empty;
        }
        Stream<List<T>> chunks = IntStream.iterate(n / 2, k -> k >= 1, k -> k / 2).boxed()
                .flatMap(k -> IntStream.iterate(0, s -> s < n, s -> s + k)
                        .mapToObj(s -> without(xs, s, Math.min(n, s + k))));
        return Stream.concat(empty, chunks);
    }

    /** {@code xs} with one element replaced by one of its shrink candidates, element by element. */
    public static <T> Stream<List<T>> elementwise(List<T> xs,
                                                  Function<? super T, ? extends Stream<? extends T>> element) {
        return IntStream.range(0, xs.size()).boxed()
                .flatMap(i -> element.apply(xs.get(i)).map(v -> replaced(xs, i, v)));
    }

    /** Integers between {@code value} and {@code target}: the target, the midpoint, then one step closer. */
    public static Stream<Integer> towards(int value, int target) {
        if (value == target) {
            return Stream.empty();
        }
        int mid = (int) (((long) value + target) / 2);
        int step = value > target ? value - 1 : value + 1;
        return Stream.of(target, mid, step).distinct().filter(c -> c != value);
    }

    /** Doubles between {@code value} and {@code target}: the target, the midpoint and a few rounded values. */
    public static Stream<Double> towards(double value, double target) {
        if (value == target || Double.isNaN(value)) {
            return Stream.empty();
        }
        double mid = (value + target) / 2;
        return Stream.of(target, Math.rint(value), Math.rint(value * 10) / 10, mid).distinct()
                .filter(c -> Math.abs(c - target) < Math.abs(value - target));
    }

    /**
     * Simpler floats than {@code x}, in order: 0, the nearest integer, {@code x} rounded to 1, 2 and 3 decimals,
     * and for integers, half the magnitude and one step towards 0. Every candidate has a lower
     * {@link #complexity} than {@code x} or, for integers, a smaller magnitude, so repeated shrinking ends.
     * Non-finite values only offer 0.
     */
    public static Stream<Float> simpler(float x) {
        if (x == 0 && Float.floatToRawIntBits(x) == 0) {
            return Stream.empty();
        }
        if (!Float.isFinite(x)) {
            return Stream.of(0f);
        }
        int cx = complexity(x);
        List<Float> out = new ArrayList<>(6);
        out.add(0f);
        out.add((float) Math.rint(x));
        for (int d = 1; d <= 3; d++) {
            out.add(round(x, d));
        }
        if (cx == 1) {
            out.add((float) (long) (x / 2));
            out.add(x > 0 ? x - 1 : x + 1);
        }
        return out.stream().distinct().filter(c -> isSimpler(c, x, cx));
    }

    private static boolean isSimpler(float c, float x, int cx) {
        if (Float.floatToRawIntBits(c) == Float.floatToRawIntBits(x)) {
            return false;
        }
        int cc = complexity(c);
        return cc < cx || (cc == 1 && cx == 1 && Math.abs(c) < Math.abs(x));
    }

    /**
     * How "complicated" a float looks when printed: 0 for +0.0, 1 for other integers (and -0.0), 2, 3, 4 for
     * one, two, three decimals, 5 for any other finite value, 6 for NaN and infinities.
     */
    public static int complexity(float x) {
        if (!Float.isFinite(x)) {
            return 6;
        }
        if (Float.floatToRawIntBits(x) == 0) {
            return 0;
        }
        if (x == Math.rint(x)) {
            return 1;
        }
        for (int d = 1; d <= 3; d++) {
            if (Float.floatToRawIntBits(round(x, d)) == Float.floatToRawIntBits(x)) {
                return 1 + d;
            }
        }
        return 5;
    }

    /** {@code x} rounded to {@code decimals} decimal places (as the nearest float); huge values unchanged. */
    public static float round(float x, int decimals) {
        double scale = Math.pow(10, decimals);
        if (!Float.isFinite(x) || Math.abs(x) * scale > 1e15) {
            return x;
        }
        return (float) (Math.rint(x * scale) / scale);
    }

    private static <T> List<T> without(List<T> xs, int from, int to) {
        List<T> out = new ArrayList<>(xs.size() - (to - from));
        out.addAll(xs.subList(0, from));
        out.addAll(xs.subList(to, xs.size()));
        return List.copyOf(out);
    }

    private static <T> List<T> replaced(List<T> xs, int i, T v) {
        List<T> out = new ArrayList<>(xs);
        out.set(i, v);
        return List.copyOf(out);
    }
}
