package dev.anchorvec.targets;

import dev.anchorvec.internal.Args;

/**
 * The ground truth of a batch of images in flat arrays, as a data loader produces it: the boxes of all images
 * concatenated ({@code xyxy}, interleaved {@code [sum M_b, 4]}), each image's box count, and one class label per box.
 *
 * <p><b>Validation.</b> The constructor checks everything the target builder relies on, so a batch that constructs
 * can be built without failing half-way: counts {@code >= 0} whose sum (in {@code long}) fits the arrays, boxes
 * whose width and height are {@code > 0} and finite - so the coordinates are finite too (a degenerate box cannot
 * be encoded: its log-size is infinite, and torchvision's SSD raises for it; a box whose width overflows float,
 * such as {@code [-3e38, 0, 3e38, 1]}, is rejected for the same reason: its encoded size would be infinite) -
 * and labels in {@code [0, numClasses)}. Each failure is an {@link IllegalArgumentException} naming the argument
 * and index. Any such box is accepted, however large or small (subnormal sizes included).
 *
 * <p><b>Copies and threads.</b> The constructor copies the used part of the three arrays (a few values per box),
 * so the batch is immutable: later changes to the caller's arrays change nothing, and a batch may be shared by
 * threads. {@link #boxes()} and {@link #labels()} return copies.
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

    /** The boxes of all images, interleaved xyxy; read in place by the target builder. */
    final float[] boxes;
    /** One label per box; read in place by the target builder. */
    final int[] labels;
    private final int[] counts;
    private final int[] starts;
    private final int maxCount;

    /**
     * @param boxes      interleaved {@code xyxy} boxes of all images, image after image (values past the counted
     *                   boxes are ignored)
     * @param counts     the number of boxes of each image
     * @param labels     the class label of each box, in {@code [0, numClasses)} (values past the counted boxes are
     *                   ignored)
     * @param numClasses the number of classes, > 0
     * @throws IllegalArgumentException naming the argument and index when a count is negative, the arrays do not hold
     *                                  the counted boxes, a box has no positive and finite width or height, or a
     *                                  label is out of range
     */
    public GroundTruthBatch(float[] boxes, int[] counts, int[] labels, int numClasses) {
        Args.notNull(boxes, "boxes");
        Args.notNull(counts, "counts");
        Args.notNull(labels, "labels");
        Args.positive(numClasses, "numClasses");
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
            // 0 < w < Infinity also rules out NaN and infinite coordinates (their difference is NaN or infinite).
            float w = x2 - x1, h = y2 - y1;
            if (!(w > 0 && w < Float.POSITIVE_INFINITY && h > 0 && h < Float.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("boxes[" + j + "] (image " + image(starts, j) + ") = [" + x1 + ", "
                        + y1 + ", " + x2 + ", " + y2 + "] must have a width and height > 0 and finite, has " + w
                        + " x " + h);
            }
            if (labels[j] < 0 || labels[j] >= numClasses) {
                throw new IllegalArgumentException("labels[" + j + "] = " + labels[j] + " is not in [0, " + numClasses
                        + ")");
            }
        }
        this.boxes = java.util.Arrays.copyOf(boxes, (int) (4 * total));
        this.labels = java.util.Arrays.copyOf(labels, (int) total);
        this.counts = counts.clone();
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

    /**
     * The number of boxes of image {@code b}.
     *
     * @throws IllegalArgumentException unless {@code 0 <= b < images()}
     */
    public int count(int b) {
        return counts[Args.index(b, counts.length, "b")];
    }

    /**
     * Index of image {@code b}'s first box in {@link #labels()} (and of its {@code x1} in boxes, divided by 4);
     * {@code start(images())} is the total number of boxes.
     *
     * @throws IllegalArgumentException unless {@code 0 <= b <= images()}
     */
    public int start(int b) {
        return starts[Args.index(b, starts.length, "b")];
    }

    /** The largest per-image box count. */
    public int maxCount() {
        return maxCount;
    }

    /** A copy of the boxes of all images, interleaved xyxy ({@code 4 * start(images())} values). */
    public float[] boxes() {
        return boxes.clone();
    }

    /** A copy of the labels of all boxes ({@code start(images())} values). */
    public int[] labels() {
        return labels.clone();
    }
}
