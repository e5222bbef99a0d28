package dev.anchorvec.reference;

import dev.anchorvec.boxes.IouKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Greedy NMS from the definition: visit boxes by descending score, equal scores by lower index, NaN scores
 * never; keep a box unless a kept box has {@code (double) ReferenceIou.iou(kept, box) > threshold}. Quadratic
 * and allocating on purpose.
 */
public final class ReferenceNms {

    private ReferenceNms() {}

    /**
     * Kept indices, best first.
     *
     * @param xyxy      interleaved {@code [n, 4]} boxes
     * @param scores    {@code n} scores
     * @param threshold suppression threshold (strict {@code >})
     */
    public static int[] greedy(float[] xyxy, float[] scores, double threshold) {
        int n = scores.length;
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (!Float.isNaN(scores[i])) {
                candidates.add(i);
            }
        }
        // Float.compare would rank -0.0 below 0.0; torchvision (and the definition) treat them as equal.
        candidates.sort(Comparator.<Integer>comparingDouble(i -> -(scores[i] + 0.0)).thenComparingInt(i -> i));
        List<Integer> kept = new ArrayList<>();
        for (int i : candidates) {
            boolean suppressed = false;
            for (int k : kept) {
                double iou = ReferenceIou.value(IouKind.IOU, xyxy, k, xyxy, i);
                if (iou > threshold) {
                    suppressed = true;
                    break;
                }
            }
            if (!suppressed) {
                kept.add(i);
            }
        }
        return kept.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Per-class NMS from the definition: {@link #greedy} on each class's boxes alone, the kept boxes of all
     * classes merged by descending score, equal scores by lower index.
     *
     * @param xyxy      interleaved {@code [n, 4]} boxes
     * @param scores    {@code n} scores
     * @param classes   {@code n} class ids
     * @param threshold suppression threshold (strict {@code >})
     */
    public static int[] batched(float[] xyxy, float[] scores, int[] classes, double threshold) {
        List<Integer> kept = new ArrayList<>();
        for (int c : java.util.Arrays.stream(classes).distinct().toArray()) {
            List<Integer> members = new ArrayList<>();
            for (int i = 0; i < classes.length; i++) {
                if (classes[i] == c) {
                    members.add(i);
                }
            }
            float[] b = new float[4 * members.size()];
            float[] s = new float[members.size()];
            for (int k = 0; k < members.size(); k++) {
                System.arraycopy(xyxy, 4 * members.get(k), b, 4 * k, 4);
                s[k] = scores[members.get(k)];
            }
            for (int k : greedy(b, s, threshold)) {
                kept.add(members.get(k));
            }
        }
        kept.sort(Comparator.<Integer>comparingDouble(i -> -(scores[i] + 0.0)).thenComparingInt(i -> i));
        return kept.stream().mapToInt(Integer::intValue).toArray();
    }
}
