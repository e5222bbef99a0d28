package dev.anchorvec.loss;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * How a loss is reduced over its elements. {@link #NONE} keeps one value per element; {@link #SUM} adds them;
 * {@link #MEAN} divides the sum by the number of elements that take part (each loss class states which:
 * rows marked ignore and non-positive anchors of the regression losses do not count). The detectors'
 * normaliser, the sum divided by {@code max(1, numPositives)}, is {@link #perPositive(int)} passed as the
 * divisor of the losses' {@code normalized} methods.
 *
 * <p>Gradients always belong to the value returned: with {@link #NONE} each element's derivative of its own
 * loss, with {@link #SUM} the same numbers, with {@link #MEAN} and a divisor the derivative divided likewise.
 */
public enum Reduction {
    /** One loss value per element. */
    NONE,
    /** The mean over the elements that take part (0 when none does). */
    MEAN,
    /** The sum over all elements. */
    SUM;

    /** The reductions to one value, which the {@code reduce} methods accept. */
    static final Set<Reduction> REDUCED = Collections.unmodifiableSet(EnumSet.of(MEAN, SUM));

    /**
     * The detector normaliser {@code max(1, numPositives)} (torchvision RetinaNet and SSD, mmdet's
     * {@code avg_factor}): divide summed losses by it so that an image without positives does not divide by 0.
     *
     * @throws IllegalArgumentException if {@code numPositives < 0}
     */
    public static double perPositive(int numPositives) {
        if (numPositives < 0) {
            throw new IllegalArgumentException("numPositives must be >= 0, got " + numPositives);
        }
        return Math.max(1, numPositives);
    }

    /** The divisor of a sum over {@code count} elements: 1 for SUM, {@code count} (at least 1) for MEAN. */
    double divisor(long count) {
        return switch (this) {
            case SUM -> 1;
            case MEAN -> Math.max(1, count);
            case NONE -> throw new IllegalArgumentException("reduction NONE has no single value; use elementwise");
        };
    }
}
