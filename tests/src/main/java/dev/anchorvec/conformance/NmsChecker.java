package dev.anchorvec.conformance;

import dev.anchorvec.boxes.Boxes;
import dev.anchorvec.select.Nms;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code nms}: {@link Nms#greedy(Boxes, float[], double)} against {@code torchvision.ops.nms}. The kept indices
 * must equal torchvision's {@code keep} exactly, in order, and also {@code keep_stable_ref} (torchvision run with
 * ties broken explicitly by lower index, anchorvec's documented order; the two agree on every corpus case). The
 * float64 and OpenCV results are not compared: they differ from torchvision's float32 decisions by design.
 */
public final class NmsChecker implements OpChecker {

    @Override
    public String op() {
        return "nms";
    }

    @Override
    public List<String> check(Bxt c) {
        Boxes boxes = boxes(c);
        float[] scores = scores(c, boxes.size());
        double threshold = c.doubles("iou_threshold")[0];
        int[] ours = Nms.greedy(boxes, scores, threshold);
        List<String> failures = new ArrayList<>();
        for (String name : List.of("keep", "keep_stable_ref")) {
            int[] expected = Arrays.stream(c.longs(name)).mapToInt(Math::toIntExact).toArray();
            if (!Arrays.equals(ours, expected)) {
                failures.add(describe(name, expected, ours, threshold));
            }
        }
        return failures;
    }

    /** The case's {@code boxes [n, 4]} (xyxy). */
    static Boxes boxes(Bxt c) {
        BxtArray boxArray = c.array("boxes", BxtType.F32);
        if (boxArray.shape().length != 2 || boxArray.dim(1) != 4) {
            throw new IllegalArgumentException(c.source() + ": boxes must be [n, 4], is "
                    + Arrays.toString(boxArray.shape()));
        }
        return Boxes.ofXyxy((float[]) boxArray.data());
    }

    /** The case's {@code scores [n]}. */
    static float[] scores(Bxt c, int n) {
        return (float[]) c.array("scores", BxtType.F32, new int[] {n}).data();
    }

    private static String describe(String name, int[] expected, int[] actual, double threshold) {
        int at = Arrays.mismatch(expected, actual);
        return name + " (exact, in order; threshold " + threshold + "): " + expected.length + " expected, "
                + actual.length + " kept, first difference at position " + at + ": expected "
                + (at < expected.length ? expected[at] : "end") + ", got " + (at < actual.length ? actual[at] : "end");
    }
}
