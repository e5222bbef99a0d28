package dev.anchorvec.conformance;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs anchorvec over a conformance corpus: a directory with {@code index.tsv} ({@code id<TAB>op<TAB>file}
 * after a header line) and the listed BXT1 case files, plain or as {@code <file>.gz}. Every case whose op has
 * an {@link OpChecker} is checked; the others are skipped. Failing cases are printed with their mismatches,
 * and the last line is always {@code N passed, N failed, N skipped}.
 *
 * <p>As a main class: {@code ConformanceRunner <corpus-dir>}; exit status 0 if nothing failed, 1 on a
 * failure, 2 on a usage or I/O error (no readable index).
 */
public final class ConformanceRunner {

    /** Case counts of one run. */
    public record Result(int passed, int failed, int skipped) {

        /** The runner's last line: {@code N passed, N failed, N skipped}. */
        public String summary() {
            return passed + " passed, " + failed + " failed, " + skipped + " skipped";
        }
    }

    /** One line of {@code index.tsv}. */
    public record IndexEntry(String id, String op, String file) {}

    private ConformanceRunner() {}

    /** The checkers of every op anchorvec supports, by op name. Register new ops here. */
    public static Map<String, OpChecker> defaultCheckers() {
        return Stream.of(new IouFamilyChecker(), new AnchorGeneratorChecker(), new DefaultBoxGeneratorChecker(),
                        new MatcherChecker(), new BoxCoderEncodeChecker(), new BoxCoderDecodeChecker(),
                        new SigmoidFocalLossChecker(), new NmsChecker(), new BatchedNmsChecker())
                .collect(Collectors.toUnmodifiableMap(OpChecker::op, Function.identity()));
    }

    /** Runs {@link #defaultCheckers()} over the corpus in {@code dir}, printing to {@code out}. */
    public static Result run(Path dir, PrintStream out) throws IOException {
        return run(dir, out, defaultCheckers());
    }

    /**
     * Runs {@code checkers} over the corpus in {@code dir}, printing failures, the skipped ops and the summary
     * line (last) to {@code out}.
     *
     * @throws IOException if the index is missing or malformed; an unreadable case file is a failed case
     */
    public static Result run(Path dir, PrintStream out, Map<String, OpChecker> checkers) throws IOException {
        int passed = 0, failed = 0;
        Map<String, Integer> skipped = new TreeMap<>();
        for (IndexEntry entry : readIndex(dir)) {
            OpChecker checker = checkers.get(entry.op());
            if (checker == null) {
                skipped.merge(entry.op(), 1, Integer::sum);
                continue;
            }
            List<String> failures = check(dir, entry, checker);
            if (failures.isEmpty()) {
                passed++;
            } else {
                failed++;
                out.println("FAIL " + entry.id() + " (" + entry.op() + ", " + entry.file() + ")");
                failures.forEach(f -> out.println("  " + f));
            }
        }
        if (!skipped.isEmpty()) {
            out.println("skipped, no checker: " + skipped);
        }
        Result result = new Result(passed, failed, skipped.values().stream().mapToInt(Integer::intValue).sum());
        out.println(result.summary());
        return result;
    }

    private static List<String> check(Path dir, IndexEntry entry, OpChecker checker) {
        try {
            Bxt c = Bxt.read(dir.resolve(entry.file()));
            // The file names its own op and id; a mismatch means a mangled index, not a kernel bug.
            if (!entry.op().equals(c.string("op")) || !entry.id().equals(c.string("id"))) {
                return List.of("error: file holds op '" + c.string("op") + "', id '" + c.string("id")
                        + "', index says '" + entry.op() + "', '" + entry.id() + "'");
            }
            return checker.check(c);
        } catch (IOException | IllegalArgumentException e) {
            return List.of("error: " + e.getMessage());
        } catch (RuntimeException e) {
            // A crashing kernel or checker fails its case and the run goes on to the rest of the corpus.
            return List.of("error: " + e);
        }
    }

    /** The entries of {@code dir/index.tsv}, in file order. */
    public static List<IndexEntry> readIndex(Path dir) throws IOException {
        Path index = dir.resolve("index.tsv");
        if (!Files.isRegularFile(index)) {
            throw new IOException("no index.tsv in " + dir.toAbsolutePath());
        }
        List<String> lines = Files.readAllLines(index);
        if (lines.isEmpty() || !lines.getFirst().equals("id\top\tfile")) {
            throw new IOException(index + ": first line must be the header id<TAB>op<TAB>file");
        }
        List<IndexEntry> entries = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int n = 1; n < lines.size(); n++) {
            String line = lines.get(n);
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f.length != 3 || f[0].isEmpty() || f[1].isEmpty() || f[2].isEmpty()) {
                throw new IOException(index + " line " + (n + 1) + ": expected id<TAB>op<TAB>file, got '" + line
                        + "'");
            }
            if (!seen.add(f[1] + "/" + f[0])) {
                throw new IOException(index + " line " + (n + 1) + ": duplicate case " + f[1] + "/" + f[0]);
            }
            entries.add(new IndexEntry(f[0], f[1], f[2]));
        }
        return entries;
    }

    /** {@code ConformanceRunner <corpus-dir>}: exit 0 all passed, 1 some failed, 2 usage or I/O error. */
    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: ConformanceRunner <corpus-dir>   (the directory holding index.tsv)");
            System.exit(2);
        }
        try {
            Result result = run(Path.of(args[0]), System.out);
            System.exit(result.failed() > 0 ? 1 : 0);
        } catch (IOException | UncheckedIOException | InvalidPathException e) {
            System.err.println("ConformanceRunner: " + e.getMessage());
            System.exit(2);
        }
    }
}
