package dev.anchorvec.anchors.fit;

/** Scalar implementation of {@link FitKernels}. */
final class ScalarFitKernels implements FitKernels {

    @Override
    public double assign(float[] w, float[] h, int from, int to, float[] cw, float[] ch, int k, int[] arg,
                         float[] best) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            float bw = w[i], bh = h[i], area = bw * bh;
            float top = -1f;
            int at = 0;
            for (int c = 0; c < k; c++) {
                float iou = iou(bw, bh, area, cw[c], ch[c]);
                if (iou > top) {
                    top = iou;
                    at = c;
                }
            }
            if (arg != null) {
                arg[i] = at;
            }
            if (best != null) {
                best[i] = top;
            }
            sum += top;
        }
        return sum;
    }

    /** Corner-aligned IoU of two shapes; {@code area = w * h}. */
    static float iou(float w, float h, float area, float cw, float ch) {
        float inter = Math.min(w, cw) * Math.min(h, ch);
        return inter / ((area + cw * ch) - inter);
    }

    @Override
    public void ratioTotals(float[] w, float[] h, int from, int to, float[] cw, float[] ch, int k, float t,
                            double[] totals) {
        double sumAbove = 0;
        long boxesAbove = 0, pairsAbove = 0;
        for (int i = from; i < to; i++) {
            float bw = w[i], bh = h[i];
            float top = 0;
            for (int c = 0; c < k; c++) {
                float x = ratio(bw, bh, cw[c], ch[c]);
                top = Math.max(top, x);
                pairsAbove += x > t ? 1 : 0;
            }
            if (top > t) {
                sumAbove += top;
                boxesAbove++;
            }
        }
        totals[0] += sumAbove;
        totals[1] += boxesAbove;
        totals[2] += pairsAbove;
    }

    /** YOLOv5's {@code min(r, 1/r).min()} over width and height, written with one division per side. */
    static float ratio(float w, float h, float cw, float ch) {
        return Math.min(Math.min(w, cw) / Math.max(w, cw), Math.min(h, ch) / Math.max(h, ch));
    }
}
