package dev.anchorvec.anchors;

/** The tiling kernels behind {@link AnchorGrid}; arguments are prepared and checked by it. */
interface TilingKernels {

    /**
     * Writes rows {@code [yFrom, yTo)} of one level, interleaved: row y occupies {@code rowConst.length} floats at
     * {@code out[outOffset + (y - yFrom) * rowConst.length]}; slot j is {@code rowConst[j]} unless bit
     * {@code j % 4} of {@code yLanes} is set, then {@code clip((centreY[y] + rowBase[j]) * scaleY)}.
     */
    void interleavedRows(float[] rowConst, float[] rowBase, float[] centreY, int yFrom, int yTo, float scaleY,
                         boolean clip, float clipHigh, int yLanes, float[] out, int outOffset);

    /**
     * Writes one y plane of a level: {@code out[outOffset + y * base.length + k] =
     * clip((centreY[y] + base[k]) * scaleY)} for every row y.
     */
    void planeRows(float[] base, float[] centreY, float scaleY, boolean clip, float clipHigh, float[] out,
                   int outOffset);
}
