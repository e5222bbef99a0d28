package dev.anchorvec.anchors;

/**
 * The order of the anchors of one location: which of (aspect ratio, size) is the outer loop.
 */
public enum AnchorOrder {

    /**
     * Ratios outer, sizes inner: all sizes of the first ratio, then all sizes of the next (torchvision, mmdet
     * with {@code scale_major=True}, TF {@code GridAnchorGenerator}).
     */
    RATIO_MAJOR,

    /** Sizes outer, ratios inner: all ratios of the first size, then the next (detectron2). */
    SIZE_MAJOR
}
