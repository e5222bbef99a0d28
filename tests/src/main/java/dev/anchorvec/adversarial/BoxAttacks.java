package dev.anchorvec.adversarial;

import dev.anchorvec.boxes.Boxes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Adversarial {@link Boxes}: null, empty, one box fewer or more, padded layouts whose padding is NaN (a kernel
 * that reads outside its boxes sees it), and copies of the baseline with NaN, infinite, huge ({@code 1e38},
 * {@code Float.MAX_VALUE} spans whose width overflows), far-away, subnormal, signed-zero, inverted, degenerate
 * and identical boxes, inverted boxes whose centre is far away, plus {@value #SOME} boxes (long loops);
 * {@link #sizes()} adds {@value #MANY}, for products of two counts that overflow an int.
 */
public final class BoxAttacks {

    /** Box count of the "many" variant: {@code 46341^2 > 2^31}. */
    public static final int MANY = 46_341;
    /** Box count of a variant whose products with {@link #MANY} and itself size 100+ MB matrices. */
    public static final int SOME = 6_000;

    private BoxAttacks() {}

    /** {@code n} ordinary boxes (seeded), xyxy with positive sizes, inside {@code [0, 100]}. */
    public static Boxes ordinary(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Boxes b = Boxes.allocate(n);
        for (int i = 0; i < n; i++) {
            float x = (float) r.nextDouble(0, 80), y = (float) r.nextDouble(0, 80);
            b.set(i, x, y, x + 1 + (float) r.nextDouble(0, 19), y + 1 + (float) r.nextDouble(0, 19));
        }
        return b;
    }

    /** A supplier of fresh copies of {@link #ordinary(int, long)}. */
    public static Supplier<Boxes> ordinaryBoxes(int n, long seed) {
        return () -> ordinary(n, seed);
    }

    /** The attacks on a read-only (or in-place) boxes argument. */
    public static Attack boxes() {
        return ctx -> {
            Boxes base = (Boxes) ctx.value();
            float[] xyxy = xyxy(base);
            int n = base.size();
            List<Variant> out = new ArrayList<>();
            out.add(Variant.constant("null", null));
            out.add(Variant.of("Boxes[0]", () -> Boxes.allocate(0)));
            out.add(Variant.of("Boxes[" + (n + 1) + "]", () -> ordinary(n + 1, 7)));
            if (n > 0) {
                out.add(Variant.of("Boxes[" + (n - 1) + "]", () -> ordinary(n - 1, 7)));
            }
            out.add(Variant.of("Boxes[" + n + "] padded (offset 3, stride " + (n + 5) + ", NaN padding)",
                    () -> padded(xyxy)));
            out.add(Variant.of("Boxes[" + SOME + "]", () -> ordinary(SOME, 12)));
            if (n == 0) {
                return out;
            }
            int last = n - 1;
            out.add(one(xyxy, "x1[" + last + "]=NaN", last, 0, Float.NaN));
            out.add(one(xyxy, "y2[0]=NaN", 0, 3, Float.NaN));
            out.add(one(xyxy, "x2[" + last + "]=+Inf", last, 2, Float.POSITIVE_INFINITY));
            out.add(one(xyxy, "x1[0]=-Inf", 0, 0, Float.NEGATIVE_INFINITY));
            out.add(box(xyxy, "box[" + last + "]=(-1e38, -1e38, 1e38, 1e38)", last, -1e38f, -1e38f, 1e38f, 1e38f));
            out.add(box(xyxy, "box[" + last + "]=(-MAX, -MAX, MAX, MAX) (width overflows)", last, -Float.MAX_VALUE,
                    -Float.MAX_VALUE, Float.MAX_VALUE, Float.MAX_VALUE));
            out.add(box(xyxy, "box[0]=(3e38, 3e38, MAX, MAX)", 0, 3e38f, 3e38f, Float.MAX_VALUE, Float.MAX_VALUE));
            out.add(box(xyxy, "box[" + last + "]=(3e38, 3e38, 1, 1) (inverted, centre far away)", last, 3e38f,
                    3e38f, 1f, 1f));
            out.add(all(xyxy, "all at 1e38 (sizes lost to rounding)", (i, c, v) -> 1e38f + v));
            out.add(all(xyxy, "all x1=-1e38, x2=1e38", (i, c, v) -> (c & 2) == 0 ? -1e38f : 1e38f));
            out.add(all(xyxy, "all subnormal sizes", (i, c, v) -> (c & 2) == 0 ? 0f : Float.MIN_VALUE * (i + 1)));
            out.add(all(xyxy, "all (-0, -0, +0, +0)", (i, c, v) -> (c & 2) == 0 ? -0f : 0f));
            out.add(all(xyxy, "all (+0, +0, -0, -0)", (i, c, v) -> (c & 2) == 0 ? 0f : -0f));
            out.add(all(xyxy, "all inverted", (i, c, v) -> xyxy[4 * i + (c ^ 2)]));
            out.add(all(xyxy, "all degenerate (x1 = x2, y1 = y2)", (i, c, v) -> xyxy[4 * i + (c & 1)]));
            out.add(all(xyxy, "all identical", (i, c, v) -> xyxy[c]));
            out.add(all(xyxy, "all 1e-30 scale", (i, c, v) -> v * 1e-30f));
            out.add(Variant.of("random mix of specials", () -> mix(n, 13)));
            return out;
        };
    }

    /**
     * Box sets of sizes 0, 1, {@value #SOME} and {@value #MANY} only (ordinary boxes): declared as a
     * {@link EntryPoint.Builder#pair pair} for two sets whose sizes multiply into an allocation, they reach every
     * product from 0 to past {@code 2^31} in a few calls.
     */
    public static Attack sizes() {
        return ctx -> List.of(Variant.of("Boxes[0]", () -> Boxes.allocate(0)), Variant.of("Boxes[1]",
                () -> ordinary(1, 3)), Variant.of("Boxes[" + SOME + "]", () -> ordinary(SOME, 12)),
                Variant.of("Boxes[" + MANY + "]", () -> ordinary(MANY, 11)));
    }

    /** Planar xyxy data of {@code b} as interleaved {@code [n, 4]} rows. */
    public static float[] xyxy(Boxes b) {
        float[] r = new float[4 * b.size()];
        for (int i = 0; i < b.size(); i++) {
            r[4 * i] = b.x1(i);
            r[4 * i + 1] = b.y1(i);
            r[4 * i + 2] = b.x2(i);
            r[4 * i + 3] = b.y2(i);
        }
        return r;
    }

    /** New boxes holding interleaved {@code xyxy} rows. */
    public static Boxes of(float[] xyxy) {
        int n = xyxy.length / 4;
        Boxes b = Boxes.allocate(n);
        for (int i = 0; i < n; i++) {
            b.set(i, xyxy[4 * i], xyxy[4 * i + 1], xyxy[4 * i + 2], xyxy[4 * i + 3]);
        }
        return b;
    }

    /** The same boxes at offset 3 with stride {@code n + 5}; every other element of the array is NaN. */
    public static Boxes padded(float[] xyxy) {
        int n = xyxy.length / 4, stride = n + 5, offset = 3;
        float[] data = new float[offset + 4 * stride + 2];
        Arrays.fill(data, Float.NaN);
        Boxes b = Boxes.wrapPlanar(data, offset, stride, n);
        for (int i = 0; i < n; i++) {
            b.set(i, xyxy[4 * i], xyxy[4 * i + 1], xyxy[4 * i + 2], xyxy[4 * i + 3]);
        }
        return b;
    }

    private static Variant one(float[] xyxy, String label, int box, int coordinate, float value) {
        return Variant.of(label, () -> {
            float[] c = xyxy.clone();
            c[4 * box + coordinate] = value;
            return of(c);
        });
    }

    private static Variant box(float[] xyxy, String label, int box, float x1, float y1, float x2, float y2) {
        return Variant.of(label, () -> {
            float[] c = xyxy.clone();
            c[4 * box] = x1;
            c[4 * box + 1] = y1;
            c[4 * box + 2] = x2;
            c[4 * box + 3] = y2;
            return of(c);
        });
    }

    /** A coordinate of box {@code i} ({@code c}: 0 = x1, 1 = y1, 2 = x2, 3 = y2) from its baseline value. */
    @FunctionalInterface
    private interface Coordinate {
        float of(int i, int c, float baseline);
    }

    private static Variant all(float[] xyxy, String label, Coordinate f) {
        return Variant.of(label, () -> {
            float[] c = new float[xyxy.length];
            for (int k = 0; k < c.length; k++) {
                c[k] = f.of(k / 4, k % 4, xyxy[k]);
            }
            return of(c);
        });
    }

    /** {@code n} boxes, each drawn from the special shapes above (seeded). */
    static Boxes mix(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[][] shapes = {{0, 0, 10, 10}, {Float.NaN, 0, 1, 1}, {0, 0, Float.POSITIVE_INFINITY, 1},
                {-1e38f, -1e38f, 1e38f, 1e38f}, {-Float.MAX_VALUE, 0, Float.MAX_VALUE, 1}, {5, 5, 1, 1},
                {0, 0, Float.MIN_VALUE, Float.MIN_VALUE}, {-0f, -0f, 0f, 0f}, {3e38f, 3e38f, Float.MAX_VALUE,
                Float.MAX_VALUE}, {1e38f, 1e38f, 1e38f, 1e38f}, {2, 2, 2, 9}};
        Boxes b = Boxes.allocate(n);
        for (int i = 0; i < n; i++) {
            float[] s = shapes[r.nextInt(shapes.length)];
            b.set(i, s[0], s[1], s[2], s[3]);
        }
        return b;
    }
}
