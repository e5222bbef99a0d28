package dev.anchorvec.select;

/** How Soft-NMS decays the score of a box that overlaps a selected one by {@code IoU}. */
public enum SoftNmsMethod {
    /** {@code score *= 1 - IoU} when IoU passes the IoU threshold, else unchanged. */
    LINEAR,
    /** {@code score *= exp(-IoU^2 / sigma)} (TF: {@code / (2 sigma)}, see {@link SigmaConvention}) for every box. */
    GAUSSIAN
}
