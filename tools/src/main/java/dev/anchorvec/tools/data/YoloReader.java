package dev.anchorvec.tools.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a folder of YOLO label files ({@code *.txt}, any depth; one line {@code class cx cy w h} per box, the
 * coordinates normalised to [0, 1] by the image's width and height). A file named {@code classes.txt} (as
 * labelImg writes) is skipped.
 *
 * <p>With an images folder, each label file {@code LABELS/a/b.txt} takes the size of the image
 * {@code IMAGES/a/b.<ext>} (PNG, JPEG, BMP, GIF, TIFF), read from its header; a box is then
 * {@code w * W x h * H} pixels, scaled by {@code img / max(W, H)} (YOLOv5's rule). Without an images folder every
 * image is taken as square, so a box is {@code w * img x h * img}; the dataset's notes say so.
 */
public final class YoloReader {

    /** Largest tolerated overshoot of a normalised value past 1 (printing noise). */
    private static final double SLACK = 1e-6;

    private YoloReader() {}

    /**
     * Reads the label files under {@code labels}.
     *
     * @param images the images folder, or {@code null} to take images as square
     * @param img    the training image size (pixels)
     * @throws DatasetException naming the file and line of a malformed label, or a label file without image
     */
    public static Dataset read(Path labels, Path images, int img) throws IOException {
        List<Path> files = new ArrayList<>(DatasetFiles.list(labels, DatasetFiles.withExtension(".txt")));
        List<String> notes = new ArrayList<>();
        if (files.removeIf(p -> p.getFileName().toString().equals("classes.txt"))) {
            notes.add("classes.txt skipped (class names, not labels)");
        }
        if (files.isEmpty()) {
            throw DatasetException.inFile(labels, "no *.txt label files in this directory", null);
        }
        Map<String, Path> imageFiles = new HashMap<>();
        if (images != null) {
            for (Path p : DatasetFiles.list(images, DatasetFiles.withExtension(ImageHeaders.EXTENSIONS))) {
                imageFiles.putIfAbsent(DatasetFiles.stem(images, p), p);
            }
        } else {
            notes.add("no --images: every image taken as square (box = normalised w, h x img); give --images DIR"
                    + " for YOLOv5's rule img / max(image width, height)");
        }
        BoxCollector boxes = new BoxCollector(img);
        for (Path file : files) {
            double factor;
            double imageWidth, imageHeight;
            if (images == null) {
                imageWidth = imageHeight = img;
            } else {
                String stem = DatasetFiles.stem(labels, file);
                Path image = imageFiles.get(stem);
                if (image == null) {
                    throw DatasetException.inFile(file, "no image for this label file: looked for " + images
                            .resolve(stem) + ".{jpg,jpeg,png,bmp,gif,tif,tiff}", null);
                }
                int[] size = ImageHeaders.size(image);
                imageWidth = size[0];
                imageHeight = size[1];
            }
            try {
                factor = boxes.factor(imageWidth, imageHeight);   // the image header's sides were checked
            } catch (IllegalArgumentException e) {
                throw DatasetException.inFile(file, e.getMessage(), null);
            }
            TextLines.read(file, (line, number) -> parseLine(line, boxes, imageWidth, imageHeight, factor));
        }
        int imageCount = images == null ? files.size() : Math.max(files.size(), imageFiles.size());
        if (images != null && imageFiles.size() > files.size()) {
            notes.add((imageFiles.size() - files.size()) + " images without a label file (background images)");
        }
        return new Dataset("yolo", labels.toString(), img, boxes.sizes(), imageCount, boxes.zeroSize(), 0, notes);
    }

    private static void parseLine(String line, BoxCollector boxes, double imageWidth, double imageHeight,
                                  double factor) {
        String text = line.strip();
        if (text.isEmpty()) {
            return;
        }
        String[] t = text.split("\\s+");
        if (t.length != 5) {
            throw new IllegalArgumentException("expected 5 values 'class cx cy w h', got " + t.length
                    + (t.length > 5 && t.length % 2 == 1 ? " (a segmentation polygon? only boxes are read)" : ""));
        }
        if (!t[0].matches("\\d+")) {
            throw new IllegalArgumentException("class must be an integer >= 0, got '" + Numbers.shorten(t[0]) + "'");
        }
        normalised(t[1], "cx");
        normalised(t[2], "cy");
        double w = normalised(t[3], "w"), h = normalised(t[4], "h");
        boxes.add(w * imageWidth, h * imageHeight, factor);
    }

    private static double normalised(String token, String what) {
        double v = Numbers.parse(token, what);
        Numbers.checkSize(v, what);
        if (v > 1 + SLACK) {
            throw new IllegalArgumentException(what + " is " + token + ", above 1: labels must be normalised to"
                    + " [0, 1] by the image size");
        }
        return v;
    }
}
