package dev.anchorvec.anchors;

/** Scalar implementation of {@link TilingKernels}; the order of operations the vector one reproduces. */
final class ScalarTilingKernels implements TilingKernels {

    @Override
    public void interleavedRows(float[] rowConst, float[] rowBase, float[] centreY, int yFrom, int yTo,
                                float scaleY, boolean clip, float clipHigh, int yLanes, float[] out,
                                int outOffset) {
        int len = rowConst.length;
        for (int y = yFrom; y < yTo; y++) {
            float cy = centreY[y];
            int o = outOffset + (y - yFrom) * len;
            for (int j = 0; j < len; j++) {
                out[o + j] = ((yLanes >>> (j & 3)) & 1) == 0 ? rowConst[j] : value(cy, rowBase[j], scaleY, clip,
                        clipHigh);
            }
        }
    }

    @Override
    public void planeRows(float[] base, float[] centreY, float scaleY, boolean clip, float clipHigh, float[] out,
                          int outOffset) {
        int len = base.length;
        for (int y = 0; y < centreY.length; y++) {
            float cy = centreY[y];
            int o = outOffset + y * len;
            for (int k = 0; k < len; k++) {
                out[o + k] = value(cy, base[k], scaleY, clip, clipHigh);
            }
        }
    }

    private static float value(float centre, float offset, float scale, boolean clip, float hi) {
        float v = (centre + offset) * scale;
        return clip ? clamp(v, hi) : v;
    }

    /** {@code [0, hi]} (finite input). */
    static float clamp(float v, float hi) {
        float lo = v < 0 ? 0f : v;
        return lo > hi ? hi : lo;
    }
}
