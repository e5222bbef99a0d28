package dev.anchorvec.conformance;

import java.util.List;

/**
 * Checks anchorvec against the peers' outputs for one corpus op (the {@code op} column of {@code index.tsv}).
 * One implementation per op, registered in {@link ConformanceRunner#defaultCheckers()}; ops without a checker
 * count as skipped.
 */
public interface OpChecker {

    /** The op this checker handles, e.g. {@code "iou_family"}. */
    String op();

    /**
     * Runs anchorvec on the case's inputs and compares every output.
     *
     * @return one human-readable block per failing output, empty if the case passes (see {@link Mismatches})
     * @throws RuntimeException if the case lacks an entry or has the wrong shape; the runner reports it as a
     *                          failure of the case
     */
    List<String> check(Bxt testCase);
}
