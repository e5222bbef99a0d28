package dev.anchorvec.testkit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;

/**
 * Generators of boxes, box lists and pairs of box sets, mixing the {@link BoxStyle}s it is configured with.
 *
 * <p>Each case draws a {@link Scene} first: a region (offset from the origin and scale) and a dominant style
 * that about half of its boxes follow; the other half pick any allowed style. Styles that relate to an earlier
 * box ({@link BoxStyle#TOUCHING}, {@link BoxStyle#NESTED}, {@link BoxStyle#DUPLICATE},
 * {@link BoxStyle#JITTER}) pick it from the boxes drawn so far in the case, including the other set's, so
 * the second set of a pair really touches, nests in and duplicates boxes of the first. Everything shrinks:
 * lists with {@link BoxList#shrink()}, pairs one set at a time, aligned pairs row by row.
 *
 * <pre>{@code
 * Gen<BoxPair> sets = BoxGen.finite().twoSets(Sizes.laneEdges(), Sizes.small());
 * Gen<BoxPair> rows = BoxGen.all().aligned(Sizes.laneEdges());            // with NaN and infinities
 * Gen<BoxList> ties = BoxGen.of(BoxStyle.GRID, BoxStyle.DUPLICATE).lists(Sizes.small());
 * }</pre>
 */
public final class BoxGen {

    private final List<BoxStyle> styles;

    private BoxGen(Set<BoxStyle> styles) {
        if (styles.isEmpty()) {
            throw new IllegalArgumentException("no box styles");
        }
        this.styles = List.copyOf(EnumSet.copyOf(styles));
    }

    /** Every style except {@link BoxStyle#NON_FINITE}: finite coordinates, inverted and degenerate included. */
    public static BoxGen finite() {
        return new BoxGen(EnumSet.complementOf(EnumSet.of(BoxStyle.NON_FINITE)));
    }

    /** Every style, NaN and infinite coordinates included. */
    public static BoxGen all() {
        return new BoxGen(EnumSet.allOf(BoxStyle.class));
    }

    /** Only the given styles. */
    public static BoxGen of(BoxStyle first, BoxStyle... more) {
        EnumSet<BoxStyle> s = EnumSet.of(first, more);
        return new BoxGen(s);
    }

    /** These styles less the given ones. */
    public BoxGen without(BoxStyle... removed) {
        EnumSet<BoxStyle> s = EnumSet.copyOf(styles);
        s.removeAll(Arrays.asList(removed));
        return new BoxGen(s);
    }

    /** The styles this generator draws from. */
    public Set<BoxStyle> styles() {
        return Collections.unmodifiableSet(EnumSet.copyOf(styles));
    }

    /** A fresh scene: draw related boxes one by one (for generators of other shapes of cases). */
    public Scene scene(RandomGenerator rnd) {
        return new Scene(rnd, styles);
    }

    /** Lists whose sizes come from {@code sizes}. */
    public Gen<BoxList> lists(Gen<Integer> sizes) {
        Objects.requireNonNull(sizes, "sizes");
        Gen<BoxList> g = rnd -> {
            Scene scene = scene(rnd);
            return scene.list(sizes.generate(rnd), null);
        };
        return g.withShrinker(l -> l.shrink().filter(this::allowed));
    }

    /**
     * Whether every box of {@code l} could come from this generator's styles: without
     * {@link BoxStyle#INVERTED} no box is inverted, without {@link BoxStyle#NON_FINITE} every coordinate is
     * finite. Shrinkers keep only such candidates, so a shrunk case stays inside what the test asked for.
     */
    public boolean allowed(BoxList l) {
        boolean inverted = styles.contains(BoxStyle.INVERTED), nonFinite = styles.contains(BoxStyle.NON_FINITE);
        for (Box b : l.boxes()) {
            if (!inverted && (b.x2() < b.x1() || b.y2() < b.y1())) {
                return false;
            }
            if (!nonFinite && !b.isFinite()) {
                return false;
            }
        }
        return true;
    }

    private boolean allowed(BoxPair p) {
        return allowed(p.a()) && allowed(p.b());
    }

    /** Two independent-size sets in one scene; {@code b} relates to boxes of {@code a}. */
    public Gen<BoxPair> twoSets(Gen<Integer> sizesA, Gen<Integer> sizesB) {
        Objects.requireNonNull(sizesA, "sizesA");
        Objects.requireNonNull(sizesB, "sizesB");
        Gen<BoxPair> g = rnd -> {
            Scene scene = scene(rnd);
            int n = sizesA.generate(rnd);
            int m = sizesB.generate(rnd);
            BoxList a = scene.list(n, null);
            BoxList b = scene.list(m, null);
            return new BoxPair(a, b);
        };
        return g.withShrinker(p -> Stream.<Function<Void, Stream<BoxPair>>>of(
                        x -> p.a().shrink().map(a -> new BoxPair(a, p.b())),
                        x -> p.b().shrink().map(b -> new BoxPair(p.a(), b)))
                .flatMap(f -> f.apply(null)).filter(this::allowed));
    }

    /**
     * Two sets of equal size for aligned kernels: {@code b[i]} usually relates to {@code a[i]} (touching, nested,
     * duplicated, jittered ...). Shrinks by removing rows from both sets together, then box by box.
     */
    public Gen<BoxPair> aligned(Gen<Integer> sizes) {
        Objects.requireNonNull(sizes, "sizes");
        Gen<BoxPair> g = rnd -> {
            Scene scene = scene(rnd);
            int n = sizes.generate(rnd);
            BoxList a = scene.list(n, null);
            BoxList b = scene.list(n, a);
            return new BoxPair(a, b);
        };
        return g.withShrinker(p -> Shrink.list(rows(p), Row::shrink).map(BoxGen::fromRows).filter(this::allowed));
    }

    private record Row(Box a, Box b) {
        Stream<Row> shrink() {
            return Stream.concat(a.shrink().map(x -> new Row(x, b)), b.shrink().map(x -> new Row(a, x)));
        }
    }

    private static List<Row> rows(BoxPair p) {
        List<Row> rows = new ArrayList<>(p.a().size());
        for (int i = 0; i < p.a().size(); i++) {
            rows.add(new Row(p.a().get(i), p.b().get(i)));
        }
        return rows;
    }

    private static BoxPair fromRows(List<Row> rows) {
        return new BoxPair(new BoxList(rows.stream().map(Row::a).toList()),
                new BoxList(rows.stream().map(Row::b).toList()));
    }

    /**
     * One case's world: a region ({@link #offset()}, {@link #scale()}), a dominant style and the boxes drawn so
     * far, which later boxes of the relating styles refer to. Not thread-safe; one per case.
     */
    public static final class Scene {

        private final RandomGenerator rnd;
        private final List<BoxStyle> styles;
        private final BoxStyle dominant;
        private final float offset;
        private final float scale;
        private final List<Box> drawn = new ArrayList<>();

        Scene(RandomGenerator rnd, List<BoxStyle> styles) {
            this.rnd = rnd;
            this.styles = styles;
            this.dominant = styles.get(rnd.nextInt(styles.size()));
            boolean far = dominant == BoxStyle.FAR || rnd.nextInt(10) < 3;
            // Offsets are integers so GRID boxes stay exact (floats hold every integer below 2^24).
            this.offset = far ? (float) Math.rint(Math.pow(10, 4 + 2 * rnd.nextDouble())) : 0f;
            this.scale = new float[] {1f, 10f, 100f, 1000f}[rnd.nextInt(4)];
        }

        /** Distance of the region from the origin: 0, or 1e4 to 1e6. */
        public float offset() {
            return offset;
        }

        /** Size of the region (boxes spread over about ten times this). */
        public float scale() {
            return scale;
        }

        /** The style about half of this scene's boxes follow. */
        public BoxStyle dominant() {
            return dominant;
        }

        /** A list of {@code n} boxes; box {@code i} relates to {@code partners.get(i)} most of the time if given. */
        public BoxList list(int n, BoxList partners) {
            List<Box> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                Box partner = partners != null && rnd.nextInt(10) < 7 ? partners.get(i) : null;
                out.add(next(partner));
            }
            return new BoxList(out);
        }

        /** The next box: the dominant style half of the time, else any allowed style. */
        public Box next(Box partner) {
            BoxStyle style = rnd.nextBoolean() ? dominant : styles.get(rnd.nextInt(styles.size()));
            return next(style, partner);
        }

        /**
         * The next box in the given style; {@code related} (or, if null, a random earlier box) is the box that
         * relating styles touch, nest in, duplicate or jitter.
         */
        public Box next(BoxStyle style, Box related) {
            if (related == null && !drawn.isEmpty()) {
                related = drawn.get(rnd.nextInt(drawn.size()));
            }
            Box b = draw(style, related);
            if (!styles.contains(BoxStyle.INVERTED)) {
                // Relating styles (JITTER of a point, NESTED around a box ...) can invert a box by accident.
                b = new Box(Math.min(b.x1(), b.x2()), Math.min(b.y1(), b.y2()), Math.max(b.x1(), b.x2()),
                        Math.max(b.y1(), b.y2()));
            }
            drawn.add(b);
            return b;
        }

        private Box draw(BoxStyle style, Box related) {
            return switch (style) {
                case RANDOM -> random();
                case GRID -> grid();
                case DEGENERATE -> degenerate();
                case TOUCHING -> related == null ? random() : touching(related);
                case NESTED -> related == null ? random() : nested(related);
                case DUPLICATE -> related == null ? grid() : related;
                case JITTER -> related == null ? random() : jitter(related);
                case HUGE -> huge();
                case TINY -> tiny();
                case FAR -> far();
                case INVERTED -> inverted();
                case NON_FINITE -> nonFinite(related);
            };
        }

        private float u() {
            return rnd.nextFloat();
        }

        private Box random() {
            float x1 = offset + scale * 10 * u(), y1 = offset + scale * 10 * u();
            // Squared uniform: many small boxes, some as large as the region.
            float w = scale * 6 * u() * u(), h = scale * 6 * u() * u();
            return new Box(x1, y1, x1 + w, y1 + h);
        }

        private Box grid() {
            int x1 = rnd.nextInt(0, 12), y1 = rnd.nextInt(0, 12);
            int w = rnd.nextInt(0, 7), h = rnd.nextInt(0, 7);
            return new Box(offset + x1, offset + y1, offset + x1 + w, offset + y1 + h);
        }

        private Box degenerate() {
            Box b = rnd.nextBoolean() ? random() : grid();
            return switch (rnd.nextInt(4)) {
                case 0 -> new Box(b.x1(), b.y1(), b.x1(), b.y2());
                case 1 -> new Box(b.x1(), b.y1(), b.x2(), b.y1());
                case 2 -> new Box(b.x1(), b.y1(), b.x1(), b.y1());
                default -> new Box(offset, offset, offset, offset);
            };
        }

        private Box touching(Box r) {
            float w = extent(r.width()) * (0.25f + u()), h = extent(r.height()) * (0.25f + u());
            float y1 = r.y1() + (r.y2() - r.y1()) * u() - h * u();
            float x1 = r.x1() + (r.x2() - r.x1()) * u() - w * u();
            return switch (rnd.nextInt(5)) {
                case 0 -> new Box(r.x2(), y1, r.x2() + w, y1 + h);        // right edge
                case 1 -> new Box(r.x1() - w, y1, r.x1(), y1 + h);        // left edge
                case 2 -> new Box(x1, r.y2(), x1 + w, r.y2() + h);        // below
                case 3 -> new Box(x1, r.y1() - h, x1 + w, r.y1());        // above
                default -> new Box(r.x2(), r.y2(), r.x2() + w, r.y2() + h); // corner
            };
        }

        private Box nested(Box r) {
            float[] x = nestedAxis(r.x1(), r.x2()), y = nestedAxis(r.y1(), r.y2());
            return new Box(x[0], y[0], x[1], y[1]);
        }

        private float[] nestedAxis(float lo, float hi) {
            float e = hi - lo;
            return switch (rnd.nextInt(4)) {
                case 0 -> new float[] {lo + e * 0.5f * u(), hi - e * 0.5f * u()};   // inside
                case 1 -> new float[] {lo - e * u(), hi + e * u()};                 // around
                case 2 -> new float[] {lo, lo + e * u()};                           // inside, same low edge
                default -> new float[] {lo, hi};                                    // same extent
            };
        }

        private Box jitter(Box r) {
            if (rnd.nextBoolean()) {
                // A few ulps: results that differ only in their last bits.
                return new Box(ulps(r.x1()), ulps(r.y1()), ulps(r.x2()), ulps(r.y2()));
            }
            float d = 1e-3f * Math.max(extent(r.width()), extent(r.height()));
            return new Box(r.x1() + d * (u() - 0.5f), r.y1() + d * (u() - 0.5f), r.x2() + d * (u() - 0.5f),
                    r.y2() + d * (u() - 0.5f));
        }

        private float ulps(float v) {
            int k = rnd.nextInt(-3, 4);
            for (; k > 0; k--) {
                v = Math.nextUp(v);
            }
            for (; k < 0; k++) {
                v = Math.nextDown(v);
            }
            return v;
        }

        private Box huge() {
            float x1 = sign() * (1e6f + 9e6f * u()), y1 = sign() * (1e6f + 9e6f * u());
            return new Box(x1, y1, x1 + 1e7f * u(), y1 + 1e7f * u());
        }

        private Box tiny() {
            float t = (rnd.nextBoolean() ? 1e-3f : 1e-20f) * (0.5f + u());
            if (rnd.nextBoolean()) {
                // Near the origin the tiny size survives; its area may be subnormal or underflow to 0.
                float x1 = t * 10 * u() * sign(), y1 = t * 10 * u() * sign();
                return new Box(x1, y1, x1 + t, y1 + t * (0.5f + u()));
            }
            // In the region, a 1e-20 size is lost in rounding: a degenerate box that looked tiny.
            float x1 = offset + scale * 10 * u(), y1 = offset + scale * 10 * u();
            return new Box(x1, y1, x1 + t, y1 + t * (0.5f + u()));
        }

        private Box far() {
            float o = offset != 0 ? offset : (float) Math.rint(Math.pow(10, 4 + 2 * rnd.nextDouble()));
            float s = rnd.nextInt(5) == 0 ? -1 : 1;
            float x1 = s * o + 20 * u(), y1 = s * o + 20 * u();
            return new Box(x1, y1, x1 + 8 * u() * u(), y1 + 8 * u() * u());
        }

        private Box inverted() {
            Box b = random();
            float dx = extent(b.width()) + scale * 0.1f, dy = extent(b.height()) + scale * 0.1f;
            return switch (rnd.nextInt(3)) {
                case 0 -> new Box(b.x1() + dx, b.y1(), b.x1(), b.y2());
                case 1 -> new Box(b.x1(), b.y1() + dy, b.x2(), b.y1());
                default -> new Box(b.x1() + dx, b.y1() + dy, b.x1(), b.y1());
            };
        }

        private Box nonFinite(Box related) {
            Box b = related != null && rnd.nextBoolean() ? related : random();
            float[] special = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
            int count = rnd.nextInt(4) == 0 ? 2 : 1;
            for (int c = 0; c < count; c++) {
                b = b.with(rnd.nextInt(4), special[rnd.nextInt(special.length)]);
            }
            return b;
        }

        private float sign() {
            return rnd.nextBoolean() ? 1f : -1f;
        }

        private float extent(float e) {
            return Float.isFinite(e) && e > 0 ? e : scale;
        }
    }
}
