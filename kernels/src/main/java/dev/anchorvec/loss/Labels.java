package dev.anchorvec.loss;

import dev.anchorvec.internal.Args;

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

    /** {@code n >= 0} rows of {@code c >= 1} classes: {@code n * c}, checked to fit an int. */
    static int shape(int n, int c) {
        Args.count(n, "n");
        Args.positive(c, "c");
        return Args.product(n, c, "n", "c");
    }

    /**
     * Checks that the matcher codes {@code matches[offset, offset + n)} are all {@code >= -2} (an error names the
     * absolute index).
     *
     * @return the number of positive codes ({@code >= 0})
     */
    static int checkedPositives(int[] matches, int offset, int n) {
        int count = 0;
        for (int i = offset; i < offset + n; i++) {
            int m = matches[i];
            if (m < IGNORE) {
                throw new IllegalArgumentException("matches[" + i + "] = " + m
                        + " is below -2 (>= 0 positive, -1 background, -2 ignore)");
            }
            count += m >= 0 ? 1 : 0;
        }
        return count;
    }

    /**
     * Checks the arguments of a per-anchor box loss: {@code pred} and {@code target} of {@code 4n} floats,
     * {@code matches} of {@code n} codes {@code >= -2}, {@code grad} (if not null) of {@code 4n}.
     *
     * @return the number of positive anchors
     */
    static int boxLoss(float[] pred, float[] target, int[] matches, int n, float[] grad) {
        int size = shape(n, 4);
        Args.room(0, size, Args.notNull(pred, "pred").length, "pred");
        Args.room(0, size, Args.notNull(target, "target").length, "target");
        Args.room(0, n, Args.notNull(matches, "matches").length, "matches");
        if (grad != null) {
            Args.room(0, size, grad.length, "grad");
        }
        return checkedPositives(matches, 0, n);
    }

    /**
     * Checks the arguments of a classification loss with per-anchor labels: {@code logits} and {@code grad} (if
     * not null) of {@code n * c} floats, {@code labels} of {@code n} values in {@code [-2, c)}.
     *
     * @return {@code n * c}
     */
    static int labelled(float[] logits, int[] labels, int n, int c, float[] grad) {
        int size = shape(n, c);
        Args.room(0, size, Args.notNull(logits, "logits").length, "logits");
        Args.room(0, n, Args.notNull(labels, "labels").length, "labels");
        if (grad != null) {
            Args.room(0, size, grad.length, "grad");
        }
        check(labels, n, c);
        return size;
    }
}
