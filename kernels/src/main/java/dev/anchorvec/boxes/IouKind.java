package dev.anchorvec.boxes;

/**
 * The members of the IoU family. Every value is computed in float32 with torchvision's order of operations,
 * so results match {@code torchvision.ops.box_iou}, {@code generalized_box_iou} and {@code distance_box_iou}
 * bit for bit wherever those are defined, and {@code complete_box_iou} within a few ulp (torchvision's
 * vectorised arctangent and anchorvec's own, {@code FloatMath.atan}, differ in the last bits; anchorvec's is the
 * same in every implementation, so CIoU too has the same bits at every width). anchorvec differs in two documented
 * ways:
 * an inverted box ({@code x2 < x1} or {@code y2 < y1}) is empty, and wherever the value is undefined - both
 * boxes empty (union 0), a NaN coordinate, or for CIoU a box with zero width and zero height - the result is
 * {@code 0}, never NaN. torchvision returns NaN there, detectron2 0, OpenCV 1.
 *
 * <p>The ranges given below hold for finite boxes that are not inverted. An inverted box's centre can lie
 * outside the enclosing box, so its DIoU and CIoU can fall below -1; when that distance penalty overflows
 * float32 (an inverted box far from the other, or an infinite coordinate) the value saturates at
 * {@code -Float.MAX_VALUE}. So every member is finite and never NaN, whatever the coordinates; validate
 * untrusted input with {@link BoxValidation} all the same. Boxes so large that an area overflows float32
 * (sides beyond about {@code 1.8e19}) make the IoU undefined, hence 0, unless the other box is small enough
 * for the union to stay finite.
 */
public enum IouKind {
    /** Intersection over union, {@code inter / (areaA + areaB - inter)}, in [0, 1]. */
    IOU,
    /** Intersection over the area of the box from the first set ("IoF" in mmdet), in [0, 1]. */
    IOA_A,
    /** Intersection over the area of the box from the second set (detectron2's {@code pairwise_ioa}), in [0, 1]. */
    IOA_B,
    /** Generalized IoU, {@code iou - (C - union) / C} with C the enclosing box's area, in [-1, 1]. */
    GIOU,
    /**
     * Distance IoU, {@code iou - d^2 / (c^2 + 1e-7)} with d the distance between the centres and c the diagonal
     * of the enclosing box, in [-1, 1].
     */
    DIOU,
    /**
     * Complete IoU, {@code diou - alpha * v} with {@code v = 4 / pi^2 * (atan(wA / hA) - atan(wB / hB))^2} and
     * {@code alpha = v / (1 - iou + v + 1e-7)}; the first box plays torchvision's "prediction". The arctangent
     * makes vector and scalar results differ by a few ulp (see the README for the bound).
     */
    CIOU
}
