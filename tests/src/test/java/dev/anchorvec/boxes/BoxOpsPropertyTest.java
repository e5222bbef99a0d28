package dev.anchorvec.boxes;

import static dev.anchorvec.testkit.FloatChecks.assertSameBits;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.anchorvec.simd.Simd;
import dev.anchorvec.testkit.BoxGen;
import dev.anchorvec.testkit.BoxList;
import dev.anchorvec.testkit.Gen;
import dev.anchorvec.testkit.Layout;
import dev.anchorvec.testkit.Prop;
import dev.anchorvec.testkit.Sizes;
import java.lang.invoke.MethodHandles;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Area, clip and small-box removal from the facade, the scalar kernels and the vector kernels equal a plain
 * reference written from torchvision's definitions (area with inverted boxes empty, NaN kept; clamp to the
 * image keeping NaN; keep {@code w >= min && h >= min}, NaN removed).
 */
class BoxOpsPropertyTest {

    record Case(BoxList boxes, Layout layout, float width, float height, float minSize) {}

    static final Gen<Case> CASES = rnd -> new Case(BoxGen.all().lists(Sizes.edges(140, 0.05)).generate(rnd),
            Layout.gen().generate(rnd), (float) rnd.nextDouble(0, 2000), (float) rnd.nextDouble(0, 2000),
            rnd.nextInt(4) == 0 ? 0f : (float) rnd.nextDouble(-1, 50));

    /** One implementation; clip works in place on a copy. */
    record Impl(String name, BoxOpsKernels kernels) {}

    static List<Impl> impls() {
        List<Impl> impls = new ArrayList<>(List.of(new Impl("BoxOps", null),
                new Impl("ScalarBoxOpsKernels", new ScalarBoxOpsKernels())));
        if (IouImpls.vectorModulePresent()) {
            impls.add(new Impl("VectorBoxOpsKernels", Simd.loadVector(MethodHandles.lookup(), BoxOpsKernels.class,
                    "dev.anchorvec.boxes.VectorBoxOpsKernels")));
        }
        return impls;
    }

    /** Extents clamped to {@code [0, Float.MAX_VALUE]} (NaN kept), their product at most {@code MAX_VALUE}. */
    static float referenceArea(float x1, float y1, float x2, float y2) {
        float w = x2 - x1, h = y2 - y1;
        w = w < 0 ? 0 : Math.min(w, Float.MAX_VALUE);
        h = h < 0 ? 0 : Math.min(h, Float.MAX_VALUE);
        return Math.min(w * h, Float.MAX_VALUE);
    }

    static float referenceClamp(float v, float hi) {
        if (Float.isNaN(v)) {
            return v;
        }
        return v < 0 ? 0 : v > hi ? hi : v;
    }

    @Test
    void areaClipAndRemoveSmallEqualTheReference() {
        List<Impl> impls = impls();
        Prop.forAll("boxops", 300, CASES, c -> check(c, impls));
    }

    /** Checks one case against every implementation given (also used on C2-compiled kernels). */
    static void check(Case c, List<Impl> impls) {
        float[] xy = c.boxes().toXyxy();
        int n = xy.length / 4;
        float[] wantArea = new float[n];
        float[] wantClip = new float[4 * n];
        int[] keepAll = new int[n];
        int kept = 0;
        for (int i = 0; i < n; i++) {
            float x1 = xy[4 * i], y1 = xy[4 * i + 1], x2 = xy[4 * i + 2], y2 = xy[4 * i + 3];
            wantArea[i] = referenceArea(x1, y1, x2, y2);
            wantClip[4 * i] = referenceClamp(x1, c.width());
            wantClip[4 * i + 1] = referenceClamp(y1, c.height());
            wantClip[4 * i + 2] = referenceClamp(x2, c.width());
            wantClip[4 * i + 3] = referenceClamp(y2, c.height());
            if (x2 - x1 >= c.minSize() && y2 - y1 >= c.minSize()) {
                keepAll[kept++] = i;
            }
        }
        int[] wantKeep = Arrays.copyOf(keepAll, kept);
        for (Impl impl : impls) {
            Boxes boxes = c.boxes().toBoxes(c.layout());
            float[] area = new float[n + 2];
            int[] keep = new int[n];
            int count;
            if (impl.kernels() == null) {
                BoxOps.area(boxes, 0, n, area, 1);
                count = BoxOps.removeSmall(boxes, c.minSize(), keep);
                BoxOps.clip(boxes, c.width(), c.height());
            } else if (n > 0) {
                impl.kernels().area(boxes, 0, n, area, 1);
                count = impl.kernels().removeSmall(boxes, c.minSize(), keep);
                impl.kernels().clip(boxes, c.width(), c.height());
            } else {
                count = 0;
            }
            // A NaN area's sign bit depends on the order the hardware met the NaN; any NaN is the answer.
            assertSameBits(impl.name() + " area", canonical(wantArea), canonical(Arrays.copyOfRange(area, 1,
                    n + 1)));
            assertEquals(0f, area[0], impl.name() + " wrote before its range");
            assertArrayEquals(wantKeep, Arrays.copyOf(keep, count), impl.name() + " removeSmall");
            assertSameBits(impl.name() + " clip", wantClip, boxes.toInterleaved(BoxFormat.XYXY));
        }
    }

    /** Every NaN replaced by the canonical NaN. */
    static float[] canonical(float[] v) {
        float[] c = v.clone();
        for (int i = 0; i < c.length; i++) {
            c[i] = Float.intBitsToFloat(Float.floatToIntBits(c[i]));
        }
        return c;
    }

    @Test
    void torchvisionExamples() {
        // test_ops.py: box_area of FLOAT_BOXES, and of a degenerate box.
        Boxes boxes = Boxes.ofXyxy(285.3538f, 185.5758f, 1193.5110f, 851.4551f, 285.1472f, 188.7374f, 1192.4984f,
                851.0669f, 279.2440f, 197.9812f, 1189.4746f, 849.2019f, 0, 0, 0, 0);
        float[] area = BoxOps.area(boxes);
        float[] want = {604723.0806f, 600965.4666f, 592761.0085f, 0};
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], area[i], 0.1f, "area " + i);
        }
        // clip_boxes_to_image clamps x to [0, W] and y to [0, H].
        Boxes outside = Boxes.ofXyxy(-5, -5, 700, 500, 10, 20, 30, 40);
        BoxOps.clip(outside, 640, 480);
        assertArrayEquals(new float[] {0, 0, 640, 480, 10, 20, 30, 40}, outside.toInterleaved(BoxFormat.XYXY));
        // remove_small_boxes keeps w >= min and h >= min.
        int[] keep = new int[3];
        int n = BoxOps.removeSmall(Boxes.ofXyxy(0, 0, 1, 1, 0, 0, 0.5f, 3, 0, 0, 2, 2), 1f, keep);
        assertArrayEquals(new int[] {0, 2}, Arrays.copyOf(keep, n));
    }
}
