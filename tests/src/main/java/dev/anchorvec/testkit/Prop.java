package dev.anchorvec.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;

/**
 * A small seeded property runner: checks a property on many generated cases and, when one fails, shrinks it
 * and reports how to repeat it.
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
 * {@link SplittableRandom}, so a base seed replays the same cases in the same order.
 * {@code -Danchorvec.property=NAME} limits {@code -Danchorvec.seed} and {@code -Danchorvec.trial} to the
 * property of that name; every other property in the JVM then runs exactly as it does without them.
 *
 * <p><b>Trials.</b> {@code -Danchorvec.trials=F} multiplies every trial count by {@code F} (for example 10 for a
 * long soak, 0.1 for a quick run); at least one trial always runs. {@code -Danchorvec.trial=N} runs trial
 * {@code N} alone (the same case as trial {@code N} of the full run, but before any other trial of the property
 * has run, so before those trials have warmed up the JIT).
 *
 * <p><b>Repeating a failure.</b> A failure's {@link RepeatHint} prints the surefire execution (vector width or
 * scalar) it happened in and commands that run only that execution, from the kernels' sources: a <i>warm</i>
 * replay (the base seed: trials {@code 0..N} in the same order, so the JIT has seen the same earlier trials),
 * a <i>cold</i> one ({@code -Danchorvec.trial=N} alone) and one that reruns the whole fork (every test that ran
 * before it, too).
 *
 * <p><b>Shrinking.</b> The failing case is replaced by the first of its {@link Gen#shrink} candidates that still
 * fails, repeatedly, until no candidate fails or the budget ({@link Settings#maxShrinkSteps()} property
 * evaluations or {@link Settings#maxShrinkTime()}) runs out. The {@link PropertyFailure} thrown then holds the
 * seeds, the original and the shrunk case, both failures and the repeat hint.
 */
public final class Prop {

    /** System property with the base seed. */
    public static final String SEED_PROPERTY = "anchorvec.seed";
    /** System property with the factor for trial counts. */
    public static final String TRIALS_PROPERTY = "anchorvec.trials";
    /** System property with the index of the one trial to run ({@code -Danchorvec.trial=N}: trial N alone). */
    public static final String TRIAL_PROPERTY = "anchorvec.trial";
    /** System property naming the one property that {@code anchorvec.seed} and {@code anchorvec.trial} apply to. */
    public static final String SCOPE_PROPERTY = "anchorvec.property";

    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    private Prop() {}

    /** A property of one case: returns normally when it holds, throws (any Throwable) when it does not. */
    @FunctionalInterface
    public interface Property<T> {
        void check(T value) throws Throwable;
    }

    /** Where a run's base seed came from; decides how the repeat hint passes it back. */
    public enum SeedSource {
        /** Derived from the property's name ({@link #defaultSeed}): no flag was given. */
        NAME,
        /** {@code -Danchorvec.seed} without {@code -Danchorvec.property}: it reseeded every property in the JVM. */
        ALL_PROPERTIES,
        /** Given for this property only: {@code -Danchorvec.property=} this name, or {@link Settings#withSeed}. */
        THIS_PROPERTY
    }

    /**
     * How one property runs.
     *
     * @param name           names the property in reports, and gives the default seed
     * @param baseSeed       the base seed of the run
     * @param seedSource     where the base seed came from
     * @param trials         number of cases to check
     * @param onlyTrial      if present, only this trial runs ({@code -Danchorvec.trial})
     * @param maxShrinkSteps property evaluations the shrinker may spend
     * @param maxShrinkTime  wall-clock time the shrinker may spend
     */
    public record Settings(String name, long baseSeed, SeedSource seedSource, int trials, OptionalInt onlyTrial,
                           int maxShrinkSteps, Duration maxShrinkTime) {

        public Settings {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(seedSource, "seedSource");
            Objects.requireNonNull(onlyTrial, "onlyTrial");
            Objects.requireNonNull(maxShrinkTime, "maxShrinkTime");
            if (trials < 1) {
                throw new IllegalArgumentException("trials must be >= 1, got " + trials);
            }
            if (onlyTrial.isPresent() && onlyTrial.getAsInt() < 0) {
                throw new IllegalArgumentException("onlyTrial must be >= 0, got " + onlyTrial.getAsInt());
            }
        }

        /**
         * Settings from the system properties: the seed from {@code -Danchorvec.seed} or the name, the trial count
         * scaled by {@code -Danchorvec.trials}, {@code -Danchorvec.trial}, a shrink budget of 2000 evaluations
         * and 30 s. {@code -Danchorvec.seed} and {@code -Danchorvec.trial} are ignored when
         * {@code -Danchorvec.property} names another property.
         *
         * @throws IllegalArgumentException when one of these system properties cannot be read, naming it
         */
        public static Settings of(String name, int trials) {
            return of(name, trials, System::getProperty);
        }

        /** Like {@link #of(String, int)}, reading the flags from {@code flags} instead of the system properties. */
        static Settings of(String name, int trials, UnaryOperator<String> flags) {
            String scope = given(flags, SCOPE_PROPERTY);
            boolean applies = scope == null || scope.equals(name);
            String seed = applies ? given(flags, SEED_PROPERTY) : null;
            String trial = applies ? given(flags, TRIAL_PROPERTY) : null;
            SeedSource source = seed == null ? SeedSource.NAME
                    : scope == null ? SeedSource.ALL_PROPERTIES : SeedSource.THIS_PROPERTY;
            long base = seed == null ? defaultSeed(name) : parseFlag(SEED_PROPERTY, seed, Prop::parseSeed);
            OptionalInt only = trial == null ? OptionalInt.empty()
                    : OptionalInt.of(parseFlag(TRIAL_PROPERTY, trial, Prop::parseTrial));
            return new Settings(name, base, source, scaledTrials(trials, given(flags, TRIALS_PROPERTY)), only, 2000,
                    Duration.ofSeconds(30));
        }

        /** Whether the base seed came from {@code -Danchorvec.seed} or {@link #withSeed}, not from the name. */
        public boolean seedFromUser() {
            return seedSource != SeedSource.NAME;
        }

        /**
         * These settings with another base seed, for this property only (as {@code -Danchorvec.property=}this
         * name {@code -Danchorvec.seed=seed}).
         */
        public Settings withSeed(long seed) {
            return new Settings(name, seed, SeedSource.THIS_PROPERTY, trials, onlyTrial, maxShrinkSteps,
                    maxShrinkTime);
        }

        /** These settings with another trial count (not scaled). */
        public Settings withTrials(int count) {
            return new Settings(name, baseSeed, seedSource, count, onlyTrial, maxShrinkSteps, maxShrinkTime);
        }

        /** These settings running trial {@code trial} alone (as {@code -Danchorvec.trial}). */
        public Settings withOnlyTrial(int trial) {
            return new Settings(name, baseSeed, seedSource, trials, OptionalInt.of(trial), maxShrinkSteps,
                    maxShrinkTime);
        }

        /** These settings with another shrink budget. */
        public Settings withShrinkBudget(int steps, Duration time) {
            return new Settings(name, baseSeed, seedSource, trials, onlyTrial, steps, time);
        }

        private static String given(UnaryOperator<String> flags, String key) {
            String v = flags.apply(key);
            return v == null || v.isBlank() ? null : v.trim();
        }

        private static <R> R parseFlag(String key, String text, Function<String, R> parse) {
            try {
                return parse.apply(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("-D" + key + "=" + text + ": " + e.getMessage(), e);
            }
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
        run(settings, gen, property, TestFork::current);
    }

    /** Like {@link #run(Settings, Gen, Property)}; {@code fork} describes the JVM for a failure's repeat hint. */
    static <T> void run(Settings settings, Gen<T> gen, Property<? super T> property, Supplier<TestFork> fork) {
        Objects.requireNonNull(gen, "gen");
        Objects.requireNonNull(property, "property");
        int first = settings.onlyTrial().orElse(0);
        int end = settings.onlyTrial().isPresent() ? first + 1 : settings.trials();
        for (int trial = first; trial < end; trial++) {
            long seed = trialSeed(settings.baseSeed(), trial);
            T value;
            try {
                value = gen.generate(new SplittableRandom(seed));
            } catch (RuntimeException | Error e) {
                throw new PropertyFailure(settings, trial, seed, "(the generator failed)", null, 0, e, e,
                        RepeatHint.of(settings, trial, fork.get(), CallingTest.find()));
            }
            Throwable failure = evaluate(property, value);
            if (failure != null) {
                // Printed before shrinking, so the seeds are known even if shrinking is slow or hangs.
                System.err.printf(Locale.ROOT, "[prop] %s FAILED at trial %d (base seed %s, trial seed %s); "
                        + "shrinking ...%n", settings.name(), trial, formatSeed(settings.baseSeed()), formatSeed(seed));
                throw shrink(settings, trial, seed, gen, property, value, failure, fork);
            }
        }
        System.out.println(passed(settings));
    }

    private static String passed(Settings s) {
        if (s.onlyTrial().isPresent()) {
            int t = s.onlyTrial().getAsInt();
            // Said plainly: this is the line a developer reads after the cold command of a repeat hint.
            return String.format(Locale.ROOT, "[prop] %s: trial %d alone passed (cold: no earlier trial of this "
                    + "property ran), trial seed %s, base seed %s", s.name(), t, formatSeed(trialSeed(s.baseSeed(), t)),
                    formatSeed(s.baseSeed()));
        }
        String repeat = switch (s.seedSource()) {
            case NAME -> " (repeat with -D" + SCOPE_PROPERTY + "=" + s.name() + " -D" + SEED_PROPERTY + "="
                    + formatSeed(s.baseSeed()) + ")";
            case ALL_PROPERTIES -> " (from -D" + SEED_PROPERTY + ")";
            case THIS_PROPERTY -> " (given for this property)";
        };
        return String.format(Locale.ROOT, "[prop] %s: %d trials passed, base seed %s%s", s.name(), s.trials(),
                formatSeed(s.baseSeed()), repeat);
    }

    private static <T> PropertyFailure shrink(Settings s, int trial, long seed, Gen<T> gen,
                                              Property<? super T> property, T original, Throwable originalFailure,
                                              Supplier<TestFork> fork) {
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
        return new PropertyFailure(s, trial, seed, original, current, steps, originalFailure, currentFailure,
                RepeatHint.of(s, trial, fork.get(), CallingTest.find()));
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

    /** The seed of trial {@code trial}: the base seed itself for trial 0, then values mixed from it. */
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
        return scaledTrials(trials, System.getProperty(TRIALS_PROPERTY));
    }

    private static int scaledTrials(int trials, String factorText) {
        double factor = factorText == null || factorText.isBlank() ? 1
                : Settings.parseFlag(TRIALS_PROPERTY, factorText.trim(), Double::parseDouble);
        if (!(factor >= 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("-D" + TRIALS_PROPERTY + "=" + factorText
                    + ": the factor must be finite and >= 0");
        }
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.round(trials * factor)));
    }

    /** Reads a trial index: a decimal integer {@code >= 0}. */
    public static int parseTrial(String text) {
        int t = Integer.parseInt(text.trim());
        if (t < 0) {
            throw new IllegalArgumentException("a trial index must be >= 0, got " + t);
        }
        return t;
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
