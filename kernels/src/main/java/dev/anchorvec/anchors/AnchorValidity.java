package dev.anchorvec.anchors;

import dev.anchorvec.boxes.Boxes;
import dev.anchorvec.internal.Args;
import java.util.List;
import java.util.Objects;

/**
 * Which anchors take part in training, as mmdet decides it: anchors of feature map cells that lie on image
 * padding are invalid ({@link #validFlags}), and anchors that stick out of the image by more than an allowed
 * border are excluded ({@link #insideFlags}). Both write {@code boolean} flags into a caller array and return how
 * many are true; combine them with {@code &&} as mmdet's {@code anchor_inside_flags} does. Nothing is written when
 * an argument is rejected.
 */
public final class AnchorValidity {

    private AnchorValidity() {}

    /**
     * mmdet {@code anchor_inside_flags}: anchor {@code i} of the interleaved xyxy array is inside when
     * {@code x1 >= -border}, {@code y1 >= -border}, {@code x2 < imageWidth + border} and
     * {@code y2 < imageHeight + border}, compared in float32; with a negative {@code allowedBorder} every anchor
     * counts as inside (mmdet's {@code allowed_border = -1}). Otherwise an anchor with a NaN coordinate is never inside.
     *
     * @param anchors       {@code [count, 4]} xyxy rows from {@code anchors[offset]}
     * @param imageHeight   the image height in pixels (mmdet's {@code img_shape[0]}), finite
     * @param imageWidth    the image width, finite
     * @param allowedBorder how far (pixels) an anchor may reach past the image, or negative for no check; not NaN
     * @param flags         receives the flags at {@code flags[0 .. count)}
     * @return the number of anchors inside
     * @throws IllegalArgumentException if an array is too small, {@code count} or {@code offset} is negative, or a
     *                                  size is not finite
     */
    public static int insideFlags(float[] anchors, int offset, int count, double imageHeight, double imageWidth,
                                  double allowedBorder, boolean[] flags) {
        Objects.requireNonNull(anchors, "anchors");
        Objects.requireNonNull(flags, "flags");
        checkCount(count);
        if (offset < 0 || (long) offset + 4L * count > anchors.length) {
            throw new IllegalArgumentException("anchors.length " + anchors.length + " is too small: needs offset "
                    + offset + " + 4 * " + count);
        }
        checkFlags(flags, 0, count);
        Bounds b = new Bounds(imageHeight, imageWidth, allowedBorder);
        int inside = 0;
        for (int i = 0; i < count; i++) {
            int o = offset + 4 * i;
            boolean in = b.inside(anchors[o], anchors[o + 1], anchors[o + 2], anchors[o + 3]);
            flags[i] = in;
            inside += in ? 1 : 0;
        }
        return inside;
    }

    /**
     * {@link #insideFlags(float[], int, int, double, double, double, boolean[])} for planar xyxy boxes (for example
     * {@link AnchorGrid#toBoxes()}); flags at {@code flags[0 .. anchors.size())}.
     */
    public static int insideFlags(Boxes anchors, double imageHeight, double imageWidth, double allowedBorder,
                                  boolean[] flags) {
        Objects.requireNonNull(anchors, "anchors");
        Objects.requireNonNull(flags, "flags");
        int n = anchors.size();
        checkFlags(flags, 0, n);
        Bounds b = new Bounds(imageHeight, imageWidth, allowedBorder);
        float[] d = anchors.data();
        int x1 = anchors.plane(0), y1 = anchors.plane(1), x2 = anchors.plane(2), y2 = anchors.plane(3);
        int inside = 0;
        for (int i = 0; i < n; i++) {
            boolean in = b.inside(d[x1 + i], d[y1 + i], d[x2 + i], d[y2 + i]);
            flags[i] = in;
            inside += in ? 1 : 0;
        }
        return inside;
    }

    /**
     * mmdet {@code valid_flags} for every level of {@code grid}: the cell {@code (y, x)} of level {@code l} is valid
     * when {@code x < min(ceil(padWidth / strideX[l]), width)} and {@code y < min(ceil(padHeight / strideY[l]),
     * height)}, i.e. when its stride-sized patch starts inside the padded image; all anchors of a cell share its
     * flag. Flags follow the grid's order at {@code flags[0 .. grid.size())}.
     *
     * @param strideY   per level the stride along y in pixels (each finite and > 0)
     * @param strideX   per level the stride along x
     * @param padHeight the padded image height mmdet calls {@code pad_shape[0]}, >= 0
     * @param padWidth  the padded image width, >= 0
     * @return the number of valid anchors
     */
    public static int validFlags(AnchorGrid grid, double[] strideY, double[] strideX, int padHeight, int padWidth,
                                 boolean[] flags) {
        Objects.requireNonNull(grid, "grid");
        Objects.requireNonNull(flags, "flags");
        double[] sy = Args.positiveCopy(strideY, "strideY");
        double[] sx = Args.positiveCopy(strideX, "strideX");
        Args.sameCount(sy.length, grid.levels(), "strideY", "levels");
        Args.sameCount(sx.length, grid.levels(), "strideX", "levels");
        checkPad(padHeight, padWidth);
        checkFlags(flags, 0, grid.size());
        List<GridLevel> levels = grid.levelList();
        int valid = 0;
        for (int l = 0; l < levels.size(); l++) {
            valid += validFlags(levels.get(l), sy[l], sx[l], padHeight, padWidth, flags, grid.levelOffset(l));
        }
        return valid;
    }

    /**
     * mmdet {@code valid_flags} for one level, written at {@code flags[offset .. offset + level.size())}.
     *
     * @see #validFlags(AnchorGrid, double[], double[], int, int, boolean[])
     */
    public static int validFlags(GridLevel level, double strideY, double strideX, int padHeight, int padWidth,
                                 boolean[] flags, int offset) {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(flags, "flags");
        Args.positive(strideY, "strideY");
        Args.positive(strideX, "strideX");
        checkPad(padHeight, padWidth);
        checkFlags(flags, offset, level.size());
        int validH = (int) Math.min(Math.ceil(padHeight / strideY), level.height());
        int validW = (int) Math.min(Math.ceil(padWidth / strideX), level.width());
        int a = level.anchorsPerLocation();
        int k = offset;
        for (int y = 0; y < level.height(); y++) {
            for (int x = 0; x < level.width(); x++) {
                boolean valid = y < validH && x < validW;
                for (int j = 0; j < a; j++) {
                    flags[k++] = valid;
                }
            }
        }
        return validH * validW * a;
    }

    private static void checkCount(int count) {
        Args.count(count, "count");
    }

    private static void checkPad(int padHeight, int padWidth) {
        Args.count(padHeight, "padHeight");
        Args.count(padWidth, "padWidth");
    }

    private static void checkFlags(boolean[] flags, int offset, int needed) {
        Args.room(offset, needed, flags.length, "flags");
    }

    /** The float32 thresholds of one image; {@code all} when the border is negative. */
    private record Bounds(boolean all, float lo, float hiX, float hiY) {

        Bounds(double imageHeight, double imageWidth, double allowedBorder) {
            this(check(allowedBorder, "allowedBorder") < 0, (float) -allowedBorder,
                    (float) (check(imageWidth, "imageWidth") + allowedBorder),
                    (float) (check(imageHeight, "imageHeight") + allowedBorder));
        }

        private static double check(double v, String name) {
            return Args.finite(v, name);
        }

        boolean inside(float x1, float y1, float x2, float y2) {
            return all || (x1 >= lo && y1 >= lo && x2 < hiX && y2 < hiY);
        }
    }
}
