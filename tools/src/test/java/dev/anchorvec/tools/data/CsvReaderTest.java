package dev.anchorvec.tools.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReaderTest {

    @TempDir
    Path dir;

    private Path write(String text) throws IOException {
        return Files.writeString(dir.resolve("boxes.csv"), text);
    }

    @Test
    void cornersWithImageSizesAreScaled() throws IOException {
        Path f = write("""
                \uFEFFfilename, class ,X1,y1,x2,y2,image_width,image_height
                "a, b.jpg",dog,10,20,110,70,1280,720
                c.jpg,cat,0,0,64,64,640,640

                "a, b.jpg","say ""hi""\",5,5,5,50,1280,720
                """);
        Dataset d = CsvReader.read(f, 640);
        assertArrayEquals(new float[] {50, 64}, d.boxes().widths());
        assertArrayEquals(new float[] {25, 64}, d.boxes().heights());
        assertEquals(2, d.images());
        assertEquals(1, d.zeroSize());
        assertTrue(d.notes().isEmpty(), d.notes().toString());
    }

    @Test
    void sizesWithoutImageSizesAreTakenAsTrainingPixels() throws IOException {
        Path f = write("width,height\n12.5,30\n7,8\n");
        Dataset d = CsvReader.read(f, 640);
        assertArrayEquals(new float[] {12.5f, 7}, d.boxes().widths());
        assertArrayEquals(new float[] {30, 8}, d.boxes().heights());
        assertEquals(-1, d.images());
        assertTrue(d.notes().stream().anyMatch(n -> n.contains("not scaled")), d.notes().toString());
        assertArrayEquals(new float[] {3}, CsvReader.read(write("w,h\n3,4\n"), 640).boxes().widths());
    }

    private DatasetException failure(String text) throws IOException {
        Path f = write(text);
        return assertThrows(DatasetException.class, () -> CsvReader.read(f, 640));
    }


    @Test
    void malformedRecordsNameTheLine() throws IOException {
        String head = "x1,y1,x2,y2\n0,0,1,1\n";
        assertFileMessage(failure(head + "0,0,1\n"), "boxes.csv:3: expected 4 fields as in the header, got 3");
        assertFileMessage(failure(head + "0,0,-1,1\n"), "boxes.csv:3: x2 (-1) < x1 (0)");
        assertFileMessage(failure(head + "0,0,NaN,1\n"), "boxes.csv:3: x2 is NaN");
        assertFileMessage(failure(head + "0,0,1,\n"), "boxes.csv:3: y2 is empty");
        assertFileMessage(failure(head + "0,0,\"1,1\n"), "boxes.csv:3: unterminated quote");
        assertFileMessage(failure("w,h\n1,2\n-3,4\n"), "boxes.csv:3: box width is negative (-3)");
        assertFileMessage(failure("w,h,image_width,image_height\n1,2,0,5\n"), "boxes.csv:2: image width is 0");
    }

    @Test
    void oversizeAndOverflowingValuesNameTheLineTheValueAndTheLimit() throws IOException {
        String limit = "above the limit of 16777216 px (2^24)";
        assertFileMessage(failure("w,h\n1,2\n3,1e300\n"), "boxes.csv:3: box height is 1.0E300 px at img 640: " + limit);
        assertFileMessage(failure("w,h\n1,2\n3e38,4\n"), "boxes.csv:3: box width is 3.0E38 px at img 640: " + limit);
        assertFileMessage(failure("w,h\n1,2\n" + "9".repeat(400) + ",4\n"), "boxes.csv:3: w is 99999",
                "beyond the largest number a double holds (1.7976931348623157E308)");
        assertFileMessage(failure("w,h\n1,2\ninf,4\n"), "boxes.csv:3: w is infinite");
        assertFileMessage(failure("x1,y1,x2,y2\n0,0,1,1\n-1e308,0,1e308,1\n"),
                "boxes.csv:3: x2 - x1 overflows a double: x2 1.0E308, x1 -1.0E308");
        String sized = "w,h,image_width,image_height\n1,2,640,640\n";
        assertFileMessage(failure(sized + "10,10,1e300,1\n"),
                "boxes.csv:3: image width is 1.0E300, " + limit);
        assertFileMessage(failure(sized + "10,10,100,0.5\n"), "boxes.csv:3: image height is 0.5, below 1 px");
        assertFileMessage(failure(sized + "3e7,10,100,100\n"), "boxes.csv:3: box width is 30000000 px, scaled by"
                + " img / max(image width, height) = 6.4 to 192000000 px at img 640: " + limit);
        assertFileMessage(failure(sized + "10,10,nan,100\n"), "boxes.csv:3: image width is NaN");
    }

    @Test
    void badHeadersAreErrors() throws IOException {
        assertFileMessage(failure("a,b,c\n1,2,3\n"), "boxes.csv:1: header has no box columns", "x1,y1,x2,y2");
        assertFileMessage(failure("w,h,image_width\n1,2,3\n"), "boxes.csv:1: header has image_width without");
        assertFileMessage(failure("w,w,h\n1,2,3\n"), "boxes.csv:1: header names column 'w' twice");
        assertFileMessage(failure("\n\n"), "a header line is required");
    }

    private static void assertFileMessage(DatasetException e, String... parts) {
        DatasetAssertions.assertMessage(e, "boxes.csv");
        DatasetAssertions.assertMessage(e, parts);
    }
}
