package dev.anchorvec.boxes;

/** Scalar implementation of {@link OverlapKernels}. */
final class ScalarOverlapKernels implements OverlapKernels {

    @Override
    public int minRun() {
        return 0;
    }

    @Override
    public int test(float x1, float y1, float x2, float y2, Boxes others, int from, int to, double beta,
                    boolean inclusive, boolean[] mask, int maskOffset, long[] bits) {
        float[] d = others.data();
        int p0 = others.plane(0), p1 = others.plane(1), p2 = others.plane(2), p3 = others.plane(3);
        float area = PairMath.area(x1, y1, x2, y2);
        int count = 0;
        long word = 0;
        for (int k = 0, n = to - from; k < n; k++) {
            int j = from + k;
            float ox1 = d[p0 + j], oy1 = d[p1 + j], ox2 = d[p2 + j], oy2 = d[p3 + j];
            float inter = PairMath.inter(x1, y1, x2, y2, ox1, oy1, ox2, oy2);
            float union = (area + PairMath.area(ox1, oy1, ox2, oy2)) - inter;
            boolean hit = IouThreshold.above(inter, union, beta, inclusive);
            count += hit ? 1 : 0;
            if (mask != null) {
                mask[maskOffset + k] = hit;
            }
            if (bits != null) {
                word |= (hit ? 1L : 0L) << k;
                if ((k & 63) == 63 || k == n - 1) {
                    bits[k >>> 6] = word;
                    word = 0;
                }
            }
        }
        return count;
    }
}
