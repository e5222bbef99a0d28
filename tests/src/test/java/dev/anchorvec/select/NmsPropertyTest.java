package dev.anchorvec.select;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anchorvec.boxes.BoxIou;
import dev.anchorvec.boxes.Boxes;
import dev.anchorvec.boxes.IouKind;
import dev.anchorvec.reference.ReferenceIou;
import dev.anchorvec.reference.ReferenceNms;
import dev.anchorvec.testkit.Gen;
import dev.anchorvec.testkit.Prop;
import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * {@link Nms#greedy} against {@link ReferenceNms} exactly, and the defining properties of greedy NMS checked
 * directly. The suite runs once per implementation (preferred vector width, 256, 128 bits and scalar, see the
 * tests pom), so each run holds that implementation to the reference: vector and scalar agree through it.
 */
class NmsPropertyTest {

    /** Interleaved xyxy boxes, their scores and a threshold. */
    record Case(float[] xyxy, float[] scores, double t) {
        int n() {
            return scores.length;
        }

        @Override
        public String toString() {
            return "n " + n() + ", t " + t + "\n    boxes " + Arrays.toString(xyxy) + "\n    scores "
                    + Arrays.toString(scores);
        }
    }

    private static final double[] THRESHOLDS = {0.3, 0.5, 0.7, 0.45, 0.0, -0.25, 1.0, 0.3f, 0.5f, 1e-30};

    /** Clustered boxes (so that suppression happens), integer corners sometimes (exact IoU ties), dup scores. */
    static final Gen<Case> CASES = rnd -> {
        int n = switch (rnd.nextInt(4)) {
            case 0 -> rnd.nextInt(0, 4);
            case 1 -> rnd.nextInt(4, 40);
            case 2 -> rnd.nextInt(40, 300);
            default -> rnd.nextInt(300, 900);
        };
        boolean integral = rnd.nextBoolean();
        int clusters = 1 + rnd.nextInt(1 + n / 8);
        float[] cx = new float[clusters], cy = new float[clusters];
        for (int c = 0; c < clusters; c++) {
            cx[c] = rnd.nextFloat() * 200;
            cy[c] = rnd.nextFloat() * 200;
        }
        float[] xyxy = new float[4 * n];
        float[] scores = new float[n];
        int scoreStyle = rnd.nextInt(3);
        for (int i = 0; i < n; i++) {
            int c = rnd.nextInt(clusters);
            float w = 2 + rnd.nextFloat() * 30, h = 2 + rnd.nextFloat() * 30;
            float x = cx[c] + (float) rnd.nextGaussian() * 6, y = cy[c] + (float) rnd.nextGaussian() * 6;
            float[] box = {x - w / 2, y - h / 2, x + w / 2, y + h / 2};
            for (int k = 0; k < 4; k++) {
                xyxy[4 * i + k] = integral ? Math.round(box[k]) : box[k];
            }
            if (i > 0 && rnd.nextInt(20) == 0) {
                System.arraycopy(xyxy, 4 * rnd.nextInt(i), xyxy, 4 * i, 4); // duplicate box
            }
            scores[i] = switch (scoreStyle) {
                case 0 -> rnd.nextFloat();
                case 1 -> rnd.nextInt(1, 11) / 10f; // many equal scores
                default -> special(rnd);
            };
        }
        double t = rnd.nextInt(3) == 0 ? rnd.nextDouble() : THRESHOLDS[rnd.nextInt(THRESHOLDS.length)];
        if (n >= 2 && rnd.nextInt(4) == 0) {
            // A threshold exactly on an IoU that occurs: equal does not suppress.
            t = ReferenceIou.value(IouKind.IOU, xyxy, rnd.nextInt(n), xyxy, rnd.nextInt(n));
        }
        return new Case(xyxy, scores, t);
    };

    private static float special(RandomGenerator rnd) {
        return switch (rnd.nextInt(8)) {
            case 0 -> Float.NaN;
            case 1 -> -0.0f;
            case 2 -> 0.0f;
            case 3 -> Float.POSITIVE_INFINITY;
            case 4 -> Float.NEGATIVE_INFINITY;
            default -> rnd.nextFloat() * 2 - 1;
        };
    }

    private static int[] run(Case c) {
        return Nms.greedy(Boxes.ofXyxy(c.xyxy()), c.scores(), c.t());
    }

    /** Visiting order: score descending, then index ascending; -0.0 ranks as 0.0. */
    private static boolean ranksBefore(float[] s, int a, int b) {
        double sa = s[a] + 0.0, sb = s[b] + 0.0;
        return sa > sb || (sa == sb && a < b);
    }

    private static double iou(Case c, int a, int b) {
        return ReferenceIou.value(IouKind.IOU, c.xyxy(), a, c.xyxy(), b);
    }

    @Test
    void equalsTheReferenceExactly() {
        Prop.forAll("nms equals reference", 300, CASES,
                c -> assertArrayEquals(ReferenceNms.greedy(c.xyxy(), c.scores(), c.t()), run(c)));
    }

    @Test
    void keptBoxesAreRankedAndOverlapAtMostT() {
        Prop.forAll("nms kept set", 200, CASES, c -> {
            int[] keep = run(c);
            for (int a = 0; a < keep.length; a++) {
                assertFalse(Float.isNaN(c.scores()[keep[a]]), "NaN score kept");
                for (int b = a + 1; b < keep.length; b++) {
                    assertTrue(ranksBefore(c.scores(), keep[a], keep[b]), "order at " + a);
                    assertTrue(iou(c, keep[a], keep[b]) <= c.t(), "kept " + keep[a] + ", " + keep[b]);
                }
            }
        });
    }

    @Test
    void everyRemovedBoxOverlapsAHigherRankedKeptBox() {
        Prop.forAll("nms removed", 200, CASES, c -> {
            int[] keep = run(c);
            boolean[] kept = new boolean[c.n()];
            for (int k : keep) {
                kept[k] = true;
            }
            for (int i = 0; i < c.n(); i++) {
                if (kept[i] || Float.isNaN(c.scores()[i])) {
                    continue;
                }
                int box = i;
                assertTrue(Arrays.stream(keep).anyMatch(k -> ranksBefore(c.scores(), k, box) && iou(c, k, box) > c.t()),
                        "box " + i + " removed without cause");
            }
        });
    }

    @Test
    void nmsOfTheKeptSetKeepsAllOfIt() {
        Prop.forAll("nms idempotent", 200, CASES, c -> {
            int[] keep = run(c);
            float[] xyxy = new float[4 * keep.length];
            float[] scores = new float[keep.length];
            for (int k = 0; k < keep.length; k++) {
                System.arraycopy(c.xyxy(), 4 * keep[k], xyxy, 4 * k, 4);
                scores[k] = c.scores()[keep[k]];
            }
            int[] again = Nms.greedy(Boxes.ofXyxy(xyxy), scores, c.t());
            assertArrayEquals(java.util.stream.IntStream.range(0, keep.length).toArray(), again);
        });
    }

    @Test
    void workspaceReuseOffsetsAndStridedBoxesGiveTheSameResult() {
        NmsWorkspace ws = new NmsWorkspace();
        Prop.forAll("nms workspace", 200, CASES, c -> {
            int n = c.n();
            // Planar copy with an offset and a stride above n; scores at an offset.
            float[] planes = new float[3 + 4 * (n + 5)];
            Boxes boxes = Boxes.wrapPlanar(planes, 3, n + 5, n);
            for (int i = 0; i < n; i++) {
                boxes.set(i, c.xyxy()[4 * i], c.xyxy()[4 * i + 1], c.xyxy()[4 * i + 2], c.xyxy()[4 * i + 3]);
            }
            float[] scores = new float[n + 7];
            System.arraycopy(c.scores(), 0, scores, 7, n);
            int[] keep = new int[n + 2];
            Arrays.fill(keep, -9);
            float[] before = planes.clone();
            int k = Nms.greedy(boxes, scores, 7, c.t(), keep, ws);
            assertArrayEquals(run(c), Arrays.copyOf(keep, k));
            assertEquals(-9, keep[n + 1], "wrote past the kept entries");
            assertArrayEquals(before, planes, "input boxes modified");
        });
    }

    @Test
    void decisionsAreTheFacadeIous() {
        // The kernel decides as BoxIou reports, not only as the reference does.
        Prop.forAll("nms vs BoxIou", 100, CASES, c -> {
            Boxes boxes = Boxes.ofXyxy(c.xyxy());
            int[] keep = run(c);
            for (int a = 0; a < keep.length; a++) {
                for (int b = a + 1; b < keep.length; b++) {
                    int i = keep[a], j = keep[b];
                    float v = BoxIou.of(IouKind.IOU, boxes.x1(i), boxes.y1(i), boxes.x2(i), boxes.y2(i),
                            boxes.x1(j), boxes.y1(j), boxes.x2(j), boxes.y2(j));
                    assertTrue(v <= c.t());
                }
            }
        });
    }
}
