package dev.anchorvec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The determinism check of issue 13: every kernel gives the same bits in the interpreter, in C1 and in C2, at
 * 512, 256 and 128 bits and on the scalar path. Child JVMs (the JDK running this test) print
 * {@link KernelDigest}'s per-family digests of a seeded workload:
 *
 * <ul>
 *   <li>the interpreter ({@code -Xint}) with the vector code forced at 512, 256 and 128 bits, and scalar: the
 *       Vector API's Java fallback, which C2 replaces by intrinsics, and every width's loop and tail split;</li>
 *   <li>C1 only ({@code -XX:TieredStopAtLevel=1}) with the vector code, the workload repeated 8 times;</li>
 *   <li>the default tiered JIT with the vector code at the preferred width, the workload repeated 80 times in one
 *       JVM with {@code -Xbatch -XX:CompileThresholdScaling=0.05}, so that each kernel moves from the interpreter
 *       to C1 to C2 while the runs go on. Measured with {@code -XX:+PrintCompilation}: most vector kernels reach
 *       C2 in runs 1 to 20, the last ones (kernels called a few times per run, such as the aligned IoU passes) by
 *       run ~75; later runs cost ~50 ms each, the compilations are the cost. Without the scaling 200 runs left
 *       most kernels in C1; at 0.01 the first run alone compiled for 20 s.
 *       {@code -Xbatch} makes each compilation finish before the code runs on, so the run in which a kernel
 *       changes tier, and a failure, are reproducible.</li>
 * </ul>
 *
 * <p>Every digest of every family must be equal in all of them, and in every repetition. On a mismatch the
 * failure lists, per family, which runs computed which digest: the family names the kernel, the runs name the
 * tier or width. The children's flags include {@code -Dtest.jvm.extra}'s (system property
 * {@code anchorvec.determinism.extraFlags}), so a suite run with {@code -XX:UseAVX=2} checks that machine model.
 *
 * <p>Tagged {@value #TAG}: {@code tests/pom.xml} runs it once, in a surefire execution of its own, and excludes
 * the tag from the four executions that run the suite per width (it starts its own JVMs for every width).
 */
@Tag(DeterminismTest.TAG)
class DeterminismTest {

    /** The JUnit tag of this class (surefire {@code groups} / {@code excludedGroups}). */
    static final String TAG = "determinism";

    /** Repetitions of the tiered run: enough for C2 to compile the kernels at the scaled thresholds. */
    private static final int JIT_REPEAT = 80;
    /** Repetitions of the C1 run: the first is mostly interpreted, the later ones C1-compiled. */
    private static final int C1_REPEAT = 8;
    /** Per child; a run takes 1 to 20 s on 2 idle cores, so this only catches a hang. */
    private static final Duration CHILD_TIMEOUT = Duration.ofMinutes(8);

    /** The runs, the longest first so that the others fill the second core meanwhile. */
    private static List<DigestChild> children() {
        List<String> forceVector = List.of("-Danchorvec.impl=vector");
        return List.of(
                new DigestChild("jit-vector", concat(forceVector, "-Xbatch", "-XX:CompileThresholdScaling=0.05"),
                        JIT_REPEAT, "vector"),
                new DigestChild("xint-vector-256", concat(forceVector, "-Xint", "-Danchorvec.vectorBits=256"), 1,
                        "vector 256-bit"),
                new DigestChild("xint-vector-128", concat(forceVector, "-Xint", "-Danchorvec.vectorBits=128"), 1,
                        "vector 128-bit"),
                new DigestChild("xint-vector-512", concat(forceVector, "-Xint", "-Danchorvec.vectorBits=512"), 1,
                        "vector 512-bit"),
                new DigestChild("c1-vector", concat(forceVector, "-XX:TieredStopAtLevel=1"), C1_REPEAT, "vector"),
                new DigestChild("xint-scalar", List.of("-Xint", "-Danchorvec.impl=scalar"), 1, "scalar"));
    }

    private static List<String> concat(List<String> a, String... b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(Arrays.asList(b));
        return out;
    }

    @Test
    void everyPackageHasDigestFamilies() {
        List<String> families = KernelDigest.families();
        assertEquals(families.size(), new HashSet<>(families).size(), "family names are unique: " + families);
        for (String pkg : List.of("boxes.", "anchors.", "anchors.fit.", "match.", "encode.", "targets.", "loss.",
                "select.", "pipeline.")) {
            assertTrue(families.stream().anyMatch(f -> f.startsWith(pkg) && !(pkg.equals("anchors.")
                    && f.startsWith("anchors.fit."))), "no digest family for " + pkg + " in " + families);
        }
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.MINUTES)
    void digestsAreEqualInEveryTierWidthAndRepetition() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        // The kernels' own jar or classes folder: KernelDigest needs nothing else (surefire's java.class.path
        // can be a manifest-only booter jar).
        String classpath = Path.of(KernelDigest.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
        String extra = System.getProperty("anchorvec.determinism.extraFlags", "").trim();
        List<String> extraFlags = extra.isEmpty() ? List.of() : List.of(extra.split("\\s+"));
        // The children's stdout and stderr stay in the module's target folder (CI can keep them).
        Path dir = Files.createDirectories(Path.of("target", "determinism")).toAbsolutePath();
        List<DigestChild> children = children();
        int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        List<DigestChild.Output> outputs = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<DigestChild.Output>> futures = new ArrayList<>();
            for (DigestChild c : children) {
                futures.add(pool.submit(() -> c.run(java, classpath, extraFlags, dir, CHILD_TIMEOUT)));
            }
            for (Future<DigestChild.Output> f : futures) {
                try {
                    outputs.add(f.get());
                } catch (ExecutionException e) {
                    failures.add(String.valueOf(e.getCause().getMessage()));
                }
            }
        } finally {
            pool.shutdownNow();
        }
        if (!failures.isEmpty()) {
            fail(String.join("\n", failures));
        }
        StringBuilder runs = new StringBuilder();
        for (DigestChild.Output o : outputs) {
            runs.append(String.format(Locale.ROOT, "  %-16s %5.1f s  %s  total %s%n      %s%n", o.child().name(),
                    o.elapsed().toMillis() / 1000.0, o.implementation(), o.first().get(KernelDigest.TOTAL),
                    String.join(" ", o.command())));
        }
        System.out.println("[determinism] child JVMs:\n" + runs);
        for (DigestChild.Output o : outputs) {
            assertTrue(o.implementation().startsWith(o.child().expectImpl()), o.child().name()
                    + " ran " + o.implementation() + ", expected " + o.child().expectImpl());
            assertEquals(KernelDigest.families(), List.copyOf(o.first().sequencedKeySet()).subList(0,
                    o.first().size() - 1), o.child().name() + " computed other families");
        }
        List<String> mismatches = DigestMismatches.describe(
                concat(KernelDigest.families(), KernelDigest.TOTAL), outputs);
        if (!mismatches.isEmpty()) {
            long families = mismatches.stream().filter(l -> !l.startsWith(" ") && !l.startsWith(KernelDigest.TOTAL))
                    .count();
            fail("KernelDigest differs between tiers, widths or repetitions in " + families + " of "
                    + KernelDigest.families().size() + " families (each family: its digests and the runs that "
                    + "computed them):\n  " + String.join("\n  ", mismatches) + "\nRuns:\n" + runs
                    + "Reproduce a run with its command; the outputs are in " + dir);
        }
    }
}
