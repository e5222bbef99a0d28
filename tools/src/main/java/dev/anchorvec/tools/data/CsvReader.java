package dev.anchorvec.tools.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads boxes from a CSV file (comma-separated, UTF-8, RFC 4180 quoting on one line). The first non-blank line
 * is a header; names are matched without case or surrounding spaces, other columns are ignored:
 *
 * <ul>
 *   <li>the box, either by corners {@code x1,y1,x2,y2} (or {@code xmin,ymin,xmax,ymax}), width
 *   {@code x2 - x1}, or by size {@code w,h} (or {@code width,height}); corners win when both are there;</li>
 *   <li>optionally the image size {@code image_width,image_height}: each box is then scaled by
 *   {@code img / max(image_width, image_height)}; without them the sizes are taken as pixels of the training
 *   image already (not scaled), and the dataset's notes say so;</li>
 *   <li>optionally an image name ({@code image}, {@code image_id}, {@code filename}, {@code file} or
 *   {@code path}), only to count the images.</li>
 * </ul>
 *
 * Blank lines are skipped. Errors name the file and the line.
 */
public final class CsvReader {

    private static final List<List<String>> CORNERS = List.of(List.of("x1", "y1", "x2", "y2"),
            List.of("xmin", "ymin", "xmax", "ymax"));
    private static final List<List<String>> SIZES = List.of(List.of("w", "h"), List.of("width", "height"));
    private static final List<String> IMAGE_SIZE = List.of("image_width", "image_height");
    private static final List<String> IMAGE_NAMES = List.of("image", "image_id", "filename", "file", "path");

    /** The accepted headers, for usage and error messages. */
    public static final String ACCEPTED = "x1,y1,x2,y2 (or xmin,ymin,xmax,ymax) or w,h (or width,height);"
            + " optional image_width,image_height and image (or image_id, filename, file, path)";

    private final Path file;
    private final BoxCollector boxes;
    private int columns = -1;
    private int[] box;          // 4 corner or 2 size column indices
    private int[] imageSize;    // 2 indices, or null
    private int imageName = -1;
    private final Set<String> imageNames = new HashSet<>();
    private final List<String> notes = new ArrayList<>();

    private CsvReader(Path file, int img) {
        this.file = file;
        this.boxes = new BoxCollector(img);
    }

    /**
     * Reads {@code file}.
     *
     * @param img the training image size (pixels)
     * @throws DatasetException naming the file and line of a malformed record, or a header without box columns
     */
    public static Dataset read(Path file, int img) throws IOException {
        return new CsvReader(file, img).read();
    }

    private Dataset read() throws IOException {
        TextLines.read(file, (line, number) -> {
            if (line.isBlank()) {
                return;
            }
            if (columns < 0) {
                header(CsvFields.split(line));
            } else {
                record(CsvFields.split(line));
            }
        });
        if (columns < 0) {
            throw DatasetException.inFile(file, "empty: a header line is required (" + ACCEPTED + ")", null);
        }
        int images = imageName >= 0 ? imageNames.size() : -1;
        return new Dataset("csv", file.toString(), boxes.img(), boxes.sizes(), images, boxes.zeroSize(), 0, notes);
    }

    private void header(List<String> names) {
        Map<String, Integer> index = new TreeMap<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i).strip().toLowerCase(Locale.ROOT);
            if (index.putIfAbsent(name, i) != null && !name.isEmpty()) {
                throw new IllegalArgumentException("header names column '" + name + "' twice");
            }
        }
        columns = names.size();
        box = find(index, CORNERS);
        if (box != null && find(index, SIZES) != null) {
            notes.add("box corners used; the width/height columns are ignored");
        }
        if (box == null) {
            box = find(index, SIZES);
        }
        if (box == null) {
            throw new IllegalArgumentException("header has no box columns: expected " + ACCEPTED + "; got "
                    + String.join(",", names));
        }
        boolean iw = index.containsKey(IMAGE_SIZE.get(0)), ih = index.containsKey(IMAGE_SIZE.get(1));
        if (iw != ih) {
            throw new IllegalArgumentException("header has " + (iw ? "image_width" : "image_height") + " without "
                    + (iw ? "image_height" : "image_width"));
        }
        if (iw) {
            imageSize = new int[] {index.get(IMAGE_SIZE.get(0)), index.get(IMAGE_SIZE.get(1))};
        } else {
            notes.add("no image_width,image_height columns: box sizes taken as pixels of the training image"
                    + " (not scaled)");
        }
        for (String name : IMAGE_NAMES) {
            if (index.containsKey(name)) {
                imageName = index.get(name);
                break;
            }
        }
    }

    private static int[] find(Map<String, Integer> index, List<List<String>> alternatives) {
        for (List<String> names : alternatives) {
            if (index.keySet().containsAll(names)) {
                return names.stream().mapToInt(index::get).toArray();
            }
        }
        return null;
    }

    private void record(List<String> fields) {
        if (fields.size() != columns) {
            throw new IllegalArgumentException("expected " + columns + " fields as in the header, got "
                    + fields.size());
        }
        double w, h;
        if (box.length == 4) {
            double x1 = value(fields, 0), y1 = value(fields, 1), x2 = value(fields, 2), y2 = value(fields, 3);
            w = Numbers.side(x2, "x2", x1, "x1");
            h = Numbers.side(y2, "y2", y1, "y1");
        } else {
            w = value(fields, 0);
            h = value(fields, 1);
        }
        double factor = 1;
        if (imageSize != null) {
            factor = boxes.factor(number(fields, imageSize[0], "image_width"),
                    number(fields, imageSize[1], "image_height"));
        }
        boxes.add(w, h, factor);
        if (imageName >= 0) {
            imageNames.add(fields.get(imageName).strip());
        }
    }

    private double value(List<String> fields, int which) {
        String[] names = box.length == 4 ? new String[] {"x1", "y1", "x2", "y2"} : new String[] {"w", "h"};
        return Numbers.checkFinite(number(fields, box[which], names[which]), names[which]);
    }

    private static double number(List<String> fields, int column, String what) {
        String text = fields.get(column).strip();
        if (text.isEmpty()) {
            throw new IllegalArgumentException(what + " is empty");
        }
        return Numbers.parse(text, what);
    }
}
