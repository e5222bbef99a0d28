package dev.anchorvec.tools.data;

import dev.anchorvec.anchors.fit.BoxSizes;
import java.util.Arrays;

/**
 * Accumulates box sizes scaled to the training image size, YOLOv5's rule ({@code utils/autoanchor.py}): each
 * box of an image of {@code W x H} pixels is multiplied by {@code img / max(W, H)}, as the image is letterboxed to
 * {@code img x img}. Boxes with a zero side are counted and dropped (YOLOv5 drops labels under 2 px later, as
 * the fit command does with {@code --min-side}); negative, NaN or infinite sizes are errors.
 *
 * <p>Limits: an image side is in [1, {@link #MAX_SIDE}] pixels, a scaled box side at most {@link #MAX_SIDE}
 * pixels, and at most
 * {@link #MAX_BOXES} boxes are kept. The messages give the value and the limit; the readers add the file and
 * the record.
 */
final class BoxCollector {

    /**
     * The largest image side, and the largest box side after scaling, in pixels: 2^24 = 16 777 216. Larger than
     * any real image (JPEG stops at 65 535), every integer up to it is exact in a {@code float} (the kernels'
     * type), and the fit's areas and sums stay far from float overflow. A larger value is a broken label, and
     * would otherwise reach the kernels as infinity or overwhelm the k-means means.
     */
    static final int MAX_SIDE = 1 << 24;

    /** The most boxes kept: the largest array the JVM allocates. */
    static final int MAX_BOXES = Integer.MAX_VALUE - 8;

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
     * @throws IllegalArgumentException unless both image sides are finite and in [1, {@link #MAX_SIDE}]
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
        if (v < 1) {   // an image has at least one pixel a side; less would blow its boxes up by img / v
            throw new IllegalArgumentException(what + " is " + Numbers.format(v) + ", below 1 px");
        }
        if (v > MAX_SIDE) {
            throw new IllegalArgumentException(what + " is " + Numbers.format(v) + ", above the limit of "
                    + MAX_SIDE + " px (2^24)");
        }
    }

    /**
     * Adds a box of {@code width x height} pixels of its image, scaled by {@code factor}; a box with a zero side
     * is counted as dropped.
     *
     * @return whether the box was kept
     * @throws IllegalArgumentException for a negative, NaN or infinite side, a scaled side above
     *                                  {@link #MAX_SIDE}, or more than {@link #MAX_BOXES} boxes (the message
     *                                  gives the value and the limit)
     */
    boolean add(double width, double height, double factor) {
        Numbers.checkSize(width, "box width");
        Numbers.checkSize(height, "box height");
        double sw = width * factor, sh = height * factor;
        checkScaledSide(width, sw, factor, "box width");
        checkScaledSide(height, sh, factor, "box height");
        float w = (float) sw, h = (float) sh;
        if (!(w > 0 && h > 0)) {   // zero, or so small that it underflows
            zeroSize++;
            return false;
        }
        if (size == widths.length) {
            if (size == MAX_BOXES) {
                throw new IllegalArgumentException("more than " + MAX_BOXES + " boxes, the most anchorvec fit"
                        + " reads");
            }
            int grown = (int) Math.min(2L * size, MAX_BOXES);
            widths = Arrays.copyOf(widths, grown);
            heights = Arrays.copyOf(heights, grown);
        }
        widths[size] = w;
        heights[size++] = h;
        return true;
    }

    private void checkScaledSide(double side, double scaled, double factor, String what) {
        if (!(scaled <= MAX_SIDE)) {   // also an overflow to infinity
            throw new IllegalArgumentException(what + " is " + Numbers.format(side) + (factor == 1 ? " px" : " px,"
                    + " scaled by img / max(image width, height) = " + Numbers.format(factor) + " to "
                    + Numbers.format(scaled) + " px") + " at img " + img + ": above the limit of " + MAX_SIDE
                    + " px (2^24)");
        }
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
