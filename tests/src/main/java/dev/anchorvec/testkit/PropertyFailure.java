package dev.anchorvec.testkit;

import java.util.Locale;

/**
 * A property failed: carries the failing trial's seed, the original and the shrunk case and both failures.
 * The message has everything needed to repeat and debug it; the shrunk case's failure is the cause (its stack
 * trace points at the broken assertion) and the original failure is attached as suppressed when it differs.
 */
public final class PropertyFailure extends AssertionError {

    private static final long serialVersionUID = 1L;

    private static final int MAX_ORIGINAL_CHARS = 4000;
    private static final int MAX_SHRUNK_CHARS = 40000;

    private final transient Prop.Settings settings;
    private final int trial;
    private final long seed;
    private final transient Object original;
    private final transient Object shrunk;
    private final int shrinkSteps;

    PropertyFailure(Prop.Settings settings, int trial, long seed, Object original, Object shrunk, int shrinkSteps,
                    Throwable originalFailure, Throwable shrunkFailure) {
        super(message(settings, trial, seed, original, shrunk, shrinkSteps, originalFailure, shrunkFailure),
                shrunkFailure);
        this.settings = settings;
        this.trial = trial;
        this.seed = seed;
        this.original = original;
        this.shrunk = shrunk;
        this.shrinkSteps = shrinkSteps;
        if (originalFailure != null && originalFailure != shrunkFailure) {
            addSuppressed(originalFailure);
        }
    }

    /** The property's name. */
    public String propertyName() {
        return settings.name();
    }

    /** The seed of the failing trial; {@code -Danchorvec.seed=} with it repeats the case as trial 0. */
    public long seed() {
        return seed;
    }

    /** The index of the failing trial in its run. */
    public int trial() {
        return trial;
    }

    /** The case as generated. */
    public Object original() {
        return original;
    }

    /** The smallest failing case the shrinker found (the original if nothing smaller failed). */
    public Object shrunk() {
        return shrunk;
    }

    /** How many times the shrinker replaced the case by a smaller failing one. */
    public int shrinkSteps() {
        return shrinkSteps;
    }

    private static String message(Prop.Settings s, int trial, long seed, Object original, Object shrunk, int steps,
                                  Throwable originalFailure, Throwable shrunkFailure) {
        String seedText = Prop.formatSeed(seed);
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "property '%s' failed at trial %d of %d%n", s.name(), trial,
                s.trials()));
        sb.append("  seed: ").append(seedText).append(" (base seed ").append(Prop.formatSeed(s.baseSeed()))
                .append(s.seedFromUser() ? ", from -D" + Prop.SEED_PROPERTY : "").append(")\n");
        sb.append("  repeat: -D").append(Prop.SEED_PROPERTY).append('=').append(seedText)
                .append("   (runs this case as trial 0; e.g. ./mvnw -pl tests test -Dtest=<Class>#<method> -D")
                .append(Prop.SEED_PROPERTY).append('=').append(seedText).append(")\n");
        sb.append("  original case: ").append(clip(String.valueOf(original), MAX_ORIGINAL_CHARS)).append('\n');
        sb.append("  original failure: ").append(describe(originalFailure)).append('\n');
        if (shrunk != null) {
            sb.append("  shrunk case (").append(steps).append(" shrink steps): ")
                    .append(clip(String.valueOf(shrunk), MAX_SHRUNK_CHARS)).append('\n');
            sb.append("  shrunk failure: ").append(describe(shrunkFailure));
        }
        return sb.toString();
    }

    private static String describe(Throwable t) {
        if (t == null) {
            return "-";
        }
        String m = t.getMessage();
        return t.getClass().getName() + (m == null ? "" : ": " + clip(m, 4000));
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + " ... (" + (s.length() - max) + " more chars)";
    }
}
