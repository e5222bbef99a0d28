package dev.anchorvec.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * A small seeded property runner: checks a property on many generated cases and, when one fails, shrinks it
 * and reports the seed that repeats it.
 *
 * <pre>{@code
 * Prop.forAll("iou.symmetric", 200, BoxGen.finite().twoSets(Sizes.laneEdges(), Sizes.small()), p -> {
 *     float[] ab = BoxIou.pairwise(IouKind.IOU, p.a().toBoxes(), p.b().toBoxes());
 *     ...
 *     assertEquals(...);   // any Throwable fails the case: JUnit assertions, AssertionError, exceptions
 * });
 * }</pre>
 *
 * <p><b>Seeds.</b> A run has a base seed: {@code -Danchorvec.seed=} (decimal or {@code 0x} hex) if set, else a
 * fixed value derived from the property's name, so CI runs are deterministic. Trial 0 uses the base seed
 * itself and trial {@code i} a value mixed from it; each trial draws its case from its own
 * {@link SplittableRandom}. A failure reports the failing trial's seed: passing it back with
 * {@code -Danchorvec.seed=} makes that case trial 0 of the next run (it also reseeds every other property in
 * that JVM, so select the test with {@code -Dtest=Class#method}).
 *
 * <p><b>Trials.</b> {@code -Danchorvec.trials=F} multiplies every trial count by {@code F} (for example 10 for a
 * long soak, 0.1 for a quick run); at least one trial always runs.
 *
 * <p><b>Shrinking.</b> The failing case is replaced by the first of its {@link Gen#shrink} candidates that still
 * fails, repeatedly, until no candidate fails or the budget ({@link Settings#maxShrinkSteps()} property
 * evaluations or {@link Settings#maxShrinkTime()}) runs out. The {@link PropertyFailure} thrown then holds the
 * seed, the original and the shrunk case, both failures and the repeat instructions.
 */
public final class Prop {

    /** System property with the base seed. */
    public static final String SEED_PROPERTY = "anchorvec.seed";
    /** System property with the factor for trial counts. */
    public static final String TRIALS_PROPERTY = "anchorvec.trials";

    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    private Prop() {}

    /** A property of one case: returns normally when it holds, throws (any Throwable) when it does not. */
    @FunctionalInterface
    public interface Property<T> {
        void check(T value) throws Throwable;
    }

    /**
     * How one property runs.
     *
     * @param name           names the property in reports, and gives the default seed
     * @param baseSeed       the base seed of the run
     * @param seedFromUser   whether the seed came from {@code -Danchorvec.seed}
     * @param trials         number of cases to check
     * @param maxShrinkSteps property evaluations the shrinker may spend
     * @param maxShrinkTime  wall-clock time the shrinker may spend
     */
    public record Settings(String name, long baseSeed, boolean seedFromUser, int trials, int maxShrinkSteps,
                           Duration maxShrinkTime) {

        public Settings {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(maxShrinkTime, "maxShrinkTime");
            if (trials < 1) {
                throw new IllegalArgumentException("trials must be >= 1, got " + trials);
            }
        }

        /**
         * Settings from the system properties: the seed from {@code -Danchorvec.seed} or the name, the trial count
         * scaled by {@code -Danchorvec.trials}, a shrink budget of 2000 evaluations and 30 s.
         */
        public static Settings of(String name, int trials) {
            String seed = System.getProperty(SEED_PROPERTY);
            boolean fromUser = seed != null && !seed.isBlank();
            return new Settings(name, fromUser ? parseSeed(seed) : defaultSeed(name), fromUser,
                    scaledTrials(trials), 2000, Duration.ofSeconds(30));
        }

        /** These settings with another base seed (as if given with {@code -Danchorvec.seed}). */
        public Settings withSeed(long seed) {
            return new Settings(name, seed, true, trials, maxShrinkSteps, maxShrinkTime);
        }

        /** These settings with another trial count (not scaled). */
        public Settings withTrials(int count) {
            return new Settings(name, baseSeed, seedFromUser, count, maxShrinkSteps, maxShrinkTime);
        }

        /** These settings with another shrink budget. */
        public Settings withShrinkBudget(int steps, Duration time) {
            return new Settings(name, baseSeed, seedFromUser, trials, steps, time);
        }
    }

    /**
     * Checks {@code property} on {@code trials} cases from {@code gen} (scaled by {@code -Danchorvec.trials}).
     *
     * @throws PropertyFailure for the first failing case, after shrinking it
     */
    public static <T> void forAll(String name, int trials, Gen<T> gen, Property<? super T> property) {
        run(Settings.of(name, trials), gen, property);
    }

    /** Like {@link #forAll}, with explicit settings. */
    public static <T> void run(Settings settings, Gen<T> gen, Property<? super T> property) {
        Objects.requireNonNull(gen, "gen");
        Objects.requireNonNull(property, "property");
        for (int trial = 0; trial < settings.trials(); trial++) {
            long seed = trialSeed(settings.baseSeed(), trial);
            T value;
            try {
                value = gen.generate(new SplittableRandom(seed));
            } catch (RuntimeException | Error e) {
                throw new PropertyFailure(settings, trial, seed, "(the generator failed)", null, 0, e, e);
            }
            Throwable failure = evaluate(property, value);
            if (failure != null) {
                // Printed before shrinking, so the seed is known even if shrinking is slow or hangs.
                System.err.printf(Locale.ROOT, "[prop] %s FAILED at trial %d, seed %s; shrinking ...%n",
                        settings.name(), trial, formatSeed(seed));
                throw shrink(settings, trial, seed, gen, property, value, failure);
            }
        }
        System.out.printf(Locale.ROOT, "[prop] %s: %d trials passed, base seed %s%s%n", settings.name(),
                settings.trials(), formatSeed(settings.baseSeed()),
                settings.seedFromUser() ? " (from -D" + SEED_PROPERTY + ")"
                        : " (repeat with -D" + SEED_PROPERTY + "=" + formatSeed(settings.baseSeed()) + ")");
    }

    private static <T> PropertyFailure shrink(Settings s, int trial, long seed, Gen<T> gen,
                                              Property<? super T> property, T original, Throwable originalFailure) {
        T current = original;
        Throwable currentFailure = originalFailure;
        int steps = 0;
        int evaluations = 0;
        long deadline = System.nanoTime() + s.maxShrinkTime().toNanos();
        boolean progress = true;
        while (progress && evaluations < s.maxShrinkSteps() && System.nanoTime() < deadline) {
            progress = false;
            Iterator<T> candidates = gen.shrink(current).iterator();
            while (candidates.hasNext() && evaluations < s.maxShrinkSteps() && System.nanoTime() < deadline) {
                T candidate = candidates.next();
                evaluations++;
                Throwable f = evaluate(property, candidate);
                if (f != null) {
                    current = candidate;
                    currentFailure = f;
                    steps++;
                    progress = true;
                    break;
                }
            }
        }
        return new PropertyFailure(s, trial, seed, original, current, steps, originalFailure, currentFailure);
    }

    private static <T> Throwable evaluate(Property<? super T> property, T value) {
        try {
            property.check(value);
            return null;
        } catch (OutOfMemoryError e) {
            throw e;
        } catch (Throwable t) {
            return t;
        }
    }

    /** The seed of trial {@code trial}: the base seed itself for trial 0, so a reported seed repeats first. */
    public static long trialSeed(long baseSeed, int trial) {
        return trial == 0 ? baseSeed : mix64(baseSeed + trial * GOLDEN_GAMMA);
    }

    /** The default base seed of a property: a 64-bit FNV-1a hash of its name (stable across JDKs and runs). */
    public static long defaultSeed(String name) {
        long h = 0xcbf29ce484222325L;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return mix64(h);
    }

    /** {@code trials} times the {@code -Danchorvec.trials} factor (default 1), at least 1. */
    public static int scaledTrials(int trials) {
        String f = System.getProperty(TRIALS_PROPERTY);
        double factor = f == null || f.isBlank() ? 1 : Double.parseDouble(f.trim());
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.round(trials * factor)));
    }

    /** A seed as {@code 0x} followed by 16 hex digits, the form {@link #parseSeed} reads back. */
    public static String formatSeed(long seed) {
        return String.format(Locale.ROOT, "0x%016x", seed);
    }

    /** Reads a seed in decimal (possibly negative) or {@code 0x} hex (up to 16 digits, unsigned). */
    public static long parseSeed(String text) {
        String t = text.trim().replace("_", "");
        if (t.startsWith("0x") || t.startsWith("0X")) {
            return Long.parseUnsignedLong(t.substring(2), 16);
        }
        return Long.parseLong(t);
    }

    /** A trial's random generator, for code that wants to draw outside {@link #run}. */
    public static RandomGenerator random(long seed) {
        return new SplittableRandom(seed);
    }

    private static long mix64(long z) {
        // Stafford variant 13 of MurmurHash3's finaliser, as in SplittableRandom.
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
