package dev.anchorvec.anchors;

import dev.anchorvec.internal.Args;
import java.util.Arrays;
import java.util.Objects;

/**
 * One feature-map level of an anchor grid, in the form the tiling kernel consumes: the centre of every column
 * and every row, and the anchors of one location relative to its centre.
 *
 * <p>Anchor {@code a} of cell {@code (y, x)}, for an {@link AnchorGrid} in {@code XYXY} form, is
 * {@code ((cx[x] + cell[4a]) * sx, (cy[y] + cell[4a+1]) * sy, (cx[x] + cell[4a+2]) * sx,
 * (cy[y] + cell[4a+3]) * sy)}, each operation in float32 in that order; in {@code CXCYWH} form the centre is
 * added to the first two values only ({@code (cx + dx) * sx, (cy + dy) * sy, w * sx, h * sy}). The presets in
 * {@code AnchorPresets} compute the centres and cell anchors exactly as each peer library does (integer shifts,
 * float ranges, rounded half-extents, offsets), so that this one formula reproduces all of them bit for bit.
 *
 * @param height  rows of the feature map (cells along y), >= 1
 * @param width   columns of the feature map, >= 1
 * @param centreX centre x of each column, {@code width} values
 * @param centreY centre y of each row, {@code height} values
 * @param cell    the anchors of one location, 4 values each ({@code x1, y1, x2, y2} offsets from the centre
 *                for XYXY grids; {@code dx, dy, w, h} for CXCYWH grids), at least one anchor
 */
public record GridLevel(int height, int width, float[] centreX, float[] centreY, float[] cell) {

    /** Checks the shapes and that every value is finite. */
    public GridLevel {
        Objects.requireNonNull(centreX, "centreX");
        Objects.requireNonNull(centreY, "centreY");
        Objects.requireNonNull(cell, "cell");
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("grid must be at least 1 x 1, got " + height + " x " + width);
        }
        if (centreX.length != width) {
            throw new IllegalArgumentException("centreX has " + centreX.length + " values, width is " + width);
        }
        if (centreY.length != height) {
            throw new IllegalArgumentException("centreY has " + centreY.length + " values, height is " + height);
        }
        if (cell.length == 0 || cell.length % 4 != 0) {
            throw new IllegalArgumentException("cell must hold 4 values per anchor and at least one anchor, got "
                    + cell.length + " values");
        }
        requireFinite(centreX, "centreX");
        requireFinite(centreY, "centreY");
        requireFinite(cell, "cell");
        if ((long) height * width * (cell.length / 4) > Integer.MAX_VALUE / 4) {
            throw new IllegalArgumentException("level has too many anchors: " + height + " x " + width + " x "
                    + cell.length / 4);
        }
        centreX = centreX.clone();
        centreY = centreY.clone();
        cell = cell.clone();
    }

    /**
     * A level whose centres are {@code (i + offset) * stride}, computed in double and rounded once to float
     * (how a float {@code arange(offset * stride, n * stride, stride)} comes out).
     */
    public static GridLevel strided(int height, int width, double strideY, double strideX, double offset,
                                    float[] cell) {
        return new GridLevel(height, width, centres(width, strideX, offset), centres(height, strideY, offset), cell);
    }

    /** {@code (float) ((i + offset) * stride)} for {@code i < n}. */
    static float[] centres(int n, double stride, double offset) {
        if (n < 0) {
            throw new IllegalArgumentException("grid size must be >= 0, got " + n);
        }
        float[] c = new float[n];
        for (int i = 0; i < n; i++) {
            c[i] = (float) ((i + offset) * stride);
        }
        return c;
    }

    /** Anchors per location. */
    public int anchorsPerLocation() {
        return cell.length / 4;
    }

    /** Anchors in this level: {@code height * width * anchorsPerLocation()}. */
    public int size() {
        return height * width * anchorsPerLocation();
    }

    @Override
    public float[] centreX() {
        return centreX.clone();
    }

    @Override
    public float[] centreY() {
        return centreY.clone();
    }

    @Override
    public float[] cell() {
        return cell.clone();
    }

    private static void requireFinite(float[] v, String name) {
        Args.finite(v, 0, v.length, name);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GridLevel g && g.height == height && g.width == width
                && Arrays.equals(g.centreX, centreX) && Arrays.equals(g.centreY, centreY)
                && Arrays.equals(g.cell, cell);
    }

    @Override
    public int hashCode() {
        return Objects.hash(height, width, Arrays.hashCode(centreX), Arrays.hashCode(centreY),
                Arrays.hashCode(cell));
    }

    @Override
    public String toString() {
        return "GridLevel[" + height + " x " + width + " x " + anchorsPerLocation() + ", cell="
                + Arrays.toString(cell) + "]";
    }
}
