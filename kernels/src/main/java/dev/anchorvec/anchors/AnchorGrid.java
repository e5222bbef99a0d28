package dev.anchorvec.anchors;

import dev.anchorvec.boxes.BoxFormat;
import dev.anchorvec.boxes.Boxes;
import dev.anchorvec.simd.Simd;
import java.lang.invoke.MethodHandles;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A multi-level grid of anchors, planned once and tiled into caller arrays as often as needed (zero allocation
 * per call). Order: level, then row y, then column x, then the anchors of one location, as torchvision,
 * detectron2, mmdet and TF order them.
 *
 * <p>Build one with {@link #builder()} from {@link GridLevel}s, or take a preset from {@code AnchorPresets}. The
 * output is {@link BoxFormat#XYXY} or {@link BoxFormat#CXCYWH} (see {@link GridLevel} for the formula), scaled by
 * {@code (scaleX, scaleY)} (1 for pixels; for example {@code 1 / width} to normalise, or the image size to turn
 * normalised anchors into pixels), and optionally clipped to {@code [0, clipWidth] x [0, clipHeight]} (XYXY
 * only). Instances are immutable and thread-safe.
 *
 * <pre>{@code
 * AnchorGrid grid = AnchorPresets.torchvisionRetinaNet(640, 640);
 * float[] anchors = new float[4 * grid.size()];      // [76725, 4] xyxy
 * grid.writeTo(anchors, 0);
 * Boxes planar = grid.toBoxes();                     // the same anchors, planar, for BoxIou / BestIou
 * }</pre>
 */
public final class AnchorGrid {

    private static final TilingKernels IMPL = Simd.select(MethodHandles.lookup(), TilingKernels.class,
            "dev.anchorvec.anchors.VectorTilingKernels", ScalarTilingKernels::new);

    private final List<GridLevel> levels;
    private final BoxFormat format;
    private final float scaleX, scaleY;
    private final boolean clip;
    private final float clipWidth, clipHeight;
    private final int[] offsets;
    private final Template[] templates;

    private AnchorGrid(Builder b) {
        this.levels = List.copyOf(b.levels);
        this.format = b.format;
        this.scaleX = b.scaleX;
        this.scaleY = b.scaleY;
        this.clip = b.clip;
        this.clipWidth = b.clipWidth;
        this.clipHeight = b.clipHeight;
        this.offsets = new int[levels.size() + 1];
        this.templates = new Template[levels.size()];
        long total = 0;
        for (int l = 0; l < levels.size(); l++) {
            offsets[l] = (int) total;
            total += levels.get(l).size();
            if (total > Integer.MAX_VALUE / 4) {
                throw new IllegalArgumentException("grid has too many anchors for one float[]: " + total);
            }
            templates[l] = new Template(levels.get(l), format, scaleX, scaleY, clip, clipWidth);
        }
        offsets[levels.size()] = (int) total;
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Total number of anchors. */
    public int size() {
        return offsets[offsets.length - 1];
    }

    /** Number of levels. */
    public int levels() {
        return levels.size();
    }

    /** The level definitions, in order. */
    public List<GridLevel> levelList() {
        return levels;
    }

    /** Index of the first anchor of level {@code l}. */
    public int levelOffset(int l) {
        Objects.checkIndex(l, levels.size());
        return offsets[l];
    }

    /** Number of anchors of level {@code l}. */
    public int levelSize(int l) {
        Objects.checkIndex(l, levels.size());
        return offsets[l + 1] - offsets[l];
    }

    /** The output format of {@link #writeTo(float[], int)}. */
    public BoxFormat format() {
        return format;
    }

    /**
     * Writes all anchors as interleaved rows ({@code 4 * size()} floats) into {@code out[offset ...]}.
     *
     * @throws IllegalArgumentException if {@code out} is too small or {@code offset} negative; nothing is
     *                                  written then
     */
    public void writeTo(float[] out, int offset) {
        Objects.requireNonNull(out, "out");
        if (offset < 0 || (long) offset + 4L * size() > out.length) {
            throw new IllegalArgumentException("out.length " + out.length + " is too small: needs offset " + offset
                    + " + 4 * " + size());
        }
        for (int l = 0; l < levels.size(); l++) {
            writeLevel(l, out, offset + 4 * offsets[l]);
        }
    }

    /**
     * Writes the anchors of level {@code l} as interleaved rows into {@code out[offset ...]}.
     *
     * @throws IllegalArgumentException if {@code out} is too small; nothing is written then
     */
    public void writeLevel(int l, float[] out, int offset) {
        Objects.checkIndex(l, levels.size());
        Objects.requireNonNull(out, "out");
        if (offset < 0 || (long) offset + 4L * levelSize(l) > out.length) {
            throw new IllegalArgumentException("out.length " + out.length + " is too small: needs offset " + offset
                    + " + 4 * " + levelSize(l));
        }
        Template t = templates[l];
        IMPL.interleavedRows(t.rowConst, t.rowBase, t.centreY, 0, t.height, scaleY, clip, clipHeight, t.yLanes,
                out, offset);
    }

    /**
     * Writes all anchors, planar xyxy, into {@code dst} (resized to {@link #size()}).
     *
     * @throws IllegalArgumentException if the grid is not XYXY or {@code dst} is too small
     */
    public Boxes writeTo(Boxes dst) {
        Objects.requireNonNull(dst, "dst");
        if (format != BoxFormat.XYXY) {
            throw new IllegalArgumentException("planar output is xyxy; this grid is " + format);
        }
        if (dst.capacity() < size()) {
            throw new IllegalArgumentException("dst capacity " + dst.capacity() + " < " + size() + " anchors");
        }
        dst.resize(size());
        float[] d = dst.data();
        for (int l = 0; l < levels.size(); l++) {
            Template t = templates[l];
            int base = offsets[l];
            int row = t.perRow;
            for (int y = 0; y < t.height; y++) {
                System.arraycopy(t.planeX1, 0, d, dst.plane(0) + base + y * row, row);
                System.arraycopy(t.planeX2, 0, d, dst.plane(2) + base + y * row, row);
            }
            IMPL.planeRows(t.planeY1, t.centreY, scaleY, clip, clipHeight, d, dst.plane(1) + base);
            IMPL.planeRows(t.planeY2, t.centreY, scaleY, clip, clipHeight, d, dst.plane(3) + base);
        }
        return dst;
    }

    /** All anchors in a new planar xyxy {@link Boxes}. */
    public Boxes toBoxes() {
        return writeTo(Boxes.allocate(size()));
    }

    /** All anchors in a new interleaved {@code [size(), 4]} array in this grid's format. */
    public float[] toArray() {
        float[] out = new float[4 * size()];
        writeTo(out, 0);
        return out;
    }

    /**
     * A level's row, prepared once: the values that do not depend on the row ({@code rowConst}, final), and the
     * cell offsets of the ones that do ({@code rowBase}, to which the row's centre y is added and which are then
     * scaled and clipped). {@code yLanes} marks the row-dependent slots of an anchor (bit k = slot k).
     */
    private static final class Template {
        final int height, perRow;
        final float[] centreY, rowConst, rowBase, planeX1, planeX2, planeY1, planeY2;
        final int yLanes;

        Template(GridLevel level, BoxFormat format, float sx, float sy, boolean clip, float clipW) {
            int w = level.width(), a = level.anchorsPerLocation();
            float[] cx = level.centreX(), cell = level.cell();
            height = level.height();
            perRow = w * a;
            centreY = level.centreY();
            boolean xyxy = format == BoxFormat.XYXY;
            yLanes = xyxy ? 0b1010 : 0b0010;
            rowConst = new float[4 * perRow];
            rowBase = new float[4 * perRow];
            planeX1 = new float[perRow];
            planeX2 = new float[perRow];
            planeY1 = new float[perRow];
            planeY2 = new float[perRow];
            for (int x = 0; x < w; x++) {
                for (int k = 0; k < a; k++) {
                    int i = x * a + k, j = 4 * i;
                    float x1 = clampX((cx[x] + cell[4 * k]) * sx, clip, clipW);
                    float third = xyxy ? clampX((cx[x] + cell[4 * k + 2]) * sx, clip, clipW) : cell[4 * k + 2] * sx;
                    rowConst[j] = x1;
                    rowConst[j + 2] = third;
                    rowConst[j + 3] = xyxy ? 0f : cell[4 * k + 3] * sy;
                    rowBase[j + 1] = cell[4 * k + 1];
                    rowBase[j + 3] = xyxy ? cell[4 * k + 3] : 0f;
                    planeX1[i] = x1;
                    planeX2[i] = third;
                    planeY1[i] = cell[4 * k + 1];
                    planeY2[i] = cell[4 * k + 3];
                }
            }
        }

        private static float clampX(float v, boolean clip, float hi) {
            return clip ? ScalarTilingKernels.clamp(v, hi) : v;
        }
    }

    /** Builds an {@link AnchorGrid}. */
    public static final class Builder {
        private final List<GridLevel> levels = new ArrayList<>();
        private BoxFormat format = BoxFormat.XYXY;
        private float scaleX = 1, scaleY = 1;
        private boolean clip;
        private float clipWidth, clipHeight;

        private Builder() {}

        /** Adds a level (levels are tiled in the order added). */
        public Builder level(GridLevel level) {
            levels.add(Objects.requireNonNull(level, "level"));
            return this;
        }

        /**
         * XYXY (default) or CXCYWH; see {@link GridLevel} for how the cell values are read.
         *
         * @throws IllegalArgumentException for XYWH
         */
        public Builder format(BoxFormat format) {
            Objects.requireNonNull(format, "format");
            if (format == BoxFormat.XYWH) {
                throw new IllegalArgumentException("format must be XYXY or CXCYWH, got XYWH");
            }
            this.format = format;
            return this;
        }

        /**
         * Multiplies x values by {@code scaleX} and y values by {@code scaleY} (default 1).
         *
         * @throws IllegalArgumentException unless both are finite and > 0
         */
        public Builder scale(float scaleX, float scaleY) {
            if (!(scaleX > 0 && scaleX < Float.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("scaleX must be finite and > 0, got " + scaleX);
            }
            if (!(scaleY > 0 && scaleY < Float.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("scaleY must be finite and > 0, got " + scaleY);
            }
            this.scaleX = scaleX;
            this.scaleY = scaleY;
            return this;
        }

        /**
         * Clips the anchors to {@code [0, width] x [0, height]} (after scaling; XYXY grids only).
         *
         * @throws IllegalArgumentException unless both are finite and >= 0
         */
        public Builder clip(float width, float height) {
            if (!(width >= 0 && width < Float.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("clip width must be finite and >= 0, got " + width);
            }
            if (!(height >= 0 && height < Float.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("clip height must be finite and >= 0, got " + height);
            }
            this.clip = true;
            this.clipWidth = width;
            this.clipHeight = height;
            return this;
        }

        /**
         * The grid.
         *
         * @throws IllegalArgumentException without levels, or when clipping a CXCYWH grid
         */
        public AnchorGrid build() {
            if (levels.isEmpty()) {
                throw new IllegalArgumentException("an anchor grid needs at least one level");
            }
            if (clip && format != BoxFormat.XYXY) {
                throw new IllegalArgumentException("clipping applies to XYXY grids only");
            }
            return new AnchorGrid(this);
        }
    }
}
