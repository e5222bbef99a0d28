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
}
