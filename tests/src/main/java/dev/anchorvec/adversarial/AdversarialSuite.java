package dev.anchorvec.adversarial;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs every generated call of a list of {@link EntryPoint}s and classifies each one:
 *
 * <ul>
 *   <li><b>ok</b>: it returned normally; it wrote no read-only argument; with finite inputs every value it wrote
 *       and the result are finite; every {@link Rule} holds; every twin gives the same bits.</li>
 *   <li><b>clear error</b>: it threw {@link IllegalArgumentException}, {@link NullPointerException},
 *       {@link IllegalStateException} or a type the entry point documents, whose message names one of its
 *       arguments (documented types excepted), and nothing was written into any argument.</li>
 *   <li><b>defect</b>: anything else: another exception ({@code ArithmeticException},
 *       {@code NegativeArraySizeException}, {@code IndexOutOfBoundsException}, {@code OutOfMemoryError}...), a
 *       message naming no argument, a write on a rejected call, a non-finite output for finite inputs, a broken
 *       rule, a twin that differs, or a call that did not return within the time bound (a hang, reported and
 *       abandoned).</li>
 * </ul>
 *
 * <p>{@link #run()} prints {@code "<suite>: N calls, N ok, N clear errors, N defects"} (and one line per entry
 * point), writes every defect to {@code target/adversarial/<suite>-<implementation>-<heap>.txt}, and returns a {@link Report} whose
 * {@link Report#assertNoDefects()} fails listing them. System properties: {@code anchorvec.seed} (random
 * combinations), {@code anchorvec.adversarial.random} (random combinations per entry point, default 40),
 * {@code anchorvec.adversarial.timeoutMs} (per call, default 10000).
 */
public final class AdversarialSuite {

    /** Default seed of the random combinations; {@code -Danchorvec.seed=} overrides it. */
    public static final long DEFAULT_SEED = 0x5EED_A11_BAD_1DEAL;

    private final String name;
    private final List<EntryPoint> entries = new ArrayList<>();
    private final long seed = Long.getLong("anchorvec.seed", DEFAULT_SEED);
    private int randomCases = Integer.getInteger("anchorvec.adversarial.random", 40);
    private long timeoutMillis = Long.getLong("anchorvec.adversarial.timeoutMs", 10_000);

    /** A suite called {@code name} in reports (a package name, say). */
    public AdversarialSuite(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    /** The time bound of one call (default 10 s, or {@code -Danchorvec.adversarial.timeoutMs}). */
    public AdversarialSuite timeoutMillis(long millis) {
        this.timeoutMillis = millis;
        return this;
    }

    /** Random combinations per entry point (default 40, or {@code -Danchorvec.adversarial.random}). */
    public AdversarialSuite randomCases(int count) {
        this.randomCases = count;
        return this;
    }

    /** Adds an entry point. */
    public AdversarialSuite add(EntryPoint e) {
        entries.add(Objects.requireNonNull(e, "e"));
        return this;
    }

    /** The entry points added so far. */
    public List<EntryPoint> entries() {
        return List.copyOf(entries);
    }

    /** The counts of one entry point or a whole suite. */
    public record Counts(int calls, int ok, int clear, int defects, long millis) {

        Counts plus(Counts o) {
            return new Counts(calls + o.calls, ok + o.ok, clear + o.clear, defects + o.defects, millis + o.millis);
        }

        @Override
        public String toString() {
            return calls + " calls, " + ok + " ok, " + clear + " clear errors, " + defects + " defects (" + millis
                    + " ms)";
        }
    }

    /** One defect: the entry point, its arguments (changed ones starred) and what happened. */
    public record Defect(String entry, String arguments, String what) {

        @Override
        public String toString() {
            return entry + "\n    args: " + arguments + "\n    " + what;
        }
    }

    /** The outcome of a run. */
    public record Report(String suite, Counts total, Map<String, Counts> perEntry, List<Defect> defects) {

        /** Throws an {@link AssertionError} listing every defect (the file holds the same list), if any. */
        public void assertNoDefects() {
            if (defects.isEmpty()) {
                return;
            }
            StringBuilder sb = new StringBuilder(suite + ": " + total + "\n");
            for (Defect d : defects) {
                sb.append(d).append('\n');
            }
            throw new AssertionError(sb.toString());
        }
    }

    /** Runs every call of every entry point; see the class description. */
    public Report run() {
        List<Defect> defects = new ArrayList<>();
        Map<String, Counts> perEntry = new LinkedHashMap<>();
        Counts total = new Counts(0, 0, 0, 0, 0);
        try (Watchdog dog = new Watchdog(timeoutMillis)) {
            for (EntryPoint e : entries) {
                Counts c = run(e, dog, defects);
                perEntry.put(e.name(), c);
                total = total.plus(c);
            }
        }
        Report report = new Report(name, total, perEntry, List.copyOf(defects));
        print(report);
        return report;
    }

    private Counts run(EntryPoint e, Watchdog dog, List<Defect> defects) {
        int calls = 0, ok = 0, clear = 0, bad = 0;
        long start = System.nanoTime();
        for (Cases.Case c : Cases.of(e, seed, randomCases)) {
            calls++;
            String problem = trial(e, c, dog);
            if (problem == null) {
                ok++;
            } else if (problem.isEmpty()) {
                clear++;
            } else {
                bad++;
                defects.add(new Defect(e.name(), c.summary(e.params()), problem));
            }
        }
        return new Counts(calls, ok, clear, bad, (System.nanoTime() - start) / 1_000_000);
    }

    /** Null for ok, "" for a clear error, else the defect. */
    private String trial(EntryPoint e, Cases.Case c, Watchdog dog) {
        List<Param> params = e.params();
        List<String> names = params.stream().map(Param::name).toList();
        Object[] args;
        try {
            args = Cases.materialize(params, c);
        } catch (RuntimeException ex) {
            throw new IllegalStateException(e.name() + ": cannot make the arguments " + c.summary(params), ex);
        }
        Object[] states = new Object[args.length];
        boolean finiteInputs = true;
        for (int i = 0; i < args.length; i++) {
            states[i] = Values.state(args[i]);
            if (params.get(i).role().read() && Values.nonFinite(args[i], names.get(i)) != null) {
                finiteInputs = false;
            }
        }
        boolean aliased = aliased(params, args);
        Map<String, Object[]> twinArgs = new LinkedHashMap<>();
        for (Map.Entry<String, EntryPoint.Twin> twin : e.twins().entrySet()) {
            Object[] copy = Values.deepCopy(args);
            if (twin.getValue().applies().test(new Invocation(names, copy))) {
                twinArgs.put(twin.getKey(), copy);
            }
        }
        Object[] before = e.rules().isEmpty() ? null : Values.deepCopy(args);
        Invocation x = new Invocation(names, args);
        Watchdog.Outcome o = dog.run(() -> e.call().call(x));
        if (o.hung()) {
            return "did not return within " + timeoutMillis + " ms (a hang; the call was abandoned)";
        }
        if (o.thrown() != null) {
            return rejected(e, params, args, states, o.thrown());
        }
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (!params.get(i).role().written() && !aliased) {
                String w = Values.changed(states[i], args[i], names.get(i));
                if (w != null) {
                    problems.add("wrote its read-only argument: " + w);
                }
            }
        }
        if (finiteInputs && e.finiteOutputs()) {
            for (int i = 0; i < args.length; i++) {
                if (params.get(i).role().written()) {
                    String nf = Values.nonFiniteWritten(states[i], args[i], names.get(i));
                    if (nf != null) {
                        problems.add("finite inputs gave a non-finite output: " + nf);
                    }
                }
            }
            String nf = Values.nonFinite(o.result(), "result");
            if (nf != null) {
                problems.add("finite inputs gave a non-finite result: " + nf);
            }
        }
        for (Rule r : e.rules()) {
            try {
                String broken = r.check(x, new Invocation(names, before), o.result());
                if (broken != null) {
                    problems.add("documented answer broken: " + broken);
                }
            } catch (AssertionError | RuntimeException ex) {
                problems.add("documented answer broken: " + ex);
            }
        }
        for (Map.Entry<String, Object[]> t : twinArgs.entrySet()) {
            String d = twin(e, t.getKey(), t.getValue(), args, o.result(), dog);
            if (d != null) {
                problems.add(d);
            }
        }
        return problems.isEmpty() ? null : String.join("; ", problems);
    }

    private String twin(EntryPoint e, String twin, Object[] copy, Object[] args, Object result, Watchdog dog) {
        List<Param> params = e.params();
        Invocation x = new Invocation(params.stream().map(Param::name).toList(), copy);
        Watchdog.Outcome o = dog.run(() -> e.twins().get(twin).call().call(x));
        if (o.hung()) {
            return "twin " + twin + " did not return within " + timeoutMillis + " ms";
        }
        if (o.thrown() != null) {
            return "twin " + twin + " threw where the entry point returned: " + describe(o.thrown());
        }
        String d = Values.difference(result, o.result(), "result");
        for (int i = 0; d == null && i < args.length; i++) {
            if (params.get(i).role().written()) {
                d = Values.difference(args[i], copy[i], params.get(i).name());
            }
        }
        return d == null ? null : "twin " + twin + " differs from the entry point: " + d;
    }

    private static String rejected(EntryPoint e, List<Param> params, Object[] args, Object[] states, Throwable t) {
        boolean expectedType = t instanceof IllegalArgumentException || t instanceof NullPointerException
                || t instanceof IllegalStateException;
        if (!expectedType && !e.documents(t)) {
            return "threw " + describe(t);
        }
        List<String> problems = new ArrayList<>();
        if (expectedType && !namesAnArgument(t, params, args)) {
            problems.add("threw " + describe(t) + ", whose message names no argument");
        }
        for (int i = 0; i < args.length; i++) {
            String w = Values.changed(states[i], args[i], params.get(i).name());
            if (w != null) {
                problems.add("rejected (" + t.getClass().getSimpleName() + ": " + t.getMessage()
                        + ") after writing: " + w);
            }
        }
        return problems.isEmpty() ? "" : String.join("; ", problems);
    }

    /**
     * Whether the message names one of the arguments: the name as a word ({@code "out"} in {@code "out offset"}
     * or {@code "out.length"}, not in {@code "outOffset"}), a name the caller passed as a string argument, or a
     * workspace (the guard names its class).
     */
    private static boolean namesAnArgument(Throwable t, List<Param> params, Object[] args) {
        String m = t.getMessage();
        if (m == null) {
            return false;
        }
        if (t instanceof IllegalStateException && m.contains("Workspace")) {
            return true;
        }
        for (Object a : args) {
            // A name the caller passed for the message (BoxValidation.requireValid(boxes, "detections")).
            if (a instanceof String s && !s.isEmpty() && m.contains(s)) {
                return true;
            }
        }
        for (Param p : params) {
            String n = p.name();
            for (int at = m.indexOf(n); at >= 0; at = m.indexOf(n, at + 1)) {
                boolean startOk = at == 0 || !Character.isJavaIdentifierPart(m.charAt(at - 1));
                int end = at + n.length();
                boolean endOk = end == m.length() || !Character.isJavaIdentifierPart(m.charAt(end));
                if (startOk && endOk) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String describe(Throwable t) {
        StringBuilder sb = new StringBuilder(t.getClass().getName()).append(": ").append(t.getMessage());
        for (StackTraceElement f : t.getStackTrace()) {
            if (f.getClassName().startsWith("dev.anchorvec.") && !f.getClassName().startsWith(
                    "dev.anchorvec.adversarial.")) {
                sb.append(" at ").append(f);
                break;
            }
        }
        return sb.toString();
    }

    /** Whether a written argument shares its array with another argument (then inputs may change). */
    private static boolean aliased(List<Param> params, Object[] args) {
        Map<Object, Integer> seen = new IdentityHashMap<>();
        for (int i = 0; i < args.length; i++) {
            Object a = Values.backingArray(args[i]);
            if (a == null) {
                continue;
            }
            Integer j = seen.putIfAbsent(a, i);
            if (j != null && (params.get(i).role().written() || params.get(j).role().written())) {
                return true;
            }
        }
        return false;
    }

    private void print(Report r) {
        StringBuilder sb = new StringBuilder();
        sb.append("adversarial ").append(r.suite()).append(" (seed ").append(seed).append("): ").append(r.total())
                .append('\n');
        for (Map.Entry<String, Counts> c : r.perEntry().entrySet()) {
            sb.append("  ").append(c.getKey()).append(": ").append(c.getValue()).append('\n');
        }
        System.out.print(sb);
        Path dir = Path.of(System.getProperty("anchorvec.adversarial.dir", "target/adversarial"));
        StringBuilder file = new StringBuilder(sb);
        for (Defect d : r.defects()) {
            file.append(d).append('\n');
        }
        try {
            Files.createDirectories(dir);
            // One file per JVM configuration: the surefire executions run the suite at several widths and heaps.
            String run = dev.anchorvec.KernelInfo.implementation() + dev.anchorvec.KernelInfo.vectorBits() + "-"
                    + Runtime.getRuntime().maxMemory() / (1 << 20) + "m";
            Files.writeString(dir.resolve(r.suite() + "-" + run + ".txt"), file, StandardCharsets.UTF_8);
        } catch (IOException ex) {
            System.out.println("could not write " + dir + ": " + ex);
        }
    }
}
