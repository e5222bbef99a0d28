package dev.anchorvec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SequencedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * One child JVM of {@link DeterminismTest}: runs {@link KernelDigest#main} with the given JVM flags (a tier, a
 * width, an implementation) and parses what it printed. Output goes to files, not pipes, so a chatty or hung
 * child can neither block nor lose what it wrote; a child that fails or times out is reported with its
 * command, exit code, stdout and stderr.
 *
 * @param name       the run's name in reports, e.g. {@code xint-vector-128}
 * @param flags      JVM flags of this run
 * @param repeat     {@code --repeat} count (1: one run of the workload)
 * @param expectImpl what the child's {@code implementation} line must start with, e.g. {@code vector 128-bit}
 */
record DigestChild(String name, List<String> flags, int repeat, String expectImpl) {

    /** Flags every child gets: the module, a small heap, one GC thread (the children run side by side). */
    private static final List<String> COMMON = List.of("-XX:+UseSerialGC", "-Xmx256m", "--add-modules",
            "jdk.incubator.vector");

    /**
     * What a child printed: the first run's digests per family ({@code total} last) and, for repeated runs,
     * each later run whose digests differed from the first run's, with only the families that differed.
     */
    record Output(DigestChild child, List<String> command, SequencedMap<String, String> first,
                  Map<Integer, Map<String, String>> changed, String implementation, Duration elapsed) {

        /** The digest of {@code family} in run {@code iteration} (1-based) of this child. */
        String digest(String family, int iteration) {
            Map<String, String> c = changed.get(iteration);
            return c != null && c.containsKey(family) ? c.get(family) : first.get(family);
        }
    }

    /** The command line of this child. */
    List<String> command(Path java, String classpath, List<String> extraFlags) {
        List<String> cmd = new ArrayList<>();
        cmd.add(java.toString());
        cmd.addAll(COMMON);
        cmd.addAll(flags);
        cmd.addAll(extraFlags);
        cmd.addAll(List.of("-cp", classpath, KernelDigest.class.getName()));
        if (repeat > 1) {
            cmd.addAll(List.of("--repeat", String.valueOf(repeat)));
        }
        return cmd;
    }

    /**
     * Runs the child to completion and parses its output.
     *
     * @throws AssertionError if it does not finish within {@code timeout}, exits with a non-zero code, or prints
     *                        something that is not KernelDigest's format
     */
    Output run(Path java, String classpath, List<String> extraFlags, Path dir, Duration timeout)
            throws IOException, InterruptedException {
        List<String> cmd = command(java, classpath, extraFlags);
        Path stdout = dir.resolve(name + ".out"), stderr = dir.resolve(name + ".err");
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!done) {
            p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);
        String out = Files.readString(stdout, StandardCharsets.UTF_8);
        String err = Files.readString(stderr, StandardCharsets.UTF_8);
        if (!done) {
            throw new AssertionError(failure("did not finish within " + timeout.toSeconds() + " s (killed)", cmd,
                    out, err));
        }
        if (p.exitValue() != 0) {
            throw new AssertionError(failure("exited with code " + p.exitValue(), cmd, out, err));
        }
        try {
            return parse(cmd, out, elapsed);
        } catch (IllegalStateException e) {
            throw new AssertionError(failure("printed unexpected output: " + e.getMessage(), cmd, out, err));
        }
    }

    private Output parse(List<String> cmd, String out, Duration elapsed) {
        SequencedMap<String, String> first = new LinkedHashMap<>();
        Map<Integer, Map<String, String>> changed = new TreeMap<>();
        String implementation = null;
        for (String line : out.split("\\R")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.trim().split("\\s+");
            if (f[0].equals("implementation")) {
                implementation = line.substring(line.indexOf(' ') + 1).trim();
            } else if (f[0].equals("iteration") && f.length == 4) {
                changed.computeIfAbsent(Integer.parseInt(f[1]), k -> new LinkedHashMap<>()).put(f[2], f[3]);
            } else if (f.length == 2 && f[1].matches("[0-9a-f]{16}")) {
                if (first.putIfAbsent(f[0], f[1]) != null) {
                    throw new IllegalStateException("family " + f[0] + " printed twice");
                }
            } else {
                throw new IllegalStateException("line \"" + line + "\"");
            }
        }
        if (first.isEmpty() || !first.lastEntry().getKey().equals(KernelDigest.TOTAL)) {
            throw new IllegalStateException("no digests ending with " + KernelDigest.TOTAL);
        }
        if (implementation == null) {
            throw new IllegalStateException("no implementation line");
        }
        return new Output(this, cmd, first, changed, implementation, elapsed);
    }

    private String failure(String what, List<String> cmd, String out, String err) {
        return String.format(Locale.ROOT, "child JVM %s %s%n  command: %s%n  stdout:%n%s%n  stderr:%n%s", name,
                what, String.join(" ", cmd), tail(out), tail(err));
    }

    /** The last 60 lines, indented. */
    private static String tail(String s) {
        List<String> lines = s.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size())).indent(4);
    }
}
