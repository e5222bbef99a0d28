package dev.anchorvec.conformance;

import dev.anchorvec.loss.SigmoidFocalLoss;
import java.util.List;
import java.util.Locale;

/**
 * {@code sigmoid_focal_loss}: {@link SigmoidFocalLoss#elementwise(float[], float[], int, int, float[], float[])}
 * against torchvision's {@code sigmoid_focal_loss(inputs, targets, alpha, gamma, reduction="none")}.
 *
 * <p>Rule: {@code |ours - loss_f64| <= 1e-5 |loss_f64| + 1e-38}, against torchvision's float64 result. The
 * relative part covers anchorvec's float32 rounding (a dozen operations and an ulp each from {@code exp} and
 * {@code log1p}: observed at most 1.4e-6 on the corpus, on soft targets where {@code ce = max(x, 0) - x t + log1p(e)}
 * cancels; below 1e-6 on binary targets). The float32 {@code loss} is not the reference:
 * torchvision forms {@code 1 - p_t} by subtraction, which loses everything for confident logits (it differs
 * from float64 by up to 6e-3 relative on values near 1e-6, and is 0 where float64 is 4e-26); anchorvec computes
 * {@code 1 - p_t} as {@code t sigmoid(-x) + (1 - t) sigmoid(x)} and stays within the relative bound there. The
 * absolute 1e-38 (float32's smallest normal) covers results in float32's subnormal range, which only carry
 * absolute precision.
 */
public final class SigmoidFocalLossChecker implements OpChecker {

    /** Relative tolerance against float64. */
    static final double REL = 1e-5;
    /** Absolute tolerance: the smallest normal float32. */
    static final double ABS = 1e-38;

    @Override
    public String op() {
        return "sigmoid_focal_loss";
    }

    @Override
    public List<String> check(Bxt c) {
        BxtArray inputs = c.array("inputs", BxtType.F32);
        if (inputs.shape().length != 2) {
            throw new IllegalArgumentException(c.source() + ": inputs must be [n, c]");
        }
        int n = inputs.dim(0), k = inputs.dim(1);
        int[] shape = {n, k};
        float[] x = (float[]) inputs.data();
        float[] t = (float[]) c.array("targets", BxtType.F32, shape).data();
        float alpha = (float) c.doubles("alpha")[0];
        float gamma = (float) c.doubles("gamma")[0];
        double[] f64 = (double[]) c.array("loss_f64", BxtType.F64, shape).data();
        float[] f32 = (float[]) c.array("loss", BxtType.F32, shape).data();
        float[] loss = new float[n * k];
        new SigmoidFocalLoss(alpha, gamma).elementwise(x, t, n, k, loss, null);
        ElementRule rule = new ElementRule() {
            @Override
            public String text() {
                return "|ours - loss_f64| <= 1e-5 |loss_f64| + 1e-38";
            }

            @Override
            public boolean accepts(int i, float actual) {
                return Math.abs(actual - f64[i]) <= REL * Math.abs(f64[i]) + ABS;
            }

            @Override
            public String expected(int i) {
                return String.format(Locale.ROOT, "%.9g (torchvision float32 %s)", f64[i], f32[i]);
            }
        };
        return Mismatches.check("loss", loss, shape, rule).stream().toList();
    }
}
