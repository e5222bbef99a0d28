package dev.anchorvec.conformance;

import dev.anchorvec.match.MatchWorkspace;
import dev.anchorvec.match.MaxIouMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code matcher}: {@link MaxIouMatcher#torchvision(double, double, boolean)} on the case's quality matrix
 * (M gt rows x N prediction columns) against torchvision's {@code Matcher} output. Rule: every code exactly
 * equal (gt index, -1 below low, -2 between the thresholds).
 */
public final class MatcherChecker implements OpChecker {

    @Override
    public String op() {
        return "matcher";
    }

    @Override
    public List<String> check(Bxt c) {
        BxtArray q = c.array("quality", BxtType.F32);
        if (q.shape().length != 2) {
            throw new IllegalArgumentException(c.source() + ": quality must be [M, N]");
        }
        int m = q.dim(0), n = q.dim(1);
        MaxIouMatcher matcher = MaxIouMatcher.torchvision(c.doubles("high_threshold")[0],
                c.doubles("low_threshold")[0], c.bytes("allow_low_quality_matches")[0] != 0);
        long[] expected = (long[]) c.array("matches", BxtType.I64, new int[] {n}).data();
        int[] actual = new int[n];
        matcher.match((float[]) q.data(), 0, m, n, actual, 0, new MatchWorkspace());
        List<String> failures = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (actual[i] != expected[i]) {
                if (count++ < Mismatches.SHOWN) {
                    wrong.add("[" + i + "]: expected " + expected[i] + ", actual " + actual[i]);
                }
            }
        }
        if (count > 0) {
            failures.add("matches: " + count + " of " + n + " elements break the rule: exactly equal ("
                    + matcher + ")\n    " + String.join("\n    ", wrong));
        }
        return failures;
    }
}
