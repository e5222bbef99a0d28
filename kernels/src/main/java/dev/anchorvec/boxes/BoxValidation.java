package dev.anchorvec.boxes;

import dev.anchorvec.internal.Args;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds boxes the kernels would answer for without complaint but that are probably a caller's bug: NaN or
 * infinite coordinates, and inverted boxes ({@code x2 < x1} or {@code y2 < y1}, treated as empty). The kernels
 * themselves do not check boxes (it would cost a pass over the data); call this where input is untrusted.
 *
 * <pre>{@code
 * BoxValidation.requireValid(boxes, "detections");   // IllegalArgumentException naming the first bad box
 * }</pre>
 *
 * <p><b>Answers.</b> A box is valid when its four coordinates are finite and {@code x1 <= x2}, {@code y1 <= y2}
 * (zero-size boxes are valid; subnormal and huge finite coordinates too). {@link #firstInvalid} treats a
 * negative {@code from} as 0 and answers -1 for a {@code from} past the last box.
 *
 * <p><b>Threads.</b> Stateless and thread-safe; it only reads the boxes.
 */
public final class BoxValidation {

    /** What is wrong with a box; a box gets the first that applies in this order. */
    public enum Problem {
        /** A coordinate is NaN. */
        NAN,
        /** A coordinate is infinite. */
        INFINITE,
        /** {@code x2 < x1} or {@code y2 < y1}. */
        INVERTED
    }

    /** One bad box. */
    public record Issue(int index, Problem problem) {}

    private BoxValidation() {}

    /** Every bad box, in index order; empty if all are finite and not inverted. */
    public static List<Issue> check(Boxes boxes) {
        Args.notNull(boxes, "boxes");
        List<Issue> issues = new ArrayList<>();
        for (int i = firstInvalid(boxes, 0); i >= 0; i = firstInvalid(boxes, i + 1)) {
            issues.add(new Issue(i, problem(boxes, i)));
        }
        return issues;
    }

    /** Index of the first bad box at or after {@code from}, or -1. Allocates nothing. */
    public static int firstInvalid(Boxes boxes, int from) {
        Args.notNull(boxes, "boxes");
        float[] d = boxes.data();
        int p0 = boxes.plane(0), p1 = boxes.plane(1), p2 = boxes.plane(2), p3 = boxes.plane(3);
        for (int i = Math.max(0, from); i < boxes.size(); i++) {
            float x1 = d[p0 + i], y1 = d[p1 + i], x2 = d[p2 + i], y2 = d[p3 + i];
            // One test covers all three problems: it is false for NaN, for infinities and for inversions.
            boolean ok = x1 <= x2 && y1 <= y2 && Float.isFinite(x1) && Float.isFinite(x2) && Float.isFinite(y1)
                    && Float.isFinite(y2);
            if (!ok) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Throws if any box is bad.
     *
     * @param name how the caller calls these boxes, for the message ({@code "boxes"} if empty)
     * @throws IllegalArgumentException naming {@code name}, the index, the problem and the coordinates of the
     *                                  first bad box, and how many bad boxes there are
     */
    public static void requireValid(Boxes boxes, String name) {
        Args.notNull(name, "name");
        int first = firstInvalid(boxes, 0);
        if (first < 0) {
            return;
        }
        int count = 0;
        for (int i = first; i >= 0; i = firstInvalid(boxes, i + 1)) {
            count++;
        }
        throw new IllegalArgumentException((name.isEmpty() ? "boxes" : name) + "[" + first + "] is " + describe(problem(boxes, first)) + ": ["
                + boxes.x1(first) + ", " + boxes.y1(first) + ", " + boxes.x2(first) + ", " + boxes.y2(first) + "]"
                + (count > 1 ? " (" + count + " bad boxes in all)" : ""));
    }

    private static Problem problem(Boxes b, int i) {
        float x1 = b.x1(i), y1 = b.y1(i), x2 = b.x2(i), y2 = b.y2(i);
        if (Float.isNaN(x1) || Float.isNaN(y1) || Float.isNaN(x2) || Float.isNaN(y2)) {
            return Problem.NAN;
        }
        if (Float.isInfinite(x1) || Float.isInfinite(y1) || Float.isInfinite(x2) || Float.isInfinite(y2)) {
            return Problem.INFINITE;
        }
        return Problem.INVERTED;
    }

    private static String describe(Problem p) {
        return switch (p) {
            case NAN -> "NaN";
            case INFINITE -> "infinite";
            case INVERTED -> "inverted (x2 < x1 or y2 < y1)";
        };
    }
}
