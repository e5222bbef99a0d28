package dev.anchorvec.loss;

import dev.anchorvec.internal.Args;
import java.util.random.RandomGenerator;

/**
 * The balanced positive/negative sampler of Faster R-CNN (torchvision {@code BalancedPositiveNegativeSampler},
 * detectron2 {@code subsample_labels}): per image, up to {@code batchSizePerImage} anchors, of which at most a
 * {@code positiveFraction} are positives, the rest negatives, each chosen uniformly at random without replacement.
 *
 * <p>With {@code P} positives (match code {@code >= 0}) and {@code B} negatives (code -1; ignored anchors, code
 * -2, are never sampled) the sampler takes {@code p = min(P, (int) (batchSizePerImage * positiveFraction))}
 * positives and {@code min(B, batchSizePerImage - p)} negatives, as torchvision does. Randomness comes only from
 * the caller's generator, so a seeded generator repeats the sample exactly (it cannot repeat torch's random
 * stream). Presets: {@link #rpn()} (256, 0.5) and {@link #roiHeads()} (512, 0.25).
 *
 * <pre>{@code
 * BalancedSampler sampler = BalancedSampler.rpn();
 * RandomGenerator rnd = new SplittableRandom(42);
 * sampler.sample(matches, 0, numAnchors, rnd, posMask, 0, negMask, 0, workspace);
 * }</pre>
 */
public final class BalancedSampler {

    private final int batchSizePerImage;
    private final double positiveFraction;

    /**
     * @param batchSizePerImage anchors sampled per image, >= 0
     * @param positiveFraction  the largest share of positives, in [0, 1]
     * @throws IllegalArgumentException if an argument is out of range or NaN
     */
    public BalancedSampler(int batchSizePerImage, double positiveFraction) {
        if (batchSizePerImage < 0) {
            throw new IllegalArgumentException("batchSizePerImage must be >= 0, got " + batchSizePerImage);
        }
        if (!(positiveFraction >= 0 && positiveFraction <= 1)) {
            throw new IllegalArgumentException("positiveFraction must be in [0, 1], got " + positiveFraction);
        }
        this.batchSizePerImage = batchSizePerImage;
        this.positiveFraction = positiveFraction;
    }

    /** The RPN sampler of Faster R-CNN: 256 anchors per image, at most half positive. */
    public static BalancedSampler rpn() {
        return new BalancedSampler(256, 0.5);
    }

    /** The ROI-heads sampler of Faster R-CNN: 512 proposals per image, at most a quarter positive. */
    public static BalancedSampler roiHeads() {
        return new BalancedSampler(512, 0.25);
    }

    /** Anchors sampled per image. */
    public int batchSizePerImage() {
        return batchSizePerImage;
    }

    /** The largest share of positives. */
    public double positiveFraction() {
        return positiveFraction;
    }

    /**
     * Samples one image: writes 1 into {@code positive} (resp. {@code negative}) for the sampled positives (resp.
     * negatives) and 0 everywhere else in the image's range, and returns the number of sampled positives; the
     * negatives sampled number {@code min(B, batchSizePerImage - returned)}.
     *
     * @throws IllegalArgumentException if an array is too short for its offset and {@code n}, or a match code is
     *                                  below -2; nothing is written then
     */
    public int sample(int[] matches, int matchesOffset, int n, RandomGenerator rnd, byte[] positive,
            int positiveOffset, byte[] negative, int negativeOffset, MiningWorkspace ws) {
        Args.notNull(matches, "matches");
        Args.notNull(rnd, "rnd");
        Args.notNull(positive, "positive");
        Args.notNull(negative, "negative");
        Args.notNull(ws, "ws");
        Args.room(matchesOffset, n, matches.length, "matches");
        Args.room(positiveOffset, n, positive.length, "positive");
        Args.room(negativeOffset, n, negative.length, "negative");
        Labels.checkedPositives(matches, matchesOffset, n);

        ws.guard.claim();
        try {
            int[] pos = ws.indices(n);
            int[] neg = ws.second(n);
            int p = 0, b = 0;
            for (int i = 0; i < n; i++) {
                int m = matches[matchesOffset + i];
                if (m >= 0) {
                    pos[p++] = i;
                } else if (m == -1) {
                    neg[b++] = i;
                }
            }
            int takePos = Math.min(p, (int) (batchSizePerImage * positiveFraction));
            int takeNeg = Math.min(b, batchSizePerImage - takePos);
            java.util.Arrays.fill(positive, positiveOffset, positiveOffset + n, (byte) 0);
            java.util.Arrays.fill(negative, negativeOffset, negativeOffset + n, (byte) 0);
            mark(pos, p, takePos, rnd, positive, positiveOffset);
            mark(neg, b, takeNeg, rnd, negative, negativeOffset);
            return takePos;
        } finally {
            ws.guard.release();
        }
    }

    /** Partial Fisher-Yates: the first {@code k} slots become a uniform sample without replacement. */
    private static void mark(int[] idx, int count, int k, RandomGenerator rnd, byte[] mask, int offset) {
        for (int s = 0; s < k; s++) {
            int j = s + rnd.nextInt(count - s);
            int t = idx[s];
            idx[s] = idx[j];
            idx[j] = t;
            mask[offset + idx[s]] = 1;
        }
    }
}
