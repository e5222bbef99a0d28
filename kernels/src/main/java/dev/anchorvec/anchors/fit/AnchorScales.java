package dev.anchorvec.anchors.fit;

import java.util.Objects;

/**
 * The seed's rule for anchor scales: k scales spaced linearly between the smallest and the largest object side
 * found in a dataset, as fractions of the image size. The smallest side is the minimum over boxes of
 * {@code min(w, h)}, the largest the maximum of {@code max(w, h)}.
 *
 * <pre>{@code
 * double[] s = AnchorScales.linear(0.15625, 0.3125, 3);   // 0.15625, 0.234375, 0.3125
 * }</pre>
 */
public final class AnchorScales {

    private AnchorScales() {}

    /**
     * {@code min + (max - min) * i / (k - 1)} for {@code i < k} (just {@code min} when {@code k == 1}).
     *
     * @throws IllegalArgumentException unless {@code 0 < min <= max} are finite and {@code k >= 1}
     */
    public static double[] linear(double min, double max, int k) {
        if (!(min > 0 && max >= min && max < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("need 0 < min <= max, finite; got min " + min + ", max " + max);
        }
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        double[] s = new double[k];
        for (int i = 0; i < k; i++) {
            s[i] = k == 1 ? min : min + (max - min) * i / (k - 1);
        }
        return s;
    }

    /**
     * The seed's rule on a dataset: {@link #linear} between its smallest and largest object side, divided by
     * {@code imageSize}.
     *
     * @throws IllegalArgumentException for an empty dataset, {@code imageSize <= 0} or {@code k < 1}
     */
    public static double[] fromData(BoxSizes boxes, double imageSize, int k) {
        Objects.requireNonNull(boxes, "boxes");
        if (boxes.size() == 0) {
            throw new IllegalArgumentException("boxes is empty");
        }
        if (!(imageSize > 0 && imageSize < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("imageSize must be finite and > 0, got " + imageSize);
        }
        double min = Double.POSITIVE_INFINITY, max = 0;
        for (int i = 0; i < boxes.size(); i++) {
            float w = boxes.width(i), h = boxes.height(i);
            min = Math.min(min, Math.min(w, h));
            max = Math.max(max, Math.max(w, h));
        }
        return linear(min / imageSize, max / imageSize, k);
    }
}
