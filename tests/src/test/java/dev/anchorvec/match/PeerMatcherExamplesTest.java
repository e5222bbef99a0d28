package dev.anchorvec.match;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.anchorvec.boxes.Boxes;
import org.junit.jupiter.api.Test;

/** The peers' own matcher test expectations (peers.md C7), and torchvision's SSD and low-quality semantics. */
class PeerMatcherExamplesTest {

    private static final int B = MatchCodes.BACKGROUND, I = MatchCodes.IGNORE;

    /** detectron2 tests/modeling/test_matcher.py: RPN thresholds [0.3, 0.7], labels [0, -1, 1], low quality. */
    @Test
    void detectron2TieCase() {
        float[] q = {0.15f, 0.45f, 0.2f, 0.6f, 0.3f, 0.65f, 0.05f, 0.1f, 0.05f, 0.4f, 0.25f, 0.4f};
        MatchWorkspace ws = new MatchWorkspace();
        int[] codes = new int[4];
        int positives = MaxIouMatcher.detectron2Rpn().match(q, 0, 3, 4, codes, 0, ws);
        // gt2's maximum 0.4 is tied at predictions 1 and 3: both become positive.
        assertArrayEquals(new int[] {I, 1, B, 0}, codes);
        assertEquals(2, positives);
        int[] labels = new int[4];
        MatchCodes.toDetectron2Labels(codes, 0, 4, labels, 0);
        assertArrayEquals(new int[] {-1, 1, 0, 1}, labels);
        int[] d2Matches = new int[4];
        for (int i = 0; i < 4; i++) {
            d2Matches[i] = ws.bestGt(i);
        }
        assertArrayEquals(new int[] {1, 1, 2, 0}, d2Matches);
        // TORCHVISION gives the same codes on the same matrix (see LowQuality.DETECTRON2).
        assertArrayEquals(codes, MaxIouMatcher.torchvision(0.7, 0.3, true).match(q, 3, 4));
    }

    private static final Boxes PRIORS = Boxes.ofXyxy(0, 0, 10, 10, 10, 10, 20, 20, 5, 5, 15, 15, 32, 32, 38, 42);
    private static final Boxes GTS = Boxes.ofXyxy(0, 0, 10, 9, 0, 10, 10, 19);

    /** mmdet test_max_iou_assigner.py: pos 0.5, neg 0.5 or (0, 0.5), low quality on: gt_inds [1, 0, 2, 0]. */
    @Test
    void mmdetMaxIouAssigner() {
        for (MmdetMaxIouAssigner a : new MmdetMaxIouAssigner[] {MmdetMaxIouAssigner.builder(0.5, 0.5).build(),
            MmdetMaxIouAssigner.builder(0.5, 0, 0.5).build()}) {
            assertArrayEquals(new int[] {1, 0, 2, 0}, gtInds(a.assign(PRIORS, GTS, null)), a.toString());
        }
        // Prior 2 is positive only through low-quality matching.
        int[] noLq = MmdetMaxIouAssigner.builder(0.5, 0.5).matchLowQuality(false).build().assign(PRIORS, GTS, null);
        assertArrayEquals(new int[] {1, 0, 0, 0}, gtInds(noLq));
    }

    @Test
    void mmdetIgnoreBox() {
        Boxes priors = Boxes.ofXyxy(0, 0, 10, 10, 10, 10, 20, 20, 5, 5, 15, 15, 30, 32, 40, 42);
        Boxes ignore = Boxes.ofXyxy(30, 30, 40, 40);
        MmdetMaxIouAssigner a = MmdetMaxIouAssigner.builder(0.5, 0.5).ignoreIofThr(0.5).ignoreWrtCandidates(false)
                .build();
        assertArrayEquals(new int[] {1, 0, 2, -1}, gtInds(a.assign(priors, GTS, ignore)));
        MmdetMaxIouAssigner wrt = MmdetMaxIouAssigner.builder(0.5, 0.5).ignoreIofThr(0.5).build();
        assertArrayEquals(new int[] {1, 0, 2, -1}, gtInds(wrt.assign(priors, GTS, ignore)));
        // Off by default (ignore_iof_thr = -1).
        assertArrayEquals(new int[] {1, 0, 2, 0},
                gtInds(MmdetMaxIouAssigner.builder(0.5, 0.5).build().assign(priors, GTS, ignore)));
    }

    @Test
    void mmdetEmptyGtAndEmptyPriorsAndDocstring() {
        MmdetMaxIouAssigner a = MmdetMaxIouAssigner.builder(0.5, 0.5).build();
        assertArrayEquals(new int[] {0, 0, 0, 0}, gtInds(a.assign(PRIORS, Boxes.allocate(0), null)));
        assertArrayEquals(new int[0], a.assign(Boxes.allocate(0), GTS, null));
        Boxes priors = Boxes.ofXyxy(0, 0, 10, 10, 10, 10, 20, 20);
        assertArrayEquals(new int[] {1, 0}, gtInds(a.assign(priors, Boxes.ofXyxy(0, 0, 10, 9), null)));
    }

    private static int[] gtInds(int[] codes) {
        int[] out = new int[codes.length];
        MatchCodes.toMmdetGtInds(codes, 0, codes.length, out, 0);
        return out;
    }

    private static final float[] S = {1, 1, 1, 3, 1, 2, -1, 2, 0, 4, 3, 0, -1, 0, 0};
    private static final float[] S2 = {1, 1, 1, 3, 1, -1, 0, -2, -2, -1, 3, 0, -1, 2, 0};

    /** TF object_detection/matchers/argmax_matcher_test.py. */
    @Test
    void tfArgMaxMatcher() {
        assertArrayEquals(new int[] {2, 0, 1, 0, 1}, ArgMaxMatcher.builder().build().match(S, 3, 5, null));
        assertArrayEquals(new int[] {2, B, B, 0, 1}, ArgMaxMatcher.builder(3).build().match(S, 3, 5, null));
        assertArrayEquals(new int[] {2, B, I, 0, 1}, ArgMaxMatcher.builder(3, 2).build().match(S, 3, 5, null));
        assertArrayEquals(new int[] {2, I, B, 0, 1}, ArgMaxMatcher.builder(3, 2).negativesLowerThanUnmatched(false)
                .build().match(S, 3, 5, null));
        assertArrayEquals(new int[] {2, B, B, 0, B}, ArgMaxMatcher.builder(3, 2).build().match(S2, 3, 5, null));
        assertArrayEquals(new int[] {2, 1, B, 0, B}, ArgMaxMatcher.builder(3, 2).forceMatchForEachRow(true).build()
                .match(S2, 3, 5, null));
    }

    @Test
    void tfPaddedGroundTruthAndEmptyRows() {
        float[] s = {1, 1, 1, 3, 1, -1, 0, -2, -2, -1, 0, 0, 0, 0, 0, 3, 0, -1, 2, 0, 0, 0, 0, 0, 0};
        boolean[] valid = {true, true, false, true, false};
        ArgMaxMatcher m = ArgMaxMatcher.builder(3, 2).forceMatchForEachRow(true).build();
        assertArrayEquals(new int[] {3, 1, B, 0, B}, m.match(s, 5, 5, valid));
        assertArrayEquals(new int[] {B, B, B, B, B}, m.match(new float[0], 0, 5, null));
    }

    @Test
    void tfForceMatchConflict() {
        float[] s = {5, 1, 5, 0}; // both rows' best column is 0
        ArgMaxMatcher.Builder b = ArgMaxMatcher.builder(6).forceMatchForEachRow(true);
        assertArrayEquals(new int[] {1, B}, b.build().match(s, 2, 2, null));
        assertArrayEquals(new int[] {0, B}, b.forceMatchFirstRowWins(true).build().match(s, 2, 2, null));
    }

    /** torchvision SSDMatcher: each gt's best prior (first on ties) forced to it; a later gt overwrites. */
    @Test
    void torchvisionSsdMatcher() {
        MaxIouMatcher ssd = MaxIouMatcher.ssd(0.5);
        assertArrayEquals(new int[] {1, B, B}, ssd.match(new float[] {0.4f, 0.1f, 0.1f, 0.45f, 0.2f, 0.1f}, 2, 3));
        assertArrayEquals(new int[] {0, B, 1}, ssd.match(new float[] {0.3f, 0.3f, 0.1f, 0.1f, 0.1f, 0.2f}, 2, 3));
        assertArrayEquals(new int[] {0, 1, 1}, ssd.match(new float[] {0.9f, 0.1f, 0.1f, 0.5f, 0.7f, 0.6f}, 2, 3));
        assertArrayEquals(new int[] {B, B}, ssd.match(Boxes.ofXyxy(0, 0, 1, 1, 2, 2, 3, 3), Boxes.allocate(0)));
    }

    /** The corpus' crafted *_lq note: a gt whose row is all 0 re-matches every prediction with quality 0. */
    @Test
    void torchvisionAllZeroRowRematches() {
        float[] q = {0.6f, 0.1f, 0f, 0f, 0f, 0f};
        assertArrayEquals(new int[] {0, 0, 0}, MaxIouMatcher.torchvision(0.5, 0.4, true).match(q, 2, 3));
        assertArrayEquals(new int[] {0, B, B}, MaxIouMatcher.torchvision(0.5, 0.4, false).match(q, 2, 3));
        // Empty gt: all background (torchvision raises).
        assertArrayEquals(new int[] {B, B, B}, MaxIouMatcher.torchvision(0.5, 0.4, true).match(new float[0], 0, 3));
    }
}
