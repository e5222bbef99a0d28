package dev.anchorvec.adversarial;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The standard {@link Attack}s on scalars and arrays, and the sentinel-filled output arrays baselines should
 * use. Boxes are attacked by {@link BoxAttacks}, buffers and memory segments by {@link BufferAttacks}.
 */
public final class Attacks {

    /** What output arrays hold before a call: finite, and a value no kernel writes by chance. */
    public static final float FLOAT_SENTINEL = -1234.5f;
    /** Integer counterpart of {@link #FLOAT_SENTINEL}. */
    public static final int INT_SENTINEL = -1234567;

    /** Special float values: NaN, infinities, signed zeros, subnormals, the extremes and ordinary edges. */
    static final float[] SPECIAL_FLOATS = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f,
            Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, 1e38f, -1e38f, Float.MAX_VALUE, -Float.MAX_VALUE, 1f,
            -1f, 0.5f, 1e-30f};

    private Attacks() {}

    // ---------------------------------------------------------------- scalars

    /**
     * An {@code int} argument (a count, an offset, an index, a size): 0, 1, -1, the extremes and their
     * neighbours, huge values that would size a huge allocation ({@code 2^20 .. 2^30}), the baseline plus and minus
     * one, and every baseline length minus one, itself and plus one.
     */
    public static Attack ints() {
        return ctx -> {
            int b = (Integer) ctx.value();
            Set<Integer> v = new LinkedHashSet<>(List.of(0, 1, -1, Integer.MIN_VALUE, Integer.MIN_VALUE + 1,
                    Integer.MAX_VALUE, Integer.MAX_VALUE - 1, 1 << 30, 1 << 28, 1 << 24, (1 << 20) + 1));
            v.add(b - 1);
            v.add(b + 1);
            for (int len : ctx.lengths()) {
                v.add(len - 1);
                v.add(len);
                v.add(len + 1);
            }
            v.remove(b);
            return ints(v);
        };
    }

    /**
     * An {@code int} that is itself the size of an allocation the caller asks for (a capacity), limited to
     * {@code limit}: the harness checks the limit from above (it must be rejected) and the edges below, but does
     * not ask for an allocation between a small size and the limit, which is the caller's (and the heap's)
     * business.
     */
    public static Attack sizes(int limit) {
        return ctx -> {
            int b = (Integer) ctx.value();
            Set<Integer> v = new LinkedHashSet<>(List.of(0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, b - 1,
                    b + 1));
            if (limit < Integer.MAX_VALUE) {
                v.add(limit + 1);
            }
            v.remove(b);
            return ints(v);
        };
    }

    private static List<Variant> ints(Set<Integer> values) {
        List<Variant> out = new ArrayList<>();
        for (int x : values) {
            out.add(Variant.constant(String.valueOf(x), x));
        }
        return out;
    }

    /**
     * A {@code long} argument (a byte offset): 0, 1, -1, the extremes, values around {@code 2^31} and
     * {@code 2^32}, the baseline plus and minus one, and the baseline lengths (also in bytes) around their ends.
     */
    public static Attack longs() {
        return ctx -> {
            long b = (Long) ctx.value();
            Set<Long> v = new LinkedHashSet<>(List.of(0L, 1L, -1L, Long.MIN_VALUE, Long.MAX_VALUE, Long.MAX_VALUE - 15,
                    (long) Integer.MAX_VALUE, 1L << 31, 1L << 32, b - 1, b + 1, b + 2));
            for (int len : ctx.lengths()) {
                for (long x : new long[] {len, 4L * len}) {
                    v.add(x - 4);
                    v.add(x - 1);
                    v.add(x);
                    v.add(x + 1);
                }
            }
            v.remove(b);
            List<Variant> out = new ArrayList<>();
            for (long x : v) {
                out.add(Variant.constant(x + "L", x));
            }
            return out;
        };
    }

    /** A {@code float} argument (a threshold, a size): NaN, infinities, signed zeros, subnormals, extremes. */
    public static Attack floats() {
        return ctx -> {
            float b = (Float) ctx.value();
            Set<Float> v = new LinkedHashSet<>();
            for (float f : SPECIAL_FLOATS) {
                v.add(f);
            }
            v.add(Math.nextUp(b));
            v.add(Math.nextDown(b));
            v.remove(b);
            List<Variant> out = new ArrayList<>();
            for (float x : v) {
                out.add(Variant.constant(x + "f", x));
            }
            return out;
        };
    }

    /** A {@code double} argument: the float specials plus the double extremes and subnormals. */
    public static Attack doubles() {
        return ctx -> {
            double b = (Double) ctx.value();
            Set<Double> v = new LinkedHashSet<>();
            for (float f : SPECIAL_FLOATS) {
                v.add((double) f);
            }
            v.addAll(List.of(Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, 1e300, 1e-300,
                    Math.nextUp(1.0), Math.nextDown(0.0), Math.nextUp(b), Math.nextDown(b)));
            v.remove(b);
            List<Variant> out = new ArrayList<>();
            for (double x : v) {
                out.add(Variant.constant(String.valueOf(x), x));
            }
            return out;
        };
    }

    /** An enum argument: every constant, and null. */
    public static <E extends Enum<E>> Attack enums(Class<E> type) {
        return ctx -> {
            List<Variant> out = new ArrayList<>();
            for (E e : type.getEnumConstants()) {
                if (e != ctx.value()) {
                    out.add(Variant.constant(e.name(), e));
                }
            }
            out.add(Variant.constant("null", null));
            return out;
        };
    }

    /** Only null (a reference argument with nothing else worth varying). */
    public static Attack nulls() {
        return ctx -> List.of(Variant.constant("null", null));
    }

    /** Fixed values with their labels (for example the three {@code BoxFormat}s are covered by enums). */
    public static Attack values(Object... values) {
        return ctx -> {
            List<Variant> out = new ArrayList<>();
            for (Object o : values) {
                out.add(Variant.constant(String.valueOf(o), o));
            }
            return out;
        };
    }

    // ---------------------------------------------------------------- arrays

    /**
     * A read-only {@code float[]}: null, empty, one element short and one too many (copies of the baseline), and
     * copies whose first or last element is each special value (NaN, infinities, 1e38, subnormal...).
     */
    public static Attack floatArrays() {
        return shapes().and(ctx -> {
            float[] b = (float[]) ctx.value();
            List<Variant> out = new ArrayList<>();
            if (b.length == 0) {
                return out;
            }
            for (float s : SPECIAL_FLOATS) {
                out.add(Variant.of("[last]=" + s, () -> {
                    float[] c = b.clone();
                    c[c.length - 1] = s;
                    return c;
                }));
            }
            out.add(Variant.of("[0]=NaN", () -> {
                float[] c = b.clone();
                c[0] = Float.NaN;
                return c;
            }));
            out.add(Variant.of("all 1e38", () -> {
                float[] c = b.clone();
                Arrays.fill(c, 1e38f);
                return c;
            }));
            return out;
        });
    }

    /** A read-only {@code int[]}: the shapes of {@link #shapes()} and copies with extreme or negative entries. */
    public static Attack intArrays() {
        return shapes().and(ctx -> {
            int[] b = (int[]) ctx.value();
            List<Variant> out = new ArrayList<>();
            if (b.length == 0) {
                return out;
            }
            for (int s : new int[] {-1, -2, -3, Integer.MIN_VALUE, Integer.MAX_VALUE, b.length}) {
                out.add(Variant.of("[last]=" + s, () -> {
                    int[] c = b.clone();
                    c[c.length - 1] = s;
                    return c;
                }));
            }
            return out;
        });
    }

    /**
     * Any array argument (an output, typically): null, empty, one element short and one too many. Copies keep
     * the baseline's contents (sentinels for outputs); the extra element repeats the last one.
     */
    public static Attack shapes() {
        return ctx -> {
            Object b = ctx.value();
            int n = Array.getLength(b);
            List<Variant> out = new ArrayList<>();
            out.add(Variant.constant("null", null));
            out.add(Variant.of(type(b) + "[0]", () -> Array.newInstance(b.getClass().getComponentType(), 0)));
            if (n > 0) {
                out.add(Variant.of(type(b) + "[" + (n - 1) + "] (one short)", () -> resized(b, n - 1)));
            }
            out.add(Variant.of(type(b) + "[" + (n + 1) + "] (one more)", () -> resized(b, n + 1)));
            return out;
        };
    }

    private static String type(Object array) {
        return array.getClass().getComponentType().getSimpleName();
    }

    private static Object resized(Object array, int length) {
        int n = Array.getLength(array);
        Object c = Array.newInstance(array.getClass().getComponentType(), length);
        System.arraycopy(array, 0, c, 0, Math.min(n, length));
        for (int i = n; i < length && n > 0; i++) {
            Array.set(c, i, Array.get(array, n - 1));
        }
        return c;
    }

    // ---------------------------------------------------------------- output baselines

    /** A {@code float[n]} filled with {@link #FLOAT_SENTINEL}, for an output's baseline. */
    public static float[] sentinelFloats(int n) {
        float[] a = new float[n];
        Arrays.fill(a, FLOAT_SENTINEL);
        return a;
    }

    /** An {@code int[n]} filled with {@link #INT_SENTINEL}. */
    public static int[] sentinelInts(int n) {
        int[] a = new int[n];
        Arrays.fill(a, INT_SENTINEL);
        return a;
    }

    /** A {@code boolean[n]} alternating true and false, so that any uniform write changes it. */
    public static boolean[] sentinelBooleans(int n) {
        boolean[] a = new boolean[n];
        for (int i = 0; i < n; i += 2) {
            a[i] = true;
        }
        return a;
    }

    /** A {@code long[n]} of an alternating bit pattern. */
    public static long[] sentinelLongs(int n) {
        long[] a = new long[n];
        Arrays.fill(a, 0x5A5A_5A5A_5A5A_5A5AL);
        return a;
    }

    /** A supplier of copies of {@code array} (a baseline made once, handed out fresh). */
    public static <T> Supplier<T> copies(T array) {
        return () -> copy(array);
    }

    @SuppressWarnings("unchecked")
    private static <T> T copy(T array) {
        int n = Array.getLength(array);
        Object c = Array.newInstance(array.getClass().getComponentType(), n);
        System.arraycopy(array, 0, c, 0, n);
        return (T) c;
    }
}
