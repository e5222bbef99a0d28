package dev.anchorvec.anchors.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anchorvec.testkit.Gen;
import dev.anchorvec.testkit.Prop;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** k-means with 1 - IoU: planted clusters are recovered, the mean IoU never drops, a seed fixes the result. */
class KMeansAnchorsTest {

    /** {@code k} planted shapes, log-normal spread of {@code spread} around each, {@code perCluster} boxes each. */
    record Planted(float[] cw, float[] ch, BoxSizes boxes) {}

    static Planted planted(SplittableRandom rnd, int k, int perCluster, double spread) {
        float[] cw = new float[k], ch = new float[k];
        for (int c = 0; c < k; c++) {
            // Shapes a factor >= 2 apart in area, so clusters do not overlap.
            double side = 8 * Math.pow(2, c);
            double ratio = Math.exp(rnd.nextDouble(-0.7, 0.7));
            cw[c] = (float) (side * Math.sqrt(ratio));
            ch[c] = (float) (side / Math.sqrt(ratio));
        }
        float[] w = new float[k * perCluster], h = new float[k * perCluster];
        for (int i = 0; i < w.length; i++) {
            int c = i % k;
            w[i] = (float) (cw[c] * Math.exp(rnd.nextGaussian() * spread));
            h[i] = (float) (ch[c] * Math.exp(rnd.nextGaussian() * spread));
        }
        return new Planted(cw, ch, BoxSizes.of(w, h));
    }

    @Test
    void recoversPlantedClusters() {
        Gen<Planted> gen = rnd -> planted(new SplittableRandom(rnd.nextLong()), 2 + rnd.nextInt(8), 200, 0.05);
        Prop.forAll("kmeans.planted", 12, gen, p -> {
            for (KMeansAnchors.Update update : KMeansAnchors.Update.values()) {
                KMeansAnchors.Result r = KMeansAnchors.fit(p.boxes(), KMeansAnchors.Options.of(p.cw().length)
                        .withUpdate(update).withSeed(7));
                AnchorSet want = AnchorSet.of(p.cw(), p.ch());
                for (int c = 0; c < want.size(); c++) {
                    assertEquals(want.width(c), r.anchors().width(c), 0.03 * want.width(c), update + " w" + c);
                    assertEquals(want.height(c), r.anchors().height(c), 0.03 * want.height(c), update + " h" + c);
                }
                assertTrue(r.meanIou() > 0.85, update + " mean IoU " + r.meanIou());
            }
        });
    }

    @Test
    void meanIouNeverDecreasesAcrossIterations() {
        Gen<Planted> gen = rnd -> planted(new SplittableRandom(rnd.nextLong()), 3 + rnd.nextInt(6), 150, 0.6);
        Prop.forAll("kmeans.monotone", 20, gen, p -> {
            for (KMeansAnchors.Update update : KMeansAnchors.Update.values()) {
                for (KMeansAnchors.Init init : KMeansAnchors.Init.values()) {
                    KMeansAnchors.Result r = KMeansAnchors.fit(p.boxes(), KMeansAnchors.Options.of(9)
                            .withUpdate(update).withInit(init).withSeed(11));
                    double[] h = r.meanIouHistory();
                    for (int i = 1; i < h.length; i++) {
                        assertTrue(h[i] >= h[i - 1], update + "/" + init + ": " + Arrays.toString(h));
                    }
                    // The reported value is the metric of the returned anchors.
                    assertEquals(AnchorMetrics.meanBestIou(p.boxes(), r.anchors()), r.meanIou(), 1e-9);
                }
            }
        });
    }

    @Test
    void theSameSeedGivesTheSameAnchors() {
        Planted p = planted(new SplittableRandom(5), 6, 300, 0.4);
        KMeansAnchors.Options o = KMeansAnchors.Options.of(9).withSeed(123);
        assertEquals(KMeansAnchors.fit(p.boxes(), o).anchors(), KMeansAnchors.fit(p.boxes(), o).anchors());
        KMeansAnchors.Result other = KMeansAnchors.fit(p.boxes(), o.withSeed(124));
        assertTrue(other.anchors().size() == 9);
    }

    @Test
    void rejectsBadInput() {
        BoxSizes two = BoxSizes.of(new float[] {1, 2}, new float[] {1, 2});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KMeansAnchors.fit(two, KMeansAnchors.Options.of(3)));
        assertTrue(e.getMessage().contains("k = 3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> KMeansAnchors.Options.of(0));
        assertTrue(e.getMessage().contains("k"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> KMeansAnchors.Options.of(2).withMaxIterations(0));
        assertTrue(e.getMessage().contains("maxIterations"), e.getMessage());
    }
}
