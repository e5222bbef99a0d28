package dev.anchorvec.tools.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * Where a dataset is and in which format: what {@code --coco}, {@code --yolo [--images]}, {@code --voc} or
 * {@code --csv} name.
 *
 * @param format       the format
 * @param path         the file (COCO, CSV) or folder (YOLO labels, VOC annotations)
 * @param images       the YOLO images folder, or null
 * @param includeCrowd COCO: whether crowd annotations count
 */
public record DatasetSource(Format format, Path path, Path images, boolean includeCrowd) {

    /** The supported formats. */
    public enum Format {
        /** COCO detection JSON. */
        COCO,
        /** YOLO label folder. */
        YOLO,
        /** Pascal VOC XML folder. */
        VOC,
        /** CSV file. */
        CSV;

        /** The lower-case name used on the command line and in reports. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Checks the combination. */
    public DatasetSource {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(path, "path");
        if (images != null && format != Format.YOLO) {
            throw new IllegalArgumentException("an images folder only goes with YOLO labels");
        }
        if (includeCrowd && format != Format.COCO) {
            throw new IllegalArgumentException("includeCrowd only applies to COCO");
        }
    }

    /**
     * Reads the dataset with its boxes scaled to {@code img}.
     *
     * @throws DatasetException for unreadable or malformed input, naming the file and where in it
     */
    public Dataset read(int img) throws IOException {
        return switch (format) {
            case COCO -> CocoReader.read(path, img, includeCrowd);
            case YOLO -> YoloReader.read(path, images, img);
            case VOC -> VocReader.read(path, img);
            case CSV -> CsvReader.read(path, img);
        };
    }
}
