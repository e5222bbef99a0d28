package dev.anchorvec.tools.data;

import dev.anchorvec.tools.io.IoErrors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * The width and height of an image file read from its header with the JDK's {@code javax.imageio} readers
 * (PNG, JPEG, BMP, GIF, WBMP, TIFF), without decoding the pixels.
 */
final class ImageHeaders {

    /** File name extensions looked for, lower case. */
    static final String[] EXTENSIONS = {".jpg", ".jpeg", ".png", ".bmp", ".gif", ".tif", ".tiff", ".wbmp"};

    static {
        ImageIO.setUseCache(false);
    }

    private ImageHeaders() {}

    /**
     * {@code {width, height}} of the first image in {@code file}.
     *
     * @throws DatasetException if the file cannot be read or is not an image the JDK can read
     */
    static int[] size(Path file) throws DatasetException {
        if (!Files.isReadable(file)) {
            throw DatasetException.inFile(file, "cannot read the image", null);
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                throw DatasetException.inFile(file, "cannot open the image", null);
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw DatasetException.inFile(file, "not an image format the JDK reads (PNG, JPEG, BMP, GIF, TIFF)",
                        null);
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int w = reader.getWidth(0), h = reader.getHeight(0);
                if (w <= 0 || h <= 0 || w > BoxCollector.MAX_SIDE || h > BoxCollector.MAX_SIDE) {
                    throw DatasetException.inFile(file, "image header gives a size of " + w + " x " + h
                            + "; each side must be in [1, " + BoxCollector.MAX_SIDE + "] px", null);
                }
                return new int[] {w, h};
            } finally {
                reader.dispose();
            }
        } catch (DatasetException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // A damaged header can make a JDK image reader fail with any runtime exception, often without message.
            String why = e instanceof IOException io ? IoErrors.reason(io) : e.getMessage() != null
                    ? e.getMessage() : e.getClass().getSimpleName();
            throw DatasetException.inFile(file, "cannot read the image header: " + why, e);
        }
    }
}
