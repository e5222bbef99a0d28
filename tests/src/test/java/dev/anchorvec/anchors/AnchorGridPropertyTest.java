package dev.anchorvec.anchors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anchorvec.boxes.BoxFormat;
import dev.anchorvec.boxes.Boxes;
import dev.anchorvec.reference.ReferenceAnchors;
import dev.anchorvec.reference.ReferenceTiler;
import dev.anchorvec.testkit.FloatChecks;
import dev.anchorvec.testkit.Gen;
import dev.anchorvec.testkit.Prop;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * {@link AnchorGrid} and {@link CellAnchorBuilder} against the plain references: the tiled anchors equal
 * {@link ReferenceTiler} bit for bit in every format, scale and clip setting, whole and level by level,
 * interleaved and planar; a builder's level has the configured centres, sizes, ratios and order
 * ({@link ReferenceAnchors}, within float32 rounding where nothing is rounded to integers).
 */
class AnchorGridPropertyTest {

    /** A random multi-level grid with its tiling settings. */
    record Case(List<GridLevel> levels, ReferenceTiler tiler) {}

    private static GridLevel randomLevel(RandomGenerator rnd) {
        int h = 1 + rnd.nextInt(7), w = 1 + 2 * rnd.nextInt(12), a = 1 + rnd.nextInt(9);
        float[] cx = new float[w], cy = new float[h], cell = new float[4 * a];
        double stride = rnd.nextBoolean() ? 8 << rnd.nextInt(4) : rnd.nextDouble(0.01, 100);
        for (int x = 0; x < w; x++) {
            cx[x] = (float) ((x + 0.5) * stride);
        }
        for (int y = 0; y < h; y++) {
            cy[y] = rnd.nextInt(4) == 0 ? (float) rnd.nextDouble(-50, 500) : (float) (y * stride);
        }
        for (int k = 0; k < cell.length; k++) {
            cell[k] = rnd.nextBoolean() ? rnd.nextInt(-64, 65) : (float) rnd.nextDouble(-300, 300);
        }
        return new GridLevel(h, w, cx, cy, cell);
    }

    static final Gen<Case> CASES = rnd -> {
        List<GridLevel> levels = new ArrayList<>();
        for (int l = 1 + rnd.nextInt(3); l > 0; l--) {
            levels.add(randomLevel(rnd));
        }
        BoxFormat format = rnd.nextInt(3) == 0 ? BoxFormat.CXCYWH : BoxFormat.XYXY;
        boolean scaled = rnd.nextBoolean();
        float sx = scaled ? (float) rnd.nextDouble(1e-3, 10) : 1f, sy = scaled ? (float) rnd.nextDouble(1e-3, 10) : 1f;
        boolean clip = format == BoxFormat.XYXY && rnd.nextBoolean();
        return new Case(levels, new ReferenceTiler(format, sx, sy, clip, (float) rnd.nextDouble(0, 400),
                (float) rnd.nextDouble(0, 400)));
    };

    private static AnchorGrid build(Case c) {
        ReferenceTiler t = c.tiler();
        AnchorGrid.Builder b = AnchorGrid.builder().format(t.format()).scale(t.scaleX(), t.scaleY());
        c.levels().forEach(b::level);
        if (t.clip()) {
            b.clip(t.clipWidth(), t.clipHeight());
        }
        return b.build();
    }

    @Test
    void tiledAnchorsEqualTheReference() {
        Prop.forAll("grid.reference", 300, CASES, c -> {
            AnchorGrid grid = build(c);
            float[] want = c.tiler().tile(c.levels());
            int count = c.levels().stream().mapToInt(l -> l.height() * l.width() * l.anchorsPerLocation()).sum();
            assertEquals(count, grid.size());
            assertEquals(4 * count, want.length);
            FloatChecks.assertSameBits("toArray", want, grid.toArray(), k -> "anchor " + k / 4 + "[" + k % 4 + "]");

            float[] at = new float[4 * count + 7];
            Arrays.fill(at, -7f);
            grid.writeTo(at, 3);
            FloatChecks.assertSameBits("writeTo at offset 3", want, Arrays.copyOfRange(at, 3, 3 + 4 * count));
            assertTrue(at[0] == -7f && at[1] == -7f && at[2] == -7f && at[at.length - 4] == -7f
                    && at[at.length - 1] == -7f, "wrote outside [3, 3 + 4n)");

            for (int l = 0; l < grid.levels(); l++) {
                float[] level = new float[4 * grid.levelSize(l)];
                grid.writeLevel(l, level, 0);
                int from = 4 * grid.levelOffset(l);
                FloatChecks.assertSameBits("level " + l, Arrays.copyOfRange(want, from, from + level.length), level);
            }
        });
    }

    @Test
    void planarOutputEqualsInterleaved() {
        Gen<Case> xyxy = CASES.filter(c -> c.tiler().format() == BoxFormat.XYXY);
        Prop.forAll("grid.planar", 200, xyxy, c -> {
            AnchorGrid grid = build(c);
            Boxes planar = grid.toBoxes();
            FloatChecks.assertSameBits("planar vs interleaved", grid.toArray(), planar.toInterleaved(BoxFormat.XYXY));
            Boxes reused = Boxes.allocate(grid.size() + 5);
            grid.writeTo(reused);
            assertEquals(grid.size(), reused.size());
            FloatChecks.assertSameBits("planar into a larger Boxes", grid.toArray(),
                    reused.toInterleaved(BoxFormat.XYXY));
        });
    }

    @Test
    void clippedAnchorsAreTheClampedUnclippedOnes() {
        Gen<Case> clipped = CASES.filter(c -> c.tiler().clip());
        Prop.forAll("grid.clip", 200, clipped, c -> {
            ReferenceTiler t = c.tiler();
            float[] clippedAnchors = build(c).toArray();
            ReferenceTiler open = new ReferenceTiler(BoxFormat.XYXY, t.scaleX(), t.scaleY(), false, 0, 0);
            float[] unclipped = build(new Case(c.levels(), open)).toArray();
            for (int k = 0; k < unclipped.length; k++) {
                float hi = k % 2 == 0 ? t.clipWidth() : t.clipHeight();
                float want = Math.min(Math.max(unclipped[k], 0f), hi);
                assertTrue(clippedAnchors[k] >= 0 && clippedAnchors[k] <= hi, "outside the clip box at " + k);
                assertEquals(want, clippedAnchors[k], 0f, "value " + k);
            }
        });
    }

    @Test
    void scaleMultipliesEveryCoordinate() {
        Gen<Case> unscaledXyxy = CASES.map(c -> new Case(c.levels(), ReferenceTiler.plain()));
        Prop.forAll("grid.scale", 100, unscaledXyxy, c -> {
            float[] pixels = build(c).toArray();
            float[] halved = build(new Case(c.levels(), new ReferenceTiler(BoxFormat.XYXY, 0.5f, 0.25f, false, 0, 0)))
                    .toArray();
            for (int k = 0; k < pixels.length; k++) {
                // Multiplying by a power of two is exact, so scaling commutes with the sum here.
                assertEquals(pixels[k] * (k % 2 == 0 ? 0.5f : 0.25f), halved[k], 0f, "value " + k);
            }
        });
    }

    // ----------------------------------------------------------------------------------- builder vs definition

    /** A generic builder configuration and the grid it is tiled on. */
    record Spec(ReferenceAnchors ref, int height, int width, boolean wOverH) {

        GridLevel level() {
            double[] ratios = ref.hOverW().clone();
            if (wOverH) {
                for (int i = 0; i < ratios.length; i++) {
                    ratios[i] = 1 / ratios[i];
                }
            }
            return CellAnchors.builder().sizes(ref.sizes()).aspectRatios(ratios)
                    .ratioConvention(wOverH ? AspectRatio.W_OVER_H : AspectRatio.H_OVER_W)
                    .order(ref.ratioMajor() ? AnchorOrder.RATIO_MAJOR : AnchorOrder.SIZE_MAJOR)
                    .centreOffset(ref.offset()).rounding(ref.rounding()).legacyPlusOne(ref.legacy())
                    .level(height, width, ref.strideY(), ref.strideX());
        }
    }

    static final Gen<Spec> SPECS = rnd -> {
        double[] sizes = new double[1 + rnd.nextInt(4)];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = rnd.nextBoolean() ? 16 << rnd.nextInt(6) : rnd.nextDouble(2, 700);
        }
        double[] ratios = new double[1 + rnd.nextInt(4)];
        for (int i = 0; i < ratios.length; i++) {
            ratios[i] = rnd.nextBoolean() ? new double[] {0.25, 0.5, 1, 2, 4}[rnd.nextInt(5)]
                    : rnd.nextDouble(0.1, 10);
        }
        double offset = rnd.nextBoolean() ? rnd.nextInt(3) * 0.5 : rnd.nextDouble();
        boolean integral = rnd.nextBoolean();
        double sy = integral ? 4 << rnd.nextInt(6) : rnd.nextDouble(1, 130);
        double sx = integral ? sy : rnd.nextDouble(1, 130);
        return new Spec(new ReferenceAnchors(sizes, ratios, rnd.nextBoolean(), offset, rnd.nextInt(3) == 0,
                rnd.nextInt(4) == 0, sy, sx), 1 + rnd.nextInt(6), 1 + 2 * rnd.nextInt(6), rnd.nextBoolean());
    };

    @Test
    void builderLevelsMatchTheDefinition() {
        Prop.forAll("builder.definition", 300, SPECS, s -> {
            ReferenceAnchors ref = s.ref();
            GridLevel level = s.level();
            assertEquals(ref.perLocation(), level.anchorsPerLocation());
            float[] got = ReferenceTiler.plain().tile(List.of(level));
            int k = 0;
            for (int y = 0; y < s.height(); y++) {
                for (int x = 0; x < s.width(); x++) {
                    for (int a = 0; a < ref.perLocation(); a++, k += 4) {
                        double[] want = ref.anchor(y, x, a);
                        for (int j = 0; j < 4; j++) {
                            // Sums and sqrt rounded to float32: a few ulp of the largest term, plus one
                            // integer when a rounded value sits on a tie that the float64 paths split.
                            double scale = Math.abs(want[j]) + Math.abs(j % 2 == 0 ? x * ref.strideX()
                                    : y * ref.strideY()) + ref.shape(a)[0] * 4;
                            double tol = scale * 0x1p-21 + (ref.rounding() ? 1 : 0);
                            assertEquals(want[j], got[k + j], tol, "(y " + y + ", x " + x + ", a " + a + ")[" + j
                                    + "] of " + s);
                        }
                    }
                }
            }
        });
    }

    @Test
    void builderCentresSizesAndRatiosAreAsConfigured() {
        Gen<Spec> plain = SPECS.filter(s -> !s.ref().legacy() && !s.ref().rounding());
        Prop.forAll("builder.shapes", 300, plain, s -> {
            ReferenceAnchors ref = s.ref();
            GridLevel level = s.level();
            float[] cx = level.centreX(), cy = level.centreY(), cell = level.cell();
            for (int x = 0; x < s.width(); x++) {
                assertEquals((float) ((x + ref.offset()) * ref.strideX()), cx[x], 0f, "centre x " + x);
            }
            for (int y = 0; y < s.height(); y++) {
                assertEquals((float) ((y + ref.offset()) * ref.strideY()), cy[y], 0f, "centre y " + y);
            }
            for (int a = 0; a < ref.perLocation(); a++) {
                double w = cell[4 * a + 2] - cell[4 * a], h = cell[4 * a + 3] - cell[4 * a + 1];
                double[] shape = ref.shape(a);
                assertEquals(-cell[4 * a], cell[4 * a + 2], 0f, "zero-centred in x, anchor " + a);
                assertEquals(-cell[4 * a + 1], cell[4 * a + 3], 0f, "zero-centred in y, anchor " + a);
                assertEquals(shape[0] * shape[0], w * h, shape[0] * shape[0] * 1e-6, "area of anchor " + a);
                assertEquals(shape[1], h / w, shape[1] * 1e-6, "h / w of anchor " + a);
            }
        });
    }

    @Test
    void roundedBuilderAnchorsHaveIntegerHalfExtents() {
        Gen<Spec> rounded = SPECS.filter(s -> !s.ref().legacy() && s.ref().rounding());
        Prop.forAll("builder.rounded", 200, rounded, s -> {
            float[] cell = s.level().cell();
            for (int k = 0; k < cell.length; k++) {
                assertEquals(Math.rint(cell[k]), cell[k], 0, "half-extent " + k + " is not an integer");
            }
        });
    }
}
