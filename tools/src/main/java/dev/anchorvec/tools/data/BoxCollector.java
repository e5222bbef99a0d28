package dev.anchorvec.tools.data;

import dev.anchorvec.anchors.fit.BoxSizes;
import java.util.Arrays;

/**
 * Accumulates box sizes scaled to the training image size, YOLOv5's rule ({@code utils/autoanchor.py}): each
 * box of an image of {@code W x H} pixels is multiplied by {@code img / max(W, H)}, as the image is letterboxed to
 * {@code img x img}. Boxes with a zero side are counted and dropped (YOLOv5 drops labels under 2 px later, as
 * the fit command does with {@code --min-side}); negative, NaN or infinite sizes are errors.
 */
final class BoxCollector {

    private final int img;
    private float[] widths = new float[1024];
    private float[] heights = new float[1024];
    private int size;
    private long zeroSize;

    /** @param img the training image size in pixels, >= 1 */
    BoxCollector(int img) {
        if (img < 1) {
            throw new IllegalArgumentException("img must be >= 1, got " + img);
        }
        this.img = img;
    }

    /** The training image size. */
    int img() {
        return img;
    }

    /**
     * The factor {@code img / max(imageWidth, imageHeight)} of one image.
     *
     * @throws IllegalArgumentException unless both image sides are finite and > 0
     */
    double factor(double imageWidth, double imageHeight) {
        checkImageSide(imageWidth, "image width");
        checkImageSide(imageHeight, "image height");
        return img / Math.max(imageWidth, imageHeight);
    }

    private static void checkImageSide(double v, String what) {
        Numbers.checkSize(v, what);
        if (v == 0) {
            throw new IllegalArgumentException(what + " is 0");
        }
    }

    /**
     * Adds a box of {@code width x height} pixels of its image, scaled by {@code factor}; a box with a zero side
     * is counted as dropped.
     *
     * @return whether the box was kept
     * @throws IllegalArgumentException for a negative, NaN or infinite side (the message says which)
     */
    boolean add(double width, double height, double factor) {
        Numbers.checkSize(width, "box width");
        Numbers.checkSize(height, "box height");
        float w = (float) (width * factor), h = (float) (height * factor);
        if (!(w > 0 && h > 0)) {   // zero, or so small that it underflows
            zeroSize++;
            return false;
        }
        if (size == widths.length) {
            widths = Arrays.copyOf(widths, 2 * size);
            heights = Arrays.copyOf(heights, 2 * size);
        }
        widths[size] = w;
        heights[size++] = h;
        return true;
    }

    /** Boxes kept so far. */
    int size() {
        return size;
    }

    /** Boxes dropped for a zero side. */
    long zeroSize() {
        return zeroSize;
    }

    /** The kept sizes. */
    BoxSizes sizes() {
        return BoxSizes.of(Arrays.copyOf(widths, size), Arrays.copyOf(heights, size));
    }
}
