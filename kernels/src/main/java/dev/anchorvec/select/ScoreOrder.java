package dev.anchorvec.select;

import java.util.Arrays;

/**
 * The visiting order of NMS: candidates by descending score, equal scores by ascending index, NaN scores left
 * out. A stable LSD radix sort on the scores' order-preserving bits (11-bit digits, passes whose digit is the
 * same for every key skipped): linear time, and no allocation, unlike {@code Arrays.sort}, whose run merging
 * allocates. Stability gives the index order among equal scores for free.
 */
final class ScoreOrder {

    static final int RADIX_BITS = 11;
    static final int BUCKETS = 1 << RADIX_BITS;
    private static final int PASSES = 3;

    private ScoreOrder() {}

    /**
     * Writes the indices of the non-NaN scores in visiting order to {@code order[0, m)} and returns m.
     * {@code keys}, {@code keys2}, {@code order2} hold n entries, {@code counts} {@code PASSES * BUCKETS}.
     */
    static int sort(float[] scores, int offset, int n, int[] order, int[] keys, int[] order2, int[] keys2,
                    int[] counts) {
        int m = 0;
        for (int i = 0; i < n; i++) {
            float s = scores[offset + i];
            if (s != s) {
                continue;
            }
            keys[m] = key(s);
            order[m++] = i;
        }
        sortKeys(keys, order, m, keys2, order2, counts);
        return m;
    }

    /**
     * The radix key of a non-NaN score: ascending unsigned keys are descending scores, and {@code -0.0} has
     * the key of {@code 0.0} (as in torchvision's comparison sort).
     */
    static int key(float score) {
        int bits = Float.floatToRawIntBits(score + 0.0f);
        // Signed order of `ordered` is the float order; complemented it is descending, and with the sign bit
        // flipped that order holds for the unsigned digits.
        return ~(bits ^ ((bits >> 31) & 0x7fffffff)) ^ 0x80000000;
    }

    /**
     * Stable sort of {@code keys[0, m)} (unsigned, ascending) carrying {@code order[0, m)} along; the result is
     * in {@code keys} and {@code order}. {@code keys2}, {@code order2} are scratch of m entries.
     */
    static void sortKeys(int[] keys, int[] order, int m, int[] keys2, int[] order2, int[] counts) {
        Arrays.fill(counts, 0, PASSES * BUCKETS, 0);
        for (int j = 0; j < m; j++) {
            int key = keys[j];
            counts[key & (BUCKETS - 1)]++;
            counts[BUCKETS + ((key >>> RADIX_BITS) & (BUCKETS - 1))]++;
            counts[2 * BUCKETS + (key >>> (2 * RADIX_BITS))]++;
        }
        int[] k = keys, o = order, k2 = keys2, o2 = order2;
        for (int pass = 0; pass < PASSES; pass++) {
            int base = pass * BUCKETS, shift = pass * RADIX_BITS;
            if (m == 0 || counts[base + ((k[0] >>> shift) & (BUCKETS - 1))] == m) {
                continue; // one digit value for all keys: the pass would not move anything
            }
            int sum = 0;
            for (int b = 0; b < BUCKETS; b++) {
                int c = counts[base + b];
                counts[base + b] = sum;
                sum += c;
            }
            for (int j = 0; j < m; j++) {
                int key = k[j];
                int at = counts[base + ((key >>> shift) & (BUCKETS - 1))]++;
                k2[at] = key;
                o2[at] = o[j];
            }
            int[] t = k; k = k2; k2 = t;
            t = o; o = o2; o2 = t;
        }
        if (o != order) {
            System.arraycopy(o, 0, order, 0, m);
            System.arraycopy(k, 0, keys, 0, m);
        }
    }
}
