package dev.anchorvec.select;

/**
 * The two steps of a Soft-NMS round over the survivors {@code [0, m)}, which are kept in ascending index order
 * in planar boxes ({@code d} at {@code p0..p3}), their scores {@code s} (no NaN) and original indices
 * {@code order}. Arguments are validated by {@link SoftNms}.
 */
interface SoftNmsKernels {

    /** First position of the largest of {@code s[0, m)}, {@code m >= 1}; equal scores go to the lower position. */
    int argmax(float[] s, int m);

    /**
     * Multiplies each survivor's score by its weight against the xyxy box {@code b} and squeezes out, in place
     * and in order, every survivor whose new score is not {@code >= keepMin} (NaN included); returns the new
     * survivor count. The weight is {@code (float) exp(((c * IoU) * IoU) / dv)} if {@code gaussian}, else
     * {@code 1 - IoU} where {@code IoU >= iouMin} and 1 elsewhere; IoU is {@code BoxIou}'s float32 value.
     */
    int decay(float[] d, int p0, int p1, int p2, int p3, float[] s, int[] order, int m, float bx1, float by1,
              float bx2, float by2, boolean gaussian, float iouMin, float c, float dv, float keepMin);
}
