package dev.anchorvec.boxes;

/**
 * The four numbers of a box as models and frameworks store them. Inside the kernels boxes are always
 * {@link #XYXY}, planar ({@link Boxes}); these formats describe interleaved {@code [n,4]} data at the
 * boundary. Width is {@code x2 - x1}: continuous coordinates, no "+1 pixel". {@link BoxConvert} states how
 * values that overflow float32 in a conversion saturate. Immutable.
 */
public enum BoxFormat {
    /** {@code x1, y1, x2, y2}: top-left and bottom-right corners (torchvision, detectron2 XYXY_ABS). */
    XYXY,
    /** {@code x, y, w, h}: top-left corner, width and height (COCO, OpenCV {@code Rect2d}). */
    XYWH,
    /** {@code cx, cy, w, h}: centre, width and height (YOLO, DETR, SSD priors). */
    CXCYWH
}
