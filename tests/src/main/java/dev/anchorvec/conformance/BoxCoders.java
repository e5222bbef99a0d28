package dev.anchorvec.conformance;

import dev.anchorvec.boxes.Boxes;
import dev.anchorvec.encode.ClampMode;
import dev.anchorvec.encode.DeltaCoder;
import java.util.Arrays;
import java.util.Locale;

/** What the two box-coder checkers share: reading a case's coder and boxes, and the ulp rule. */
final class BoxCoders {

    private BoxCoders() {}

    /** {@code BoxCoder(weights, bbox_xform_clip)} of the case (the clip defaults to ln(1000/16)). */
    static DeltaCoder coder(Bxt c) {
        double[] w = c.doubles("weights");
        if (w.length != 4) {
            throw new IllegalArgumentException(c.source() + ": weights must have 4 values, has " + w.length);
        }
        DeltaCoder coder = DeltaCoder.torchvision((float) w[0], (float) w[1], (float) w[2], (float) w[3]);
        return c.has("bbox_xform_clip") ? coder.withClamp(ClampMode.UPPER, (float) c.doubles("bbox_xform_clip")[0])
                : coder;
    }

    /** The {@code [n, 4]} xyxy entry {@code name} as planar boxes. */
    static Boxes boxes(Bxt c, String name) {
        BxtArray array = c.array(name, BxtType.F32);
        if (array.shape().length != 2 || array.dim(1) != 4) {
            throw new IllegalArgumentException(c.source() + ": " + name + " must be [n, 4], is "
                    + Arrays.toString(array.shape()));
        }
        return Boxes.ofXyxy((float[]) array.data());
    }

    /** {@code |actual - expected| <= ulps * ulp(scale)}, exact when {@code ulps == 0}. */
    static ElementRule ulps(String text, float[] expected, int ulps, java.util.function.IntToDoubleFunction scale) {
        return new ElementRule() {
            @Override
            public String text() {
                return text;
            }

            @Override
            public boolean accepts(int i, float actual) {
                return actual == expected[i] || Math.abs(actual - expected[i]) <= tol(i);
            }

            @Override
            public String expected(int i) {
                return String.format(Locale.ROOT, "%s +- %.3g", expected[i], tol(i));
            }

            private double tol(int i) {
                return ulps * Math.ulp((float) scale.applyAsDouble(i));
            }
        };
    }
}
