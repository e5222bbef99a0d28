package dev.anchorvec.reference;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reference for hard-negative mining, written from the definition: sort the background anchors (match code -1)
 * by loss, highest first, NaN last, equal losses by index, and keep the first {@code K}; {@code K} counts the
 * ranks {@code r} with {@code r < ratio * positives} (torchvision's rule), at least {@code minNegatives}, at
 * most the number of background anchors.
 */
public final class ReferenceMining {

    private ReferenceMining() {}

    /** The kept negatives as a 0/1 mask over {@code matches.length} anchors. */
    public static byte[] mine(int[] matches, float[] losses, double ratio, int minNegatives) {
        int positives = 0;
        List<Integer> negatives = new ArrayList<>();
        for (int i = 0; i < matches.length; i++) {
            if (matches[i] >= 0) {
                positives++;
            } else if (matches[i] == -1) {
                negatives.add(i);
            }
        }
        // Float.compare orders -0.0 below 0.0 and NaN above everything; NaN is moved last explicitly.
        negatives.sort(Comparator.<Integer>comparingInt(i -> Float.isNaN(losses[i]) ? 1 : 0)
                .thenComparing((x, y) -> Float.compare(losses[y], losses[x]))
                .thenComparingInt(i -> i));
        int ranksBelow = 0;
        while (ranksBelow < negatives.size() && ranksBelow < ratio * positives) {
            ranksBelow++;
        }
        int k = Math.min(negatives.size(), Math.max(minNegatives, ranksBelow));
        byte[] mask = new byte[matches.length];
        for (int r = 0; r < k; r++) {
            mask[negatives.get(r)] = 1;
        }
        return mask;
    }
}
