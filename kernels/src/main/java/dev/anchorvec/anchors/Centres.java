package dev.anchorvec.anchors;

/**
 * The grid-point coordinates of one axis as each peer computes them; the values differ between peers only in
 * their last bits, which is what makes a preset bit-exact.
 */
final class Centres {

    private Centres() {}

    /** {@code i * stride} in float32: torchvision's integer shifts, mmdet's {@code arange(n).float() * stride}. */
    static float[] multiples(int n, float stride) {
        float[] c = new float[n];
        for (int i = 0; i < n; i++) {
            c[i] = i * stride;
        }
        return c;
    }

    /** {@code (float) (start + step * i)} from float64: torch's float32 {@code arange(start, end, step)} (detectron2). */
    static float[] arange(int n, double start, double step) {
        float[] c = new float[n];
        for (int i = 0; i < n; i++) {
            c[i] = (float) (start + step * i);
        }
        return c;
    }

    /** {@code i * stride + offset} in float32: TF's {@code tile_anchors}. */
    static float[] tf(int n, float stride, float offset) {
        float[] c = new float[n];
        for (int i = 0; i < n; i++) {
            c[i] = i * stride + offset;
        }
        return c;
    }

    /** {@code (i + 0.5f) / f} in float32: torchvision's SSD default boxes, normalised. */
    static float[] ssd(int n, float f) {
        float[] c = new float[n];
        for (int i = 0; i < n; i++) {
            c[i] = (i + 0.5f) / f;
        }
        return c;
    }
}
