package dev.anchorvec.targets;

/**
 * Training targets of a batch, in flat arrays a training framework wraps directly (image-major, then anchor):
 * for image {@code b} and anchor {@code i} the element is at {@code b * anchors + i} ({@code * 4} for offsets).
 *
 * <ul>
 *   <li>{@link #classes()}: the matched box's class for positives, the builder's background class for
 *       background anchors (-1 unless configured, for example 0 for SSD), {@link #IGNORE} (-2) for ignored ones;</li>
 *   <li>{@link #matches()}: the matched box's index within its image, or the matcher's codes -1 (background) and
 *       -2 (ignore);</li>
 *   <li>{@link #offsets()}: the encoded box offsets, {@code [images * anchors, 4]}, zero for every anchor that is not
 *       positive;</li>
 *   <li>{@link #positive()}, {@link #negative()}, {@link #ignored()}: 0/1 masks, exactly one of them 1 per anchor;</li>
 *   <li>{@link #positives()}: the number of positives per image (the usual loss normaliser is their sum, at least
 *       1).</li>
 * </ul>
 *
 * <p>One instance is reused across batches of the same shape; it is written by one build at a time.
 */
public final class BatchTargets {

    /** The class target of an ignored anchor. */
    public static final int IGNORE = -2;

    private final int images;
    private final int anchors;
    private final int[] classes;
    private final int[] matches;
    private final float[] offsets;
    private final byte[] positive;
    private final byte[] negative;
    private final byte[] ignored;
    private final int[] positives;

    /**
     * Allocates targets for {@code images} images of {@code anchors} anchors.
     *
     * @throws IllegalArgumentException if a count is negative or {@code 4 * images * anchors} does not fit an array
     */
    public BatchTargets(int images, int anchors) {
        if (images < 0 || anchors < 0) {
            throw new IllegalArgumentException("images and anchors must be >= 0, got " + images + " and " + anchors);
        }
        long n = (long) images * anchors;
        if (4 * n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(images + " images x " + anchors + " anchors x 4 offsets do not fit one "
                    + "array");
        }
        this.images = images;
        this.anchors = anchors;
        this.classes = new int[(int) n];
        this.matches = new int[(int) n];
        this.offsets = new float[(int) (4 * n)];
        this.positive = new byte[(int) n];
        this.negative = new byte[(int) n];
        this.ignored = new byte[(int) n];
        this.positives = new int[images];
    }

    /** The number of images. */
    public int images() {
        return images;
    }

    /** The number of anchors per image. */
    public int anchors() {
        return anchors;
    }

    /** Class targets, {@code [images * anchors]}. */
    public int[] classes() {
        return classes;
    }

    /** Matched box index per anchor, or -1 / -2, {@code [images * anchors]}. */
    public int[] matches() {
        return matches;
    }

    /** Encoded offsets, {@code [images * anchors * 4]}. */
    public float[] offsets() {
        return offsets;
    }

    /** 1 where the anchor is positive. */
    public byte[] positive() {
        return positive;
    }

    /** 1 where the anchor is background. */
    public byte[] negative() {
        return negative;
    }

    /** 1 where the anchor is ignored. */
    public byte[] ignored() {
        return ignored;
    }

    /** Positives per image, {@code [images]}. */
    public int[] positives() {
        return positives;
    }

    /** Total positives of the batch. */
    public int totalPositives() {
        int s = 0;
        for (int p : positives) {
            s += p;
        }
        return s;
    }
}
