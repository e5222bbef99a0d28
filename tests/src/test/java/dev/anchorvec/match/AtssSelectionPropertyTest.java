package dev.anchorvec.match;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anchorvec.boxes.BoxIou;
import dev.anchorvec.boxes.Boxes;
import dev.anchorvec.boxes.IouKind;
import dev.anchorvec.testkit.Prop;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * {@link AtssAssigner} chooses each level's candidates with a heap; this property compares it with mmdet's steps
 * done the plain way - every distance, a full sort by (distance, index), the first {@code topk} - on priors laid on
 * a grid (so equal distances abound), with every {@code topk} from 1 to more than a level holds. Also: the centre
 * is mmdet's {@code (x1 + x2) / 2} where that is finite and the half-sum otherwise.
 */
class AtssSelectionPropertyTest {

    record Case(Boxes priors, int[] levels, Boxes gt, int topk) {
        @Override
        public String toString() {
            return "priors " + priors.size() + " levels " + Arrays.toString(levels) + " gt " + gt + " topk " + topk;
        }
    }

    static Case gen(RandomGenerator r) {
        int levelCount = 1 + r.nextInt(4);
        int[] levels = new int[levelCount];
        List<float[]> boxes = new ArrayList<>();
        for (int l = 0; l < levelCount; l++) {
            levels[l] = r.nextInt(6) == 0 ? 0 : 1 + r.nextInt(60);
            float stride = 4 << l;
            for (int k = 0; k < levels[l]; k++) {
                // Centres on a small grid, two sizes per cell: many priors at exactly the same distance.
                float cx = (k / 2 % 6) * stride, cy = (k / 12) * stride, half = stride * (k % 2 == 0 ? 1 : 1.5f);
                boxes.add(new float[] {cx - half, cy - half, cx + half, cy + half});
            }
        }
        Boxes priors = Boxes.allocate(boxes.size());
        for (int i = 0; i < boxes.size(); i++) {
            float[] b = boxes.get(i);
            priors.set(i, b[0], b[1], b[2], b[3]);
        }
        int m = r.nextInt(6);
        Boxes gt = Boxes.allocate(m);
        for (int j = 0; j < m; j++) {
            float cx = r.nextInt(12) * 2f, cy = r.nextInt(12) * 2f, w = 2 + r.nextInt(20), h = 2 + r.nextInt(20);
            gt.set(j, cx - w, cy - h, cx + w, cy + h);
        }
        int[] topks = {1, 2, 3, 9, 17, 60, 1000};
        return new Case(priors, levels, gt, topks[r.nextInt(topks.length)]);
    }

    @Test
    void heapSelectionEqualsAFullSort() {
        Prop.forAll("match.atss.selection", 300, AtssSelectionPropertyTest::gen, c -> {
            int[] got = new AtssAssigner(c.topk()).assign(c.priors(), c.levels(), c.gt());
            assertArrayEquals(plain(c), got, c.toString());
        });
    }

    @Test
    void centresDoNotOverflow() {
        float c = AtssAssigner.centre(2.9e38f, 3.1e38f);
        assertTrue(c >= 2.9e38f && c <= 3.1e38f, "centre " + c);
        assertEquals(Float.MAX_VALUE, AtssAssigner.centre(Float.MAX_VALUE, Float.MAX_VALUE));
        assertEquals(-Float.MAX_VALUE, AtssAssigner.centre(-Float.MAX_VALUE, -Float.MAX_VALUE));
        // Where the sum is finite, mmdet's bits, subnormals included.
        assertEquals(Float.MIN_VALUE, AtssAssigner.centre(Float.MIN_VALUE, Float.MIN_VALUE));
        assertEquals((1.1f + 2.3f) / 2f, AtssAssigner.centre(1.1f, 2.3f));
        // A prior whose sum of coordinates overflows is still inside a gt around its true centre.
        Boxes prior = Boxes.ofXyxy(2.5e38f, 0, 3.3e38f, 2);
        Boxes gt = Boxes.ofXyxy(2.6e38f, 0, 3.2e38f, 2);
        assertArrayEquals(new int[] {MatchCodes.BACKGROUND}, new AtssAssigner(1).assign(prior, new int[] {1}, gt),
                "one candidate: no threshold (NaN deviation), as in torch");
        // IoUs 0.75, 0, 0: threshold 0.25 + 0.433; the first prior's centre (2.9e38, 1) lies inside the gt (with
        // mmdet's overflowing sum it would be +Infinity, outside).
        Boxes priors = Boxes.ofXyxy(2.5e38f, 0, 3.3e38f, 2, 0, 0, 1, 1, 5, 5, 6, 6);
        assertArrayEquals(new int[] {0, MatchCodes.BACKGROUND, MatchCodes.BACKGROUND}, new AtssAssigner(3).assign(
                priors, new int[] {3}, gt));
    }

    /** mmdet's ATSS steps with a full sort per level. */
    private static int[] plain(Case c) {
        Boxes p = c.priors(), g = c.gt();
        int n = p.size();
        int[] codes = new int[n];
        Arrays.fill(codes, MatchCodes.BACKGROUND);
        float[] best = new float[n];
        Arrays.fill(best, Float.NEGATIVE_INFINITY);
        for (int j = 0; j < g.size(); j++) {
            float gcx = AtssAssigner.centre(g.x1(j), g.x2(j)), gcy = AtssAssigner.centre(g.y1(j), g.y2(j));
            List<Integer> cand = new ArrayList<>();
            int start = 0;
            for (int size : c.levels()) {
                List<Integer> level = new ArrayList<>();
                float[] d = new float[n];
                for (int i = start; i < start + size; i++) {
                    float dx = AtssAssigner.centre(p.x1(i), p.x2(i)) - gcx, dy = AtssAssigner.centre(p.y1(i), p.y2(i))
                            - gcy;
                    d[i] = (float) Math.sqrt(dx * dx + dy * dy);
                    level.add(i);
                }
                level.sort(Comparator.<Integer>comparingDouble(i -> d[i]).thenComparingInt(i -> i));
                cand.addAll(level.subList(0, Math.min(c.topk(), size)));
                start += size;
            }
            float[] iou = new float[cand.size()];
            double sum = 0;
            for (int k = 0; k < cand.size(); k++) {
                int i = cand.get(k);
                iou[k] = BoxIou.of(IouKind.IOU, p.x1(i), p.y1(i), p.x2(i), p.y2(i), g.x1(j), g.y1(j), g.x2(j), g.y2(j));
                sum += iou[k];
            }
            double mean = sum / cand.size(), sq = 0;
            for (float v : iou) {
                sq += (v - mean) * (v - mean);
            }
            float thr = (float) (mean + Math.sqrt(sq / (cand.size() - 1)));
            for (int k = 0; k < cand.size(); k++) {
                int i = cand.get(k);
                float cx = AtssAssigner.centre(p.x1(i), p.x2(i)), cy = AtssAssigner.centre(p.y1(i), p.y2(i));
                float inside = Math.min(Math.min(cx - g.x1(j), cy - g.y1(j)), Math.min(g.x2(j) - cx, g.y2(j) - cy));
                if (iou[k] >= thr && inside > 0.01f && iou[k] > best[i]) {
                    best[i] = iou[k];
                    codes[i] = j;
                }
            }
        }
        return codes;
    }
}
