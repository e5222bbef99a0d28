package dev.anchorvec;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.SequencedMap;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A fingerprint of the bits every kernel computes: runs every public kernel of the library (boxes, anchors,
 * anchor fitting, matching, box coding, training targets, losses, selection and the post-processing pipelines)
 * over a small seeded workload and hashes every output bit for bit into one digest per family, plus a total.
 *
 * <p>anchorvec's contract is that the same input gives the same bits whatever runs it: the interpreter, C1 or
 * C2, the Vector API at 512, 256 or 128 bits, or the scalar fallback, on any CPU. Two JVMs that print the same
 * digests computed the same bits on this workload; a family whose digest differs names the kernels that broke
 * the contract. The tests compare the digests of the interpreter, C1 and warmed-up C2 at every width and
 * scalar; the benchmark report prints the total so that reports from two machines can be compared.
 *
 * <p>The workload: inputs from a fixed {@link java.util.SplittableRandom} seed per family (the family name mixed
 * into {@link #SEED}, so a new family does not change the others' inputs): boxes of every kind (random, integer,
 * empty, inverted, nested, touching, identical, huge up to 1e30, subnormal and tiny sizes, far from the origin),
 * logits over {@code [-100, 100]} with the overflow edges mixed in, match codes, labels; all finite. Sizes such
 * as 37, 100 and 259 run every vector main loop and its tail at every width, yet stay small enough for the
 * whole workload to run in the interpreter with the Vector API in a few seconds. Outputs are hashed with 64-bit
 * FNV-1a: floats as {@link Float#floatToIntBits} (every NaN counts as the same NaN), doubles as
 * {@link Double#doubleToLongBits}, integers and flags as they are, each array with a label and its length.
 * A call whose input a kernel rejects ({@link IllegalArgumentException}) is hashed as a marker with the message,
 * so the workload keeps running when validation gets stricter; {@link #main} reports such calls.
 *
 * <p>The digest is not a compatibility promise across versions: a kernel that changes its results on purpose
 * changes it. It only says whether two runs of the same version computed the same bits. Thread-safe: each call
 * computes from scratch (a few MB of garbage, nothing retained).
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp kernels/target/anchorvec-kernels-VERSION.jar dev.anchorvec.KernelDigest
 * java -Xint -Danchorvec.impl=vector -Danchorvec.vectorBits=128 --add-modules jdk.incubator.vector -cp ... dev.anchorvec.KernelDigest
 * </pre>
 */
public final class KernelDigest {

    /** The seed every family's inputs derive from. */
    public static final long SEED = 0x616e63686f727665L;

    /** The key of the total digest in {@link #compute()}'s map, after every family. */
    public static final String TOTAL = "total";

    /** Every family, in the order of the library's packages and of a detector's pipeline. */
    private static final List<DigestFamily> FAMILIES = Stream.of(DigestBoxes.FAMILIES, DigestAnchors.FAMILIES,
            DigestFit.FAMILIES, DigestMatch.FAMILIES, DigestEncode.FAMILIES, DigestTargets.FAMILIES,
            DigestLoss.FAMILIES, DigestSelect.FAMILIES, DigestPipelines.FAMILIES).flatMap(List::stream).toList();

    static {
        Set<String> names = new HashSet<>();
        for (DigestFamily f : FAMILIES) {
            if (f.name().equals(TOTAL) || !names.add(f.name())) {
                throw new AssertionError("family name used twice or reserved: " + f.name());
            }
        }
    }

    private KernelDigest() {}

    /** The family names, in the order {@link #compute()} reports them. */
    public static List<String> families() {
        return FAMILIES.stream().map(DigestFamily::name).toList();
    }

    /**
     * Runs the workload once with the implementation this JVM chose ({@link KernelInfo}) and returns each
     * family's digest (16 hex digits), in the order of {@link #families()}, then {@link #TOTAL}: the digest of
     * all of them. The map is unmodifiable.
     */
    public static SequencedMap<String, String> compute() {
        return run().digests;
    }

    /** The total digest of one run of the workload (the last entry of {@link #compute()}). */
    public static String total() {
        return compute().get(TOTAL);
    }

    /**
     * Prints one line per family ({@code name digest}), the line {@code total digest} and the line
     * {@code implementation} followed by {@link KernelInfo#summary()}; lines starting with {@code #} are
     * comments (calls whose input was rejected, timing).
     *
     * <p>{@code --timing} adds each family's time in the first run, and each later run's time, as comments. {@code --repeat N} runs the workload N times in this JVM (so that the JIT compiles the kernels while
     * it runs: the interpreter, C1 and C2 all contribute) and, after the first run's lines, prints
     * {@code iteration i name digest} for every family of run i whose digest differs from the first run's.
     * No such line means every run computed the same bits.
     */
    public static void main(String[] args) {
        int repeat = 1;
        boolean timing = false;
        for (int k = 0; k < args.length; k++) {
            if (args[k].equals("--repeat") && k + 1 < args.length) {
                repeat = parseRepeat(args[++k]);
            } else if (args[k].equals("--timing")) {
                timing = true;
            } else {
                System.err.println("usage: KernelDigest [--repeat N] [--timing]");
                System.exit(2);
                return;
            }
        }
        PrintStream out = System.out;
        long t0 = System.nanoTime();
        Run first = run();
        long firstNanos = System.nanoTime() - t0;
        first.digests.forEach((name, digest) -> out.println(name + " " + digest));
        out.println("implementation " + KernelInfo.summary());
        first.rejected.forEach(line -> out.println("# " + line));
        if (timing) {
            first.nanos.forEach((name, nanos) -> out.printf(Locale.ROOT, "# %s %.1f ms%n", name, nanos / 1e6));
        }
        out.printf(Locale.ROOT, "# first run %.0f ms%n", firstNanos / 1e6);
        int changed = 0;
        for (int i = 2; i <= repeat; i++) {
            long ti = System.nanoTime();
            Run next = run();
            if (timing) {
                out.printf(Locale.ROOT, "# iteration %d %.1f ms%n", i, (System.nanoTime() - ti) / 1e6);
            }
            for (var e : next.digests.entrySet()) {
                if (!e.getValue().equals(first.digests.get(e.getKey()))) {
                    out.println("iteration " + i + " " + e.getKey() + " " + e.getValue());
                    changed++;
                }
            }
        }
        if (repeat > 1) {
            out.printf(Locale.ROOT, "# %d runs in %.0f ms, %d family digests differed from the first run's%n",
                    repeat, (System.nanoTime() - t0) / 1e6, changed);
        }
        out.flush();
    }

    private static int parseRepeat(String s) {
        try {
            int n = Integer.parseInt(s);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--repeat must be an integer >= 1, got " + s);
    }

    /** One run's digests, the notes on rejected calls and each family's time. */
    private record Run(SequencedMap<String, String> digests, List<String> rejected,
                       SequencedMap<String, Long> nanos) {}

    private static Run run() {
        SequencedMap<String, String> digests = new LinkedHashMap<>();
        SequencedMap<String, Long> nanos = new LinkedHashMap<>();
        List<String> rejected = new ArrayList<>();
        DigestHash total = new DigestHash();
        for (DigestFamily f : FAMILIES) {
            DigestHash h = new DigestHash();
            long t0 = System.nanoTime();
            f.workload().run(new DigestInputs(SEED ^ new DigestHash().label(f.name()).value()), h);
            nanos.put(f.name(), System.nanoTime() - t0);
            if (h.calls() == 0) {
                throw new AssertionError("family " + f.name() + " hashed nothing");
            }
            digests.put(f.name(), h.hex());
            total.label(f.name()).l(h.value());
            if (h.rejected() > 0) {
                rejected.add(f.name() + ": " + h.rejected() + " of " + h.calls() + " outputs were rejected calls");
            }
        }
        digests.put(TOTAL, total.hex());
        return new Run(Collections.unmodifiableSequencedMap(digests), List.copyOf(rejected), nanos);
    }
}
