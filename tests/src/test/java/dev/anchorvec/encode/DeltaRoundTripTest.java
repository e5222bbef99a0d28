package dev.anchorvec.encode;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anchorvec.boxes.Boxes;
import dev.anchorvec.testkit.Prop;
import org.junit.jupiter.api.Test;

/**
 * {@code decode(encode(gt)) == gt} within a derived bound, for coders whose clamps do not bind (size ratios up to
 * e^3.6 < e^ln(1000/16), no centre clamp).
 *
 * <p>Bound per coordinate, with {@code M} the largest |coordinate| of the anchor and the gt box and {@code S} the
 * largest of their widths and heights: {@code 4 ulp(M) + 8 ulp(S) + 50 eps}.
 * <ul>
 * <li>Centres {@code x1 + 0.5 w}, their difference, the corners {@code pcx -/+ half}: a few roundings at the
 *     coordinate magnitude, {@code <= 4 ulp(M)} (the shift through {@code * w / aw} and back {@code / w * aw}
 *     adds relative errors of the shift, which is at most about M).</li>
 * <li>Size: {@code exp(ww * log(gw / aw) / ww) * aw}: the ratio and the log round (relative error of the log
 *     result {@code <= 2u}, i.e. absolute {@code <= 2u |ln r| <= 7.2u}), {@code exp} turns the absolute error of
 *     its argument into a relative one and adds an ulp, the product rounds: about {@code 12u} relative to the
 *     size, {@code <= 8 ulp(S)} since {@code ulp(S) >= S u}... up to a factor 2 (ulp is a power of two).</li>
 * <li>TF's EPSILON: encode adds {@code eps} to both sizes, decode does not; the size moves by at most
 *     {@code eps * (1 + r) <= 38 eps} for ratios up to e^3.6.</li>
 * </ul>
 */
class DeltaRoundTripTest {

    @Test
    void decodeOfEncodeIsIdentityWithinBound() {
        Prop.forAll("delta round trip", 300, DeltaCases.cases(1).filter(c -> {
            DeltaCoder d = c.deltaCoder();
            return (d.clampMode() == ClampMode.NONE || d.clampBound() >= 4f) && d.centreClamp() == Float.POSITIVE_INFINITY;
        }), c -> {
            DeltaCoder coder = c.deltaCoder();
            float[] a = c.anchors(false), g = c.gt(a);
            float[] back = coder.decode(Boxes.ofXyxy(a), coder.encode(Boxes.ofXyxy(a), Boxes.ofXyxy(g)));
            float eps = coder.params().eps;
            for (int i = 0; i < back.length; i++) {
                int r = i & ~3;
                float m = 0, s = 0;
                for (int q = 0; q < 4; q++) {
                    m = Math.max(m, Math.max(Math.abs(a[r + q]), Math.abs(g[r + q])));
                }
                s = Math.max(Math.max(a[r + 2] - a[r], a[r + 3] - a[r + 1]), Math.max(g[r + 2] - g[r], g[r + 3] - g[r + 1]));
                double tol = 4 * Math.ulp(m) + 8 * Math.ulp(s) + 50 * eps;
                assertTrue(Math.abs(back[i] - g[i]) <= tol, coder + " box " + i / 4 + " value " + i % 4 + ": gt "
                        + g[i] + ", round trip " + back[i] + ", bound " + tol);
            }
        });
    }
}
