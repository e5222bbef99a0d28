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

class CocoReaderTest {

    @TempDir
    Path dir;

    private Path write(String json) throws IOException {
        return Files.writeString(dir.resolve("instances_test.json"), json);
    }

    private static final String IMAGES = """
            "images": [{"id": 1, "width": 1280, "height": 960, "file_name": "a.jpg"},
                       {"id": 7, "width": 320, "height": 640}]""";

    @Test
    void readsBoxesScaledByImgOverTheLongerImageSide() throws IOException {
        Path f = write("""
                {"info": {"year": 2017}, "licenses": [],
                %s,
                "annotations": [
                  {"id": 1, "image_id": 1, "bbox": [10, 20, 128, 64], "iscrowd": 0, "segmentation": [[1, 2, 3]]},
                  {"id": 2, "image_id": 7, "bbox": [0.5, 0, 32.5, 100], "area": 3250},
                  {"id": 3, "image_id": 1, "bbox": [0, 0, 0, 50]},
                  {"id": 4, "image_id": 1, "bbox": [0, 0, 640, 480], "iscrowd": 1,
                   "segmentation": {"counts": [5, 6], "size": [960, 1280]}}
                ],
                "categories": [{"id": 1, "name": "thing"}]}""".formatted(IMAGES));
        Dataset d = CocoReader.read(f, 640, false);
        // image 1: factor 640 / 1280 = 0.5; image 7: factor 640 / 640 = 1
        assertArrayEquals(new float[] {64, 32.5f}, d.boxes().widths());
        assertArrayEquals(new float[] {32, 100}, d.boxes().heights());
        assertEquals(2, d.images());
        assertEquals(1, d.zeroSize());
        assertEquals(1, d.crowdSkipped());
        assertEquals(4, d.labels());
        assertEquals("coco", d.format());

        Dataset withCrowd = CocoReader.read(f, 320, true);
        assertArrayEquals(new float[] {32, 16.25f, 160}, withCrowd.boxes().widths());
        assertEquals(0, withCrowd.crowdSkipped());
    }

    @Test
    void annotationsBeforeImagesAreResolvedAtTheEnd() throws IOException {
        Path f = write("""
                {"annotations": [{"image_id": 7, "bbox": [0, 0, 10, 20]}], %s}""".formatted(IMAGES));
        Dataset d = CocoReader.read(f, 640, false);
        assertArrayEquals(new float[] {10}, d.boxes().widths());
        assertArrayEquals(new float[] {20}, d.boxes().heights());
    }

    private DatasetException failure(String json) throws IOException {
        Path f = write(json);
        return assertThrows(DatasetException.class, () -> CocoReader.read(f, 640, false));
    }


    @Test
    void negativeNanAndShortBboxesNameTheRecordAndLine() throws IOException {
        String head = "{" + IMAGES + ",\n\"annotations\": [\n{\"image_id\": 1, \"bbox\": [0, 0, 5, 5]},\n";
        assertFileMessage(failure(head + "{\"image_id\": 1, \"bbox\": [0, 0, -3, 5]}]}"),
                "annotations[1] (line 5, column 1)", "bbox width is negative (-3)");
        assertFileMessage(failure(head + "{\"image_id\": 1, \"bbox\": [0, 0, 3, NaN]}]}"),
                "annotations[1]", "bbox height is NaN");
        assertFileMessage(failure(head + "{\"image_id\": 1, \"bbox\": [0, 0, 3]}]}"),
                "annotations[1]", "4 numbers", "got 3");
        assertFileMessage(failure(head + "{\"image_id\": 1, \"bbox\": [0, 0, \"3\", 4]}]}"),
                "annotations[1]", "bbox[2]", "must be a number");
        assertFileMessage(failure(head + "{\"image_id\": 2, \"bbox\": [0, 0, 3, 4]}]}"),
                "annotations[1]", "image_id 2 is not in \"images\"");
        assertFileMessage(failure(head + "{\"bbox\": [0, 0, 3, 4]}]}"), "annotations[1]", "missing \"image_id\"");
    }

    @Test
    void badImagesAreErrors() throws IOException {
        assertFileMessage(failure("{\"images\": [{\"id\": 1, \"width\": 0, \"height\": 5}], \"annotations\": []}"),
                "images[0]", "image width is 0");
        assertFileMessage(failure("{\"images\": [{\"id\": 1, \"height\": 5}], \"annotations\": []}"),
                "images[0]", "missing \"width\"");
        assertFileMessage(failure("{\"images\": [{\"id\": 1, \"width\": 9, \"height\": 5},"
                + " {\"id\": 1, \"width\": 9, \"height\": 5}], \"annotations\": []}"),
                "images[1]", "duplicate image id 1");
        assertFileMessage(failure("{\"images\": [{\"id\": \"x\", \"width\": 9, \"height\": 5}], \"annotations\": []}"),
                "images[0]", "\"id\" must be an integer");
    }

    @Test
    void oversizeAndOverflowingValuesNameTheRecordTheValueAndTheLimit() throws IOException {
        String limit = "above the limit of 16777216 px (2^24)";
        String head = "{" + IMAGES + ",\n\"annotations\": [\n{\"image_id\": 1, \"bbox\": [0, 0, 5, 5]},\n";
        // image 1 is 1280 x 960: factor 0.5
        assertFileMessage(failure(head + "{\"image_id\": 1, \"bbox\": [0, 0, 1e300, 5]}]}"),
                "instances_test.json: annotations[1] (line 5, column 1): box width is 1.0E300 px, scaled by img /"
                + " max(image width, height) = 0.5 to 5.0E299 px at img 640: " + limit
                + "; its image: images[0], 1280 x 960");
        assertFileMessage(failure(head + "{\"image_id\": 7, \"bbox\": [0, 0, 5, 4e38]}]}"),
                "annotations[1] (line 5, column 1): box height is 4.0E38 px", limit, "images[1], 320 x 640");
        assertFileMessage(failure(head + "{\"image_id\": 1, \"bbox\": [0, 0, 1e400, 5]}]}"),
                "annotations[1] (line 5, column 1): \"bbox[2]\" is 1e400, beyond the largest number a double holds");
        assertFileMessage(failure(head + "{\"image_id\": 1, \"bbox\": [0, 0, 5, -Infinity]}]}"),
                "annotations[1] (line 5, column 1): bbox height is infinite");
        assertFileMessage(failure(head + "{\"image_id\": 1, \"bbox\": [0, 0, 5, " + "9".repeat(400) + "]}]}"),
                "annotations[1] (line 5, column 1): \"bbox[3]\" is 99999", "beyond the largest number a double holds");
        assertFileMessage(failure(head + "{\"image_id\": 123456789012345678901234567890, \"bbox\": [0, 0, 5, 5]}]}"),
                "annotations[1] (line 5, column 1): \"image_id\" is out of range: 123456789012345678901234567890");
        // An annotation read before the images is checked when the images are known: the record still named.
        assertFileMessage(failure("{\"annotations\": [{\"image_id\": 7, \"bbox\": [0, 0, 5, 5]},\n"
                        + "{\"image_id\": 7, \"bbox\": [0, 0, 2e7, 5]}], " + IMAGES + "}"),
                "annotations[1] (line 2, column 1): box width is 20000000 px at img 640: " + limit
                + "; its image: images[1], 320 x 640");
    }

    @Test
    void imageSizesOutsideOnePixelTo2To24AreErrors() throws IOException {
        String tail = "], \"annotations\": []}";
        assertFileMessage(failure("{\"images\": [{\"id\": 1, \"width\": 1e300, \"height\": 5}" + tail),
                "images[0] (line 1, column 13): image width is 1.0E300, above the limit of 16777216 px (2^24)");
        assertFileMessage(failure("{\"images\": [{\"id\": 1, \"width\": 9, \"height\": 16777217}" + tail),
                "images[0] (line 1, column 13): image height is 16777217, above the limit of 16777216 px (2^24)");
        assertFileMessage(failure("{\"images\": [{\"id\": 1, \"width\": 1e-40, \"height\": 5}" + tail),
                "images[0] (line 1, column 13): image width is 1.0E-40, below 1 px");
        assertFileMessage(failure("{\"images\": [{\"id\": 1, \"width\": 9, \"height\": -5}" + tail),
                "images[0] (line 1, column 13): image height is negative (-5)");
        assertFileMessage(failure("{\"images\": [{\"id\": 1, \"width\": NaN, \"height\": 5}" + tail),
                "images[0] (line 1, column 13): image width is NaN");
        Dataset largest = CocoReader.read(write("{\"images\": [{\"id\": 1, \"width\": 16777216, \"height\": 5}],"
                + " \"annotations\": [{\"image_id\": 1, \"bbox\": [0, 0, 16777216, 5]}]}"), 640, false);
        assertArrayEquals(new float[] {640}, largest.boxes().widths());
    }

    @Test
    void malformedJsonAndWrongShapesAreErrors() throws IOException {
        assertFileMessage(failure("{" + IMAGES + ",\n\"annotations\": [{\"image_id\": 1, \"bbox\": [0, 0, 5"),
                "annotations[0]", "malformed JSON", "line 3");
        assertFileMessage(failure("[1, 2]"), "top level is not a JSON object");
        assertFileMessage(failure("{\"annotations\": []}"), "no \"images\" array");
        assertFileMessage(failure("{" + IMAGES + "}"), "no \"annotations\" array");
        assertFileMessage(failure("{\"images\": {}, \"annotations\": []}"), "\"images\" must be an array");
    }

    @Test
    void missingFileIsAnError() {
        DatasetException e = assertThrows(DatasetException.class,
                () -> CocoReader.read(dir.resolve("nope.json"), 640, false));
        assertTrue(e.getMessage().contains("nope.json") && e.getMessage().contains("no such file"), e.getMessage());
    }

    private static void assertFileMessage(DatasetException e, String... parts) {
        DatasetAssertions.assertMessage(e, "instances_test.json");
        DatasetAssertions.assertMessage(e, parts);
    }
}
