package dev.anchorvec.anchors;

/**
 * Which way an aspect ratio is read. anchorvec's default, like torchvision, detectron2 and mmdet, is
 * {@link #H_OVER_W}; the TF Object Detection API, DJL/MXNet and the seed example state ratios as width over
 * height ({@link #W_OVER_H}). Every peer keeps the anchor's area at {@code size^2} whatever the ratio.
 */
public enum AspectRatio {

    /** {@code ratio = height / width}: 2 is a tall anchor (torchvision, detectron2, mmdet). */
    H_OVER_W,

    /** {@code ratio = width / height}: 2 is a wide anchor (TF Object Detection API, DJL, the seed example). */
    W_OVER_H;

    /** {@code ratio} in this convention, as height over width. */
    public double heightOverWidth(double ratio) {
        return this == H_OVER_W ? ratio : 1 / ratio;
    }
}
