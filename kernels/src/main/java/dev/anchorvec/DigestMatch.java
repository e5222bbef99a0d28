package dev.anchorvec;

import dev.anchorvec.boxes.BoxIou;
import dev.anchorvec.boxes.Boxes;
import dev.anchorvec.boxes.IouKind;
import dev.anchorvec.match.ArgMaxMatcher;
import dev.anchorvec.match.AtssAssigner;
import dev.anchorvec.match.LowQuality;
import dev.anchorvec.match.MatchCodes;
import dev.anchorvec.match.MatchWorkspace;
import dev.anchorvec.match.MaxIouMatcher;
import dev.anchorvec.match.MmdetMaxIouAssigner;
import dev.anchorvec.match.Yolov5Matcher;
import java.util.List;

/**
 * {@link KernelDigest}'s workload for {@code dev.anchorvec.match}: the max-IoU matcher with every peer's rules,
 * on boxes (the fused best-IoU and tie kernels; 300 grid anchors once, so that block culling runs) and on a quality
 * matrix, mmdet's assigner with ignore regions, ATSS, YOLOv5's assignment, TF's argmax matcher and the code
 * conversions.
 */
final class DigestMatch {

    static final List<DigestFamily> FAMILIES = List.of(
            new DigestFamily("match.max-iou", DigestMatch::maxIou),
            new DigestFamily("match.mmdet", DigestMatch::mmdet),
            new DigestFamily("match.atss", DigestMatch::atss),
            new DigestFamily("match.yolov5", DigestMatch::yolov5),
            new DigestFamily("match.argmax", DigestMatch::argmax));

    private DigestMatch() {}

    private static List<MaxIouMatcher> matchers() {
        return List.of(MaxIouMatcher.torchvision(0.5, 0.4, true), MaxIouMatcher.torchvision(0.7, 0.3, false),
                MaxIouMatcher.ssd(0.5), MaxIouMatcher.detectron2RetinaNet(), MaxIouMatcher.detectron2RoiHeads(),
                MaxIouMatcher.builder().thresholds(0.6, 0.4).negativeFloor(0.1).lowQuality(LowQuality.TRIGGERING_GT)
                        .minPosIou(0.2).gtMaxAssignAll(false).build());
    }

    private static void maxIou(DigestInputs in, DigestHash out) {
        // 300 anchors: two blocks of the best-IoU kernel, the second one culled for most gts
        Boxes many = DigestBoxes.gridBoxes(300, 25, 16f);
        Boxes anchors = DigestBoxes.gridBoxes(103, 12, 16f);
        Boxes gt = in.related(anchors, 5);
        Boxes few = in.boxes(37);
        Boxes fewGt = in.related(few, 5);
        MatchWorkspace ws = new MatchWorkspace();
        int[] codes = new int[300 + 3];
        List<MaxIouMatcher> matchers = matchers();
        out.value("300 positives", matchers.get(0).match(many, in.related(many, 5), codes, 3, ws))
                .ints("300 codes", codes);
        for (int k = 0; k < matchers.size(); k++) {
            MaxIouMatcher m = matchers.get(k);
            out.value(k + " positives", m.match(anchors, gt, codes, 3, ws)).ints(k + " codes", codes);
            out.ints(k + " few", m.match(few, fewGt));
            out.ints(k + " no gt", m.match(few, Boxes.allocate(0)));
            float[] quality = BoxIou.pairwise(IouKind.IOU, fewGt, few);
            out.ints(k + " quality", m.match(quality, fewGt.size(), few.size()));
        }
        int[] labels = new int[103];
        MatchCodes.toDetectron2Labels(codes, 3, 106, labels, 0);
        out.ints("detectron2 labels", labels);
        MatchCodes.toMmdetGtInds(codes, 3, 106, labels, 0);
        out.ints("mmdet gt inds", labels);
    }

    private static void mmdet(DigestInputs in, DigestHash out) {
        Boxes priors = DigestBoxes.gridBoxes(103, 16, 20f);
        Boxes gt = in.related(priors, 6);
        Boxes ignore = in.related(priors, 3);
        List<MmdetMaxIouAssigner> assigners = List.of(
                MmdetMaxIouAssigner.builder(0.5, 0.4).build(),
                MmdetMaxIouAssigner.builder(0.7, 0.0, 0.3).minPosIou(0.3).gtMaxAssignAll(false).build(),
                MmdetMaxIouAssigner.builder(0.5, 0.5).matchLowQuality(false).ignoreIofThr(0.5).build(),
                MmdetMaxIouAssigner.builder(0.5, 0.4).ignoreIofThr(0.3).ignoreWrtCandidates(false).build());
        MatchWorkspace ws = new MatchWorkspace();
        int[] codes = new int[103];
        for (int k = 0; k < assigners.size(); k++) {
            out.value(k + " positives", assigners.get(k).assign(priors, gt, ignore, codes, 0, ws));
            out.ints(k + " codes", codes);
        }
        out.ints("no ignore", assigners.get(3).assign(priors, gt, null));
    }

    private static void atss(DigestInputs in, DigestHash out) {
        Boxes priors = DigestBoxes.gridBoxes(100, 10, 12f);
        int[] levels = {64, 25, 11};
        Boxes gt = in.related(priors, 5);
        for (int topk : new int[] {1, 3, 9}) {
            out.ints("topk " + topk, new AtssAssigner(topk).assign(priors, levels, gt));
        }
        int[] codes = new int[102];
        out.value("mmdet positives", AtssAssigner.mmdet().assign(priors, levels, in.related(priors, 9), codes, 2));
        out.ints("mmdet", codes);
    }

    private static void yolov5(DigestInputs in, DigestHash out) {
        int gts = 13;
        float[] gtXywh = new float[4 * gts];
        for (int t = 0; t < gts; t++) {
            gtXywh[4 * t] = t == 0 ? 0.5f : in.uniform(0f, 1f);       // a centre exactly on a cell corner
            gtXywh[4 * t + 1] = t == 0 ? 0.25f : in.uniform(0f, 1f);
            gtXywh[4 * t + 2] = in.uniform(0.01f, 0.9f);
            gtXywh[4 * t + 3] = in.uniform(0.01f, 0.9f);
        }
        float[] anchorWh = {1.25f, 1.625f, 2f, 3.75f, 4.125f, 2.875f};
        int max = Yolov5Matcher.maxTargets(gts, 3);
        int[] gi = new int[max], ai = new int[max], cx = new int[max], cy = new int[max];
        for (double t : new double[] {4.0, 2.0}) {
            for (int[] grid : new int[][] {{20, 20}, {16, 12}, {1, 1}}) {
                int k = new Yolov5Matcher(t).match(gtXywh, 0, gts, anchorWh, 0, 3, grid[0], grid[1], gi, ai, cx, cy,
                        0);
                String l = t + " " + grid[0] + "x" + grid[1];
                out.ints(l + " gt", gi, 0, k).ints(l + " anchor", ai, 0, k).ints(l + " x", cx, 0, k)
                        .ints(l + " y", cy, 0, k);
            }
        }
    }

    private static void argmax(DigestInputs in, DigestHash out) {
        Boxes anchors = in.boxes(37);
        Boxes gt = in.related(anchors, 4);
        float[] similarity = BoxIou.pairwise(IouKind.IOU, gt, anchors);
        boolean[] valid = {true, false, true, true};
        List<ArgMaxMatcher> matchers = List.of(ArgMaxMatcher.builder().build(),
                ArgMaxMatcher.builder(0.5).build(),
                ArgMaxMatcher.builder(0.6, 0.3).negativesLowerThanUnmatched(false).build(),
                ArgMaxMatcher.builder(0.5, 0.4).forceMatchForEachRow(true).build(),
                ArgMaxMatcher.builder(0.5, 0.4).forceMatchForEachRow(true).forceMatchFirstRowWins(true).build());
        for (int k = 0; k < matchers.size(); k++) {
            out.ints(k + " all rows", matchers.get(k).match(similarity, 4, 37, null));
            out.ints(k + " valid rows", matchers.get(k).match(similarity, 4, 37, valid));
            out.ints(k + " no rows", matchers.get(k).match(new float[0], 0, 5, new boolean[0]));
        }
    }
}
