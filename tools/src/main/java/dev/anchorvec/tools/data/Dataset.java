package dev.anchorvec.tools.data;

import dev.anchorvec.anchors.fit.BoxSizes;
import java.util.List;
import java.util.Objects;

/**
 * A dataset's box sizes, read by one of the readers and scaled to the training image size.
 *
 * @param format       {@code "coco"}, {@code "yolo"}, {@code "voc"} or {@code "csv"}
 * @param source       the file or directory read, as given
 * @param img          the training image size the boxes are scaled to
 * @param boxes        the kept boxes, pixels of an {@code img x img} image
 * @param images       the number of images, or -1 when the format does not tell
 * @param zeroSize     boxes dropped because a side is zero
 * @param crowdSkipped COCO crowd annotations skipped (0 for other formats)
 * @param notes        sentences about assumptions made while reading (for example, images taken as square)
 */
public record Dataset(String format, String source, int img, BoxSizes boxes, int images, long zeroSize,
                      long crowdSkipped, List<String> notes) {

    /** Checks and copies. */
    public Dataset {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(boxes, "boxes");
        notes = List.copyOf(notes);
    }

    /** Labels read: kept boxes, zero-size boxes and skipped crowd annotations. */
    public long labels() {
        return boxes.size() + zeroSize + crowdSkipped;
    }
}
