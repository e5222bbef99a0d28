package dev.anchorvec.select;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anchorvec.boxes.Boxes;
import dev.anchorvec.reference.ReferenceNms;
import dev.anchorvec.testkit.Gen;
import dev.anchorvec.testkit.Prop;
import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * The spatial path of {@link Nms#greedy} ({@code SpatialNms}: grid cells, cell culling, per-cell compaction)
 * against {@link ReferenceNms} exactly, on inputs chosen to break its culling: clusters, boxes laid out on a
 * grid (neighbours in adjacent cells, edges exactly touching), a few huge boxes among small ones (the cell
 * margin), boxes straddling cell borders, duplicates, equal scores, empty, inverted, NaN and infinite boxes,
 * at {@code t} in {0, 0.3, 0.5, 0.9}, a negative t (the plain path) and thresholds just above 0.
 */
class SpatialNmsTest {

    /** {@code perCell}: grid fineness for the direct runs (the production value gives one cell on small inputs). */
    record Case(float[] xyxy, float[] scores, double t, int perCell) {
        @Override
        public String toString() {
            return "n " + scores.length + ", t " + t + ", perCell " + perCell + "\n    boxes " + Arrays.toString(xyxy) + "\n    scores "
                    + Arrays.toString(scores);
        }
    }

    private static final double[] THRESHOLDS = {0.0, 0.3, 0.5, 0.9, 0.0, 0.5, -0.5, 1e-30, Double.MIN_VALUE};

    static final Gen<Case> CASES = rnd -> {
        int n = switch (rnd.nextInt(4)) {
            case 0 -> rnd.nextInt(1, 40);
            case 1, 2 -> rnd.nextInt(40, 600);
            default -> rnd.nextInt(SpatialNms.MIN_CANDIDATES, SpatialNms.MIN_CANDIDATES + 400); // via Nms.greedy
        };
        int layout = rnd.nextInt(4);
        boolean integral = rnd.nextBoolean();
        float[] xyxy = new float[4 * n];
        int side = (int) Math.ceil(Math.sqrt(n));
        int clusters = 1 + rnd.nextInt(1 + n / 20);
        float[] cx = new float[clusters], cy = new float[clusters];
        for (int c = 0; c < clusters; c++) {
            cx[c] = rnd.nextFloat() * 1000;
            cy[c] = rnd.nextFloat() * 1000;
        }
        for (int i = 0; i < n; i++) {
            float x, y, w, h;
            switch (layout) {
                case 0 -> { // clusters
                    int c = rnd.nextInt(clusters);
                    x = cx[c] + (float) rnd.nextGaussian() * 8;
                    y = cy[c] + (float) rnd.nextGaussian() * 8;
                    w = 4 + rnd.nextFloat() * 40;
                    h = 4 + rnd.nextFloat() * 40;
                }
                case 1 -> { // a grid of boxes, neighbours touching or overlapping a little
                    x = (i % side) * 10 + rnd.nextInt(3);
                    y = (i / side) * 10 + rnd.nextInt(3);
                    w = 10 + rnd.nextInt(4);
                    h = 10 + rnd.nextInt(4);
                }
                case 2 -> { // small boxes and a few huge ones: a hit far from the kept box's cell
                    boolean huge = rnd.nextInt(30) == 0;
                    x = rnd.nextFloat() * 1000;
                    y = rnd.nextFloat() * 1000;
                    w = huge ? 300 + rnd.nextFloat() * 900 : 2 + rnd.nextFloat() * 30;
                    h = huge ? 300 + rnd.nextFloat() * 900 : 2 + rnd.nextFloat() * 30;
                }
                default -> { // long thin boxes across many cells, and their near copies
                    boolean wide = rnd.nextBoolean();
                    x = rnd.nextFloat() * 500;
                    y = rnd.nextFloat() * 500;
                    w = wide ? 200 + rnd.nextFloat() * 300 : 3 + rnd.nextFloat() * 5;
                    h = wide ? 3 + rnd.nextFloat() * 5 : 200 + rnd.nextFloat() * 300;
                }
            }
            float[] box = {x - w / 2, y - h / 2, x + w / 2, y + h / 2};
            for (int k = 0; k < 4; k++) {
                xyxy[4 * i + k] = integral ? Math.round(box[k]) : box[k];
            }
            if (i > 0 && rnd.nextInt(10) == 0) {
                int j = rnd.nextInt(i);
                System.arraycopy(xyxy, 4 * j, xyxy, 4 * i, 4); // duplicate
                if (rnd.nextBoolean()) {
                    xyxy[4 * i + rnd.nextInt(4)] += rnd.nextBoolean() ? 0.5f : -0.5f; // near duplicate
                }
            }
            if (rnd.nextInt(40) == 0) {
                odd(rnd, xyxy, i);
            }
        }
        float[] scores = new float[n];
        int style = rnd.nextInt(4);
        for (int i = 0; i < n; i++) {
            scores[i] = switch (style) {
                case 0 -> rnd.nextFloat();
                case 1 -> rnd.nextInt(1, 6) / 5f; // many equal scores
                case 2 -> (float) i / n; // ranks opposite to the layout order
                default -> rnd.nextInt(25) == 0 ? Float.NaN : rnd.nextFloat();
            };
        }
        double t = rnd.nextInt(4) == 0 ? rnd.nextDouble() : THRESHOLDS[rnd.nextInt(THRESHOLDS.length)];
        int[] perCell = {1, 2, 4, 16, 64, SpatialNms.PER_CELL};
        return new Case(xyxy, scores, t, perCell[rnd.nextInt(perCell.length)]);
    };

    /** Sort, gather and the spatial path directly (any n, {@code t >= 0}), into a fresh or a reused workspace. */
    private static int[] spatial(Case c, NmsWorkspace ws) {
        int n = c.scores().length;
        Boxes boxes = Boxes.ofXyxy(c.xyxy());
        ws.ensure(n);
        int m = ScoreOrder.sort(c.scores(), 0, n, ws.order, ws.keys, ws.order2, ws.keys2, ws.counts);
        Nms.gather(boxes, ws.order, m, ws.boxes);
        int[] keep = new int[n];
        int k = SpatialNms.run(ws.boxes, ws.order, m, Math.max(0, c.t()), ws, keep, c.perCell());
        return Arrays.copyOf(keep, k);
    }

    /** A box the grid must leave out: NaN, infinite, empty or inverted. */
    private static void odd(RandomGenerator rnd, float[] xyxy, int i) {
        int k = 4 * i + rnd.nextInt(4);
        switch (rnd.nextInt(5)) {
            case 0 -> xyxy[k] = Float.NaN;
            case 1 -> xyxy[k] = (k & 3) < 2 ? Float.NEGATIVE_INFINITY : Float.POSITIVE_INFINITY;
            case 2 -> xyxy[k] = (k & 3) < 2 ? Float.POSITIVE_INFINITY : Float.NEGATIVE_INFINITY;
            case 3 -> xyxy[4 * i + 2] = xyxy[4 * i]; // zero width
            default -> { // inverted
                float x1 = xyxy[4 * i];
                xyxy[4 * i] = xyxy[4 * i + 2];
                xyxy[4 * i + 2] = x1;
            }
        }
    }

    @Test
    void greedyEqualsTheReferenceExactly() {
        Prop.forAll("nms (both paths) equals reference", 100, CASES,
                c -> assertArrayEquals(ReferenceNms.greedy(c.xyxy(), c.scores(), c.t()),
                        Nms.greedy(Boxes.ofXyxy(c.xyxy()), c.scores(), c.t())));
    }

    /** Fine grids on every input size: the culling and per-cell compaction are what is tested here. */
    @Test
    void spatialPathEqualsTheReferenceExactly() {
        Prop.forAll("spatial nms equals reference", 300, CASES,
                c -> assertArrayEquals(ReferenceNms.greedy(c.xyxy(), c.scores(), Math.max(0, c.t())),
                        spatial(c, new NmsWorkspace())));
    }

    /** A reused workspace (larger grids before smaller ones, stale cells and levels) changes nothing. */
    @Test
    void reusedWorkspaceEqualsTheReference() {
        NmsWorkspace ws = new NmsWorkspace();
        Prop.forAll("spatial nms, reused workspace", 150, CASES,
                c -> assertArrayEquals(ReferenceNms.greedy(c.xyxy(), c.scores(), Math.max(0, c.t())),
                        spatial(c, ws)));
    }

    /**
     * A big box whose centre is many cells away from a small kept box it overlaps: only the half-extent margin
     * visits its cell.
     */
    @Test
    void aFarCentredBigBoxIsSuppressed() {
        int n = 400;
        float[] xyxy = new float[4 * n];
        float[] scores = new float[n];
        for (int i = 0; i < n; i++) { // small boxes spread over [0, 1000)^2, so the grid is fine
            float x = (i % 20) * 50, y = (i / 20) * 50;
            xyxy[4 * i] = x;
            xyxy[4 * i + 1] = y;
            xyxy[4 * i + 2] = x + 4;
            xyxy[4 * i + 3] = y + 4;
            scores[i] = 0.1f;
        }
        // Box 0 is kept first; box 1, ranked second, covers [0, 0]-[600, 600]: IoU 16 / 360000, above t = 0.
        xyxy[4] = 0;
        xyxy[5] = 0;
        xyxy[6] = 600;
        xyxy[7] = 600;
        scores[0] = 1f;
        scores[1] = 0.9f;
        int[] keep = spatial(new Case(xyxy, scores, 0.0, 4), new NmsWorkspace());
        assertArrayEquals(ReferenceNms.greedy(xyxy, scores, 0.0), keep);
        assertTrue(Arrays.stream(keep).noneMatch(k -> k == 1), "the big box overlaps kept box 0");
    }
}
