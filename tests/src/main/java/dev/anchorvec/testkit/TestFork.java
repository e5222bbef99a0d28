package dev.anchorvec.testkit;

import dev.anchorvec.KernelInfo;
import java.lang.management.ManagementFactory;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The JVM a property ran in, as far as a repeat hint needs it: which surefire execution of
 * {@code tests/pom.xml} started it, the kernels it chose, its JVM flags and the command-line flags that shaped
 * the run.
 *
 * <p>Each execution in {@code tests/pom.xml} names itself with {@code -Danchorvec.execution=<id>} in its
 * {@code argLine} (the ids are what {@code surefire:test@<id>} runs). A JVM without it (an IDE run) gets the
 * execution whose kernels match the ones chosen here, marked as a guess.
 *
 * @param execution      the surefire execution id: {@code default-test}, {@code vector-256}, {@code vector-128} or
 *                       {@code scalar}
 * @param named          whether {@code -Danchorvec.execution} named it (false: guessed from the kernels)
 * @param kernels        {@link KernelInfo#summary()}, for example {@code vector 128-bit (4 float lanes)}
 * @param jvmFlags       the JVM's input arguments (the execution's {@code argLine})
 * @param extraJvmFlags  flags beyond the execution's own, which came from {@code -Dtest.jvm.extra} (empty when
 *                       not {@code named}: an IDE's flags are not the pom's)
 * @param testSelection  the {@code -Dtest=} the run was started with, or null
 * @param harnessFlags   the {@code -Danchorvec.seed / property / trial / trials} the run was started with, in
 *                       that order, only those that were set
 */
public record TestFork(String execution, boolean named, String kernels, List<String> jvmFlags,
                       List<String> extraJvmFlags, String testSelection, Map<String, String> harnessFlags) {

    /** System property with which each surefire execution of {@code tests/pom.xml} names itself. */
    public static final String EXECUTION_PROPERTY = "anchorvec.execution";

    /** The harness flags a run can be started with, in the order a command line lists them. */
    static final List<String> HARNESS_FLAGS = List.of(Prop.SCOPE_PROPERTY, Prop.SEED_PROPERTY, Prop.TRIAL_PROPERTY,
            Prop.TRIALS_PROPERTY);

    public TestFork {
        Objects.requireNonNull(execution, "execution");
        Objects.requireNonNull(kernels, "kernels");
        jvmFlags = List.copyOf(jvmFlags);
        extraJvmFlags = List.copyOf(extraJvmFlags);
        // In command-line order, so a printed command does not depend on the map it was built from.
        Map<String, String> ordered = new LinkedHashMap<>();
        for (String key : HARNESS_FLAGS) {
            if (harnessFlags.containsKey(key)) {
                ordered.put(key, harnessFlags.get(key));
            }
        }
        if (ordered.size() != harnessFlags.size()) {
            throw new IllegalArgumentException("harnessFlags: only " + HARNESS_FLAGS + " are harness flags, got "
                    + harnessFlags.keySet());
        }
        harnessFlags = Collections.unmodifiableMap(ordered);
    }

    /** This JVM. */
    public static TestFork current() {
        String id = System.getProperty(EXECUTION_PROPERTY);
        boolean named = id != null && !id.isBlank();
        String kernels = kernelSummary();
        List<String> flags = ManagementFactory.getRuntimeMXBean().getInputArguments();
        Map<String, String> harness = new LinkedHashMap<>();
        for (String key : HARNESS_FLAGS) {
            String v = System.getProperty(key);
            if (v != null && !v.isBlank()) {
                harness.put(key, v.trim());
            }
        }
        return new TestFork(named ? id.trim() : nearestExecution(), named, kernels, flags,
                named ? extraFlags(flags) : List.of(), System.getProperty("test"), harness);
    }

    /**
     * The flags that are not an execution's own. The pom's argLines hold only {@code --add-modules} and
     * {@code -Danchorvec.*} flags; anything else reached the fork through {@code ${test.jvm.extra}}.
     */
    static List<String> extraFlags(List<String> jvmFlags) {
        return jvmFlags.stream()
                .filter(f -> !f.startsWith("--add-modules") && !f.startsWith("-Danchorvec."))
                .toList();
    }

    /** The pom's execution that runs the kernels chosen in this JVM. */
    private static String nearestExecution() {
        try {
            if (KernelInfo.implementation().equals("scalar")) {
                return "scalar";
            }
            return switch (KernelInfo.vectorBits()) {
                case 256 -> "vector-256";
                case 128 -> "vector-128";
                default -> "default-test";
            };
        } catch (RuntimeException | LinkageError e) {
            return "default-test";
        }
    }

    private static String kernelSummary() {
        // The hint must never hide the property's own failure, even if the kernels cannot initialise.
        try {
            return KernelInfo.summary();
        } catch (RuntimeException | LinkageError e) {
            return "unknown (" + e + ")";
        }
    }
}
