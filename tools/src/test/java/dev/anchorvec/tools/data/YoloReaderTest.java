package dev.anchorvec.tools.data;

import static dev.anchorvec.tools.data.DatasetAssertions.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class YoloReaderTest {

    @TempDir
    Path dir;

    private Path write(String relative, String text) throws IOException {
        Path p = dir.resolve(relative);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, text);
    }

    private void image(String relative, String format, int w, int h) throws IOException {
        Path p = dir.resolve(relative);
        Files.createDirectories(p.getParent());
        assertTrue(ImageIO.write(new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB), format, p.toFile()));
    }

    @Test
    void withoutImagesEveryImageIsSquare() throws IOException {
        write("labels/a.txt", "0 0.5 0.5 0.25 0.5\n\n3 0.1 0.1 0.0 0.2\n");
        write("labels/sub/b.txt", "1 0.5 0.5 1 0.125");
        write("labels/classes.txt", "cat\ndog\n");
        Dataset d = YoloReader.read(dir.resolve("labels"), null, 640);
        assertArrayEquals(new float[] {160, 640}, d.boxes().widths());
        assertArrayEquals(new float[] {320, 80}, d.boxes().heights());
        assertEquals(2, d.images());
        assertEquals(1, d.zeroSize());
        assertTrue(d.notes().stream().anyMatch(n -> n.contains("square")), d.notes().toString());
        assertTrue(d.notes().stream().anyMatch(n -> n.contains("classes.txt")), d.notes().toString());
    }

    @Test
    void imageSizesComeFromTheHeadersOfTheMatchingImages() throws IOException {
        write("labels/a.txt", "0 0.5 0.5 0.5 0.5\n");        // 1280 x 640 PNG: 640 x 320 px, factor 0.5
        write("labels/sub/b.txt", "0 0.5 0.5 0.5 0.25\n");   // 100 x 400 JPEG: 50 x 100 px, factor 1.6
        write("labels/c.txt", "0 0.5 0.5 1 1\n");            // 320 x 320 BMP: 320 x 320 px, factor 2
        image("images/a.png", "png", 1280, 640);
        image("images/sub/b.jpg", "jpg", 100, 400);
        image("images/c.bmp", "bmp", 320, 320);
        image("images/background.png", "png", 8, 8);
        Dataset d = YoloReader.read(dir.resolve("labels"), dir.resolve("images"), 640);
        assertArrayEquals(new float[] {320, 640, 80}, d.boxes().widths());
        assertArrayEquals(new float[] {160, 640, 160}, d.boxes().heights());
        assertEquals(4, d.images());
        assertTrue(d.notes().stream().anyMatch(n -> n.contains("1 images without a label file")), d.notes().toString());
    }

    private DatasetException failure(String line) throws IOException {
        write("labels/bad.txt", "0 0.5 0.5 0.1 0.1\n" + line + "\n");
        return assertThrows(DatasetException.class, () -> YoloReader.read(dir.resolve("labels"), null, 640));
    }


    @Test
    void malformedLinesNameFileAndLine() throws IOException {
        String at = Path.of("labels", "bad.txt") + ":2: ";
        assertMessage(failure("0 0.5 0.5 0.1"), at + "expected 5 values 'class cx cy w h', got 4");
        assertMessage(failure("0 0.5 0.5 0.1 0.2 0.3 0.4"), at, "segmentation polygon");
        assertMessage(failure("0 0.5 0.5 0.1 abc"), at + "h is not a number: 'abc'");
        assertMessage(failure("0 0.5 0.5 -0.1 0.2"), at + "w is negative (-0.1)");
        assertMessage(failure("0 0.5 0.5 nan 0.2"), at + "w is NaN");
        assertMessage(failure("0 0.5 0.5 0.1 12"), at + "h is 12, above 1");
        assertMessage(failure("0 0.5 0.5 0x1p3 0.2"), at + "w is not a number");
        assertMessage(failure("car 0.5 0.5 0.1 0.2"), at + "class must be an integer");
    }

    @Test
    void overflowingValuesNameFileLineAndValue() throws IOException {
        String at = Path.of("labels", "bad.txt") + ":2: ";
        assertMessage(failure("0 0.5 0.5 1e400 0.2"), at + "w is 1e400, beyond the largest number a double holds");
        assertMessage(failure("0 0.5 0.5 0.2 " + "9".repeat(400)), at + "h is 99999",
                "beyond the largest number a double holds");
        assertMessage(failure("0 0.5 0.5 0.2 1e300"), at + "h is 1e300, above 1");
        assertMessage(failure("0 0.5 0.5 -inf 0.2"), at + "w is infinite");
        assertMessage(failure("0 inf 0.5 0.1 0.2"), at + "cx is infinite");
        assertMessage(failure("99999999999999999999999999 0.5 0.5 0.1 0.2x"), at + "h is not a number");
    }

    @Test
    void anImageHeaderBeyond2To24PixelsIsAnError() throws IOException {
        write("labels/a.txt", "0 0.5 0.5 0.5 0.5\n");
        Path png = dir.resolve("images/a.png");
        Files.createDirectories(png.getParent());
        Files.write(png, pngHeader((1 << 24) + 1, 10));
        DatasetException e = assertThrows(DatasetException.class,
                () -> YoloReader.read(dir.resolve("labels"), dir.resolve("images"), 640));
        assertMessage(e, png + ": image header gives a size of 16777217 x 10; each side must be in [1, 16777216] px");
    }

    /** The signature and IHDR chunk of a PNG of {@code w x h} pixels: all a header reader looks at. */
    private static byte[] pngHeader(int w, int h) {
        ByteBuffer ihdr = ByteBuffer.allocate(17).put("IHDR".getBytes(StandardCharsets.US_ASCII)).putInt(w).putInt(h)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        CRC32 crc = new CRC32();
        crc.update(ihdr.array());
        return ByteBuffer.allocate(8 + 4 + 17 + 4).put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'})
                .putInt(13).put(ihdr.array()).putInt((int) crc.getValue()).array();
    }

    @Test
    void aLabelFileWithoutItsImageIsAnError() throws IOException {
        write("labels/a.txt", "0 0.5 0.5 0.5 0.5\n");
        image("images/other.png", "png", 10, 10);
        DatasetException e = assertThrows(DatasetException.class,
                () -> YoloReader.read(dir.resolve("labels"), dir.resolve("images"), 640));
        assertMessage(e, "a.txt", "no image for this label file", Path.of("images", "a") + ".{jpg");
    }

    @Test
    void anUnreadableImageIsAnError() throws IOException {
        write("labels/a.txt", "0 0.5 0.5 0.5 0.5\n");
        write("images/a.png", "not a png");
        DatasetException e = assertThrows(DatasetException.class,
                () -> YoloReader.read(dir.resolve("labels"), dir.resolve("images"), 640));
        assertMessage(e, "a.png", "not an image format");
    }

    @Test
    void emptyOrMissingFoldersAreErrors() throws IOException {
        Files.createDirectories(dir.resolve("empty"));
        assertMessage(assertThrows(DatasetException.class, () -> YoloReader.read(dir.resolve("empty"), null, 640)),
                "no *.txt label files");
        assertMessage(assertThrows(DatasetException.class, () -> YoloReader.read(dir.resolve("nope"), null, 640)),
                "nope", "no such directory");
    }
}
