package dev.anchorvec.select.pipeline;

import dev.anchorvec.boxes.Boxes;

/**
 * The detections of one image, best first: xyxy boxes (planar), scores, class labels and the index of the row
 * (anchor, prediction) each came from. Reused across images: a post-processing run overwrites it and grows it
 * only when an image has more detections than any before.
 */
public final class Detections {

    Boxes boxes = Boxes.allocate(0);
    float[] scores = new float[0];
    int[] labels = new int[0];
    int[] sources = new int[0];
    int count;

    /** An empty container; it grows on first use. */
    public Detections() {}

    /** Number of detections. */
    public int count() {
        return count;
    }

    /** The boxes, xyxy, {@code count()} of them (a view of this container's memory, valid until the next run). */
    public Boxes boxes() {
        return boxes;
    }

    /** Score of detection {@code i}. */
    public float score(int i) {
        return scores[check(i)];
    }

    /** Class label of detection {@code i} (the model's class index; see the pipeline for background handling). */
    public int label(int i) {
        return labels[check(i)];
    }

    /** Index of the row detection {@code i} came from: the anchor, or the prediction row of the model output. */
    public int source(int i) {
        return sources[check(i)];
    }

    /** The scores array; entries {@code [0, count())} are valid. */
    public float[] scores() {
        return scores;
    }

    /** The labels array; entries {@code [0, count())} are valid. */
    public int[] labels() {
        return labels;
    }

    /** The sources array; entries {@code [0, count())} are valid. */
    public int[] sources() {
        return sources;
    }

    void ensure(int n) {
        if (scores.length < n) {
            boxes = Boxes.allocate(n);
            scores = new float[n];
            labels = new int[n];
            sources = new int[n];
        }
        boxes.resize(0);
    }

    private int check(int i) {
        if (i < 0 || i >= count) {
            throw new IndexOutOfBoundsException("detection " + i + " of " + count);
        }
        return i;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Detections[" + count + "]");
        for (int i = 0; i < Math.min(count, 5); i++) {
            sb.append(String.format(java.util.Locale.ROOT, "%n  %d: label %d score %.4f box [%.2f, %.2f, %.2f, %.2f] from %d",
                    i, labels[i], scores[i], boxes.x1(i), boxes.y1(i), boxes.x2(i), boxes.y2(i), sources[i]));
        }
        return sb.toString();
    }
}
