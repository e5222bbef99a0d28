package dev.anchorvec.boxes;

/** Scalar implementation of {@link OverlapKernels}. */
final class ScalarOverlapKernels implements OverlapKernels {

    @Override
    public int count(float x1, float y1, float x2, float y2, Boxes others, int from, int to, double beta, boolean inclusive) {
        float[] d = others.data();
        int p0 = others.plane(0), p1 = others.plane(1), p2 = others.plane(2), p3 = others.plane(3);
        float area = PairMath.area(x1, y1, x2, y2);
        int count = 0;
        for (int j = from; j < to; j++) {
            count += above(x1, y1, x2, y2, area, d[p0 + j], d[p1 + j], d[p2 + j], d[p3 + j], beta, inclusive) ? 1 : 0;
        }
        return count;
    }

    @Override
    public int mask(float x1, float y1, float x2, float y2, Boxes others, int from, int to, double beta, boolean inclusive,
                    boolean[] mask, int maskOffset) {
        float[] d = others.data();
        int p0 = others.plane(0), p1 = others.plane(1), p2 = others.plane(2), p3 = others.plane(3);
        float area = PairMath.area(x1, y1, x2, y2);
        int count = 0;
        for (int j = from; j < to; j++) {
            boolean hit = above(x1, y1, x2, y2, area, d[p0 + j], d[p1 + j], d[p2 + j], d[p3 + j], beta, inclusive);
            mask[maskOffset + j - from] = hit;
            count += hit ? 1 : 0;
        }
        return count;
    }

    @Override
    public int bits(float x1, float y1, float x2, float y2, Boxes others, int from, int to, double beta, boolean inclusive,
                    long[] bits) {
        float[] d = others.data();
        int p0 = others.plane(0), p1 = others.plane(1), p2 = others.plane(2), p3 = others.plane(3);
        float area = PairMath.area(x1, y1, x2, y2);
        int n = to - from;
        int count = 0;
        for (int w = 0; w < (n + 63) >>> 6; w++) {
            long word = 0;
            int end = Math.min(n, (w + 1) << 6);
            for (int k = w << 6; k < end; k++) {
                int j = from + k;
                if (above(x1, y1, x2, y2, area, d[p0 + j], d[p1 + j], d[p2 + j], d[p3 + j], beta, inclusive)) {
                    word |= 1L << k;
                }
            }
            bits[w] = word;
            count += Long.bitCount(word);
        }
        return count;
    }

    private static boolean above(float x1, float y1, float x2, float y2, float area, float ox1, float oy1,
                                 float ox2, float oy2, double beta, boolean inclusive) {
        float inter = PairMath.inter(x1, y1, x2, y2, ox1, oy1, ox2, oy2);
        float union = (area + PairMath.area(ox1, oy1, ox2, oy2)) - inter;
        return IouThreshold.above(inter, union, beta, inclusive);
    }
}
