package dev.anchorvec.targets;

/**
 * Class targets and the positive / negative / ignore masks from match codes, and the saturation of the positives'
 * offsets (see {@link ScalarLabelKernels} for the scalar form).
 */
interface LabelKernels {

    /**
     * For anchors {@code [base, base + n)}: {@code classes} = the background class for code -1, -2 for code -2,
     * {@code labels[labelBase + code]} for codes {@code >= 0}; the masks 1 where the code is {@code >= 0}, -1, -2;
     * and for each positive anchor i its four offsets {@code offsets[4 i ...]} clamped to
     * {@code [-Float.MAX_VALUE, Float.MAX_VALUE]} (an encoded offset that overflowed becomes the largest finite one).
     */
    void write(int[] matches, int base, int n, int[] labels, int labelBase, int background, int[] classes,
            byte[] positive, byte[] negative, byte[] ignored, float[] offsets);
}
