package dev.anchorvec.boxes;

import static dev.anchorvec.testkit.FloatChecks.assertNoNaN;
import static dev.anchorvec.testkit.FloatChecks.assertSameBits;
import static dev.anchorvec.testkit.FloatChecks.matrixIndex;

import dev.anchorvec.reference.ReferenceIou;
import dev.anchorvec.testkit.Box;
import dev.anchorvec.testkit.BoxGen;
import dev.anchorvec.testkit.BoxPair;
import dev.anchorvec.testkit.FloatChecks;
import dev.anchorvec.testkit.Gen;
import dev.anchorvec.testkit.Layout;
import dev.anchorvec.testkit.Prop;
import dev.anchorvec.testkit.Sizes;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every member of the IoU family, pairwise, tiled and aligned, from the facade, the scalar kernels and the
 * vector kernels, equals {@link ReferenceIou} bit for bit ({@link Float#floatToRawIntBits}, so even the sign
 * of a zero counts), CIoU included (its arctangent is anchorvec's own, the same in every implementation and in the
 * reference). Cases include NaN and infinite coordinates: the
 * semantics for them are part of the contract, and the kernels must never return NaN.
 */
class IouPropertyTest {

    /** Two sets, each placed in its own array with an offset and padding between planes (filled with NaN). */
    record PairwiseCase(BoxPair sets, Layout layoutA, Layout layoutB) {
        @Override
        public String toString() {
            return sets + "\n    layouts: a " + layoutA + ", b " + layoutB;
        }
    }

    /**
     * A tile of the matrix, as fractions of the sets so it stays valid while the sets shrink: rows
     * {@code [aFrom, aFrom + aLen * rest)}, likewise columns, written at {@code outOffset} with a row stride of
     * {@code columns + extraStride}.
     */
    record Tile(double aFrom, double aLen, double bFrom, double bLen, int outOffset, int extraStride) {
        static final Tile WHOLE = new Tile(0, 1, 0, 1, 0, 0);

        static Gen<Tile> gen() {
            Gen<Tile> g = rnd -> new Tile(frac(rnd.nextDouble()), frac(rnd.nextDouble()), frac(rnd.nextDouble()),
                    frac(rnd.nextDouble()), rnd.nextInt(0, 40), rnd.nextInt(0, 40));
            return g.withShrinker(t -> Stream.of(WHOLE, new Tile(t.aFrom, t.aLen, t.bFrom, t.bLen, 0, 0),
                            new Tile(0, 1, t.bFrom, t.bLen, t.outOffset, t.extraStride),
                            new Tile(t.aFrom, t.aLen, 0, 1, t.outOffset, t.extraStride))
                    .distinct().filter(c -> !c.equals(t) && c.simplerThan(t)));
        }

        private static double frac(double u) {
            return Math.rint(u * 64) / 64;
        }

        private int complexity() {
            return (aFrom == 0 ? 0 : 1) + (aLen == 1 ? 0 : 1) + (bFrom == 0 ? 0 : 1) + (bLen == 1 ? 0 : 1)
                    + (outOffset == 0 ? 0 : 1) + (extraStride == 0 ? 0 : 1);
        }

        boolean simplerThan(Tile t) {
            return complexity() < t.complexity();
        }

        int from(double frac, int size) {
            return (int) Math.floor(frac * size);
        }

        int to(double from, double len, int size) {
            int f = from(from, size);
            return f + (int) Math.round(len * (size - f));
        }
    }

    record TileCase(BoxPair sets, Tile tile) {
        @Override
        public String toString() {
            return sets + "\n    tile: " + tile;
        }
    }

    private static final BoxGen ALL_STYLES = BoxGen.all();

    private static final Gen<PairwiseCase> PAIRWISE = Gen.zip(
            ALL_STYLES.twoSets(Sizes.edges(127, 0.03), Sizes.laneEdges()), Layout.gen(), Layout.gen(),
            PairwiseCase::new, PairwiseCase::sets, PairwiseCase::layoutA, PairwiseCase::layoutB);

    /** Columns past the kernels' 4096-column blocks (CIoU's scratch angles), with few rows to stay cheap. */
    private static final Gen<PairwiseCase> WIDE = Gen.zip(
            ALL_STYLES.twoSets(Sizes.of(1, 3, 17), Sizes.of(4095, 4096, 4097, 8195)), Layout.gen(), Layout.gen(),
            PairwiseCase::new, PairwiseCase::sets, PairwiseCase::layoutA, PairwiseCase::layoutB);

    private static final Gen<PairwiseCase> ALIGNED = Gen.zip(
            ALL_STYLES.aligned(Sizes.laneEdges()), Layout.gen(), Layout.gen(),
            PairwiseCase::new, PairwiseCase::sets, PairwiseCase::layoutA, PairwiseCase::layoutB);

    private static final Gen<TileCase> TILES = Gen.zip(
            ALL_STYLES.twoSets(Sizes.edges(61, 0), Sizes.edges(127, 0.05)), Tile.gen(),
            TileCase::new, TileCase::sets, TileCase::tile);

    /** A value no kernel computes (a negative NaN-free bit pattern), to see which elements were written. */
    static final float SENTINEL = Float.intBitsToFloat(0xdeadbeef);

    @ParameterizedTest
    @EnumSource(IouKind.class)
    void pairwiseEqualsReferenceBitForBit(IouKind kind) {
        Prop.forAll("iou.pairwise." + kind, 300, PAIRWISE, c -> checkPairwise(kind, c));
    }

    @ParameterizedTest
    @EnumSource(value = IouKind.class, names = {"IOU", "CIOU"})
    void pairwiseAcrossColumnBlocksEqualsReference(IouKind kind) {
        Prop.forAll("iou.pairwise.wide." + kind, 12, WIDE, c -> checkPairwise(kind, c));
    }

    private static void checkPairwise(IouKind kind, PairwiseCase c) {
        float[] expected = ReferenceIou.matrix(kind, c.sets().a().toXyxy(), c.sets().b().toXyxy());
        Boxes a = c.sets().a().toBoxes(c.layoutA()), b = c.sets().b().toBoxes(c.layoutB());
        int n = a.size(), m = b.size();
        for (IouImpls.Impl impl : IouImpls.all()) {
            float[] out = new float[n * m];
            impl.pairwise(kind, a, 0, n, b, 0, m, out, 0, m);
            String what = impl.name() + " pairwise " + kind + " " + n + "x" + m;
            assertNoNaN(what, out, matrixIndex(m));
            assertSameBits(what, expected, out, matrixIndex(m));
        }
    }

    @ParameterizedTest
    @EnumSource(IouKind.class)
    void alignedEqualsReference(IouKind kind) {
        Prop.forAll("iou.aligned." + kind, 500, ALIGNED, c -> {
            float[] expected = ReferenceIou.aligned(kind, c.sets().a().toXyxy(), c.sets().b().toXyxy());
            Boxes a = c.sets().a().toBoxes(c.layoutA()), b = c.sets().b().toBoxes(c.layoutB());
            int n = a.size();
            for (IouImpls.Impl impl : IouImpls.all()) {
                float[] out = new float[n];
                impl.aligned(kind, a, b, 0, n, out, 0);
                String what = impl.name() + " aligned " + kind + " n=" + n;
                assertNoNaN(what, out, k -> "[" + k + "]");
                assertSameBits(what, expected, out);
            }
        });
    }

    @org.junit.jupiter.api.Test
    void tilesEqualTheirSubMatrixAndTouchNothingElse() {
        Prop.forAll("iou.tiles", 250, TILES, c -> {
            float[] axy = c.sets().a().toXyxy(), bxy = c.sets().b().toXyxy();
            Boxes a = c.sets().a().toBoxes(), b = c.sets().b().toBoxes();
            int n = a.size(), m = b.size();
            Tile t = c.tile();
            int aFrom = t.from(t.aFrom(), n), aTo = t.to(t.aFrom(), t.aLen(), n);
            int bFrom = t.from(t.bFrom(), m), bTo = t.to(t.bFrom(), t.bLen(), m);
            int rows = aTo - aFrom, cols = bTo - bFrom, stride = cols + t.extraStride();
            int length = t.outOffset() + Math.max(0, rows - 1) * stride + cols + 7;
            for (IouKind kind : IouKind.values()) {
                float[] full = ReferenceIou.matrix(kind, axy, bxy);
                float[] expected = new float[length];
                Arrays.fill(expected, SENTINEL);
                for (int i = 0; i < rows; i++) {
                    for (int j = 0; j < cols; j++) {
                        expected[t.outOffset() + i * stride + j] = full[(aFrom + i) * m + bFrom + j];
                    }
                }
                for (IouImpls.Impl impl : IouImpls.all()) {
                    float[] out = new float[length];
                    Arrays.fill(out, SENTINEL);
                    impl.pairwise(kind, a, aFrom, aTo, b, bFrom, bTo, out, t.outOffset(), stride);
                    assertSameBits(String.format(Locale.ROOT, "%s tile %s rows [%d,%d) cols [%d,%d) at %d stride %d",
                            impl.name(), kind, aFrom, aTo, bFrom, bTo, t.outOffset(), stride), expected, out,
                            k -> "out[" + k + "]" + (expected[k] == SENTINEL ? " (outside the tile)" : ""));
                }
            }
        });
    }

    @org.junit.jupiter.api.Test
    void alignedSubRangesWriteOnlyTheirSlice() {
        Gen<TileCase> cases = Gen.zip(ALL_STYLES.aligned(Sizes.laneEdges()), Tile.gen(), TileCase::new,
                TileCase::sets, TileCase::tile);
        Prop.forAll("iou.aligned.ranges", 250, cases, c -> {
            Boxes a = c.sets().a().toBoxes(), b = c.sets().b().toBoxes();
            int n = a.size();
            Tile t = c.tile();
            int from = t.from(t.aFrom(), n), to = t.to(t.aFrom(), t.aLen(), n);
            int length = t.outOffset() + (to - from) + 5;
            for (IouKind kind : IouKind.values()) {
                float[] full = ReferenceIou.aligned(kind, c.sets().a().toXyxy(), c.sets().b().toXyxy());
                for (IouImpls.Impl impl : IouImpls.all()) {
                    float[] out = new float[length];
                    Arrays.fill(out, SENTINEL);
                    impl.aligned(kind, a, b, from, to, out, t.outOffset());
                    for (int k = 0; k < length; k++) {
                        int i = k - t.outOffset() + from;
                        boolean inside = i >= from && i < to;
                        float want = inside ? full[i] : SENTINEL;
                        boolean ok = Float.floatToRawIntBits(out[k]) == Float.floatToRawIntBits(want);
                        if (!ok) {
                            throw new AssertionError(impl.name() + " aligned " + kind + " [" + from + "," + to
                                    + ") at " + t.outOffset() + ": out[" + k + "] = " + FloatChecks.describe(out[k])
                                    + ", expected " + FloatChecks.describe(want) + (inside ? "" : " (untouched)"));
                        }
                    }
                }
            }
        });
    }

    @ParameterizedTest
    @EnumSource(IouKind.class)
    void singlePairFormEqualsReference(IouKind kind) {
        Prop.forAll("iou.of." + kind, 200, ALL_STYLES.aligned(Sizes.of(64)), p -> {
            for (int i = 0; i < p.a().size(); i++) {
                Box x = p.a().get(i), y = p.b().get(i);
                float expected = ReferenceIou.value(kind, x.x1(), x.y1(), x.x2(), x.y2(), y.x1(), y.y1(), y.x2(),
                        y.y2());
                float actual = BoxIou.of(kind, x.x1(), x.y1(), x.x2(), x.y2(), y.x1(), y.y1(), y.x2(), y.y2());
                assertSameBits("BoxIou.of " + kind + " " + x + " vs " + y, new float[] {expected},
                        new float[] {actual});
            }
        });
    }
}
