package dev.anchorvec.match;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anchorvec.boxes.BoxIou;
import dev.anchorvec.boxes.Boxes;
import dev.anchorvec.boxes.IouKind;
import dev.anchorvec.reference.ReferenceMatcher;
import dev.anchorvec.reference.ReferenceMatcher.Rule;
import dev.anchorvec.testkit.BoxGen;
import dev.anchorvec.testkit.BoxPair;
import dev.anchorvec.testkit.BoxStyle;
import dev.anchorvec.testkit.Gen;
import dev.anchorvec.testkit.Prop;
import dev.anchorvec.testkit.Sizes;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * {@link MaxIouMatcher} and {@link MmdetMaxIouAssigner}: the boxes path (fused kernels, whatever width this JVM
 * runs) equals the quality-matrix path and {@link ReferenceMatcher} (full matrix, literal rules) for every rule,
 * and the codes obey the invariants: only {-2, -1, 0 .. M-1}; a positive's IoU with its gt reaches the high
 * threshold unless it is a low-quality match (then it achieves some gt's maximum); with low-quality matching
 * every gt's best anchor is positive. One workspace is reused across all trials (it must shrink and grow).
 */
class MaxIouMatcherPropertyTest {

    private static final Gen<Integer> ANCHORS = Gen.oneOf(0, 1, 5, 16, 17, 63, 1023, 1025, 2100);
    private static final Gen<BoxPair> MIXED = BoxGen.all().twoSets(ANCHORS, Sizes.small());
    private static final Gen<BoxPair> TIES = BoxGen.of(BoxStyle.GRID, BoxStyle.DUPLICATE, BoxStyle.NESTED)
            .twoSets(ANCHORS, Sizes.small());

    private record Config(MaxIouMatcher matcher, Rule rule) {}

    private static final List<Config> CONFIGS = List.of(
            new Config(MaxIouMatcher.torchvision(0.5, 0.4, false), Rule.NONE),
            new Config(MaxIouMatcher.torchvision(0.5, 0.4, true), Rule.TORCHVISION),
            new Config(MaxIouMatcher.torchvision(0.7, 0.3, true), Rule.TORCHVISION),
            new Config(MaxIouMatcher.detectron2Rpn(), Rule.DETECTRON2),
            new Config(MaxIouMatcher.ssd(0.5), Rule.TRIGGERING_GT),
            new Config(MmdetMaxIouAssigner.builder(0.5, 0.4).build().matcher(), Rule.TRIGGERING_GT),
            new Config(MmdetMaxIouAssigner.builder(0.6, 0.1, 0.4).minPosIou(0.3).gtMaxAssignAll(false).build()
                    .matcher(), Rule.TRIGGERING_GT));

    private final MatchWorkspace ws = new MatchWorkspace();

    @Test
    void boxesPathEqualsMatrixPathAndReference() {
        Prop.forAll("match.mixed", 150, MIXED, this::check);
    }

    @Test
    void tieHeavyBoxes() {
        Prop.forAll("match.ties", 150, TIES, this::check);
    }

    private void check(BoxPair c) {
        float[] a = c.a().toXyxy(), g = c.b().toXyxy();
        int n = a.length / 4, m = g.length / 4;
        Boxes anchors = c.a().toBoxes(), gt = c.b().toBoxes();
        float[] refQ = ReferenceMatcher.iouMatrix(a, g);
        float[] q = BoxIou.pairwise(IouKind.IOU, gt, anchors);
        for (Config cfg : CONFIGS) {
            MaxIouMatcher mt = cfg.matcher();
            int[] want = ReferenceMatcher.match(refQ, m, n, mt.high(), mt.low(), mt.negativeFloor(), cfg.rule(),
                    mt.minPosIou(), mt.gtMaxAssignAll());
            int[] boxes = new int[n + 2];
            Arrays.fill(boxes, 99);
            int positives = mt.match(anchors, gt, boxes, 1, ws);
            String what = mt + " " + n + " x " + m;
            assertArrayEquals(want, Arrays.copyOfRange(boxes, 1, n + 1), what + " boxes path");
            assertEquals(99, boxes[0], what + " wrote before the offset");
            assertEquals(99, boxes[n + 1], what + " wrote past n");
            int[] matrix = new int[n];
            assertEquals(positives, mt.match(q, 0, m, n, matrix, 0, ws), what + " positives");
            assertArrayEquals(want, matrix, what + " matrix path");
            assertEquals(Arrays.stream(want).filter(x -> x >= 0).count(), positives, what + " positive count");
            invariants(want, q, m, n, mt, cfg.rule(), what);
        }
    }

    private static void invariants(int[] codes, float[] q, int m, int n, MaxIouMatcher mt, Rule rule, String what) {
        float[] rowMax = new float[m];
        Arrays.fill(rowMax, Float.NEGATIVE_INFINITY);
        for (int j = 0; j < m; j++) {
            for (int i = 0; i < n; i++) {
                rowMax[j] = Math.max(rowMax[j], q[j * n + i]);
            }
        }
        for (int i = 0; i < n; i++) {
            int code = codes[i];
            assertTrue(code >= MatchCodes.IGNORE && code < m, what + " code " + code + " at " + i);
            if (code >= 0 && !(q[code * n + i] >= (float) mt.high())) {
                assertTrue(rule != Rule.NONE, what + ": positive " + i + " below high without low-quality rule");
                boolean achieves = false;
                for (int j = 0; j < m; j++) {
                    achieves |= q[j * n + i] == rowMax[j];
                }
                assertTrue(achieves, what + ": low-quality positive " + i + " achieves no gt's maximum");
            }
        }
        if (rule == Rule.TORCHVISION || rule == Rule.DETECTRON2) {
            for (int j = 0; j < m && n > 0; j++) {
                int best = 0;
                for (int i = 1; i < n; i++) {
                    best = q[j * n + i] > q[j * n + best] ? i : best;
                }
                assertTrue(codes[best] >= 0, what + ": gt " + j + "'s best anchor " + best + " is not positive");
            }
        }
    }

    /**
     * RetinaNet's 76725 anchors at 640 x 640 with gts that are anchors shifted by half a stride (so their best IoU
     * is reached by two anchors exactly) plus random boxes: the case the sparse tie pass handles (every gt's
     * maximum above 0, few candidates), against the reference.
     */
    @Test
    void retinaNetSceneWithHalfStrideTies() {
        Boxes anchors = dev.anchorvec.anchors.AnchorPresets.torchvisionRetinaNet(640, 640).toBoxes();
        float[] a = anchors.toInterleaved(dev.anchorvec.boxes.BoxFormat.XYXY);
        int n = anchors.size();
        java.util.SplittableRandom r = new java.util.SplittableRandom(7);
        for (int m : new int[] {1, 4, 12}) {
            float[] g = new float[4 * m];
            for (int j = 0; j < m; j++) {
                int i = r.nextInt(n);
                float shift = j % 3 == 2 ? (float) r.nextDouble(-20, 20) : 4f; // stride-8 anchors: 4 = half a stride
                g[4 * j] = a[4 * i] + shift;
                g[4 * j + 1] = a[4 * i + 1];
                g[4 * j + 2] = a[4 * i + 2] + shift;
                g[4 * j + 3] = a[4 * i + 3];
            }
            float[] q = ReferenceMatcher.iouMatrix(a, g);
            Boxes gt = Boxes.ofXyxy(g);
            for (Config cfg : CONFIGS) {
                MaxIouMatcher mt = cfg.matcher();
                int[] want = ReferenceMatcher.match(q, m, n, mt.high(), mt.low(), mt.negativeFloor(), cfg.rule(),
                        mt.minPosIou(), mt.gtMaxAssignAll());
                int[] got = new int[n];
                mt.match(anchors, gt, got, 0, ws);
                assertArrayEquals(want, got, mt + " RetinaNet x " + m);
                invariants(want, q, m, n, mt, cfg.rule(), mt + " RetinaNet x " + m);
            }
        }
    }

    @Test
    void mmdetIgnoreRegionsEqualReference() {
        AtomicLong ignoredSeen = new AtomicLong();
        MmdetMaxIouAssigner[] assigners = {
            MmdetMaxIouAssigner.builder(0.5, 0.4).ignoreIofThr(0.5).build(),
            MmdetMaxIouAssigner.builder(0.5, 0.4).ignoreIofThr(0.3).ignoreWrtCandidates(false).gtMaxAssignAll(false)
                    .build(),
            MmdetMaxIouAssigner.builder(0.5, 0.0, 0.5).ignoreIofThr(0.5).minPosIou(0.2).build()};
        Prop.forAll("match.mmdet.ignore", 150, TIES, c -> {
            float[] a = c.a().toXyxy(), g = c.b().toXyxy();
            int n = a.length / 4, m = g.length / 4;
            // Ignore boxes: copies of some anchors and of the first gt, so that ignored priors are common and
            // include gts' best priors.
            float[] ig = new float[4 * (Math.min(n, 3) + Math.min(m, 1))];
            for (int k = 0; k < Math.min(n, 3); k++) {
                System.arraycopy(a, 4 * (k * 7 % n), ig, 4 * k, 4);
            }
            if (m > 0) {
                System.arraycopy(g, 0, ig, ig.length - 4, 4);
            }
            for (int v = 0; v < assigners.length; v++) {
                double[] p = {0.5, v == 2 ? 0.0 : 0, v == 2 ? 0.5 : 0.4, v == 2 ? 0.2 : 0};
                boolean all = v != 1, wrt = v != 1;
                double thr = v == 1 ? 0.3 : 0.5;
                int[] want = ReferenceMatcher.mmdet(a, g, ig, p[0], p[1], p[2], p[3], all, true, thr, wrt);
                int[] got = new int[n];
                int positives = assigners[v].assign(c.a().toBoxes(), c.b().toBoxes(), Boxes.ofXyxy(ig), got, 0, ws);
                assertArrayEquals(want, got, assigners[v] + " " + n + " x " + m);
                assertEquals(Arrays.stream(want).filter(x -> x >= 0).count(), positives);
                ignoredSeen.addAndGet(Arrays.stream(got).filter(x -> x == MatchCodes.IGNORE).count());
            }
        });
        assertTrue(ignoredSeen.get() > 1000, "ignore regions rarely hit: " + ignoredSeen);
    }
}
