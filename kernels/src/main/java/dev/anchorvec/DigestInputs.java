package dev.anchorvec;

import dev.anchorvec.boxes.Boxes;
import java.util.SplittableRandom;

/**
 * The seeded inputs of {@link KernelDigest}: boxes of every kind a kernel must handle (random, integer-valued,
 * empty, inverted, huge up to 1e30, subnormal sizes, tiny, far from the origin, negative, nested, touching,
 * identical), logits over {@code [-100, 100]} with the special values mixed in, match codes and labels. All
 * finite. The same seed gives the same inputs on every JVM: {@link SplittableRandom} is specified bit for bit
 * and only its {@code nextInt} / {@code nextLong} / {@code nextDouble} results are used, then rounded to float
 * in one defined operation.
 */
final class DigestInputs {

    /** Box kinds of {@link #boxes}; each set of at least this many boxes holds every kind. */
    private static final int KINDS = 12;
    /** Kinds of {@link #positiveBoxes}. */
    private static final int POSITIVE_KINDS = 7;

    private final SplittableRandom rnd;

    DigestInputs(long seed) {
        this.rnd = new SplittableRandom(seed);
    }

    /** A uniform int in {@code [0, bound)}. */
    int nextInt(int bound) {
        return rnd.nextInt(bound);
    }

    /** A uniform float in {@code [lo, hi)} (rounded once from double). */
    float uniform(float lo, float hi) {
        return (float) (lo + rnd.nextDouble() * ((double) hi - lo));
    }

    /** {@code n} uniform floats in {@code [lo, hi)}. */
    float[] uniform(int n, float lo, float hi) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = uniform(lo, hi);
        }
        return a;
    }

    /**
     * A magnitude {@code 10^e}, {@code e} uniform in {@code [lo, hi)}, rounded to float. {@link StrictMath}: the
     * inputs must not depend on which compiler ran this code.
     */
    float magnitude(double lo, double hi) {
        return (float) StrictMath.pow(10, lo + rnd.nextDouble() * (hi - lo));
    }

    /**
     * {@code n} logits: mostly uniform over {@code [-100, 100]}, a third near 0 (where the sigmoid is not
     * saturated), and every 16th one of the special values (both zeros, the ends of the range, the float
     * {@code exp} overflow and underflow edges, a tiny value).
     */
    float[] logits(int n) {
        float[] specials = {0f, -0f, 100f, -100f, 88.72f, -87.33f, -103.97f, 1e-30f, -1e-30f, 20f, -20f, 15.9f};
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            int pick = rnd.nextInt(16);
            if (pick == 0) {
                a[i] = specials[rnd.nextInt(specials.length)];
            } else if (pick < 6) {
                a[i] = uniform(-4f, 4f);
            } else {
                a[i] = uniform(-100f, 100f);
            }
        }
        return a;
    }

    /** {@code n} match codes: about a quarter positive ({@code [0, gts)}), the rest background or ignore. */
    int[] matches(int n, int gts) {
        int[] m = new int[n];
        for (int i = 0; i < n; i++) {
            int r = rnd.nextInt(8);
            m[i] = r < 2 && gts > 0 ? rnd.nextInt(gts) : (r < 7 ? -1 : -2);
        }
        return m;
    }

    /** {@code n} labels for {@code c} classes: a class, background (-1) or ignore (-2). */
    int[] labels(int n, int c) {
        int[] m = new int[n];
        for (int i = 0; i < n; i++) {
            int r = rnd.nextInt(8);
            m[i] = r < 3 ? rnd.nextInt(c) : (r < 7 ? -1 : -2);
        }
        return m;
    }

    /** {@code n} boxes of every kind, cycling through the kinds in a random start order. */
    Boxes boxes(int n) {
        Boxes b = Boxes.allocate(n);
        int start = rnd.nextInt(KINDS);
        for (int i = 0; i < n; i++) {
            kindBox(b, i, (start + i) % KINDS);
        }
        return b;
    }

    /**
     * {@code n} boxes related to {@code a}'s: each is a random box of {@code a} kept, shrunk inside it, grown
     * around it, shifted to touch it, shifted to overlap it partly, or a fresh box of any kind, so that pairwise
     * values take every regime (1, in between, 0, ties).
     */
    Boxes related(Boxes a, int n) {
        Boxes b = Boxes.allocate(n);
        for (int i = 0; i < n; i++) {
            if (a.size() == 0) {
                kindBox(b, i, rnd.nextInt(KINDS));
                continue;
            }
            int j = rnd.nextInt(a.size());
            float x1 = a.x1(j), y1 = a.y1(j), x2 = a.x2(j), y2 = a.y2(j);
            float w = x2 - x1, h = y2 - y1;
            switch (rnd.nextInt(6)) {
                case 0 -> b.set(i, x1, y1, x2, y2);
                case 1 -> b.set(i, x1 + w / 4, y1 + h / 8, x2 - w / 3, y2 - h / 5);
                case 2 -> b.set(i, x1 - w / 2, y1 - h, x2 + w / 3, y2 + h / 7);
                case 3 -> b.set(i, x2, y1, x2 + w, y2);
                case 4 -> b.set(i, x1 + w * uniform(0f, 1f), y1 - h * uniform(0f, 1f), x2 + w / 2, y2);
                default -> kindBox(b, i, rnd.nextInt(KINDS));
            }
        }
        return b;
    }

    /**
     * {@link #related} boxes, each one without a finite positive width and height replaced by a
     * {@link #positiveBoxes} box: ground truth near the anchors, as encoders take it.
     */
    Boxes positiveRelated(Boxes a, int n) {
        Boxes b = related(a, n);
        Boxes fresh = positiveBoxes(n);
        for (int i = 0; i < n; i++) {
            float w = b.x2(i) - b.x1(i), h = b.y2(i) - b.y1(i);
            if (!(w > 0 && h > 0 && w < Float.POSITIVE_INFINITY && h < Float.POSITIVE_INFINITY)) {
                b.set(i, fresh.x1(i), fresh.y1(i), fresh.x2(i), fresh.y2(i));
            }
        }
        return b;
    }

    /** {@code n} boxes with finite, positive width and height, from subnormal to huge, as encoders need. */
    Boxes positiveBoxes(int n) {
        Boxes b = Boxes.allocate(n);
        int start = rnd.nextInt(POSITIVE_KINDS);
        for (int i = 0; i < n; i++) {
            float x1, y1, w, h;
            switch ((start + i) % POSITIVE_KINDS) {
                case 0 -> { // ordinary
                    x1 = uniform(0f, 1000f);
                    y1 = uniform(0f, 1000f);
                    w = uniform(1f, 300f);
                    h = uniform(1f, 300f);
                }
                case 1 -> { // huge
                    float m = magnitude(6, 30);
                    x1 = m * uniform(-1f, 1f);
                    y1 = m * uniform(-1f, 1f);
                    w = m * uniform(0.01f, 1f);
                    h = m * uniform(0.01f, 1f);
                }
                case 2 -> { // subnormal sizes at the origin
                    x1 = 0f;
                    y1 = Float.MIN_VALUE * rnd.nextInt(100);
                    w = Float.MIN_VALUE * (1 + rnd.nextInt(1000));
                    h = Float.MIN_VALUE * (1 + rnd.nextInt(1 << 20));
                }
                case 3 -> { // tiny
                    x1 = uniform(0f, 1f);
                    y1 = uniform(0f, 1f);
                    w = magnitude(-7, -1);
                    h = magnitude(-7, -1);
                }
                case 4 -> { // far from the origin
                    x1 = uniform(1e5f, 1e6f);
                    y1 = -uniform(1e5f, 1e6f);
                    w = uniform(1f, 100f);
                    h = uniform(1f, 100f);
                }
                case 5 -> { // integer-valued
                    x1 = rnd.nextInt(640);
                    y1 = rnd.nextInt(640);
                    w = 1 + rnd.nextInt(200);
                    h = 1 + rnd.nextInt(200);
                }
                default -> { // extreme aspect ratios
                    x1 = uniform(0f, 500f);
                    y1 = uniform(0f, 500f);
                    w = uniform(0.5f, 2f);
                    h = uniform(200f, 600f);
                    if (rnd.nextBoolean()) {
                        float t = w;
                        w = h;
                        h = t;
                    }
                }
            }
            float x2 = x1 + w, y2 = y1 + h;
            // A size lost to rounding (a small box far out) would make the box empty: keep it positive.
            b.set(i, x1, y1, x2 > x1 ? x2 : Math.nextUp(x1), y2 > y1 ? y2 : Math.nextUp(y1));
        }
        return b;
    }

    /** Interleaved xyxy rows of ordinary boxes inside {@code [0, side)^2}, each of positive size. */
    float[] imageRows(int n, float side) {
        float[] r = new float[4 * n];
        for (int i = 0; i < n; i++) {
            float w = uniform(2f, side / 3), h = uniform(2f, side / 3);
            float x = uniform(0f, side - w), y = uniform(0f, side - h);
            r[4 * i] = x;
            r[4 * i + 1] = y;
            r[4 * i + 2] = x + w;
            r[4 * i + 3] = y + h;
        }
        return r;
    }

    private void kindBox(Boxes b, int i, int kind) {
        float x1, y1, x2, y2;
        switch (kind) {
            case 0 -> { // random
                x1 = uniform(0f, 1000f);
                y1 = uniform(0f, 1000f);
                x2 = x1 + uniform(0f, 300f);
                y2 = y1 + uniform(0f, 300f);
            }
            case 1 -> { // small integers: many exact ties
                x1 = rnd.nextInt(32);
                y1 = rnd.nextInt(32);
                x2 = x1 + rnd.nextInt(16);
                y2 = y1 + rnd.nextInt(16);
            }
            case 2 -> { // degenerate: a line or a point
                x1 = uniform(0f, 100f);
                y1 = uniform(0f, 100f);
                int d = rnd.nextInt(3);
                x2 = d == 0 ? x1 + uniform(1f, 50f) : x1;
                y2 = d == 1 ? y1 + uniform(1f, 50f) : y1;
            }
            case 3 -> { // inverted (finite)
                x1 = uniform(0f, 500f);
                y1 = uniform(0f, 500f);
                x2 = x1 - uniform(0f, 100f);
                y2 = rnd.nextBoolean() ? y1 - uniform(0f, 100f) : y1 + uniform(0f, 100f);
            }
            case 4 -> { // huge: 1e6 .. 1e30
                float m = magnitude(6, 30);
                x1 = m * uniform(-1f, 1f);
                y1 = m * uniform(-1f, 1f);
                x2 = x1 + m * uniform(0f, 1f);
                y2 = y1 + m * uniform(0f, 1f);
            }
            case 5 -> { // subnormal sizes
                x1 = Float.MIN_VALUE * rnd.nextInt(64);
                y1 = -Float.MIN_VALUE * rnd.nextInt(64);
                x2 = x1 + Float.MIN_VALUE * rnd.nextInt(1 << 16);
                y2 = y1 + Float.MIN_VALUE * rnd.nextInt(1 << 22);
            }
            case 6 -> { // tiny sizes at ordinary coordinates
                x1 = uniform(0f, 10f);
                y1 = uniform(0f, 10f);
                x2 = x1 + magnitude(-20, -2);
                y2 = y1 + magnitude(-20, -2);
            }
            case 7 -> { // far from the origin: sizes near the coordinates' ulp
                x1 = uniform(1e6f, 1e7f);
                y1 = uniform(1e6f, 1e7f);
                x2 = x1 + uniform(0f, 64f);
                y2 = y1 + uniform(0f, 64f);
            }
            case 8 -> { // negative coordinates
                x1 = -uniform(0f, 1000f);
                y1 = -uniform(0f, 1000f);
                x2 = x1 + uniform(0f, 500f);
                y2 = y1 + uniform(0f, 500f);
            }
            case 9 -> { // nested in the previous box
                if (i == 0) {
                    kindBox(b, i, 0);
                    return;
                }
                float w = b.x2(i - 1) - b.x1(i - 1), h = b.y2(i - 1) - b.y1(i - 1);
                x1 = b.x1(i - 1) + w * uniform(0f, 0.5f);
                y1 = b.y1(i - 1) + h * uniform(0f, 0.5f);
                x2 = x1 + w * uniform(0f, 0.5f);
                y2 = y1 + h * uniform(0f, 0.5f);
            }
            case 10 -> { // touching the previous box
                if (i == 0) {
                    kindBox(b, i, 1);
                    return;
                }
                x1 = b.x2(i - 1);
                y1 = b.y1(i - 1);
                x2 = x1 + uniform(0f, 100f);
                y2 = b.y2(i - 1);
            }
            default -> { // identical to the previous box
                if (i == 0) {
                    kindBox(b, i, 8);
                    return;
                }
                x1 = b.x1(i - 1);
                y1 = b.y1(i - 1);
                x2 = b.x2(i - 1);
                y2 = b.y2(i - 1);
            }
        }
        b.set(i, x1, y1, x2, y2);
    }
}
