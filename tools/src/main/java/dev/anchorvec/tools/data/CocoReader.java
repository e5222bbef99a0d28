package dev.anchorvec.tools.data;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import dev.anchorvec.tools.io.IoErrors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a COCO detection file ({@code instances_*.json}) with a streaming parser, so a file of hundreds of MB
 * needs little heap: only {@code images[].{id, width, height}} and {@code annotations[].{image_id, bbox,
 * iscrowd}} are kept, everything else (segmentations, categories, ...) is skipped unread.
 *
 * <p>{@code bbox} is {@code [x, y, width, height]} in pixels of its image; each box is scaled by
 * {@code img / max(image width, image height)}. Crowd annotations ({@code iscrowd: 1}) are skipped unless
 * asked for. Errors name the record ({@code images[i]} or {@code annotations[i]}) with its line and column.
 * {@code NaN} and {@code Infinity} (as Python's json module writes them) are read, then rejected as sizes.
 */
public final class CocoReader {

    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private final Path file;
    private final BoxCollector boxes;
    private final boolean includeCrowd;
    private final Map<Long, Integer> imageIndex = new HashMap<>();
    private float[] imageWidths = new float[256];
    private float[] imageHeights = new float[256];
    private boolean imagesRead;
    private long crowdSkipped;
    /** Annotations met before the images: resolved once the images are read. */
    private final List<Pending> pending = new ArrayList<>();
    /** The record being read, for error messages. */
    private String record;
    private JsonParser parser;

    private record Pending(long imageId, double width, double height, String where) {}

    private CocoReader(Path file, int img, boolean includeCrowd) {
        this.file = file;
        this.boxes = new BoxCollector(img);
        this.includeCrowd = includeCrowd;
    }

    /**
     * Reads {@code file}.
     *
     * @param img          the training image size (pixels)
     * @param includeCrowd whether {@code iscrowd: 1} annotations count
     * @throws DatasetException for an unreadable or malformed file (naming the record and its line and column)
     */
    public static Dataset read(Path file, int img, boolean includeCrowd) throws IOException {
        return new CocoReader(file, img, includeCrowd).read();
    }

    private Dataset read() throws IOException {
        if (!Files.exists(file)) {
            throw DatasetException.inFile(file, "no such file", null);
        }
        if (Files.isDirectory(file)) {
            throw DatasetException.inFile(file, "is a directory, not a COCO JSON file", null);
        }
        try (JsonParser p = JSON.createParser(file.toFile())) {
            parser = p;
            parseTop();
        } catch (DatasetException e) {
            throw e;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new DatasetException(file, where(at), "malformed JSON: " + e.getOriginalMessage(), e);
        } catch (NoSuchFileException e) {
            throw DatasetException.inFile(file, "no such file", e);
        } catch (IOException e) {
            throw DatasetException.inFile(file, "cannot read: " + IoErrors.reason(e), e);
        }
        List<String> notes = new ArrayList<>();
        if (crowdSkipped > 0) {
            notes.add(crowdSkipped + " crowd annotations (iscrowd 1) skipped; --include-crowd counts them");
        }
        return new Dataset("coco", file.toString(), boxes.img(), boxes.sizes(), imageIndex.size(),
                boxes.zeroSize(), crowdSkipped, notes);
    }

    private void parseTop() throws IOException {
        record = null;
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw error("not a COCO file: the top level is not a JSON object");
        }
        boolean sawAnnotations = false;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (name.equals("images")) {
                expectArray(value, "images");
                readImages();
            } else if (name.equals("annotations")) {
                expectArray(value, "annotations");
                readAnnotations();
                sawAnnotations = true;
            } else {
                parser.skipChildren();
            }
        }
        record = null;
        if (parser.nextToken() != null) {
            throw error("content after the top-level object");
        }
        if (!imagesRead) {
            throw error("no \"images\" array: not a COCO instances file");
        }
        if (!sawAnnotations) {
            throw error("no \"annotations\" array: not a COCO instances file");
        }
        for (Pending a : pending) {
            record = a.where();
            addBox(a.imageId(), a.width(), a.height(), null);
        }
    }

    private void expectArray(JsonToken token, String field) throws IOException {
        if (token != JsonToken.START_ARRAY) {
            throw error("\"" + field + "\" must be an array, got " + describe(token));
        }
    }

    private void readImages() throws IOException {
        int i = 0;
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken(), i++) {
            record = "images[" + i + "]";
            startRecord(t);
            Long id = null;
            double width = Double.NaN, height = Double.NaN;
            boolean hasWidth = false, hasHeight = false;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "id" -> id = integer(value, "id");
                    case "width" -> {
                        width = number(value, "width");
                        hasWidth = true;
                    }
                    case "height" -> {
                        height = number(value, "height");
                        hasHeight = true;
                    }
                    default -> parser.skipChildren();
                }
            }
            if (id == null || !hasWidth || !hasHeight) {
                throw error("missing " + (id == null ? "\"id\"" : !hasWidth ? "\"width\"" : "\"height\""));
            }
            try {
                boxes.factor(width, height);   // checks both sides
            } catch (IllegalArgumentException e) {
                throw error(e.getMessage());
            }
            Integer previous = imageIndex.putIfAbsent(id, i);
            if (previous != null) {
                throw error("duplicate image id " + id + " (also images[" + previous + "])");
            }
            if (i == imageWidths.length) {
                if (i == BoxCollector.MAX_BOXES) {
                    throw error("more than " + BoxCollector.MAX_BOXES + " images, the most anchorvec fit reads");
                }
                int grown = (int) Math.min(2L * i, BoxCollector.MAX_BOXES);
                imageWidths = Arrays.copyOf(imageWidths, grown);
                imageHeights = Arrays.copyOf(imageHeights, grown);
            }
            imageWidths[i] = (float) width;
            imageHeights[i] = (float) height;
        }
        imagesRead = true;
    }

    private void readAnnotations() throws IOException {
        int i = 0;
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken(), i++) {
            record = "annotations[" + i + "]";
            String where = startRecord(t);
            Long imageId = null;
            double[] bbox = null;
            boolean crowd = false;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "image_id" -> imageId = integer(value, "image_id");
                    case "bbox" -> bbox = bbox(value);
                    case "iscrowd" -> crowd = crowd(value);
                    default -> parser.skipChildren();
                }
            }
            if (imageId == null || bbox == null) {
                throw error("missing " + (imageId == null ? "\"image_id\"" : "\"bbox\""));
            }
            try {
                Numbers.checkSize(bbox[2], "bbox width");
                Numbers.checkSize(bbox[3], "bbox height");
            } catch (IllegalArgumentException e) {
                throw error(e.getMessage());
            }
            if (crowd && !includeCrowd) {
                crowdSkipped++;
            } else if (imagesRead) {
                addBox(imageId, bbox[2], bbox[3], where);
            } else {
                pending.add(new Pending(imageId, bbox[2], bbox[3], where));
            }
        }
    }

    private void addBox(long imageId, double width, double height, String where) throws DatasetException {
        String at = where == null ? record : where;
        Integer image = imageIndex.get(imageId);
        if (image == null) {
            throw new DatasetException(file, at, "image_id " + imageId + " is not in \"images\"", null);
        }
        try {
            // The image's sides were checked when it was read, and are exact in a float (at most 2^24).
            double factor = boxes.factor(imageWidths[image], imageHeights[image]);
            boxes.add(width, height, factor);
        } catch (IllegalArgumentException e) {
            throw new DatasetException(file, at, e.getMessage() + "; its image: images[" + image + "], "
                    + Numbers.format(imageWidths[image]) + " x " + Numbers.format(imageHeights[image]), null);
        }
    }

    /** Checks that a record is an object; returns its place for messages. */
    private String startRecord(JsonToken t) throws IOException {
        JsonLocation at = parser.currentTokenLocation();
        record = record + " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
        if (t != JsonToken.START_OBJECT) {
            throw error("expected an object, got " + describe(t));
        }
        return record;
    }

    private double[] bbox(JsonToken value) throws IOException {
        if (value != JsonToken.START_ARRAY) {
            throw error("\"bbox\" must be an array [x, y, width, height], got " + describe(value));
        }
        double[] b = new double[4];
        int n = 0;
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
            double v = number(t, "bbox[" + n + "]");
            if (n < 4) {
                b[n] = v;
            }
            n++;
        }
        if (n != 4) {
            throw error("\"bbox\" must hold 4 numbers [x, y, width, height], got " + n);
        }
        return b;
    }

    private boolean crowd(JsonToken value) throws IOException {
        return switch (value) {
            case VALUE_TRUE -> true;
            case VALUE_FALSE, VALUE_NULL -> false;
            case VALUE_NUMBER_INT -> parser.getLongValue() != 0;
            default -> throw error("\"iscrowd\" must be 0 or 1, got " + describe(value));
        };
    }

    private long integer(JsonToken value, String field) throws IOException {
        if (value != JsonToken.VALUE_NUMBER_INT) {
            throw error("\"" + field + "\" must be an integer, got " + describe(value));
        }
        if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            throw error("\"" + field + "\" is out of range: " + parser.getText());
        }
        return parser.getLongValue();
    }

    private double number(JsonToken value, String field) throws IOException {
        if (value != JsonToken.VALUE_NUMBER_INT && value != JsonToken.VALUE_NUMBER_FLOAT) {
            throw error("\"" + field + "\" must be a number, got " + describe(value));
        }
        double v = parser.getDoubleValue();
        // NaN and Infinity written as such are reported by the size checks; 1e400 written out is not infinity.
        if (Double.isInfinite(v) && !parser.isNaN()) {
            throw error(Numbers.tooLarge("\"" + field + "\"", parser.getText()));
        }
        return v;
    }

    private String describe(JsonToken t) throws IOException {
        if (t == null) {
            return "the end of the file";
        }
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string \"" + Numbers.shorten(parser.getText()) + "\"";
            case VALUE_NULL -> "null";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "the number " + parser.getText();
            default -> t.asString() == null ? t.name() : t.asString();
        };
    }

    private DatasetException error(String reason) {
        return new DatasetException(file, record, reason, null);
    }

    private String where(JsonLocation at) {
        String place = at == null ? null : "line " + at.getLineNr() + ", column " + at.getColumnNr();
        if (record == null || place == null) {
            return record == null ? place : record;
        }
        return record + " (error at " + place + ")";
    }
}
