package dev.anchorvec.boxes;

import dev.anchorvec.internal.Args;

/**
 * The aliasing check of the facades: an output range must not overlap the planes of boxes the call reads (the
 * vector and the scalar code read and write in different orders, so an overlap would make the answer depend on
 * the implementation, and it would corrupt the caller's boxes). Cheap when nothing is shared: one reference
 * comparison.
 */
final class PlaneOverlap {

    private static final String[] PLANES = {"x1", "y1", "x2", "y2"};

    private PlaneOverlap() {}

    /**
     * Throws {@link IllegalArgumentException} if {@code array[from, from + count)} overlaps plane {@code k} of
     * boxes {@code [bFrom, bTo)} of {@code b}, for any {@code k}.
     */
    static void check(Object array, long from, long count, String name, Boxes b, int bFrom, int bTo, String bName) {
        if (array == b.data()) {
            for (int k = 0; k < 4; k++) {
                Args.disjoint(array, from, count, name, b.data(), (long) b.plane(k) + bFrom, bTo - bFrom,
                        bName + "." + PLANES[k] + " plane");
            }
        }
    }
}
