package dev.anchorvec.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A small COCO file with planted clusters: every box is one of {@link #SHAPES} (pixels at img 640) times a
 * factor in [0.92, 1.08], stored in the pixels of images of various sizes (so the reader's scaling must undo
 * them), plus crowd and zero-size annotations that the reader must skip.
 */
final class SyntheticCoco {

    /** The planted shapes at img 640, well apart (pairwise IoU < 0.3). */
    static final float[][] SHAPES = {{12, 24}, {40, 20}, {48, 96}, {160, 80}, {200, 400}, {480, 240}};
    static final int IMAGES = 120;
    static final int CROWD = 3;
    static final int ZERO = 2;

    private static final int[][] IMAGE_SIZES = {{1280, 960}, {640, 480}, {800, 800}, {480, 640}};

    private SyntheticCoco() {}

    static Path write(Path file) throws IOException {
        SplittableRandom random = new SplittableRandom(7);
        StringBuilder images = new StringBuilder(), annotations = new StringBuilder();
        int id = 0;
        for (int i = 0; i < IMAGES; i++) {
            int[] size = IMAGE_SIZES[i % IMAGE_SIZES.length];
            images.append(i == 0 ? "" : ",\n").append(String.format(Locale.ROOT,
                    "{\"id\": %d, \"file_name\": \"%06d.jpg\", \"width\": %d, \"height\": %d}", 100 + i, i, size[0],
                    size[1]));
            double toImage = Math.max(size[0], size[1]) / 640.0;
            for (float[] shape : SHAPES) {
                double w = shape[0] * random.nextDouble(0.92, 1.08) * toImage;
                double h = shape[1] * random.nextDouble(0.92, 1.08) * toImage;
                annotation(annotations, ++id, 100 + i, w, h, false);
            }
        }
        for (int c = 0; c < CROWD; c++) {
            annotation(annotations, ++id, 100 + c, 600, 30, true);
        }
        for (int z = 0; z < ZERO; z++) {
            annotation(annotations, ++id, 100 + z, 0, 30, false);
        }
        return Files.writeString(file, "{\"info\": {\"description\": \"synthetic\"},\n\"images\": [\n" + images
                + "],\n\"annotations\": [\n" + annotations + "],\n\"categories\": [{\"id\": 1, \"name\": \"x\"}]}\n");
    }

    static int boxes() {
        return IMAGES * SHAPES.length;
    }

    private static void annotation(StringBuilder out, int id, int image, double w, double h, boolean crowd) {
        out.append(out.isEmpty() ? "" : ",\n").append(String.format(Locale.ROOT,
                "{\"id\": %d, \"image_id\": %d, \"category_id\": 1, \"iscrowd\": %d, \"area\": %.2f,"
                        + " \"segmentation\": [[0, 0, 1, 1, 2, 2]], \"bbox\": [3.0, 4.0, %.3f, %.3f]}",
                id, image, crowd ? 1 : 0, w * h, w, h));
    }
}
