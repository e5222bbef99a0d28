package dev.anchorvec.match;

import dev.anchorvec.adversarial.AdversarialSuite;
import dev.anchorvec.adversarial.Attack;
import dev.anchorvec.adversarial.Attacks;
import dev.anchorvec.adversarial.BoxAttacks;
import dev.anchorvec.adversarial.EntryPoint;
import dev.anchorvec.adversarial.Invocation;
import dev.anchorvec.adversarial.Variant;
import dev.anchorvec.boxes.BoxFormat;
import dev.anchorvec.boxes.BoxIou;
import dev.anchorvec.boxes.Boxes;
import dev.anchorvec.boxes.IouKind;
import dev.anchorvec.reference.ReferenceMatcher;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The adversarial suite over the max-IoU side of {@code dev.anchorvec.match}: {@link MatchCodes},
 * {@link MatchWorkspace}, {@link MaxIouMatcher} (every preset, both inputs) and {@link MmdetMaxIouAssigner} (with
 * and without ignore regions). Every call returning normally is repeated on the scalar and the vector code kernels
 * ({@link MatchTwins}) and must give the same codes; the documented answers are rules: codes in range and nothing
 * written outside them, the box form equal to the matrix form on the same IoU values, the matrix form and mmdet's
 * assigner equal to the literal references.
 */
class MaxIouAdversarialTest {

    /** 37 anchors (not a multiple of any vector width) and 5 gts; offset outputs so that writes outside show. */
    private static final Supplier<Boxes> ANCHORS = BoxAttacks.ordinaryBoxes(37, 1);
    private static final Supplier<Boxes> GT = BoxAttacks.ordinaryBoxes(5, 2);
    private static final int OUT = 37 + 4;

    /** Every preset and rule of the matcher. */
    static final MaxIouMatcher[] MATCHERS = {MaxIouMatcher.torchvision(0.5, 0.4, true),
            MaxIouMatcher.torchvision(0.5, 0.4, false), MaxIouMatcher.ssd(0.5), MaxIouMatcher.detectron2RetinaNet(),
            MaxIouMatcher.detectron2Rpn(), MaxIouMatcher.detectron2RoiHeads(),
            MaxIouMatcher.builder().thresholds(0.3, 0.1).negativeFloor(0.05).lowQuality(LowQuality.TRIGGERING_GT)
                    .minPosIou(0.2).gtMaxAssignAll(true).build()};

    /** The assigners the suite runs, with the arguments that built them (for the reference). */
    record Mmdet(MmdetMaxIouAssigner assigner, double pos, double negLow, double negHigh, double minPosIou,
                 boolean assignAll, boolean lowQuality, double iofThr, boolean wrtCandidates) {

        static Mmdet of(double pos, double negLow, double negHigh, double minPosIou, boolean assignAll,
                        boolean lowQuality, double iofThr, boolean wrtCandidates) {
            return new Mmdet(MmdetMaxIouAssigner.builder(pos, negLow, negHigh).minPosIou(minPosIou)
                    .gtMaxAssignAll(assignAll).matchLowQuality(lowQuality).ignoreIofThr(iofThr)
                    .ignoreWrtCandidates(wrtCandidates).build(), pos, negLow, negHigh, minPosIou, assignAll, lowQuality,
                    iofThr, wrtCandidates);
        }

        @Override
        public String toString() {
            return assigner.toString();
        }
    }

    static final Mmdet[] ASSIGNERS = {Mmdet.of(0.5, 0, 0.4, 0, true, true, 0.5, true),
            Mmdet.of(0.5, 0, 0.4, 0, true, true, -1, true), Mmdet.of(0.4, 0.1, 0.3, 0.3, false, true, 0.2, false),
            Mmdet.of(0.5, 0, 0.5, 0, true, false, 0.5, true)};

    @Test
    void maxIouSide() {
        AdversarialSuite suite = new AdversarialSuite("match-maxiou");
        matchCodes(suite);
        workspace(suite);
        matcherFactories(suite);
        matcherBoxes(suite);
        matcherMatrix(suite);
        mmdet(suite);
        suite.run().assertNoDefects();
    }

    // ---------------------------------------------------------------- MatchCodes

    private static final int[] CODES = {3, -1, 0, -2, 1, -1, -2, 2, 0, -1, 4};

    private static void matchCodes(AdversarialSuite suite) {
        for (boolean d2 : new boolean[] {true, false}) {
            String name = d2 ? "MatchCodes.toDetectron2Labels(codes, from, to, labels, labelsOffset)"
                    : "MatchCodes.toMmdetGtInds(codes, from, to, out, outOffset)";
            String out = d2 ? "labels" : "out";
            suite.add(EntryPoint.named(name)
                    .in("codes", Attacks.copies(CODES), Attacks.intArrays())
                    .in("from", () -> 2, Attacks.ints())
                    .in("to", () -> 9, Attacks.ints())
                    .out(out, () -> Attacks.sentinelInts(10), Attacks.shapes())
                    .in(out + "Offset", () -> 1, Attacks.ints())
                    .pair("from", "to")
                    .pair(out + "Offset", "to")
                    .call(x -> {
                        convert(d2, x.get(0), x.get(1), x.get(2), x.get(3), x.get(4));
                        return null;
                    })
                    .rule((x, before, r) -> converted(d2, before.get(0), x.get(1), x.get(2), before.get(3), x.get(3),
                            x.get(4)))
                    .build());
            // In place: the documented aliasing (the codes array is its own output, at the same offset).
            suite.add(EntryPoint.named(name + " in place (" + out + " = codes, " + out + "Offset = from)")
                    .inOut("codes", Attacks.copies(CODES), Attacks.intArrays())
                    .in("from", () -> 2, Attacks.ints())
                    .in("to", () -> 9, Attacks.ints())
                    .pair("from", "to")
                    .call(x -> {
                        convert(d2, x.get(0), x.get(1), x.get(2), x.get(0), x.get(1));
                        return null;
                    })
                    .rule((x, before, r) -> converted(d2, before.get(0), x.get(1), x.get(2), before.get(0), x.get(0),
                            x.get(1)))
                    .build());
        }
    }

    private static void convert(boolean d2, int[] codes, int from, int to, int[] out, int off) {
        if (d2) {
            MatchCodes.toDetectron2Labels(codes, from, to, out, off);
        } else {
            MatchCodes.toMmdetGtInds(codes, from, to, out, off);
        }
    }

    /** Each converted element follows the documented table; every other element of the output is unchanged. */
    private static String converted(boolean d2, int[] codes, int from, int to, int[] was, int[] out, int off) {
        for (int i = 0; i < out.length; i++) {
            int k = i - off;
            if (k >= 0 && k < to - from) {
                int c = codes[from + k];
                int want = c >= 0 ? (d2 ? 1 : c + 1) : c == MatchCodes.BACKGROUND ? 0 : -1;
                if (out[i] != want) {
                    return "out[" + i + "] = " + out[i] + " for code " + c + ", expected " + want;
                }
            } else if (out[i] != was[i]) {
                return "out[" + i + "], outside the written range, changed from " + was[i] + " to " + out[i];
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- MatchWorkspace

    private static void workspace(AdversarialSuite suite) {
        suite.add(EntryPoint.named("new MatchWorkspace(anchors, gts)")
                .in("anchors", () -> 40, Attacks.sizes(Boxes.MAX_CAPACITY))
                .in("gts", () -> 6, Attacks.sizes(Boxes.MAX_CAPACITY))
                .pair("anchors", "gts")
                .call(x -> new MatchWorkspace(x.<Integer>get(0), x.<Integer>get(1)).anchors())
                .rule((x, before, r) -> (Integer) r == 0 ? null : "a new workspace reports " + r + " anchors")
                .build());
        suite.add(EntryPoint.named("MatchWorkspace.bestGt(i), bestQuality(i) after a match")
                .in("anchors", ANCHORS, BoxAttacks.boxes())
                .in("i", () -> 36, Attacks.ints())
                .call(x -> {
                    Boxes anchors = x.get(0), gt = GT.get();
                    MatchWorkspace ws = new MatchWorkspace();
                    MaxIouMatcher.torchvision(0.5, 0.4, true).match(anchors, gt, new int[anchors.size()], 0, ws);
                    int i = x.get(1);
                    return List.of(ws.bestGt(i), ws.bestQuality(i), ws.anchors());
                })
                .rule((x, before, r) -> {
                    List<?> l = (List<?>) r;
                    int g = (Integer) l.get(0);
                    float q = (Float) l.get(1);
                    return g >= 0 && g < 5 && q >= 0 && q <= 1 && (Integer) l.get(2) == x.<Boxes>get(0).size() ? null
                            : "bestGt " + g + ", bestQuality " + q + ", anchors " + l.get(2);
                })
                .build());
    }

    // ---------------------------------------------------------------- MaxIouMatcher: factories and builder

    private static void matcherFactories(AdversarialSuite suite) {
        suite.add(EntryPoint.named("MaxIouMatcher.torchvision(high, low, allowLowQualityMatches)")
                .in("high", () -> 0.5, Attacks.doubles())
                .in("low", () -> 0.4, Attacks.doubles())
                .in("allowLowQualityMatches", () -> true, Attacks.values(false))
                .call(x -> accessors(MaxIouMatcher.torchvision(x.get(0), x.get(1), x.<Boolean>get(2))))
                .rule((x, before, r) -> thresholdsKept(r, x.get(0), x.get(1)))
                .build());
        suite.add(EntryPoint.named("MaxIouMatcher.ssd(threshold)")
                .in("threshold", () -> 0.5, Attacks.doubles())
                .call(x -> accessors(MaxIouMatcher.ssd(x.<Double>get(0))))
                .rule((x, before, r) -> thresholdsKept(r, x.get(0), x.get(0)))
                .build());
        suite.add(EntryPoint.named("MaxIouMatcher.builder().thresholds(high, low).negativeFloor(floor)"
                        + ".lowQuality(rule).minPosIou(minPosIou).gtMaxAssignAll(all).build()")
                .in("high", () -> 0.6, Attacks.doubles())
                .in("low", () -> 0.3, Attacks.doubles())
                .in("negativeFloor", () -> 0.1, Attacks.doubles())
                .in("lowQuality", () -> LowQuality.TRIGGERING_GT, Attacks.enums(LowQuality.class))
                .in("minPosIou", () -> 0.2, Attacks.doubles())
                .in("gtMaxAssignAll", () -> true, Attacks.values(false))
                .pair("high", "low")
                .call(x -> accessors(MaxIouMatcher.builder().thresholds(x.get(0), x.get(1)).negativeFloor(x.get(2))
                        .lowQuality(x.get(3)).minPosIou(x.get(4)).gtMaxAssignAll(x.<Boolean>get(5)).build()))
                .rule((x, before, r) -> thresholdsKept(r, x.get(0), x.get(1)))
                .build());
        suite.add(EntryPoint.named("MaxIouMatcher.detectron2RetinaNet(), detectron2Rpn(), detectron2RoiHeads()")
                .call(x -> List.of(accessors(MaxIouMatcher.detectron2RetinaNet()),
                        accessors(MaxIouMatcher.detectron2Rpn()), accessors(MaxIouMatcher.detectron2RoiHeads())))
                .build());
    }

    /**
     * The accessors of a matcher, as one list of strings (the result the harness compares; the default floor and
     * SSD's minPosIou are -Infinity by definition, so the values are not checked for finiteness).
     */
    private static List<String> accessors(MaxIouMatcher m) {
        return List.of(String.valueOf(m.high()), String.valueOf(m.low()), String.valueOf(m.negativeFloor()),
                m.lowQuality().name(), String.valueOf(m.minPosIou()), String.valueOf(m.gtMaxAssignAll()),
                m.toString());
    }

    /** The matcher keeps the thresholds it was given, and they are ordered. */
    private static String thresholdsKept(Object r, double high, double low) {
        List<?> l = (List<?>) r;
        return l.get(0).equals(String.valueOf(high)) && l.get(1).equals(String.valueOf(low)) && low <= high ? null
                : "thresholds " + l.get(0) + ", " + l.get(1) + " for high " + high + ", low " + low;
    }

    // ---------------------------------------------------------------- MaxIouMatcher: boxes

    private static Attack matchers() {
        return Attacks.values((Object[]) Arrays.copyOfRange(MATCHERS, 1, MATCHERS.length));
    }

    private static void matcherBoxes(AdversarialSuite suite) {
        suite.add(EntryPoint.named("MaxIouMatcher.match(anchors, gt)")
                .in("matcher", () -> MATCHERS[0], matchers())
                .in("anchors", ANCHORS, BoxAttacks.boxes())
                .in("gt", GT, BoxAttacks.boxes())
                .call(x -> x.<MaxIouMatcher>get(0).match(x.<Boxes>get(1), x.get(2)))
                .twin("scalar", x -> boxesNew(MatchTwins.SCALAR, x))
                .twin("vector", x -> boxesNew(MatchTwins.VECTOR, x))
                .rule((x, before, r) -> {
                    int[] codes = (int[]) r;
                    String bad = MatchRules.codes(codes, -2, x.<Boxes>get(2).size());
                    return bad != null ? bad : sameAsMatrix(x.get(0), x.get(1), x.get(2), codes, 0);
                })
                .build());
        suite.add(EntryPoint.named("MaxIouMatcher.match(anchors, gt, matches, matchesOffset, ws)")
                .in("matcher", () -> MATCHERS[0], matchers())
                .in("anchors", ANCHORS, BoxAttacks.boxes())
                .in("gt", GT, BoxAttacks.boxes())
                .out("matches", () -> Attacks.sentinelInts(OUT), Attacks.shapes())
                .in("matchesOffset", () -> 3, Attacks.ints())
                .in("ws", MatchWorkspace::new, MatchRules.workspaces())
                .call(x -> x.<MaxIouMatcher>get(0).match(x.<Boxes>get(1), x.get(2), x.get(3), x.get(4), x.get(5)))
                .twin("scalar", x -> boxesInto(MatchTwins.SCALAR, x))
                .twin("vector", x -> boxesInto(MatchTwins.VECTOR, x))
                .rule((x, before, r) -> {
                    int n = x.<Boxes>get(1).size(), off = x.get(4);
                    String bad = MatchRules.codes(x.get(3), before.get(3), off, n, -2, x.<Boxes>get(2).size(), r);
                    return bad != null ? bad : sameAsMatrix(x.get(0), x.get(1), x.get(2), x.get(3), off);
                })
                .build());
    }

    private static int[] boxesNew(MatchTwins k, Invocation x) {
        Boxes anchors = x.get(1);
        int[] out = new int[anchors.size()];
        x.<MaxIouMatcher>get(0).match(k.codes(), anchors, x.get(2), out, 0, new MatchWorkspace());
        return out;
    }

    private static Object boxesInto(MatchTwins k, Invocation x) {
        return x.<MaxIouMatcher>get(0).match(k.codes(), x.get(1), x.get(2), x.get(3), x.get(4), new MatchWorkspace());
    }

    /**
     * The documented equality of the two inputs: the codes from the boxes equal the codes from the gt x anchor IoU
     * matrix ({@link BoxIou}, whose values {@code BestIou} reproduces bit for bit). Checked up to 2^20 cells.
     */
    private static String sameAsMatrix(MaxIouMatcher m, Boxes anchors, Boxes gt, int[] codes, int off) {
        int n = anchors.size(), g = gt.size();
        if ((long) n * g > 1 << 20) {
            return null;
        }
        float[] q = BoxIou.pairwise(IouKind.IOU, gt, anchors);
        int[] want = m.match(q, g, n);
        for (int i = 0; i < n; i++) {
            if (codes[off + i] != want[i]) {
                return "anchor " + i + ": code " + codes[off + i] + " from the boxes, " + want[i]
                        + " from their IoU matrix";
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- MaxIouMatcher: quality matrix

    /** A 5 x 37 matrix at offset 2, with values in [0, 1], exact ties, zeros and a padding of -7 around it. */
    private static float[] quality() {
        SplittableRandom r = new SplittableRandom(5);
        float[] q = new float[2 + 5 * 37 + 3];
        Arrays.fill(q, -7f);
        for (int k = 0; k < 5 * 37; k++) {
            q[2 + k] = r.nextInt(4) == 0 ? 0f : r.nextInt(5) == 0 ? 0.5f : (float) r.nextDouble();
        }
        return q;
    }

    /**
     * The float-array attacks plus matrices of one repeated value (every cell a tie for its row and column): 0.5,
     * 0, -Infinity and Float.MAX_VALUE.
     */
    private static Attack qualities() {
        return Attacks.floatArrays().and(ctx -> {
            int length = ((float[]) ctx.value()).length;
            List<Variant> out = new ArrayList<>();
            for (float v : new float[] {0.5f, 0f, Float.NEGATIVE_INFINITY, Float.MAX_VALUE}) {
                out.add(Variant.of("all " + v, () -> {
                    float[] q = new float[length];
                    Arrays.fill(q, v);
                    return q;
                }));
            }
            return out;
        });
    }

    private static void matcherMatrix(AdversarialSuite suite) {
        suite.add(EntryPoint.named("MaxIouMatcher.match(quality, gts, predictions)")
                .in("matcher", () -> MATCHERS[0], matchers())
                .in("quality", () -> Arrays.copyOfRange(quality(), 2, 2 + 5 * 37), qualities())
                .in("gts", () -> 5, Attacks.ints())
                .in("predictions", () -> 37, Attacks.ints())
                .pair("gts", "predictions")
                .call(x -> x.<MaxIouMatcher>get(0).match(x.<float[]>get(1), x.get(2), x.get(3)))
                .twin("scalar", x -> matrixNew(MatchTwins.SCALAR, x))
                .twin("vector", x -> matrixNew(MatchTwins.VECTOR, x))
                .rule((x, before, r) -> {
                    int[] codes = (int[]) r;
                    String bad = MatchRules.codes(codes, -2, x.get(2));
                    return bad != null ? bad : sameAsReference(x.get(0), x.get(1), 0, x.get(2), x.get(3), codes, 0);
                })
                .build());
        suite.add(EntryPoint.named("MaxIouMatcher.match(quality, qualityOffset, gts, predictions, matches, "
                        + "matchesOffset, ws)")
                .in("matcher", () -> MATCHERS[0], matchers())
                .in("quality", MaxIouAdversarialTest::quality, qualities())
                .in("qualityOffset", () -> 2, Attacks.ints())
                .in("gts", () -> 5, Attacks.ints())
                .in("predictions", () -> 37, Attacks.ints())
                .out("matches", () -> Attacks.sentinelInts(OUT), Attacks.shapes())
                .in("matchesOffset", () -> 3, Attacks.ints())
                .in("ws", MatchWorkspace::new, MatchRules.workspaces())
                .pair("gts", "predictions")
                .pair("qualityOffset", "gts")
                .pair("matchesOffset", "predictions")
                .call(x -> x.<MaxIouMatcher>get(0).match(x.<float[]>get(1), x.get(2), x.get(3), x.get(4), x.get(5),
                        x.get(6), x.get(7)))
                .twin("scalar", x -> matrixInto(MatchTwins.SCALAR, x))
                .twin("vector", x -> matrixInto(MatchTwins.VECTOR, x))
                .rule((x, before, r) -> {
                    int m = x.get(3), n = x.get(4), off = x.get(6);
                    String bad = MatchRules.codes(x.get(5), before.get(5), off, n, -2, m, r);
                    return bad != null ? bad : sameAsReference(x.get(0), x.get(1), x.get(2), m, n, x.get(5), off);
                })
                .build());
    }

    private static int[] matrixNew(MatchTwins k, Invocation x) {
        int n = x.get(3);
        int[] out = new int[n];
        x.<MaxIouMatcher>get(0).match(k.codes(), x.get(1), 0, x.get(2), n, out, 0, new MatchWorkspace());
        return out;
    }

    private static Object matrixInto(MatchTwins k, Invocation x) {
        return x.<MaxIouMatcher>get(0).match(k.codes(), x.get(1), x.get(2), x.get(3), x.get(4), x.get(5), x.get(6),
                new MatchWorkspace());
    }

    /** The codes equal the literal reference (torchvision / detectron2 / mmdet steps) on the same matrix. */
    private static String sameAsReference(MaxIouMatcher m, float[] quality, int qOff, int gts, int n, int[] codes,
                                          int off) {
        float[] q = Arrays.copyOfRange(quality, qOff, qOff + gts * n);
        int[] want = ReferenceMatcher.match(q, gts, n, m.high(), m.low(), m.negativeFloor(),
                ReferenceMatcher.Rule.valueOf(m.lowQuality().name()), m.minPosIou(), m.gtMaxAssignAll());
        for (int i = 0; i < n; i++) {
            if (codes[off + i] != want[i]) {
                return "prediction " + i + ": code " + codes[off + i] + ", the reference says " + want[i];
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- MmdetMaxIouAssigner

    private static void mmdet(AdversarialSuite suite) {
        suite.add(EntryPoint.named("MmdetMaxIouAssigner.builder(pos, negLow, negHigh).minPosIou(v).gtMaxAssignAll(b)"
                        + ".matchLowQuality(b).ignoreIofThr(t).ignoreWrtCandidates(b).build().matcher()")
                .in("posIouThr", () -> 0.5, Attacks.doubles())
                .in("negLow", () -> 0.1, Attacks.doubles())
                .in("negHigh", () -> 0.4, Attacks.doubles())
                .in("minPosIou", () -> 0.2, Attacks.doubles())
                .in("gtMaxAssignAll", () -> true, Attacks.values(false))
                .in("matchLowQuality", () -> true, Attacks.values(false))
                .in("ignoreIofThr", () -> 0.5, Attacks.doubles())
                .in("ignoreWrtCandidates", () -> true, Attacks.values(false))
                .pair("negLow", "negHigh")
                .call(x -> {
                    MmdetMaxIouAssigner a = MmdetMaxIouAssigner.builder(x.get(0), x.get(1), x.get(2))
                            .minPosIou(x.get(3)).gtMaxAssignAll(x.<Boolean>get(4)).matchLowQuality(x.<Boolean>get(5))
                            .ignoreIofThr(x.get(6)).ignoreWrtCandidates(x.<Boolean>get(7)).build();
                    return List.of(accessors(a.matcher()), a.toString());
                })
                .build());
        suite.add(EntryPoint.named("MmdetMaxIouAssigner.builder(pos, neg).build()")
                .in("posIouThr", () -> 0.5, Attacks.doubles())
                .in("negIouThr", () -> 0.4, Attacks.doubles())
                .call(x -> accessors(MmdetMaxIouAssigner.builder(x.<Double>get(0), x.<Double>get(1)).build().matcher()))
                .build());
        Attack assigners = Attacks.values((Object[]) Arrays.copyOfRange(ASSIGNERS, 1, ASSIGNERS.length));
        Attack ignores = BoxAttacks.boxes().and(BoxAttacks.sizes());
        suite.add(EntryPoint.named("MmdetMaxIouAssigner.assign(priors, gt, ignore)")
                .in("assigner", () -> ASSIGNERS[0], assigners)
                .in("priors", ANCHORS, BoxAttacks.boxes())
                .in("gt", GT, BoxAttacks.boxes())
                .in("ignore", () -> BoxAttacks.ordinary(3, 9), ignores)
                .call(x -> assigner(x).assign(x.<Boxes>get(1), x.get(2), x.get(3)))
                .twin("scalar", x -> assignNew(MatchTwins.SCALAR, x))
                .twin("vector", x -> assignNew(MatchTwins.VECTOR, x))
                .rule((x, before, r) -> {
                    int[] codes = (int[]) r;
                    String bad = MatchRules.codes(codes, -2, x.<Boxes>get(2).size());
                    return bad != null ? bad : mmdetReference(x.get(0), x.get(1), x.get(2), x.get(3), codes, 0);
                })
                .build());
        suite.add(EntryPoint.named("MmdetMaxIouAssigner.assign(priors, gt, ignore, codes, codesOffset, ws)")
                .in("assigner", () -> ASSIGNERS[0], assigners)
                .in("priors", ANCHORS, BoxAttacks.boxes())
                .in("gt", GT, BoxAttacks.boxes())
                .in("ignore", () -> BoxAttacks.ordinary(3, 9), ignores)
                .out("codes", () -> Attacks.sentinelInts(OUT), Attacks.shapes())
                .in("codesOffset", () -> 3, Attacks.ints())
                .in("ws", MatchWorkspace::new, MatchRules.workspaces())
                .call(x -> assigner(x).assign(x.<Boxes>get(1), x.get(2), x.get(3), x.get(4), x.get(5), x.get(6)))
                .twin("scalar", x -> assignInto(MatchTwins.SCALAR, x))
                .twin("vector", x -> assignInto(MatchTwins.VECTOR, x))
                .rule((x, before, r) -> {
                    int n = x.<Boxes>get(1).size(), off = x.get(5);
                    String bad = MatchRules.codes(x.get(4), before.get(4), off, n, -2, x.<Boxes>get(2).size(), r);
                    return bad != null ? bad : mmdetReference(x.get(0), x.get(1), x.get(2), x.get(3), x.get(4), off);
                })
                .build());
    }

    private static MmdetMaxIouAssigner assigner(Invocation x) {
        return x.<Mmdet>get(0).assigner();
    }

    private static int[] assignNew(MatchTwins k, Invocation x) {
        Boxes priors = x.get(1);
        int[] out = new int[priors.size()];
        assigner(x).assign(k.codes(), priors, x.get(2), x.get(3), out, 0, new MatchWorkspace());
        return out;
    }

    private static Object assignInto(MatchTwins k, Invocation x) {
        return assigner(x).assign(k.codes(), x.get(1), x.get(2), x.get(3), x.get(4), x.get(5), new MatchWorkspace());
    }

    /** mmdet's steps applied literally ({@link ReferenceMatcher#mmdet}); checked up to 2^20 cells. */
    private static String mmdetReference(Mmdet m, Boxes priors, Boxes gt, Boxes ignore, int[] codes, int off) {
        int n = priors.size(), g = gt.size(), k = ignore == null ? 0 : ignore.size();
        if ((long) n * g > 1 << 20 || (long) n * k > 1 << 20) {
            return null;
        }
        int[] want = ReferenceMatcher.mmdet(priors.toInterleaved(BoxFormat.XYXY), gt.toInterleaved(BoxFormat.XYXY),
                ignore == null ? null : ignore.toInterleaved(BoxFormat.XYXY), m.pos(), m.negLow(), m.negHigh(),
                m.minPosIou(), m.assignAll(), m.lowQuality(), m.iofThr(), m.wrtCandidates());
        for (int i = 0; i < n; i++) {
            if (codes[off + i] != want[i]) {
                return "prior " + i + ": code " + codes[off + i] + ", mmdet's steps say " + want[i];
            }
        }
        return null;
    }
}
