package dev.anchorvec.reference;

/**
 * Reference oracle for the losses of {@code dev.anchorvec.loss}: the textbook definitions in double precision,
 * one element (or row, or box pair) at a time, with no code shared with the kernels. Finite-difference
 * gradients are taken of these functions.
 */
public final class ReferenceLosses {

    private ReferenceLosses() {}

    /** {@code sigmoid(x)} in double. */
    public static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    /** Binary cross-entropy with logits, stable form {@code max(x, 0) - x t + log(1 + exp(-|x|))}. */
    public static double bceWithLogits(double x, double t) {
        return Math.max(x, 0) - x * t + Math.log1p(Math.exp(-Math.abs(x)));
    }

    /**
     * torchvision's {@code sigmoid_focal_loss} for one element: {@code ce (1 - p_t)^gamma}, times {@code alpha_t}
     * when {@code alpha >= 0}. {@code 1 - p_t} is taken as {@code t sigmoid(-x) + (1 - t) sigmoid(x)} (the
     * same real number, without double's cancellation for large {@code |x|}).
     */
    public static double focal(double x, double t, double alpha, double gamma) {
        double q = t * sigmoid(-x) + (1 - t) * sigmoid(x);
        double loss = bceWithLogits(x, t) * Math.pow(q, gamma);
        if (alpha >= 0) {
            loss *= alpha * t + (1 - alpha) * (1 - t);
        }
        return loss;
    }

    /** {@code log(sum_j exp(row_j))} in double, shifted by the maximum. */
    public static double logSumExp(double[] row) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : row) {
            m = Math.max(m, v);
        }
        double s = 0;
        for (double v : row) {
            s += Math.exp(v - m);
        }
        return m + Math.log(s);
    }

    /** {@code -log softmax(row)[k]} in double. */
    public static double softmaxCrossEntropy(double[] row, int k) {
        return logSumExp(row) - row[k];
    }

    /** {@code softmax(row)[j] - [j == k]}: the gradient of {@link #softmaxCrossEntropy}. */
    public static double[] softmaxCrossEntropyGradient(double[] row, int k) {
        double lse = logSumExp(row);
        double[] g = new double[row.length];
        for (int j = 0; j < row.length; j++) {
            g[j] = Math.exp(row[j] - lse) - (j == k ? 1 : 0);
        }
        return g;
    }

    /** fvcore / torchvision smooth L1 of a difference {@code d}; {@code beta < 1e-5} is L1. */
    public static double smoothL1(double d, double beta) {
        double n = Math.abs(d);
        if (beta < 1e-5) {
            return n;
        }
        return n < beta ? 0.5 * n * n / beta : n - 0.5 * beta;
    }

    /** PyTorch's Huber loss of a difference {@code d}. */
    public static double huber(double d, double delta) {
        double n = Math.abs(d);
        return n < delta ? 0.5 * n * n : delta * (n - 0.5 * delta);
    }

    /**
     * torchvision's IoU-family loss of one pair in double: {@code kind} 0 IoU, 1 GIoU, 2 DIoU, 3 CIoU, boxes
     * xyxy, eps 1e-7. {@code ciouAlpha}, when not NaN, replaces CIoU's {@code alpha} (to differentiate with
     * alpha held constant, as torchvision's no_grad does).
     */
    public static double iouLoss(int kind, double[] p, double[] g, double ciouAlpha) {
        double eps = 1e-7;
        double iw = Math.min(p[2], g[2]) - Math.max(p[0], g[0]);
        double ih = Math.min(p[3], g[3]) - Math.max(p[1], g[1]);
        double inter = iw > 0 && ih > 0 ? iw * ih : 0;
        double union = (p[2] - p[0]) * (p[3] - p[1]) + (g[2] - g[0]) * (g[3] - g[1]) - inter;
        double iou = inter > 0 ? inter / (union + eps) : 0;
        double cw = Math.max(p[2], g[2]) - Math.min(p[0], g[0]);
        double ch = Math.max(p[3], g[3]) - Math.min(p[1], g[1]);
        if (kind == 0) {
            return 1 - iou;
        }
        if (kind == 1) {
            double c = cw * ch;
            return 1 - (iou - (c - union) / (c + eps));
        }
        double dx = (p[0] + p[2]) / 2 - (g[0] + g[2]) / 2;
        double dy = (p[1] + p[3]) / 2 - (g[1] + g[3]) / 2;
        double diou = 1 - iou + (dx * dx + dy * dy) / (cw * cw + ch * ch + eps);
        if (kind == 2) {
            return diou;
        }
        double diff = Math.atan((g[2] - g[0]) / (g[3] - g[1])) - Math.atan((p[2] - p[0]) / (p[3] - p[1]));
        double v = 4 / (Math.PI * Math.PI) * diff * diff;
        double alpha = Double.isNaN(ciouAlpha) ? v / (1 - iou + v + eps) : ciouAlpha;
        return diou + alpha * v;
    }
}
