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

class VocReaderTest {

    @TempDir
    Path dir;

    private static String annotation(int w, int h, String objects) {
        return """
                <annotation>
                  <folder>VOC2007</folder>
                  <filename>000001.jpg</filename>
                  <size><width>%d</width><height>%d</height><depth>3</depth></size>
                %s</annotation>
                """.formatted(w, h, objects);
    }

    private static String object(String xmin, String ymin, String xmax, String ymax) {
        return """
                  <object>
                    <name>dog</name><difficult>0</difficult>
                    <bndbox><xmin>%s</xmin><ymin>%s</ymin><xmax>%s</xmax><ymax>%s</ymax></bndbox>
                  </object>
                """.formatted(xmin, ymin, xmax, ymax);
    }

    private void write(String name, String xml) throws IOException {
        Path p = dir.resolve("Annotations").resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, xml);
    }

    @Test
    void readsBoxesAndIgnoresParts() throws IOException {
        String person = """
                  <object>
                    <name>person</name>
                    <bndbox><xmin>100</xmin><ymin>50</ymin><xmax>300</xmax><ymax>450</ymax></bndbox>
                    <part><name>head</name><bndbox><xmin>1</xmin><ymin>1</ymin><xmax>2</xmax><ymax>2</ymax></bndbox>
                    </part>
                  </object>
                """;
        write("000001.xml", annotation(500, 375, object("48", "240", "195", "371") + person));
        write("sub/000002.xml", annotation(1000, 2000, object("10.5", "20", "110.5", "20")));
        write("000003.xml", annotation(640, 480, ""));
        Dataset d = VocReader.read(dir.resolve("Annotations"), 640);
        float f = 640f / 500;
        assertArrayEquals(new float[] {(float) (147 * (640.0 / 500)), (float) (200 * (640.0 / 500))},
                d.boxes().widths(), 1e-4f);
        assertArrayEquals(new float[] {131 * f, 400 * f}, d.boxes().heights(), 1e-4f);
        assertEquals(3, d.images());
        assertEquals(1, d.zeroSize());
    }

    private DatasetException failure(String xml) throws IOException {
        write("bad.xml", xml);
        return assertThrows(DatasetException.class, () -> VocReader.read(dir.resolve("Annotations"), 640));
    }


    @Test
    void malformedValuesNameLineAndElement() throws IOException {
        assertFileMessage(failure(annotation(500, 375, object("1", "2", "3", "4") + object("1", "2", "x9", "4"))),
                "line 11: annotation/object[2]/bndbox/xmax", "xmax is not a number: 'x9'");
        assertFileMessage(failure(annotation(500, 375, object("1", "2", "3", "4") + object("50", "2", "40", "4"))),
                "line 9: annotation/object[2]/bndbox", "xmax (40) < xmin (50)");
        assertFileMessage(failure(annotation(500, 375, object("1", "2", "NaN", "4"))), "object[1]/bndbox", "NaN");
        assertFileMessage(failure(annotation(0, 375, object("1", "2", "3", "4"))), "annotation/size",
                "image width is 0");
        assertFileMessage(failure(annotation(500, 375, object("1", "2", "3", "4")).replace("<height>375</height>", "")),
                "annotation/size", "missing height");
        assertFileMessage(failure(annotation(500, 375, object("1", "2", "3", "4")).replace("<ymax>4</ymax>", "")),
                "object[1]/bndbox", "missing ymax");
    }

    @Test
    void oversizeAndNonFiniteValuesNameLineElementValueAndLimit() throws IOException {
        String limit = "above the limit of 16777216 px (2^24)";
        // size is on line 4, the first object on line 5, its bndbox on line 7
        assertFileMessage(failure(annotation(500, 375, object("1", "2", "1e400", "4"))),
                "line 7: annotation/object[1]/bndbox/xmax: xmax is 1e400, beyond the largest number a double holds");
        assertFileMessage(failure(annotation(500, 375, object("1", "-inf", "3", "4"))),
                "line 7: annotation/object[1]/bndbox/ymin: ymin is infinite");
        assertFileMessage(failure(annotation(500, 375, object("1", "2", "NaN", "4"))),
                "line 7: annotation/object[1]/bndbox/xmax: xmax is NaN");
        assertFileMessage(failure(annotation(500, 375, object("-1e308", "2", "1e308", "4"))),
                "line 5: annotation/object[1]/bndbox: xmax - xmin overflows a double: xmax 1.0E308, xmin -1.0E308");
        assertFileMessage(failure(annotation(500, 375, object("0", "2", "1e30", "4"))),
                "line 5: annotation/object[1]/bndbox: box width is 1.0E30 px, scaled by img / max(image width,"
                + " height) = 1.28 to 1.28E30 px at img 640: " + limit);
        assertFileMessage(failure(annotation(500, 375, object("1", "2", "3", "4"))
                .replace("<width>500</width>", "<width>2e7</width>")),
                "line 4: annotation/size: image width is 20000000, " + limit);
        assertFileMessage(failure(annotation(500, 375, object("1", "2", "3", "4"))
                .replace("<height>375</height>", "<height>inf</height>")),
                "line 4: annotation/size/height: height is infinite");
    }

    @Test
    void aBndboxOutsideAnObjectIsIgnored() throws IOException {
        write("a.xml", annotation(640, 640, "<extra><bndbox><xmin>0</xmin><ymin>0</ymin><xmax>1e30</xmax>"
                + "<ymax>9</ymax></bndbox></extra>\n" + object("0", "0", "10", "20")));
        Dataset d = VocReader.read(dir.resolve("Annotations"), 640);
        assertArrayEquals(new float[] {10}, d.boxes().widths());
        assertArrayEquals(new float[] {20}, d.boxes().heights());
        write("b.xml", annotation(640, 640, "<extra><bndbox><xmin>0</xmin><ymin>0</ymin><xmax>5</xmax>"
                + "<ymax>9</ymax></bndbox></extra>\n"));
        assertEquals(1, VocReader.read(dir.resolve("Annotations"), 640).boxes().size());
    }

    @Test
    void malformedXmlAndForeignFilesAreErrors() throws IOException {
        assertFileMessage(failure("<annotation>\n<size><width>5</width>\n</annotation>"), "line 3", "malformed XML");
        assertFileMessage(failure("<coco/>"), "root element is <coco>");
    }

    @Test
    void doctypesAndExternalEntitiesAreRejected() throws IOException {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "SECRET");
        String xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE annotation [<!ENTITY x SYSTEM \"" + secret.toUri()
                + "\">]>\n<annotation><filename>&x;</filename></annotation>";
        DatasetException e = failure(xxe);
        assertFileMessage(e, "DOCTYPE");
        assertTrue(!e.getMessage().contains("SECRET"), e.getMessage());
        assertFileMessage(failure("<annotation><filename>&x;</filename></annotation>"), "malformed XML");
    }

    private static void assertFileMessage(DatasetException e, String... parts) {
        DatasetAssertions.assertMessage(e, "bad.xml");
        DatasetAssertions.assertMessage(e, parts);
    }
}
