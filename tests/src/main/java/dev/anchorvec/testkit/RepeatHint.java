package dev.anchorvec.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How to repeat a property failure exactly: shell commands, run from the repository root, that rebuild the
 * kernels from source ({@code -pl tests -am}, never a jar installed in {@code ~/.m2}) and run only the surefire
 * execution the failure happened in ({@code test-compile surefire:test@<id>}: its vector width or the scalar
 * implementation, with its JVM flags; surefire passes the {@code -D} flags on to the forked JVM).
 *
 * <p>Three commands, because a failure can depend on how warm the JIT is, and the JIT is warmed by everything
 * that ran before in the same JVM:
 * <ul>
 *   <li>{@link #warm()}: the test method, with the run's base seed for this property only, so trials
 *       {@code 0 .. N} run again in the same order and the kernels have seen the same earlier trials;</li>
 *   <li>{@link #cold()}: the test method, with {@code -Danchorvec.trial=N}: the failing case alone, before any
 *       other trial of the property has run;</li>
 *   <li>{@link #wholeFork()}: every test the fork ran, in the same order, with the run's own {@code -Dtest} and
 *       harness flags: the warm state of the whole fork (only when the pom's execution is known).</li>
 * </ul>
 * If warm fails and cold passes, the failure depends on the warm state. The JIT compiles in background threads,
 * so such a failure can take more than one run to repeat even with the same work before it.
 *
 * @param where     the execution and the kernels, for the message's first line
 * @param jvmFlags  the fork's JVM flags
 * @param trial     the failing trial's index
 * @param warm      the warm command
 * @param cold      the cold command
 * @param wholeFork the whole-fork command, when the execution is known
 */
public record RepeatHint(String where, String jvmFlags, int trial, String warm, String cold,
                         Optional<String> wholeFork) {

    /** The Maven module that holds the property tests. */
    static final String MODULE = "tests";

    private static final String NO_FAIL = "-Dsurefire.failIfNoSpecifiedTests=false";
    private static final Pattern PLAIN_WORD = Pattern.compile("[A-Za-z0-9_.,:/=+@%-]+");

    public RepeatHint {
        Objects.requireNonNull(where, "where");
        Objects.requireNonNull(jvmFlags, "jvmFlags");
        Objects.requireNonNull(warm, "warm");
        Objects.requireNonNull(cold, "cold");
        Objects.requireNonNull(wholeFork, "wholeFork");
    }

    /**
     * The hint for trial {@code trial} of a run with {@code settings} in {@code fork}, failing in
     * {@code testMethod} ({@code Class#method}; a placeholder is printed when it is unknown).
     */
    public static RepeatHint of(Prop.Settings settings, int trial, TestFork fork, Optional<String> testMethod) {
        String run = "./mvnw -B -pl " + MODULE + " -am test-compile surefire:test@" + fork.execution();
        String method = " " + NO_FAIL + " " + flag("test", testMethod.orElse("<TestClass>#<method>"));
        Map<String, String> given = fork.harnessFlags();
        String factor = given.containsKey(Prop.TRIALS_PROPERTY)
                ? " " + flag(Prop.TRIALS_PROPERTY, given.get(Prop.TRIALS_PROPERTY)) : "";
        String extra = fork.extraJvmFlags().isEmpty() ? ""
                : " " + flag("test.jvm.extra", String.join(" ", fork.extraJvmFlags()));
        String scope = " " + flag(Prop.SCOPE_PROPERTY, settings.name());
        String seed = " " + flag(Prop.SEED_PROPERTY, Prop.formatSeed(settings.baseSeed()));
        // A seed that reseeded every property stays global, so the other properties of the method (and their
        // effect on the JIT) are as they were; otherwise it is scoped, so they keep their default seeds.
        String warmSeed = settings.seedSource() == Prop.SeedSource.ALL_PROPERTIES ? seed : scope + seed;
        String warm = run + method + warmSeed + factor + extra;
        String cold = run + method + scope + seed + " " + flag(Prop.TRIAL_PROPERTY, Integer.toString(trial))
                + factor + extra;
        Optional<String> whole = Optional.empty();
        if (fork.named()) {
            StringBuilder w = new StringBuilder(run);
            if (fork.testSelection() != null && !fork.testSelection().isBlank()) {
                w.append(' ').append(NO_FAIL).append(' ').append(flag("test", fork.testSelection()));
            }
            // The run's own flags, verbatim: whatever they did to this and every other property, they do again.
            given.forEach((k, v) -> w.append(' ').append(flag(k, v)));
            whole = Optional.of(w.append(extra).toString());
        }
        String where = fork.named()
                ? "in surefire execution " + fork.execution() + " (" + fork.kernels() + ")"
                : "outside the surefire executions of tests/pom.xml (" + fork.kernels()
                  + "; no -D" + TestFork.EXECUTION_PROPERTY + "), so the commands run the execution with the "
                  + "same kernels, " + fork.execution();
        return new RepeatHint(where, String.join(" ", fork.jvmFlags()), trial, warm, cold, whole);
    }

    /** The hint as indented lines of a failure message. */
    public String render(String indent) {
        List<String> lines = new ArrayList<>();
        lines.add("JVM flags of this run: " + (jvmFlags.isEmpty() ? "(none)" : jvmFlags));
        lines.add("repeat from the repository root (-am rebuilds the kernels from source; only this execution "
                + "runs, with its JVM flags):");
        lines.add("  warm, as in this run (trials 0.." + trial + " in the same order, so the JIT has seen the same "
                + "earlier trials):");
        lines.add("    " + warm);
        lines.add("  cold (trial " + trial + " alone, before any other trial of this property has run):");
        lines.add("    " + cold);
        wholeFork.ifPresent(w -> {
            lines.add("  whole fork (every test this fork ran before it too, in the same order):");
            lines.add("    " + w);
        });
        lines.add("  (warm fails and cold passes: the failure depends on the warm state. The JIT compiles in "
                + "background threads, so such a failure may need a few runs to repeat.)");
        StringBuilder sb = new StringBuilder();
        for (String l : lines) {
            sb.append(indent).append(l).append('\n');
        }
        return sb.toString();
    }

    /** {@code -Dkey=value} as one shell word (single-quoted unless the value is plain). */
    static String flag(String key, String value) {
        return "-D" + key + "=" + shellWord(value);
    }

    private static String shellWord(String s) {
        if (PLAIN_WORD.matcher(s).matches()) {
            return s;
        }
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
