package dev.anchorvec.targets;

/**
 * Scalar implementation of {@link LabelKernels}, written branch-free with integer bit tricks (C2 turns them
 * into straight-line code it can unroll); the labels of the few positives are looked up in a second, sparse pass.
 */
final class ScalarLabelKernels implements LabelKernels {

    ScalarLabelKernels() {}

    @Override
    public void write(int[] matches, int base, int n, int[] labels, int labelBase, int background, int[] classes,
            byte[] positive, byte[] negative, byte[] ignored, float[] offsets) {
        int spread = background - BatchTargets.IGNORE;
        int positives = 0;
        for (int i = base; i < base + n; i++) {
            int m = matches[i];
            int pos = ~m >>> 31;                                    // 1 iff m >= 0
            int neg = 1 ^ (((m + 1) | -(m + 1)) >>> 31);            // 1 iff m == -1
            int ign = 1 ^ (((m + 2) | -(m + 2)) >>> 31);            // 1 iff m == -2
            classes[i] = BatchTargets.IGNORE + neg * spread;        // positives are overwritten below
            positive[i] = (byte) pos;
            negative[i] = (byte) neg;
            ignored[i] = (byte) ign;
            positives += pos;
        }
        for (int i = base; positives > 0; i++) {
            int m = matches[i];
            if (m >= 0) {
                classes[i] = labels[labelBase + m];
                saturate(offsets, 4 * i);
                positives--;
            }
        }
    }

    /**
     * Clamps the four offsets at {@code offsets[at ...]} to {@code [-Float.MAX_VALUE, Float.MAX_VALUE]}: only a
     * positive's row, so a few hundred rows per image (the encoded values of valid boxes are never NaN).
     */
    static void saturate(float[] offsets, int at) {
        for (int k = at; k < at + 4; k++) {
            offsets[k] = Math.max(-Float.MAX_VALUE, Math.min(Float.MAX_VALUE, offsets[k]));
        }
    }
}
