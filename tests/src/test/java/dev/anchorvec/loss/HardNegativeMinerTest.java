package dev.anchorvec.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anchorvec.reference.ReferenceMining;
import dev.anchorvec.testkit.Gen;
import dev.anchorvec.testkit.Prop;
import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * {@link HardNegativeMiner} keeps exactly {@code min(#neg, max(min, ceil(ratio * #pos)))} negatives, the highest-loss
 * ones with ties to the lower index, equal to {@link ReferenceMining} on random images with many ties, NaN and
 * signed zeros.
 */
class HardNegativeMinerTest {

    /** One image: match codes, losses and the miner's settings. */
    record Image(int[] matches, float[] losses, double ratio, int minNegatives) {
        @Override
        public String toString() {
            return "ratio " + ratio + " min " + minNegatives + "\n    matches " + Arrays.toString(matches)
                    + "\n    losses " + Arrays.toString(losses);
        }
    }

    private static final Gen<Integer> SIZES = Gen.oneOf(0, 1, 2, 3, 7, 16, 33, 100, 257, 1000, 3001);

    private static Image image(RandomGenerator rnd) {
        int n = SIZES.generate(rnd);
        double posShare = rnd.nextDouble() * 0.3;
        double ignoreShare = rnd.nextDouble() * 0.3;
        int style = rnd.nextInt(4);
        int[] matches = new int[n];
        float[] losses = new float[n];
        for (int i = 0; i < n; i++) {
            double u = rnd.nextDouble();
            matches[i] = u < posShare ? rnd.nextInt(5) : u < posShare + ignoreShare ? -2 : -1;
            losses[i] = switch (style) {
                case 0 -> rnd.nextFloat() * 10;
                case 1 -> rnd.nextInt(4) * 0.5f;                       // heavy ties
                case 2 -> Float.intBitsToFloat(0x3f800000 + rnd.nextInt(3)); // keys differ only in the last digit
                default -> switch (rnd.nextInt(8)) {
                    case 0 -> Float.NaN;
                    case 1 -> -0.0f;
                    case 2 -> 0.0f;
                    case 3 -> Float.POSITIVE_INFINITY;
                    case 4 -> -rnd.nextFloat();
                    default -> (float) Math.exp(rnd.nextGaussian() * 20);
                };
            };
        }
        double ratio = rnd.nextInt(3) == 0 ? rnd.nextDouble() * 5 : 3;
        int min = rnd.nextInt(3) == 0 ? rnd.nextInt(20) : 0;
        return new Image(matches, losses, ratio, min);
    }

    @Test
    void equalsReference() {
        MiningWorkspace ws = new MiningWorkspace();
        Prop.forAll("mining.reference", 400, HardNegativeMinerTest::image, img -> {
            HardNegativeMiner miner = new HardNegativeMiner(img.ratio(), img.minNegatives());
            int n = img.matches().length;
            byte[] got = new byte[n + 6];
            Arrays.fill(got, (byte) 7);
            int kept = miner.mine(img.matches(), 0, img.losses(), 0, n, got, 3, ws);
            byte[] want = ReferenceMining.mine(img.matches(), img.losses(), img.ratio(), img.minNegatives());
            assertArrayEquals(want, Arrays.copyOfRange(got, 3, 3 + n));
            assertEquals(7, got[0]);
            assertEquals(7, got[n + 3], "wrote past the image");
            int count = 0;
            for (byte b : want) {
                count += b;
            }
            assertEquals(count, kept);
        });
    }

    @Test
    void keepsExactlyTheCountAndOnlyTheHighestLosses() {
        MiningWorkspace ws = new MiningWorkspace();
        Prop.forAll("mining.count", 300, HardNegativeMinerTest::image, img -> {
            HardNegativeMiner miner = new HardNegativeMiner(img.ratio(), img.minNegatives());
            int n = img.matches().length;
            int pos = 0, neg = 0;
            for (int m : img.matches()) {
                pos += m >= 0 ? 1 : 0;
                neg += m == -1 ? 1 : 0;
            }
            byte[] mask = new byte[n];
            int kept = miner.mine(img.matches(), 0, img.losses(), 0, n, mask, 0, ws);
            long expected = Math.min(neg, Math.max(img.minNegatives(), (long) Math.ceil(img.ratio() * pos)));
            assertEquals(expected, kept);
            float lowestKept = Float.POSITIVE_INFINITY;
            float highestDropped = Float.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                if (mask[i] == 1) {
                    assertEquals(-1, img.matches()[i], "only background anchors are mined");
                    if (!Float.isNaN(img.losses()[i])) {
                        lowestKept = Math.min(lowestKept, img.losses()[i]);
                    }
                } else if (img.matches()[i] == -1 && !Float.isNaN(img.losses()[i])) {
                    highestDropped = Math.max(highestDropped, img.losses()[i]);
                }
            }
            assertTrue(kept == 0 || lowestKept >= highestDropped, "a dropped negative outranks a kept one");
        });
    }

    @Test
    void ssdKeepsThreePerPositiveHighestFirstTiesByIndex() {
        int[] matches = {0, -1, -1, -2, -1, -1, -1, -1, -1};
        float[] losses = {9, 1, 5, 99, 5, 5, 0, 2, 7};
        byte[] mask = new byte[9];
        int kept = HardNegativeMiner.ssd().mine(matches, 0, losses, 0, 9, mask, 0, new MiningWorkspace());
        assertEquals(3, kept);
        // 7 (index 8), then the 5s at indices 2 and 4; index 5 (also 5) loses the tie; ignored 99 never counts.
        assertArrayEquals(new byte[] {0, 0, 1, 0, 1, 0, 0, 0, 1}, mask);
    }

    @Test
    void noPositivesKeepsTheMinimum() {
        int[] matches = {-1, -1, -1, -1};
        float[] losses = {1, 4, 3, 2};
        byte[] mask = new byte[4];
        assertEquals(0, HardNegativeMiner.ssd().mine(matches, 0, losses, 0, 4, mask, 0, new MiningWorkspace()));
        assertArrayEquals(new byte[4], mask);
        assertEquals(2, new HardNegativeMiner(3, 2).mine(matches, 0, losses, 0, 4, mask, 0, new MiningWorkspace()));
        assertArrayEquals(new byte[] {0, 1, 1, 0}, mask);
    }

    @Test
    void fractionalRatioCountsRanksBelowRatioTimesPositives() {
        HardNegativeMiner miner = new HardNegativeMiner(1.5, 0);
        assertEquals(2, miner.negativesToKeep(1, 10));   // ranks 0 and 1 are < 1.5
        assertEquals(3, miner.negativesToKeep(2, 10));   // ranks 0..2 are < 3.0
        assertEquals(4, miner.negativesToKeep(1000, 4));
        assertEquals(0, new HardNegativeMiner(0, 0).negativesToKeep(5, 10));
    }

    @Test
    void badInputNamesTheArgumentAndWritesNothing() {
        MiningWorkspace ws = new MiningWorkspace();
        HardNegativeMiner miner = HardNegativeMiner.ssd();
        byte[] mask = {5, 5, 5};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> miner.mine(new int[] {0, -3, -1}, 0, new float[3], 0, 3, mask, 0, ws));
        assertTrue(e.getMessage().contains("matches[1]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> miner.mine(new int[3], 0, new float[2], 0, 3, mask, 0, ws));
        assertTrue(e.getMessage().contains("losses"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> miner.mine(new int[3], 0, new float[3], 0, 3, mask, 1, ws));
        assertTrue(e.getMessage().contains("selected"), e.getMessage());
        assertArrayEquals(new byte[] {5, 5, 5}, mask);
        assertThrows(IllegalArgumentException.class, () -> new HardNegativeMiner(Double.NaN, 0));
        assertThrows(IllegalArgumentException.class, () -> new HardNegativeMiner(-1, 0));
        assertThrows(IllegalArgumentException.class, () -> new HardNegativeMiner(Double.POSITIVE_INFINITY, 0));
        assertThrows(IllegalArgumentException.class, () -> new HardNegativeMiner(3, -1));
    }
}
