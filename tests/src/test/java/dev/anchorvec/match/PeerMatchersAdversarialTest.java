package dev.anchorvec.match;

import dev.anchorvec.adversarial.AdversarialSuite;
import dev.anchorvec.adversarial.Attack;
import dev.anchorvec.adversarial.Attacks;
import dev.anchorvec.adversarial.BoxAttacks;
import dev.anchorvec.adversarial.EntryPoint;
import dev.anchorvec.adversarial.Invocation;
import dev.anchorvec.adversarial.Variant;
import dev.anchorvec.boxes.Boxes;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The adversarial suite over the other peers' matchers of {@code dev.anchorvec.match}: TF's
 * {@link ArgMaxMatcher}, mmdet's {@link AtssAssigner} and YOLOv5's {@link Yolov5Matcher} (all scalar: no twins).
 * Rules: codes and targets in range, nothing written outside them, the counts they return consistent with what
 * they wrote.
 */
class PeerMatchersAdversarialTest {

    @Test
    void peerMatchers() {
        AdversarialSuite suite = new AdversarialSuite("match-peers");
        argMax(suite);
        atss(suite);
        yolov5(suite);
        suite.run().assertNoDefects();
    }

    // ---------------------------------------------------------------- ArgMaxMatcher

    private static final ArgMaxMatcher[] ARGMAX = {ArgMaxMatcher.builder(0.5, 0.3).forceMatchForEachRow(true).build(),
            ArgMaxMatcher.builder().build(), ArgMaxMatcher.builder(0.5).build(),
            ArgMaxMatcher.builder(0.6, 0.2).negativesLowerThanUnmatched(false).forceMatchForEachRow(true)
                    .forceMatchFirstRowWins(true).build()};

    /** 4 rows x 23 columns at offset 1, values in [0, 1] with ties, padded with -7. */
    private static float[] similarity() {
        SplittableRandom r = new SplittableRandom(8);
        float[] s = new float[1 + 4 * 23 + 2];
        Arrays.fill(s, -7f);
        for (int k = 0; k < 4 * 23; k++) {
            s[1 + k] = r.nextInt(5) == 0 ? 0.5f : (float) r.nextDouble();
        }
        return s;
    }

    private static Attack argMaxMatchers() {
        return Attacks.values((Object[]) Arrays.copyOfRange(ARGMAX, 1, ARGMAX.length));
    }

    private static void argMax(AdversarialSuite suite) {
        suite.add(EntryPoint.named("ArgMaxMatcher.builder(matched, unmatched).negativesLowerThanUnmatched(b)"
                        + ".forceMatchForEachRow(b).forceMatchFirstRowWins(b).build()")
                .in("matched", () -> 0.5, Attacks.doubles())
                .in("unmatched", () -> 0.3, Attacks.doubles())
                .in("negativesLowerThanUnmatched", () -> true, Attacks.values(false))
                .in("forceMatchForEachRow", () -> true, Attacks.values(false))
                .in("forceMatchFirstRowWins", () -> false, Attacks.values(true))
                .pair("matched", "unmatched")
                .call(x -> ArgMaxMatcher.builder(x.<Double>get(0), x.<Double>get(1))
                        .negativesLowerThanUnmatched(x.<Boolean>get(2)).forceMatchForEachRow(x.<Boolean>get(3))
                        .forceMatchFirstRowWins(x.<Boolean>get(4)).build().match(new float[] {0.1f, 0.9f}, 1, 2,
                                null))
                .rule((x, before, r) -> MatchRules.codes((int[]) r, -2, 1))
                .build());
        suite.add(EntryPoint.named("ArgMaxMatcher.builder(matched).build(), builder().build()")
                .in("matched", () -> 0.5, Attacks.doubles())
                .call(x -> List.of(ArgMaxMatcher.builder(x.<Double>get(0)).build().match(new float[] {0.7f}, 1, 1,
                        null), ArgMaxMatcher.builder().build().match(new float[] {0.7f}, 1, 1, null)))
                .build());
        Attack validRows = Attacks.shapes().and(Attacks.values(Attacks.sentinelBooleans(4)));
        suite.add(EntryPoint.named("ArgMaxMatcher.match(similarity, rows, cols, validRows)")
                .in("matcher", () -> ARGMAX[0], argMaxMatchers())
                .in("similarity", () -> Arrays.copyOfRange(similarity(), 1, 1 + 4 * 23), Attacks.floatArrays())
                .in("rows", () -> 4, Attacks.ints())
                .in("cols", () -> 23, Attacks.ints())
                .in("validRows", () -> new boolean[] {true, false, true, true}, validRows.and(Attacks.nulls()))
                .pair("rows", "cols")
                .call(x -> x.<ArgMaxMatcher>get(0).match(x.<float[]>get(1), x.get(2), x.get(3), x.<boolean[]>get(4)))
                .rule((x, before, r) -> MatchRules.codes((int[]) r, -2, x.get(2)))
                .build());
        suite.add(EntryPoint.named("ArgMaxMatcher.match(similarity, offset, rows, cols, validRows, matches, "
                        + "matchesOffset)")
                .in("matcher", () -> ARGMAX[0], argMaxMatchers())
                .in("similarity", PeerMatchersAdversarialTest::similarity, Attacks.floatArrays())
                .in("offset", () -> 1, Attacks.ints())
                .in("rows", () -> 4, Attacks.ints())
                .in("cols", () -> 23, Attacks.ints())
                .in("validRows", () -> new boolean[] {true, false, true, true}, validRows.and(Attacks.nulls()))
                .out("matches", () -> Attacks.sentinelInts(27), Attacks.shapes())
                .in("matchesOffset", () -> 2, Attacks.ints())
                .pair("rows", "cols")
                .pair("offset", "rows")
                .pair("matchesOffset", "cols")
                .call(x -> x.<ArgMaxMatcher>get(0).match(x.<float[]>get(1), x.get(2), x.get(3), x.get(4),
                        x.<boolean[]>get(5), x.get(6), x.get(7)))
                .rule((x, before, r) -> MatchRules.codes(x.get(6), before.get(6), x.get(7), x.get(4), -2, x.get(3),
                        r))
                .build());
    }

    // ---------------------------------------------------------------- AtssAssigner

    /** 37 priors on three levels (20, 12, 5) and 5 gts. */
    private static final Supplier<Boxes> PRIORS = BoxAttacks.ordinaryBoxes(37, 3);
    private static final Supplier<Boxes> GT = BoxAttacks.ordinaryBoxes(5, 4);
    private static final int[] LEVELS = {20, 12, 5};

    private static Attack atssAssigners() {
        return Attacks.values(new AtssAssigner(1), AtssAssigner.mmdet(), new AtssAssigner(36),
                new AtssAssigner(Integer.MAX_VALUE));
    }

    /** Level sizes: the int-array attacks, plus one level, empty levels, and a huge number of empty levels. */
    private static Attack levelSizes() {
        return Attacks.intArrays().and(ctx -> List.of(Variant.constant("{37}", new int[] {37}),
                Variant.constant("{0, 37, 0}", new int[] {0, 37, 0}), Variant.of("{37, then 100000 zeros}", () -> {
                    int[] l = new int[100_001];
                    l[0] = 37;
                    return l;
                })));
    }

    private static void atss(AdversarialSuite suite) {
        suite.add(EntryPoint.named("new AtssAssigner(topk).topk()")
                .in("topk", () -> 9, Attacks.ints())
                .call(x -> new AtssAssigner(x.<Integer>get(0)).topk())
                .rule((x, before, r) -> r.equals(x.get(0)) ? null : "topk() " + r + " for " + x.get(0))
                .build());
        suite.add(EntryPoint.named("AtssAssigner.mmdet().topk()")
                .call(x -> AtssAssigner.mmdet().topk())
                .rule((x, before, r) -> (Integer) r == 9 ? null : "mmdet topk " + r)
                .build());
        suite.add(EntryPoint.named("AtssAssigner.assign(priors, levelSizes, gt)")
                .in("assigner", AtssAssigner::mmdet, atssAssigners())
                .in("priors", PRIORS, BoxAttacks.boxes())
                .in("levelSizes", Attacks.copies(LEVELS), levelSizes())
                .in("gt", GT, BoxAttacks.boxes())
                .call(x -> x.<AtssAssigner>get(0).assign(x.<Boxes>get(1), x.get(2), x.get(3)))
                .rule((x, before, r) -> MatchRules.codes((int[]) r, -1, x.<Boxes>get(3).size()))
                .build());
        suite.add(EntryPoint.named("AtssAssigner.assign(priors, levelSizes, gt, codes, codesOffset)")
                .in("assigner", AtssAssigner::mmdet, atssAssigners())
                .in("priors", PRIORS, BoxAttacks.boxes())
                .in("levelSizes", Attacks.copies(LEVELS), levelSizes())
                .in("gt", GT, BoxAttacks.boxes())
                .out("codes", () -> Attacks.sentinelInts(41), Attacks.shapes())
                .in("codesOffset", () -> 2, Attacks.ints())
                .call(x -> x.<AtssAssigner>get(0).assign(x.<Boxes>get(1), x.get(2), x.get(3), x.get(4), x.get(5)))
                .rule((x, before, r) -> MatchRules.codes(x.get(4), before.get(4), x.get(5), x.<Boxes>get(1).size(),
                        -1, x.<Boxes>get(3).size(), r))
                .build());
    }

    // ---------------------------------------------------------------- Yolov5Matcher

    /** 4 gts (normalised cx, cy, w, h) at offset 1, two of them on cell edges; 3 anchors (grid units) at offset 2. */
    private static float[] gtXywh() {
        return new float[] {-5, 0.5f, 0.5f, 0.1f, 0.1f, 0.05f, 0.3f, 0.2f, 0.15f, 0.9f, 0.9f, 0.05f, 0.4f,
                0.26f, 0.51f, 0.12f, 0.1f, 7};
    }

    private static float[] anchorWh() {
        return new float[] {-3, -3, 1.25f, 1.625f, 2f, 3.75f, 4.125f, 2.875f, 9};
    }

    private static final int TARGETS = 5 * 4 * 3;

    private static void yolov5(AdversarialSuite suite) {
        suite.add(EntryPoint.named("new Yolov5Matcher(anchorT)")
                .in("anchorT", () -> 4.0, Attacks.doubles())
                .call(x -> new Yolov5Matcher(x.<Double>get(0)).match(gtXywh(), 1, 4, anchorWh(), 2, 3, 20, 16,
                        new int[TARGETS], new int[TARGETS], new int[TARGETS], new int[TARGETS], 0))
                .build());
        suite.add(EntryPoint.named("Yolov5Matcher.defaults()")
                .call(x -> Yolov5Matcher.defaults().match(gtXywh(), 1, 4, anchorWh(), 2, 3, 20, 16,
                        new int[TARGETS], new int[TARGETS], new int[TARGETS], new int[TARGETS], 0))
                .build());
        suite.add(EntryPoint.named("Yolov5Matcher.maxTargets(gts, anchors)")
                .in("gts", () -> 4, Attacks.ints())
                .in("anchors", () -> 3, Attacks.ints())
                .pair("gts", "anchors")
                .call(x -> Yolov5Matcher.maxTargets(x.get(0), x.get(1)))
                .rule((x, before, r) -> (long) (Integer) r == 5L * x.<Integer>get(0) * x.<Integer>get(1) ? null
                        : "maxTargets " + r)
                .build());
        suite.add(EntryPoint.named("Yolov5Matcher.match(gtXywh, gtOffset, gts, anchorWh, anchorOffset, anchors, "
                        + "gridW, gridH, gtIndex, anchorIndex, cellX, cellY, outOffset)")
                .in("matcher", Yolov5Matcher::defaults, Attacks.values(new Yolov5Matcher(1.0000001),
                        new Yolov5Matcher(1e30)))
                .in("gtXywh", PeerMatchersAdversarialTest::gtXywh, Attacks.floatArrays())
                .in("gtOffset", () -> 1, Attacks.ints())
                .in("gts", () -> 4, Attacks.ints())
                .in("anchorWh", PeerMatchersAdversarialTest::anchorWh, Attacks.floatArrays())
                .in("anchorOffset", () -> 2, Attacks.ints())
                .in("anchors", () -> 3, Attacks.ints())
                .in("gridW", () -> 20, Attacks.ints())
                .in("gridH", () -> 16, Attacks.ints())
                .out("gtIndex", () -> Attacks.sentinelInts(TARGETS + 3), Attacks.shapes())
                .out("anchorIndex", () -> Attacks.sentinelInts(TARGETS + 3), Attacks.shapes())
                .out("cellX", () -> Attacks.sentinelInts(TARGETS + 3), Attacks.shapes())
                .out("cellY", () -> Attacks.sentinelInts(TARGETS + 3), Attacks.shapes())
                .in("outOffset", () -> 3, Attacks.ints())
                .pair("gtOffset", "gts")
                .pair("anchorOffset", "anchors")
                .pair("gridW", "gridH")
                .pair("gts", "anchors")
                .call(x -> x.<Yolov5Matcher>get(0).match(x.get(1), x.get(2), x.get(3), x.get(4), x.get(5), x.get(6),
                        x.get(7), x.get(8), x.get(9), x.get(10), x.get(11), x.get(12), x.get(13)))
                .rule(PeerMatchersAdversarialTest::yoloTargets)
                .build());
    }

    /**
     * The count is within {@code 5 * gts * anchors}; each target names a gt, an anchor and a cell of the grid;
     * nothing outside {@code [outOffset, outOffset + count)} is written.
     */
    private static String yoloTargets(Invocation x, Invocation before, Object result) {
        int count = (Integer) result, gts = x.get(3), anchors = x.get(6), w = x.get(7), h = x.get(8),
                off = x.get(13);
        if (count < 0 || count > 5L * gts * anchors) {
            return "count " + count + " for " + gts + " gts and " + anchors + " anchors";
        }
        int[][] limits = {{0, gts}, {0, anchors}, {0, w}, {0, h}};
        for (int k = 0; k < 4; k++) {
            int[] out = x.get(9 + k), was = before.get(9 + k);
            for (int i = 0; i < out.length; i++) {
                if (i >= off && i < off + count) {
                    if (out[i] < limits[k][0] || out[i] >= limits[k][1]) {
                        return "output " + k + "[" + i + "] = " + out[i] + " outside [0, " + limits[k][1] + ")";
                    }
                } else if (out[i] != was[i]) {
                    return "output " + k + "[" + i + "], outside the targets, changed from " + was[i] + " to " + out[i];
                }
            }
        }
        return null;
    }
}
