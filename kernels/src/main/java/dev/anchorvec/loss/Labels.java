package dev.anchorvec.loss;

/**
 * Per-anchor class labels as the classification losses read them, composing with the matcher's codes
 * (-1 background, -2 ignore): a label {@code c >= 0} is a class index, {@link #BACKGROUND} an anchor with no
 * object, {@link #IGNORE} an anchor that contributes neither loss nor gradient.
 */
public final class Labels {

    /** An anchor matched to no object: a negative for every class (sigmoid) or class 0 (softmax, SSD). */
    public static final int BACKGROUND = -1;
    /** An anchor left out of the loss: loss 0 and gradient 0 on its whole row. */
    public static final int IGNORE = -2;

    private Labels() {}

    /** Checks that every label is in {@code [IGNORE, numClasses)}, naming the first bad index. */
    static void check(int[] labels, int n, int numClasses) {
        for (int i = 0; i < n; i++) {
            int l = labels[i];
            if (l < IGNORE || l >= numClasses) {
                throw new IllegalArgumentException("labels[" + i + "] = " + l + " is outside [-2, " + numClasses
                        + ") (-1 background, -2 ignore)");
            }
        }
    }

    /** The number of labels {@code >= 0}. */
    static int positives(int[] labels, int n) {
        int count = 0;
        for (int i = 0; i < n; i++) {
            count += labels[i] >= 0 ? 1 : 0;
        }
        return count;
    }
}
