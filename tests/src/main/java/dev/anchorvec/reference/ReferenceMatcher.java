package dev.anchorvec.reference;

import dev.anchorvec.boxes.IouKind;
import java.util.Arrays;

/**
 * Reference for the max-IoU matchers, straight from the peers' code: the full quality matrix (M gt rows x N
 * prediction columns, as torchvision takes it) and the rules applied literally, step by step. Codes: gt index,
 * -1 background, -2 ignore.
 */
public final class ReferenceMatcher {

    private ReferenceMatcher() {}

    /** Low-quality rule, mirroring {@code dev.anchorvec.match.LowQuality}. */
    public enum Rule { NONE, TORCHVISION, DETECTRON2, TRIGGERING_GT }

    /** The M x N IoU matrix of gt (interleaved xyxy, rows) against anchors (columns), with {@link ReferenceIou}. */
    public static float[] iouMatrix(float[] anchors, float[] gt) {
        int n = anchors.length / 4, m = gt.length / 4;
        float[] byAnchor = ReferenceIou.matrix(IouKind.IOU, anchors, gt);
        float[] q = new float[m * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                q[j * n + i] = byAnchor[i * m + j];
            }
        }
        return q;
    }

    /**
     * torchvision {@code Matcher.__call__} (and detectron2's, and mmdet's steps 2-4) on {@code q}: column max and
     * first argmax; {@code < low} -> -1, {@code [low, high)} -> -2 (float32 comparisons); {@code < floor} -> -2;
     * then the low-quality rule.
     */
    public static int[] match(float[] q, int m, int n, double high, double low, double floor, Rule rule,
                              double minPosIou, boolean gtMaxAssignAll) {
        int[] matches = new int[n];
        if (m == 0) {
            Arrays.fill(matches, -1);
            return matches;
        }
        float hi = (float) high, lo = (float) low, fl = (float) floor, mp = (float) minPosIou;
        int[] allMatches = new int[n];
        for (int i = 0; i < n; i++) {
            float best = q[i];
            int arg = 0;
            for (int j = 1; j < m; j++) {
                if (q[j * n + i] > best) {
                    best = q[j * n + i];
                    arg = j;
                }
            }
            allMatches[i] = arg;
            matches[i] = arg;
            if (best < lo) {
                matches[i] = -1;
            }
            if (best >= lo && best < hi) {
                matches[i] = -2;
            }
            if (best < fl) {
                matches[i] = -2;
            }
        }
        for (int j = 0; j < m; j++) {
            float rowMax = Float.NEGATIVE_INFINITY;
            int rowArg = 0;
            for (int i = 0; i < n; i++) {
                if (q[j * n + i] > rowMax) {
                    rowMax = q[j * n + i];
                    rowArg = i;
                }
            }
            if (n == 0) {
                continue;
            }
            switch (rule) {
                case NONE -> { }
                case TORCHVISION, DETECTRON2 -> {
                    for (int i = 0; i < n; i++) {
                        if (q[j * n + i] == rowMax) {
                            matches[i] = allMatches[i];
                        }
                    }
                }
                case TRIGGERING_GT -> {
                    if (rowMax >= mp) {
                        if (gtMaxAssignAll) {
                            for (int i = 0; i < n; i++) {
                                if (q[j * n + i] == rowMax) {
                                    matches[i] = j;
                                }
                            }
                        } else {
                            matches[rowArg] = j;
                        }
                    }
                }
            }
        }
        return matches;
    }

    /**
     * mmdet {@code MaxIoUAssigner.assign} literally, returning codes (not 1-based): IoU matrix; ignore columns
     * (IoF {@code > ignoreIofThr}) set to -1; all -1; negative where {@code negLow <= max < negHigh} (the float
     * form has {@code negLow = 0}); positive where {@code max >= pos}; low-quality loop. {@code ignore} may be
     * null.
     */
    public static int[] mmdet(float[] priors, float[] gt, float[] ignore, double pos, double negLow, double negHigh,
                              double minPosIou, boolean gtMaxAssignAll, boolean matchLowQuality, double ignoreIofThr,
                              boolean ignoreWrtCandidates) {
        int n = priors.length / 4, m = gt.length / 4;
        int[] gtInds = new int[n];
        if (m == 0 || n == 0) {
            return gtInds.length == 0 ? gtInds : fill(n, -1);
        }
        float[] q = iouMatrix(priors, gt);
        if (ignoreIofThr > 0 && ignore != null && ignore.length > 0) {
            int k = ignore.length / 4;
            for (int i = 0; i < n; i++) {
                float max = Float.NEGATIVE_INFINITY;
                for (int c = 0; c < k; c++) {
                    float v = ignoreWrtCandidates ? ReferenceIou.value(IouKind.IOA_A, priors, i, ignore, c)
                            : ReferenceIou.value(IouKind.IOA_B, priors, i, ignore, c);
                    max = Math.max(max, v);
                }
                if (max > (float) ignoreIofThr) {
                    for (int j = 0; j < m; j++) {
                        q[j * n + i] = -1;
                    }
                }
            }
        }
        Arrays.fill(gtInds, -1); // 1-based here: -1 ignore, 0 negative, j+1 positive
        float[] maxOverlaps = new float[n];
        int[] argmax = new int[n];
        for (int i = 0; i < n; i++) {
            maxOverlaps[i] = q[i];
            for (int j = 1; j < m; j++) {
                if (q[j * n + i] > maxOverlaps[i]) {
                    maxOverlaps[i] = q[j * n + i];
                    argmax[i] = j;
                }
            }
            if (maxOverlaps[i] >= (float) negLow && maxOverlaps[i] < (float) negHigh) {
                gtInds[i] = 0;
            }
            if (maxOverlaps[i] >= (float) pos) {
                gtInds[i] = argmax[i] + 1;
            }
        }
        if (matchLowQuality) {
            for (int j = 0; j < m; j++) {
                float gtMax = q[j * n];
                int gtArg = 0;
                for (int i = 1; i < n; i++) {
                    if (q[j * n + i] > gtMax) {
                        gtMax = q[j * n + i];
                        gtArg = i;
                    }
                }
                if (gtMax >= (float) minPosIou) {
                    if (gtMaxAssignAll) {
                        for (int i = 0; i < n; i++) {
                            if (q[j * n + i] == gtMax) {
                                gtInds[i] = j + 1;
                            }
                        }
                    } else {
                        gtInds[gtArg] = j + 1;
                    }
                }
            }
        }
        int[] codes = new int[n];
        for (int i = 0; i < n; i++) {
            codes[i] = gtInds[i] > 0 ? gtInds[i] - 1 : gtInds[i] == 0 ? -1 : -2;
        }
        return codes;
    }

    private static int[] fill(int n, int v) {
        int[] a = new int[n];
        Arrays.fill(a, v);
        return a;
    }
}
