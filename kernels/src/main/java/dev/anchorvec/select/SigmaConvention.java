package dev.anchorvec.select;

/**
 * The two meanings of sigma in Gaussian Soft-NMS found among the peers; the same sigma gives different decays.
 * Each constant also fixes the float32 order of operations of that peer, so that its weights are reproduced.
 */
public enum SigmaConvention {
    /** {@code exp(-(IoU * IoU) / sigma)}: the Soft-NMS paper, mmcv and OpenCV (default sigma 0.5). */
    PAPER,
    /**
     * {@code exp((scale * IoU) * IoU)} with {@code scale = -0.5f / sigma}, i.e. {@code exp(-IoU^2 / (2 sigma))}:
     * TensorFlow's {@code non_max_suppression_with_scores}. TF sigma 0.5 equals PAPER sigma 1.
     */
    TENSORFLOW
}
