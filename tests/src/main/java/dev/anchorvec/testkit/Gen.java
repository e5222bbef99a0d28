package dev.anchorvec.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;

/**
 * A generator of random test values together with a way to make a failing value smaller ("shrinking").
 *
 * <p>All randomness must come from the {@link RandomGenerator} passed in, so that a seed reproduces the value
 * ({@link Prop} derives one generator per trial from the run's seed). {@link #shrink} lists simpler
 * candidates for a value, most promising first, lazily; {@link Prop} keeps the first candidate that still
 * fails and repeats, so candidates must be strictly "smaller" in some sense or the search only ends at its
 * step budget.
 *
 * <pre>{@code
 * Gen<Integer> n = Gen.ints(0, 100);                          // shrinks towards 0
 * Gen<Case> cases = Gen.zip(BoxGen.finite().twoSets(Sizes.laneEdges(), Sizes.small()), Layout.gen(),
 *         Case::new, Case::sets, Case::layout);               // shrinks each part in turn
 * }</pre>
 *
 * @param <T> the type of the generated values
 */
@FunctionalInterface
public interface Gen<T> {

    /** Draws one value, using only {@code rnd} for randomness. */
    T generate(RandomGenerator rnd);

    /** Simpler candidates for {@code value}, most promising first; none by default. */
    default Stream<T> shrink(T value) {
        return Stream.empty();
    }

    /** This generator with {@code shrinker} as its shrinker (replacing any it had). */
    default Gen<T> withShrinker(Function<? super T, ? extends Stream<? extends T>> shrinker) {
        Objects.requireNonNull(shrinker, "shrinker");
        Gen<T> self = this;
        return new Gen<>() {
            @Override
            public T generate(RandomGenerator rnd) {
                return self.generate(rnd);
            }

            @Override
            public Stream<T> shrink(T value) {
                return shrinker.apply(value).map(x -> x);
            }
        };
    }

    /**
     * Values mapped through {@code f}. The result does not shrink (there is no way back from {@code R} to
     * {@code T}); use {@link #withShrinker} or build {@code R} with {@link #zip} when shrinking matters.
     */
    default <R> Gen<R> map(Function<? super T, ? extends R> f) {
        Objects.requireNonNull(f, "f");
        return rnd -> f.apply(generate(rnd));
    }

    /** Only values accepted by {@code keep} (redrawn up to 1000 times); shrink candidates are filtered too. */
    default Gen<T> filter(Predicate<? super T> keep) {
        Objects.requireNonNull(keep, "keep");
        Gen<T> self = this;
        return new Gen<>() {
            @Override
            public T generate(RandomGenerator rnd) {
                for (int attempt = 0; attempt < 1000; attempt++) {
                    T v = self.generate(rnd);
                    if (keep.test(v)) {
                        return v;
                    }
                }
                throw new IllegalStateException("filter rejected 1000 values in a row");
            }

            @Override
            public Stream<T> shrink(T value) {
                return self.shrink(value).filter(keep);
            }
        };
    }

    /** Always {@code value}; nothing to shrink. */
    static <T> Gen<T> constant(T value) {
        return rnd -> value;
    }

    /** Uniform in {@code [lo, hi]} (both inclusive); shrinks towards {@code lo}. */
    static Gen<Integer> ints(int lo, int hi) {
        if (lo > hi) {
            throw new IllegalArgumentException("lo " + lo + " > hi " + hi);
        }
        Gen<Integer> g = rnd -> (int) rnd.nextLong(lo, (long) hi + 1);
        return g.withShrinker(v -> Shrink.towards(v, lo));
    }

    /** One of {@code values}, uniformly; shrinks towards the values listed first. */
    @SafeVarargs
    static <T> Gen<T> oneOf(T... values) {
        List<T> copy = new ArrayList<>(values.length);
        for (T v : values) {
            copy.add(v);
        }
        List<T> list = List.copyOf(copy);
        if (list.isEmpty()) {
            throw new IllegalArgumentException("no values");
        }
        Gen<T> g = rnd -> list.get(rnd.nextInt(list.size()));
        return g.withShrinker(v -> {
            int i = list.indexOf(v);
            return i <= 0 ? Stream.empty() : list.subList(0, i).stream();
        });
    }

    /** Lists of {@code element} values whose length comes from {@code sizes}; shrinks with {@link Shrink#list}. */
    static <T> Gen<List<T>> listOf(Gen<Integer> sizes, Gen<T> element) {
        Gen<List<T>> g = rnd -> {
            int n = sizes.generate(rnd);
            List<T> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(element.generate(rnd));
            }
            return List.copyOf(out);
        };
        return g.withShrinker(xs -> Shrink.list(xs, element::shrink));
    }

    /**
     * A value built from two independent parts, for example a record. Shrinks the first part (keeping the
     * second), then the second (keeping the first); {@code first} and {@code second} take a value apart again.
     */
    static <A, B, R> Gen<R> zip(Gen<A> ga, Gen<B> gb, BiFunction<? super A, ? super B, ? extends R> make,
                                Function<? super R, ? extends A> first, Function<? super R, ? extends B> second) {
        Gen<R> g = rnd -> {
            A a = ga.generate(rnd);
            B b = gb.generate(rnd);
            return make.apply(a, b);
        };
        return g.withShrinker(r -> {
            A a = first.apply(r);
            B b = second.apply(r);
            // Lazy concatenation: the second part's shrinker only runs once the first's candidates are used up.
            return Stream.<Function<Void, Stream<R>>>of(
                            x -> ga.shrink(a).map(a2 -> make.apply(a2, b)),
                            x -> gb.shrink(b).map(b2 -> make.apply(a, b2)))
                    .flatMap(f -> f.apply(null));
        });
    }

    /** Three independent parts; see {@link #zip(Gen, Gen, BiFunction, Function, Function)}. */
    static <A, B, C, R> Gen<R> zip(Gen<A> ga, Gen<B> gb, Gen<C> gc, Function3<? super A, ? super B, ? super C,
            ? extends R> make, Function<? super R, ? extends A> first, Function<? super R, ? extends B> second,
                                   Function<? super R, ? extends C> third) {
        Gen<R> g = rnd -> {
            A a = ga.generate(rnd);
            B b = gb.generate(rnd);
            C c = gc.generate(rnd);
            return make.apply(a, b, c);
        };
        return g.withShrinker(r -> {
            A a = first.apply(r);
            B b = second.apply(r);
            C c = third.apply(r);
            // Lazy concatenation: later parts' shrinkers only run once the earlier candidates are used up.
            return Stream.<Function<Void, Stream<R>>>of(
                            x -> ga.shrink(a).map(a2 -> make.apply(a2, b, c)),
                            x -> gb.shrink(b).map(b2 -> make.apply(a, b2, c)),
                            x -> gc.shrink(c).map(c2 -> make.apply(a, b, c2)))
                    .flatMap(f -> f.apply(null));
        });
    }

    /** A function of three arguments, for {@link #zip(Gen, Gen, Gen, Function3, Function, Function, Function)}. */
    @FunctionalInterface
    interface Function3<A, B, C, R> {
        R apply(A a, B b, C c);
    }
}
