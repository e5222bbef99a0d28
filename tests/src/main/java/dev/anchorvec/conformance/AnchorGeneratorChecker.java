package dev.anchorvec.conformance;

import dev.anchorvec.anchors.AnchorGrid;
import dev.anchorvec.anchors.AnchorPresets;
import dev.anchorvec.anchors.FpnGrids;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code anchor_generator}: {@link AnchorPresets#torchvision} built from the case's inputs ({@code image_size},
 * {@code grid_sizes}, the ragged {@code sizes_*} and {@code ratios_*} lists) against torchvision's
 * {@code AnchorGenerator}. Every output is compared bit for bit: the strides anchorvec derives
 * ({@code image // grid}) with the case's {@code strides}, the concatenated cell anchors with
 * {@code cell_anchors}, the level sizes with {@code anchors_per_level}, and the tiled anchors with
 * {@code anchors}.
 */
public final class AnchorGeneratorChecker implements OpChecker {

    private static final String PEER = "torchvision AnchorGenerator";

    @Override
    public String op() {
        return "anchor_generator";
    }

    @Override
    public List<String> check(Bxt c) {
        int[] image = Corpus.imageSize(c);
        int[][] grids = Corpus.pairs(c, "grid_sizes");
        int levels = grids.length;
        double[][] sizes = Corpus.ragged(c, "sizes", levels);
        double[][] ratios = Corpus.ragged(c, "ratios", levels);
        int height = image[0], width = image[1];

        List<String> failures = new ArrayList<>();
        int[][] strides = FpnGrids.torchvisionStrides(height, width, grids);
        int[][] expectedStrides = Corpus.pairs(c, "strides");
        if (!Arrays.deepEquals(strides, expectedStrides)) {
            failures.add("strides: anchorvec " + Arrays.deepToString(strides) + ", torchvision "
                    + Arrays.deepToString(expectedStrides));
        }
        AnchorGrid grid = AnchorPresets.torchvision(height, width, grids, sizes, ratios);
        Corpus.compareLevelSizes(c, grid, failures);
        Corpus.compareCells(c, "cell_anchors", grid, PEER, failures);
        float[] expected = c.floats("anchors");
        Mismatches.check("anchors", grid.toArray(), c.array("anchors").shape(), new ExactRule(expected, PEER))
                .ifPresent(failures::add);
        return failures;
    }
}
