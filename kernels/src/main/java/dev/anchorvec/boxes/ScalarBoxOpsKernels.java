package dev.anchorvec.boxes;

/** Scalar implementation of {@link BoxOpsKernels}. */
final class ScalarBoxOpsKernels implements BoxOpsKernels {

    @Override
    public void area(Boxes b, int from, int to, float[] out, int outOffset) {
        float[] d = b.data();
        int p0 = b.plane(0), p1 = b.plane(1), p2 = b.plane(2), p3 = b.plane(3);
        for (int i = from; i < to; i++) {
            out[outOffset + i - from] = PairMath.saturatedArea(d[p0 + i], d[p1 + i], d[p2 + i], d[p3 + i]);
        }
    }

    @Override
    public void clip(Boxes b, float width, float height) {
        float[] d = b.data();
        int n = b.size();
        for (int k = 0; k < 4; k++) {
            float hi = (k & 1) == 0 ? width : height;
            int p = b.plane(k);
            for (int i = 0; i < n; i++) {
                d[p + i] = clamp(d[p + i], hi);
            }
        }
    }

    /** {@code [0, hi]}; NaN stays NaN (as torch.clamp), so {@link BoxValidation} still finds it. */
    static float clamp(float v, float hi) {
        float lo = v < 0 ? 0f : v;
        return lo > hi ? hi : lo;
    }

    @Override
    public int removeSmall(Boxes b, float minSize, int[] keep) {
        float[] d = b.data();
        int p0 = b.plane(0), p1 = b.plane(1), p2 = b.plane(2), p3 = b.plane(3);
        int count = 0;
        for (int i = 0; i < b.size(); i++) {
            if (d[p2 + i] - d[p0 + i] >= minSize && d[p3 + i] - d[p1 + i] >= minSize) {
                keep[count++] = i;
            }
        }
        return count;
    }
}
