package dev.anchorvec.anchors;

import dev.anchorvec.internal.Args;

/**
 * Feature map sizes of FPN-style backbones, and torchvision's strides derived from them.
 *
 * <p>Every stride-2 stage of ResNet, FPN's extra levels, Darknet and YOLOv5's backbones (3x3 convolutions with
 * padding 1, ResNet's 7x7 stem with padding 3, its 3x3 max pool with padding 1, FPN's 1x1 max pool) maps a side
 * {@code n} to {@code ceil(n / 2)}, so level {@code k} (stride {@code 2^k}) has side {@code n} halved with
 * rounding up {@code k} times: 800 x 1216 gives {@code (100, 152), (50, 76), (25, 38), (13, 19), (7, 10)} for
 * levels 3 to 7.
 */
public final class FpnGrids {

    /** The deepest level supported (stride 2^30). */
    public static final int MAX_LEVEL = 30;

    private FpnGrids() {}

    /**
     * {@code {height, width}} of levels {@code minLevel..maxLevel}: each side halved with rounding up
     * {@code level} times.
     *
     * @throws IllegalArgumentException unless the image sides are >= 1 and
     *                                  {@code 0 <= minLevel <= maxLevel <= MAX_LEVEL}
     */
    public static int[][] sizes(int imageHeight, int imageWidth, int minLevel, int maxLevel) {
        Args.positive(imageHeight, "imageHeight");
        Args.positive(imageWidth, "imageWidth");
        if (minLevel < 0 || minLevel > MAX_LEVEL) {
            throw new IllegalArgumentException("minLevel must be within [0, " + MAX_LEVEL + "], got " + minLevel);
        }
        if (maxLevel < minLevel || maxLevel > MAX_LEVEL) {
            throw new IllegalArgumentException("maxLevel must be within [minLevel = " + minLevel + ", " + MAX_LEVEL
                    + "], got " + maxLevel);
        }
        int[][] out = new int[maxLevel - minLevel + 1][];
        for (int level = minLevel; level <= maxLevel; level++) {
            out[level - minLevel] = new int[] {halved(imageHeight, level), halved(imageWidth, level)};
        }
        return out;
    }

    /**
     * torchvision's strides: {@code {imageHeight / h, imageWidth / w}} per level, integer division. They are the
     * nominal strides only when the image side is a multiple of {@code 2^level}: at 800 x 1216, P6 and P7 get
     * {@code (61, 64)} and {@code (114, 121)}, not 64 and 128.
     *
     * @param grids {@code {height, width}} per level, each at least 1 and at most the image side
     */
    public static int[][] torchvisionStrides(int imageHeight, int imageWidth, int[][] grids) {
        Args.positive(imageHeight, "imageHeight");
        Args.positive(imageWidth, "imageWidth");
        int[][] g = FpnGrids.checkedGrids(grids, "grids");
        int[][] out = new int[g.length][];
        for (int l = 0; l < g.length; l++) {
            if (g[l][0] > imageHeight || g[l][1] > imageWidth) {
                throw new IllegalArgumentException("grids[" + l + "] = " + g[l][0] + " x " + g[l][1]
                        + " is larger than the image " + imageHeight + " x " + imageWidth + " (stride 0)");
            }
            out[l] = new int[] {imageHeight / g[l][0], imageWidth / g[l][1]};
        }
        return out;
    }

    /** Feature map sizes: a non-empty array of {@code {height, width}} pairs, each {@code >= 1}; a deep copy. */
    static int[][] checkedGrids(int[][] grids, String name) {
        Args.notNull(grids, name);
        if (grids.length == 0) {
            throw new IllegalArgumentException(name + " must hold at least one level");
        }
        int[][] copy = new int[grids.length][];
        for (int l = 0; l < grids.length; l++) {
            int[] g = grids[l];
            if (g == null || g.length != 2 || g[0] < 1 || g[1] < 1) {
                // Messages are built only here, on failure.
                Args.notNull(g, name + "[" + l + "]");
                if (g.length != 2) {
                    throw new IllegalArgumentException(name + "[" + l + "] must be {height, width}, has " + g.length
                            + " values");
                }
                Args.positive(g[0], name + "[" + l + "][0] (height)");
                Args.positive(g[1], name + "[" + l + "][1] (width)");
            }
            copy[l] = g.clone();
        }
        return copy;
    }

    private static int halved(int side, int times) {
        int n = side;
        for (int i = 0; i < times; i++) {
            n = (n + 1) / 2;
        }
        return n;
    }
}
