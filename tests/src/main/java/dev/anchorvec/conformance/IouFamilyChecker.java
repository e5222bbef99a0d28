package dev.anchorvec.conformance;

import dev.anchorvec.boxes.BoxIou;
import dev.anchorvec.boxes.Boxes;
import dev.anchorvec.boxes.IouKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code iou_family}: {@link BoxIou#pairwise(IouKind, Boxes, Boxes)} against torchvision's {@code box_iou},
 * {@code generalized_box_iou}, {@code distance_box_iou} and {@code complete_box_iou}.
 *
 * <p>Rules, per output (u = 2<sup>-24</sup>, the float32 unit roundoff):
 * <ul>
 * <li>Everywhere: where torchvision's float32 output is NaN, anchorvec must return exactly 0 (its documented
 *     "undefined means 0").</li>
 * <li>{@code iou}, {@code giou}, {@code diou}: bit-exact with torchvision's float32 output (float {@code ==}, so
 *     +0.0 equals -0.0). anchorvec repeats torchvision's float32 order of operations; on the corpus all three
 *     match bit for bit, including subnormal areas ({@code tiny_1e-20}) and offset 1e4.</li>
 * <li>{@code ciou}: {@code |ours - ciou_f64| <= |diou - diou_f64| + 4u}. CIoU is not bit-exact: its aspect
 *     angles use {@code StrictMath.atan} where torchvision uses a vectorised arctangent, so results differ by up
 *     to 2.5u (5 ulp at 0.3) on the corpus. The first term is the float32 error of the geometry CIoU shares
 *     with DIoU, read off the corpus at that element (DIoU itself is checked bit-exact): it grows with
 *     coordinate magnitude over box size, up to 1.2e-4 for small boxes at offset 1e4. The 4u covers the
 *     penalty {@code alpha * v} (values in [0, 1], a dozen float32 roundings and one arctangent per box): its
 *     observed error against float64 is at most 2.05u, for anchorvec and for torchvision's own float32 output
 *     alike.</li>
 * </ul>
 */
public final class IouFamilyChecker implements OpChecker {

    /** Unit roundoff of float32. */
    static final double U = 0x1p-24;
    /** Allowance for CIoU's aspect-ratio penalty, beyond the shared DIoU geometry error. */
    static final double CIOU_PENALTY_TOL = 4 * U;

    @Override
    public String op() {
        return "iou_family";
    }

    @Override
    public List<String> check(Bxt c) {
        Boxes a = boxes(c, "boxes1");
        Boxes b = boxes(c, "boxes2");
        double eps = c.doubles("eps")[0];
        if (eps != 1e-7) {
            // anchorvec hard-codes torchvision's default; another eps would need a kernel parameter.
            throw new IllegalArgumentException(c.source() + ": eps = " + eps + ", anchorvec supports only 1e-7");
        }
        int[] shape = {a.size(), b.size()};
        List<String> failures = new ArrayList<>();
        for (IouKind kind : List.of(IouKind.IOU, IouKind.GIOU, IouKind.DIOU, IouKind.CIOU)) {
            String name = kind.name().toLowerCase(Locale.ROOT);
            float[] tv = reference(c, name, shape);
            ElementRule rule = kind == IouKind.CIOU ? ciouRule(c, tv, shape) : exactRule(tv);
            Mismatches.check(name, BoxIou.pairwise(kind, a, b), shape, rule).ifPresent(failures::add);
        }
        return failures;
    }

    private static ElementRule exactRule(float[] tv) {
        return new ElementRule() {
            @Override
            public String text() {
                return "bit-exact with torchvision float32 (float ==, +0.0 == -0.0); exactly 0 where torchvision "
                        + "is NaN";
            }

            @Override
            public boolean accepts(int i, float actual) {
                return Float.isNaN(tv[i]) ? actual == 0f : actual == tv[i];
            }

            @Override
            public String expected(int i) {
                return Float.isNaN(tv[i]) ? "0 (torchvision NaN)" : Float.toString(tv[i]);
            }
        };
    }

    private static ElementRule ciouRule(Bxt c, float[] tv, int[] shape) {
        double[] f64 = reference64(c, "ciou_f64", shape);
        float[] diou = reference(c, "diou", shape);
        double[] diou64 = reference64(c, "diou_f64", shape);
        return new ElementRule() {
            @Override
            public String text() {
                return "|ours - ciou_f64| <= tol = |diou - diou_f64| + 4u (u = 2^-24; the float32 DIoU error at "
                        + "this element plus the aspect penalty's rounding); exactly 0 where torchvision is NaN";
            }

            @Override
            public boolean accepts(int i, float actual) {
                return Float.isNaN(tv[i]) ? actual == 0f : Math.abs(actual - f64[i]) <= tol(i);
            }

            @Override
            public String expected(int i) {
                return Float.isNaN(tv[i]) ? "0 (torchvision NaN)"
                        : String.format(Locale.ROOT, "%.9g +- %.3g (torchvision float32 %s)", f64[i], tol(i),
                                tv[i]);
            }

            private double tol(int i) {
                return Math.abs(diou[i] - diou64[i]) + CIOU_PENALTY_TOL;
            }
        };
    }

    private static Boxes boxes(Bxt c, String name) {
        BxtArray array = c.array(name, BxtType.F32);
        if (array.shape().length != 2 || array.dim(1) != 4) {
            throw new IllegalArgumentException(c.source() + ": " + name + " must be [n, 4], is "
                    + Arrays.toString(array.shape()));
        }
        return Boxes.ofXyxy((float[]) array.data());
    }

    private static float[] reference(Bxt c, String name, int[] shape) {
        return (float[]) c.array(name, BxtType.F32, shape).data();
    }

    private static double[] reference64(Bxt c, String name, int[] shape) {
        return (double[]) c.array(name, BxtType.F64, shape).data();
    }
}
