package dev.anchorvec.targets;

import java.util.Objects;

/**
 * The ground truth of a batch of images in flat arrays, as a data loader produces it: the boxes of all images
 * concatenated ({@code xyxy}, interleaved {@code [sum M_b, 4]}), each image's box count, and one class label per box.
 *
 * <p>The arrays are wrapped, not copied. The constructor checks everything the target builder relies on, so a
 * batch that constructs can be built without failing half-way: counts >= 0 that fit the arrays, finite boxes with
 * positive width and height (a degenerate box cannot be encoded: its log-size is infinite; torchvision's SSD raises
 * for it too) and labels in {@code [0, numClasses)}.
 *
 * <pre>{@code
 * // image 0 has two boxes, image 1 none, image 2 one
 * float[] boxes = {10, 10, 50, 80,  30, 40, 90, 100,  0, 0, 20, 20};
 * int[] counts = {2, 0, 1};
 * int[] labels = {3, 7, 0};
 * GroundTruthBatch gt = new GroundTruthBatch(boxes, counts, labels, 80);
 * }</pre>
 */
public final class GroundTruthBatch {

    private final float[] boxes;
    private final int[] counts;
    private final int[] labels;
    private final int[] starts;
    private final int maxCount;

    /**
     * @param boxes      interleaved {@code xyxy} boxes of all images, image after image
     * @param counts     the number of boxes of each image
     * @param labels     the class label of each box, in {@code [0, numClasses)}
     * @param numClasses the number of classes, > 0
     * @throws IllegalArgumentException naming the argument and index when a count is negative, the arrays do not hold
     *                                  the counted boxes, a box is not finite or has no positive width or height, or a
     *                                  label is out of range
     */
    public GroundTruthBatch(float[] boxes, int[] counts, int[] labels, int numClasses) {
        Objects.requireNonNull(boxes, "boxes");
        Objects.requireNonNull(counts, "counts");
        Objects.requireNonNull(labels, "labels");
        if (numClasses <= 0) {
            throw new IllegalArgumentException("numClasses must be > 0, got " + numClasses);
        }
        int[] starts = new int[counts.length + 1];
        long total = 0;
        int max = 0;
        for (int b = 0; b < counts.length; b++) {
            if (counts[b] < 0) {
                throw new IllegalArgumentException("counts[" + b + "] must be >= 0, got " + counts[b]);
            }
            total += counts[b];
            if (total > labels.length || 4 * total > boxes.length) {
                throw new IllegalArgumentException("counts[0.." + b + "] sum to " + total + " boxes but boxes.length is "
                        + boxes.length + " (4 per box) and labels.length is " + labels.length);
            }
            starts[b + 1] = (int) total;
            max = Math.max(max, counts[b]);
        }
        for (int j = 0; j < total; j++) {
            float x1 = boxes[4 * j], y1 = boxes[4 * j + 1], x2 = boxes[4 * j + 2], y2 = boxes[4 * j + 3];
            boolean finite = Float.isFinite(x1) && Float.isFinite(y1) && Float.isFinite(x2) && Float.isFinite(y2);
            if (!finite || !(x2 - x1 > 0) || !(y2 - y1 > 0)) {
                throw new IllegalArgumentException("boxes[" + j + "] (image " + image(starts, j) + ") = [" + x1 + ", "
                        + y1 + ", " + x2 + ", " + y2 + "] must be finite with x2 > x1 and y2 > y1");
            }
            if (labels[j] < 0 || labels[j] >= numClasses) {
                throw new IllegalArgumentException("labels[" + j + "] = " + labels[j] + " is not in [0, " + numClasses
                        + ")");
            }
        }
        this.boxes = boxes;
        this.counts = counts;
        this.labels = labels;
        this.starts = starts;
        this.maxCount = max;
    }

    private static int image(int[] starts, int j) {
        int b = 0;
        while (starts[b + 1] <= j) {
            b++;
        }
        return b;
    }

    /** The number of images. */
    public int images() {
        return counts.length;
    }

    /** The number of boxes of image {@code b}. */
    public int count(int b) {
        return counts[b];
    }

    /** Index of image {@code b}'s first box in {@link #labels()} (and of its {@code x1} in boxes, divided by 4). */
    public int start(int b) {
        return starts[b];
    }

    /** The largest per-image box count. */
    public int maxCount() {
        return maxCount;
    }

    /** The wrapped interleaved boxes. */
    public float[] boxes() {
        return boxes;
    }

    /** The wrapped labels. */
    public int[] labels() {
        return labels;
    }
}
