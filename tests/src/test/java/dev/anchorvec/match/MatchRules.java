package dev.anchorvec.match;

import dev.anchorvec.adversarial.Attack;
import dev.anchorvec.adversarial.Attacks;
import dev.anchorvec.adversarial.Variant;
import java.util.List;

/** Documented answers shared by the match package's adversarial suites, and its workspace attacks. */
final class MatchRules {

    private MatchRules() {}

    /**
     * Every code written into {@code out[off, off + n)} is a match code in {@code [min, m)} (a gt index or one of the
     * negative codes down to {@code min}), every other element of {@code out} is unchanged, and {@code positives}
     * (when not null) is the number of codes {@code >= 0}.
     */
    static String codes(int[] out, int[] was, int off, int n, int min, int m, Object positives) {
        int count = 0;
        for (int i = 0; i < out.length; i++) {
            if (i >= off && i < off + n) {
                if (out[i] < min || out[i] >= m) {
                    return "out[" + i + "] = " + out[i] + " is not a code in [" + min + ", " + m + ")";
                }
                count += out[i] >= 0 ? 1 : 0;
            } else if (out[i] != was[i]) {
                return "out[" + i + "], outside the written range, changed from " + was[i] + " to " + out[i];
            }
        }
        if (positives != null && (Integer) positives != count) {
            return "returned " + positives + " positives, the codes hold " + count;
        }
        return null;
    }

    /** The codes of a new array: as {@link #codes(int[], int[], int, int, int, int, Object)} over all of it. */
    static String codes(int[] out, int min, int m) {
        return codes(out, out, 0, out.length, min, m, null);
    }

    /** A workspace argument: null, and one that another call holds (it must be rejected, naming the workspace). */
    static Attack workspaces() {
        return Attacks.nulls().and(ctx -> List.of(Variant.of("a MatchWorkspace in use by another call", () -> {
            MatchWorkspace w = new MatchWorkspace();
            w.guard.claim();
            return w;
        })));
    }
}
