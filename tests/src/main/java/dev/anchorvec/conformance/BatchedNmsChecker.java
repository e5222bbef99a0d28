package dev.anchorvec.conformance;

import dev.anchorvec.boxes.Boxes;
import dev.anchorvec.select.BatchedNms;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code batched_nms}: {@link BatchedNms#run(Boxes, float[], int[], int, double)} against
 * {@code keep_per_class_ref}, the exact per-class NMS (torchvision kernel semantics, merged by score descending
 * and index ascending), in order. torchvision's own {@code keep} is compared as a set, and only when it took its
 * per-class loop ({@code path = vanilla}): its coordinate-offset path can change decisions (corpus cases
 * {@code large_coords_trick_differs_*}), and its loop orders equal scores by an unstable sort.
 */
public final class BatchedNmsChecker implements OpChecker {

    @Override
    public String op() {
        return "batched_nms";
    }

    @Override
    public List<String> check(Bxt c) {
        Boxes boxes = NmsChecker.boxes(c);
        float[] scores = NmsChecker.scores(c, boxes.size());
        int[] classes = ints(c.longs("idxs"));
        int numClasses = 1 + Arrays.stream(classes).max().orElse(0);
        double threshold = c.doubles("iou_threshold")[0];
        int[] ours = BatchedNms.run(boxes, scores, classes, numClasses, threshold);
        List<String> failures = new ArrayList<>();
        int[] exact = ints(c.longs("keep_per_class_ref"));
        if (!Arrays.equals(ours, exact)) {
            int at = Arrays.mismatch(exact, ours);
            failures.add("keep_per_class_ref (exact, in order; threshold " + threshold + "): " + exact.length
                    + " expected, " + ours.length + " kept, first difference at position " + at);
        }
        if (c.string("path").equals("vanilla")) {
            int[] tv = ints(c.longs("keep"));
            if (!Arrays.equals(sorted(tv), sorted(ours))) {
                failures.add("keep (torchvision's per-class loop, as a set): " + tv.length + " expected, "
                        + ours.length + " kept");
            }
        }
        return failures;
    }

    private static int[] ints(long[] values) {
        return Arrays.stream(values).mapToInt(Math::toIntExact).toArray();
    }

    private static int[] sorted(int[] values) {
        int[] copy = values.clone();
        Arrays.sort(copy);
        return copy;
    }
}
