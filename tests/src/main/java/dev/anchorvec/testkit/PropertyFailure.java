package dev.anchorvec.testkit;

import java.util.Locale;

/**
 * A property failed: carries the run's base seed, the failing trial's index and seed, the original and the
 * shrunk case, both failures and the {@link RepeatHint}. The message has everything needed to repeat and debug
 * it; the shrunk case's failure is the cause (its stack trace points at the broken assertion) and the original
 * failure is attached as suppressed when it differs.
 */
public final class PropertyFailure extends AssertionError {

    private static final long serialVersionUID = 1L;

    private static final int MAX_ORIGINAL_CHARS = 4000;
    private static final int MAX_SHRUNK_CHARS = 40000;

    private final transient Prop.Settings settings;
    private final int trial;
    private final long seed;
    private final long baseSeed;
    private final transient Object original;
    private final transient Object shrunk;
    private final int shrinkSteps;
    private final transient RepeatHint hint;

    PropertyFailure(Prop.Settings settings, int trial, long seed, Object original, Object shrunk, int shrinkSteps,
                    Throwable originalFailure, Throwable shrunkFailure, RepeatHint hint) {
        super(message(settings, trial, seed, original, shrunk, shrinkSteps, originalFailure, shrunkFailure, hint),
                shrunkFailure);
        this.settings = settings;
        this.trial = trial;
        this.seed = seed;
        this.baseSeed = settings.baseSeed();
        this.original = original;
        this.shrunk = shrunk;
        this.shrinkSteps = shrinkSteps;
        this.hint = hint;
        if (originalFailure != null && originalFailure != shrunkFailure) {
            addSuppressed(originalFailure);
        }
    }

    /** The property's name. */
    public String propertyName() {
        return settings.name();
    }

    /**
     * The seed the failing trial drew its case from ({@link Prop#trialSeed} of the base seed and the trial).
     * Given as a base seed it would make the case trial 0 of a run, but the warm state of the JVM would differ:
     * repeat with the {@link #repeatHint()} instead.
     */
    public long seed() {
        return seed;
    }

    /** The base seed of the run: with it, trials {@code 0 .. trial()} run again in the same order. */
    public long baseSeed() {
        return baseSeed;
    }

    /** The index of the failing trial in its run. */
    public int trial() {
        return trial;
    }

    /** The commands that repeat this failure, as printed in the message. */
    public RepeatHint repeatHint() {
        return hint;
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
                                  Throwable originalFailure, Throwable shrunkFailure, RepeatHint hint) {
        StringBuilder sb = new StringBuilder();
        String of = s.onlyTrial().isPresent() ? " (run alone, -D" + Prop.TRIAL_PROPERTY + ")"
                : " of " + s.trials();
        sb.append(String.format(Locale.ROOT, "property '%s' failed at trial %d%s, %s%n", s.name(), trial, of,
                hint.where()));
        sb.append("  base seed: ").append(Prop.formatSeed(s.baseSeed())).append(" (").append(source(s))
                .append("); trial ").append(trial).append(" drew its case from seed ").append(Prop.formatSeed(seed))
                .append('\n');
        sb.append(hint.render("  "));
        sb.append("  original case: ").append(clip(String.valueOf(original), MAX_ORIGINAL_CHARS)).append('\n');
        sb.append("  original failure: ").append(describe(originalFailure)).append('\n');
        if (shrunk != null) {
            sb.append("  shrunk case (").append(steps).append(" shrink steps): ")
                    .append(clip(String.valueOf(shrunk), MAX_SHRUNK_CHARS)).append('\n');
            sb.append("  shrunk failure: ").append(describe(shrunkFailure));
        }
        return sb.toString();
    }

    private static String source(Prop.Settings s) {
        return switch (s.seedSource()) {
            case NAME -> "derived from the property's name";
            case ALL_PROPERTIES -> "from -D" + Prop.SEED_PROPERTY + ", for every property";
            case THIS_PROPERTY -> "given for this property";
        };
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
