package dev.anchorvec.targets;

import dev.anchorvec.internal.Args;

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
 * <p><b>Validation.</b> The constructor allocates {@code 27 * images * anchors} bytes and one int per image: it
 * rejects negative counts, more than {@link #MAX_IMAGES} images, and {@code 4 * images * anchors} above the longest
 * array ({@link #MAX_SLOTS} anchor slots), with an {@link IllegalArgumentException} naming the argument and the
 * limit, before allocating anything.
 *
 * <p><b>Threads and aliasing.</b> The arrays are the instance's own (returned, not copied, so a framework can wrap
 * them); one instance is reused across batches of the same shape. It has no lock: a build writes only the images
 * it builds, so concurrent builds of <em>different</em> images of one instance are fine, but two calls building
 * the same image at once give undefined (though in-bounds) targets. Builds never read these arrays, so writing
 * them between builds is harmless.
 */
public final class BatchTargets {

    /** The class target of an ignored anchor. */
    public static final int IGNORE = -2;

    /** The most images of one instance: {@code 2^20}, far above any batch size. */
    public static final int MAX_IMAGES = 1 << 20;

    /**
     * The most anchor slots ({@code images * anchors}) of one instance: the offsets, four floats per slot, fill at
     * most one array ({@code (Integer.MAX_VALUE - 8) / 4} slots).
     */
    public static final int MAX_SLOTS = Args.MAX_ARRAY_LENGTH / 4;

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
     * @throws IllegalArgumentException if a count is negative, {@code images > } {@link #MAX_IMAGES} or
     *                                  {@code images * anchors > } {@link #MAX_SLOTS}
     */
    public BatchTargets(int images, int anchors) {
        Args.inRange(images, 0, MAX_IMAGES, "images");
        Args.count(anchors, "anchors");
        long n = Args.allocation((long) images * anchors, MAX_SLOTS, "images * anchors");
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
