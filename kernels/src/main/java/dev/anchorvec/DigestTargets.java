package dev.anchorvec;

import dev.anchorvec.boxes.Boxes;
import dev.anchorvec.encode.DeltaCoder;
import dev.anchorvec.match.MaxIouMatcher;
import dev.anchorvec.targets.BatchTargets;
import dev.anchorvec.targets.GroundTruthBatch;
import dev.anchorvec.targets.TargetBuilder;
import dev.anchorvec.targets.TargetWorkspace;
import java.util.List;

/**
 * {@link KernelDigest}'s workload for {@code dev.anchorvec.targets}: RetinaNet's, SSD's and an RPN-style target
 * builder over a batch of three images (one without ground truth) on 103 grid anchors, image by image and as a
 * batch: matching, the matched encode and the label and mask kernels.
 */
final class DigestTargets {

    static final List<DigestFamily> FAMILIES = List.of(new DigestFamily("targets.batch", DigestTargets::batch));

    private DigestTargets() {}

    private static void batch(DigestInputs in, DigestHash out) {
        Boxes anchors = DigestBoxes.gridBoxes(103, 12, 28f);
        int[] counts = {5, 0, 8};
        int total = 13;
        float[] boxes = in.imageRows(total, 320f);
        int[] labels = new int[total];
        for (int i = 0; i < total; i++) {
            labels[i] = 1 + in.nextInt(4);
        }
        GroundTruthBatch gt = new GroundTruthBatch(boxes, counts, labels, 5);
        List<TargetBuilder> builders = List.of(TargetBuilder.retinaNet(anchors), TargetBuilder.ssd(anchors),
                new TargetBuilder(anchors, MaxIouMatcher.detectron2Rpn(), DeltaCoder.mmdet(), -1));
        TargetWorkspace ws = new TargetWorkspace();
        for (int k = 0; k < builders.size(); k++) {
            BatchTargets t = new BatchTargets(3, anchors.size());
            builders.get(k).buildBatch(gt, t, ws);
            hash(k + " batch", t, out);
        }
        // image by image, in another order, into targets that hold another batch's values
        BatchTargets one = new BatchTargets(3, anchors.size());
        builders.get(1).buildBatch(gt, one, ws);
        for (int image = 2; image >= 0; image--) {
            out.value("image " + image + " positives", builders.get(0).build(gt, image, one, ws));
        }
        hash("images", one, out);
    }

    private static void hash(String label, BatchTargets t, DigestHash out) {
        out.ints(label + " classes", t.classes()).ints(label + " matches", t.matches());
        out.floats(label + " offsets", t.offsets());
        out.bytes(label + " positive", t.positive(), 0, t.positive().length);
        out.bytes(label + " negative", t.negative(), 0, t.negative().length);
        out.bytes(label + " ignored", t.ignored(), 0, t.ignored().length);
        out.ints(label + " positives", t.positives()).value(label + " total", t.totalPositives());
    }
}
