package dev.anchorvec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares the digests of {@link DeterminismTest}'s child JVMs family by family and writes, for each family whose
 * digest is not the same in every run (and every repetition of a repeated run), which runs computed which
 * digest: the runs that share a digest share the bits, so the odd ones out name the tier or width at fault.
 */
final class DigestMismatches {

    private DigestMismatches() {}

    /**
     * One line per digest of each family that differs, e.g.
     * {@code loss.focal  3f..: xint-vector-512, jit-vector run 1 | 9a..: jit-vector runs 2-20}; empty when
     * every run agrees on every family.
     */
    static List<String> describe(List<String> families, List<DigestChild.Output> outputs) {
        List<String> lines = new ArrayList<>();
        for (String family : families) {
            Map<String, List<String>> runsByDigest = new LinkedHashMap<>();
            for (DigestChild.Output o : outputs) {
                addRuns(family, o, runsByDigest);
            }
            if (runsByDigest.size() > 1) {
                lines.add(family + " (" + runsByDigest.size() + " different digests)");
                runsByDigest.forEach((digest, runs) -> lines.add("    " + digest + ": " + String.join(", ", runs)));
            }
        }
        return lines;
    }

    /** Adds the child's runs to the lists of their digests, consecutive repetitions with one digest as a range. */
    private static void addRuns(String family, DigestChild.Output o, Map<String, List<String>> runsByDigest) {
        String name = o.child().name();
        int repeat = o.child().repeat();
        if (repeat == 1) {
            runsByDigest.computeIfAbsent(String.valueOf(o.digest(family, 1)), d -> new ArrayList<>()).add(name);
            return;
        }
        int start = 1;
        for (int i = 2; i <= repeat + 1; i++) {
            String prev = o.digest(family, i - 1);
            if (i == repeat + 1 || !o.digest(family, i).equals(prev)) {
                String runs = start == i - 1 ? " run " + start : " runs " + start + "-" + (i - 1);
                runsByDigest.computeIfAbsent(String.valueOf(prev), d -> new ArrayList<>()).add(name + runs);
                start = i;
            }
        }
    }
}
