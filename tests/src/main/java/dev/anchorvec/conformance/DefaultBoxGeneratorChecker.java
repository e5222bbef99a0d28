package dev.anchorvec.conformance;

import dev.anchorvec.anchors.AnchorGrid;
import dev.anchorvec.anchors.SsdDefaultBoxes;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code default_box_generator}: {@link SsdDefaultBoxes} built from the case's inputs ({@code image_size},
 * {@code grid_sizes}, the ragged {@code ratios_*} lists, {@code scales}, the optional {@code steps} and
 * {@code clip}) against torchvision's {@code DefaultBoxGenerator}, bit for bit: the width-height pairs with
 * {@code wh_pairs}, the normalised cxcywh boxes with {@code boxes_cxcywh} and the module's xyxy pixel output with
 * {@code boxes_xyxy}.
 */
public final class DefaultBoxGeneratorChecker implements OpChecker {

    private static final String PEER = "torchvision DefaultBoxGenerator";

    @Override
    public String op() {
        return "default_box_generator";
    }

    @Override
    public List<String> check(Bxt c) {
        int[] image = Corpus.imageSize(c);
        int[][] grids = Corpus.pairs(c, "grid_sizes");
        double[][] ratios = Corpus.ragged(c, "ratios", grids.length);
        double[] steps = null;
        if (c.has("steps")) {
            long[] s = c.longs("steps");
            steps = new double[s.length];
            for (int l = 0; l < s.length; l++) {
                steps[l] = s[l];
            }
        }
        boolean clip = c.bytes("clip")[0] != 0;
        SsdDefaultBoxes boxes = SsdDefaultBoxes.withScales(ratios, c.doubles("scales"), steps, clip);
        int height = image[0], width = image[1];

        List<String> failures = new ArrayList<>();
        float[] pairs = new float[c.floats("wh_pairs").length];
        long[] pairCounts = c.longs("wh_pairs_count");
        int k = 0;
        for (int l = 0; l < grids.length; l++) {
            float[] level = boxes.widthHeightPairs(l);
            if (level.length != 2 * pairCounts[l]) {
                failures.add("wh_pairs_count[" + l + "]: anchorvec " + level.length / 2 + ", torchvision "
                        + pairCounts[l]);
                return failures;
            }
            System.arraycopy(level, 0, pairs, k, level.length);
            k += level.length;
        }
        Mismatches.check("wh_pairs", pairs, c.array("wh_pairs").shape(), new ExactRule(c.floats("wh_pairs"), PEER))
                .ifPresent(failures::add);
        compare(c, "boxes_cxcywh", boxes.normalizedGrid(height, width, grids), failures);
        compare(c, "boxes_xyxy", boxes.pixelGrid(height, width, grids), failures);
        return failures;
    }

    private static void compare(Bxt c, String name, AnchorGrid grid, List<String> failures) {
        float[] expected = c.floats(name);
        float[] actual = grid.toArray();
        if (actual.length != expected.length) {
            failures.add(name + ": anchorvec has " + actual.length / 4 + " boxes, torchvision " + expected.length / 4);
            return;
        }
        Mismatches.check(name, actual, c.array(name).shape(), new ExactRule(expected, PEER)).ifPresent(failures::add);
    }
}
