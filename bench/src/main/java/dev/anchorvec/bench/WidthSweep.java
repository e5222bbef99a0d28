package dev.anchorvec.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The width sweep ({@code --widths 512,256,128,scalar}): one pass of the selections per vector width, forcing
 * {@code -Danchorvec.vectorBits} in the forks. Scalar methods (and baselines) run in the first pass only, since
 * the width does not change them. Passes go from narrow to wide, so the main table (which keeps the last vector
 * row of a workload) shows the widest width; the width table shows them all.
 */
final class WidthSweep {

    /** Lookahead appended to an include regex so that only the {@code vector} methods match. */
    static final String VECTOR_ONLY = "(?=.*vector$)";

    /**
     * One pass.
     *
     * @param bits          forced width, or 0 for no sweep (the fork's preferred width)
     * @param includeSuffix appended to every include regex
     * @param jvmArgs       appended to every fork's JVM arguments
     */
    record Pass(int bits, String includeSuffix, List<String> jvmArgs) {
        /** Shown in the progress line. */
        String label() {
            return bits == 0 ? "" : " @" + bits + "-bit";
        }
    }

    private WidthSweep() {}

    /** Parses {@code 512,256,128,scalar}: widths (powers of two, 64..2048); {@code scalar} is always run. */
    static List<Integer> parse(String list) {
        List<Integer> out = new ArrayList<>();
        for (String s : list.split(",")) {
            String t = s.trim();
            if (t.equals("scalar") || t.isEmpty()) {
                continue;
            }
            int b;
            try {
                b = Integer.parseInt(t);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--widths: not a width: " + t);
            }
            if (b < 64 || b > 2048 || Integer.bitCount(b) != 1) {
                throw new IllegalArgumentException("--widths: width must be a power of two in 64..2048, got " + b);
            }
            if (!out.contains(b)) {
                out.add(b);
            }
        }
        return out;
    }

    /**
     * The passes: a single plain pass without a sweep; else one per width up to {@code maxBits} (the host's
     * preferred width; wider ones are skipped with a note on {@code log}), narrowest first.
     */
    static List<Pass> passes(List<Integer> widths, int maxBits, PrintStream log) {
        if (widths == null) {
            return List.of(new Pass(0, "", List.of()));
        }
        List<Integer> run = new ArrayList<>();
        for (int b : widths) {
            if (b > maxBits) {
                log.println("# width sweep: skipping " + b + "-bit, this CPU/JVM supports at most " + maxBits
                        + " bits");
            } else {
                run.add(b);
            }
        }
        run.sort(null);
        List<Pass> out = new ArrayList<>();
        for (int b : run) {
            out.add(new Pass(b, out.isEmpty() ? "" : VECTOR_ONLY, List.of("-Danchorvec.vectorBits=" + b)));
        }
        if (out.isEmpty()) {
            log.println("# width sweep: no vector width left; running the scalar methods only");
            out.add(new Pass(0, "(?=.*scalar$)", List.of()));
        }
        return out;
    }
}
