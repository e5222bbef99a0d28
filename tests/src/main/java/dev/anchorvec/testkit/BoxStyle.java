package dev.anchorvec.testkit;

/**
 * The kinds of boxes {@link BoxGen} draws. Each targets a way kernels go wrong: lane edges are covered by
 * {@link Sizes}; these cover the values.
 */
public enum BoxStyle {
    /** Ordinary boxes in the case's region: the bulk of any realistic input. */
    RANDOM,
    /** Small integer coordinates on a grid: exact arithmetic, so many pairs tie exactly (argmax, NMS order). */
    GRID,
    /** Zero width, zero height, or a point: areas of 0 and unions of 0 (0 / 0). */
    DEGENERATE,
    /** Sharing an edge or a corner with an earlier box: intersection exactly 0 with the boxes in contact. */
    TOUCHING,
    /** Inside or around an earlier box: IoA of 1, GIoU's enclosing box equal to one of the boxes. */
    NESTED,
    /** An exact copy of an earlier box: IoU exactly 1 and exact ties between copies. */
    DUPLICATE,
    /** An earlier box moved by a tiny fraction of its size: near-ties that differ in the last bits. */
    JITTER,
    /** Coordinates of 1e6 to 1e7: areas near 1e14, squared diagonals near 1e14. */
    HUGE,
    /** Sizes near 1e-3 and near 1e-20 (subnormal areas, or areas that underflow to 0). */
    TINY,
    /** Small boxes 1e4 to 1e6 away from the origin: coarse float spacing, cancellation in widths. */
    FAR,
    /** {@code x2 < x1} or {@code y2 < y1}: must count as empty. */
    INVERTED,
    /** A NaN or infinite coordinate; only drawn when asked for ({@link BoxGen#all()}). */
    NON_FINITE
}
