package dev.anchorvec.loss;

/** The per-row loop behind {@link SoftmaxCrossEntropy}; arguments are validated by the facade. */
interface CrossEntropyKernels {

    /**
     * Rows {@code [0, n)} of the row-major {@code [n, c]} logits. A row with label {@link Labels#IGNORE} gets loss 0
     * and gradient 0; label {@link Labels#BACKGROUND} means class 0. Writes {@code loss[i]} if {@code loss} is
     * not null and {@code grad[i c + j] = gradScale (softmax_j - onehot_j)} if {@code grad} is not null.
     *
     * @return the sum of the row losses
     */
    double crossEntropy(float[] x, int[] labels, int n, int c, float[] loss, float[] grad, float gradScale);
}
