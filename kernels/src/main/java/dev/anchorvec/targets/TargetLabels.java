package dev.anchorvec.targets;

/** Class targets and the three masks from match codes, branch-free (codes are random per anchor). */
final class TargetLabels {

    private TargetLabels() {}

    static void write(int[] matches, int base, int n, int[] labels, int labelBase, int background, int[] classes,
            byte[] positive, byte[] negative, byte[] ignored) {
        for (int i = base; i < base + n; i++) {
            int m = matches[i];
            int pos = ~m >>> 31;                 // 1 if m >= 0
            int neg = (m + 1 == 0) ? 1 : 0;
            int ign = (m + 2 == 0) ? 1 : 0;
            int label = pos == 1 ? labels[labelBase + m] : neg == 1 ? background : BatchTargets.IGNORE;
            classes[i] = label;
            positive[i] = (byte) pos;
            negative[i] = (byte) neg;
            ignored[i] = (byte) ign;
        }
    }
}
