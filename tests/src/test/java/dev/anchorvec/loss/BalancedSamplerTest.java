package dev.anchorvec.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anchorvec.testkit.Prop;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** {@link BalancedSampler}: torchvision's counts, only eligible anchors, seeded repeatability, uniform choice. */
class BalancedSamplerTest {

    record Image(int[] matches, int batch, double fraction) {
        @Override
        public String toString() {
            return "batch " + batch + " fraction " + fraction + " matches " + Arrays.toString(matches);
        }
    }

    private static Image image(RandomGenerator rnd) {
        int n = rnd.nextInt(4) == 0 ? rnd.nextInt(5) : rnd.nextInt(3000);
        int[] matches = new int[n];
        double pos = rnd.nextDouble() * 0.2;
        for (int i = 0; i < n; i++) {
            double u = rnd.nextDouble();
            matches[i] = u < pos ? rnd.nextInt(7) : u < pos + 0.1 ? -2 : -1;
        }
        return new Image(matches, rnd.nextInt(600), rnd.nextInt(5) * 0.25);
    }

    @Test
    void countsFollowTorchvisionAndOnlyEligibleAnchorsAreSampled() {
        MiningWorkspace ws = new MiningWorkspace();
        Prop.forAll("sampler.counts", 300, BalancedSamplerTest::image, img -> {
            int n = img.matches().length;
            int p = 0, b = 0;
            for (int m : img.matches()) {
                p += m >= 0 ? 1 : 0;
                b += m == -1 ? 1 : 0;
            }
            byte[] pos = new byte[n + 2];
            byte[] neg = new byte[n + 2];
            Arrays.fill(pos, (byte) 9);
            Arrays.fill(neg, (byte) 9);
            BalancedSampler s = new BalancedSampler(img.batch(), img.fraction());
            int took = s.sample(img.matches(), 0, n, new SplittableRandom(n), pos, 1, neg, 1, ws);
            int wantPos = Math.min(p, (int) (img.batch() * img.fraction()));
            int wantNeg = Math.min(b, img.batch() - wantPos);
            assertEquals(wantPos, took);
            int gotPos = 0, gotNeg = 0;
            for (int i = 0; i < n; i++) {
                gotPos += pos[i + 1];
                gotNeg += neg[i + 1];
                assertTrue(pos[i + 1] == 0 || img.matches()[i] >= 0, "sampled a non-positive as positive");
                assertTrue(neg[i + 1] == 0 || img.matches()[i] == -1, "sampled a non-background as negative");
            }
            assertEquals(wantPos, gotPos);
            assertEquals(wantNeg, gotNeg);
            assertEquals(9, pos[0]);
            assertEquals(9, neg[n + 1]);
        });
    }

    /** torchvision test_models_detection_utils: sampler(4, 0.25) on labels [0,0,0,0,0,0,1,1,1,-1,-1]. */
    @Test
    void torchvisionExample() {
        // torchvision's labels 0 / 1 / -1 are our codes -1 (background) / gt index / -2 (ignore).
        int[] matches = {-1, -1, -1, -1, -1, -1, 0, 0, 0, -2, -2};
        for (long seed = 0; seed < 20; seed++) {
            byte[] pos = new byte[11];
            byte[] neg = new byte[11];
            new BalancedSampler(4, 0.25).sample(matches, 0, 11, new SplittableRandom(seed), pos, 0, neg, 0,
                    new MiningWorkspace());
            int posCount = 0, negCount = 0;
            for (int i = 0; i < 11; i++) {
                posCount += pos[i];
                negCount += neg[i];
                assertTrue(pos[i] == 0 || (i >= 6 && i <= 8));
                assertTrue(neg[i] == 0 || i <= 5);
            }
            assertEquals(1, posCount);
            assertEquals(3, negCount);
        }
    }

    @Test
    void sameSeedSameSampleAndChoiceIsUniform() {
        int n = 40;
        int[] matches = new int[n];
        Arrays.fill(matches, -1);
        MiningWorkspace ws = new MiningWorkspace();
        BalancedSampler s = new BalancedSampler(10, 0.5);
        byte[] a = new byte[n], b = new byte[n], pos = new byte[n];
        s.sample(matches, 0, n, new SplittableRandom(7), pos, 0, a, 0, ws);
        s.sample(matches, 0, n, new SplittableRandom(7), pos, 0, b, 0, ws);
        assertArrayEquals(a, b);
        // Each of 40 anchors is picked with probability 1/4; over 4000 draws expect 1000 +- 5 sigma (sigma ~ 27).
        int[] hits = new int[n];
        SplittableRandom rnd = new SplittableRandom(11);
        for (int t = 0; t < 4000; t++) {
            s.sample(matches, 0, n, rnd, pos, 0, a, 0, ws);
            for (int i = 0; i < n; i++) {
                hits[i] += a[i];
            }
        }
        for (int i = 0; i < n; i++) {
            assertTrue(Math.abs(hits[i] - 1000) < 140, "anchor " + i + " picked " + hits[i] + " times");
        }
    }

    @Test
    void badInput() {
        assertThrows(IllegalArgumentException.class, () -> new BalancedSampler(-1, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new BalancedSampler(4, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new BalancedSampler(4, 1.5));
        byte[] pos = {3, 3}, neg = {3, 3};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BalancedSampler.rpn()
                .sample(new int[] {0, -9}, 0, 2, new SplittableRandom(1), pos, 0, neg, 0, new MiningWorkspace()));
        assertTrue(e.getMessage().contains("matches[1]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BalancedSampler.rpn()
                .sample(new int[3], 0, 3, new SplittableRandom(1), pos, 0, neg, 0, new MiningWorkspace()));
        assertArrayEquals(new byte[] {3, 3}, pos);
        assertArrayEquals(new byte[] {3, 3}, neg);
    }
}
