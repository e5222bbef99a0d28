package dev.anchorvec.tools.data;

import dev.anchorvec.tools.io.IoErrors;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads a folder of Pascal VOC annotation files ({@code *.xml}, any depth): {@code annotation/size/{width,
 * height}} and, per {@code annotation/object}, {@code bndbox/{xmin, ymin, xmax, ymax}} in pixels. A box is
 * {@code (xmax - xmin) x (ymax - ymin)}, scaled by {@code img / max(width, height)}. Parts
 * ({@code object/part/bndbox}) are ignored.
 *
 * <p>The JDK's StAX parser reads the files with DTDs and external entities disabled: a file with a
 * {@code DOCTYPE} is rejected. Errors name the file, the line and the element, such as
 * {@code annotation/object[2]/bndbox/xmax}.
 */
public final class VocReader {

    private static final XMLInputFactory XML = secureFactory();

    private VocReader() {}

    /**
     * Reads the annotation files under {@code dir}.
     *
     * @param img the training image size (pixels)
     * @throws DatasetException naming the file, line and element of a malformed annotation
     */
    public static Dataset read(Path dir, int img) throws IOException {
        List<Path> files = DatasetFiles.list(dir, DatasetFiles.withExtension(".xml"));
        if (files.isEmpty()) {
            throw DatasetException.inFile(dir, "no *.xml annotation files in this directory", null);
        }
        BoxCollector boxes = new BoxCollector(img);
        for (Path file : files) {
            readFile(file, boxes);
        }
        return new Dataset("voc", dir.toString(), img, boxes.sizes(), files.size(), boxes.zeroSize(), 0, List.of());
    }

    private static XMLInputFactory secureFactory() {
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        return f;
    }

    /** One object's box as read so far: coordinate name -> value, and where it started. */
    private record ObjectBox(String path, int line, Map<String, Double> values) {}

    private static void readFile(Path file, BoxCollector boxes) throws DatasetException {
        Deque<String> path = new ArrayDeque<>();   // element names, innermost first
        Map<String, Double> size = new HashMap<>();
        List<ObjectBox> objects = new ArrayList<>();
        int objectCount = 0;
        int sizeLine = 0;
        String elementPath = null;
        int line = 0;
        try (InputStream in = Files.newInputStream(file)) {
            XMLStreamReader r = XML.createXMLStreamReader(in);
            try {
                StringBuilder text = new StringBuilder();
                while (r.hasNext()) {
                    int event = r.next();
                    line = line(r.getLocation());
                    switch (event) {
                        case XMLStreamConstants.DTD -> throw new DatasetException(file, "line " + line,
                                "DOCTYPE declarations are not allowed (DTDs and external entities are disabled)", null);
                        case XMLStreamConstants.START_ELEMENT -> {
                            String name = r.getLocalName();
                            if (path.isEmpty() && !name.equals("annotation")) {
                                throw new DatasetException(file, "line " + line, "root element is <" + name
                                        + ">, expected <annotation> (Pascal VOC)", null);
                            }
                            if (path.size() == 1 && name.equals("size") && sizeLine == 0) {
                                sizeLine = line;
                            }
                            if (path.size() == 1 && name.equals("object")) {
                                objectCount++;
                                path.push("object[" + objectCount + "]");
                                objects.add(new ObjectBox(pathOf(path), line, new HashMap<>()));
                            } else {
                                path.push(name);
                            }
                            text.setLength(0);
                        }
                        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA,
                             XMLStreamConstants.SPACE -> text.append(r.getText());
                        case XMLStreamConstants.END_ELEMENT -> {
                            elementPath = pathOf(path);
                            String leaf = path.peek();
                            if (path.size() == 3 && "size".equals(parent(path))
                                    && (leaf.equals("width") || leaf.equals("height"))) {
                                size.put(leaf, Numbers.checkFinite(Numbers.parse(text.toString(), leaf), leaf));
                            } else if (path.size() == 4 && "bndbox".equals(parent(path)) && isCoordinate(leaf)
                                    && childOfRoot(path).startsWith("object[")) {
                                // only annotation/object[n]/bndbox/xmin: a bndbox elsewhere is not an object's
                                objects.getLast().values().put(leaf,
                                        Numbers.checkFinite(Numbers.parse(text.toString(), leaf), leaf));
                            }
                            elementPath = null;
                            path.pop();
                            text.setLength(0);
                        }
                        default -> { }
                    }
                }
            } finally {
                r.close();
            }
        } catch (DatasetException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new DatasetException(file, "line " + line + ": " + elementPath, e.getMessage(), null);
        } catch (XMLStreamException e) {
            Location at = e.getLocation();
            String place = at == null ? "line " + line : "line " + at.getLineNumber() + ", column "
                    + at.getColumnNumber();
            throw new DatasetException(file, place, "malformed XML: " + xmlReason(e), e);
        } catch (NoSuchFileException e) {
            throw DatasetException.inFile(file, "no such file", e);
        } catch (IOException e) {
            throw DatasetException.inFile(file, "cannot read: " + IoErrors.reason(e), e);
        }
        addBoxes(file, size, sizeLine, objects, boxes);
    }

    private static void addBoxes(Path file, Map<String, Double> size, int sizeLine, List<ObjectBox> objects,
                                 BoxCollector boxes) throws DatasetException {
        if (objects.isEmpty()) {
            return;   // an image without objects
        }
        String sizeWhere = sizeLine == 0 ? "annotation/size" : "line " + sizeLine + ": annotation/size";
        if (!size.containsKey("width") || !size.containsKey("height")) {
            throw new DatasetException(file, sizeWhere, "missing " + (size.containsKey("width")
                    ? "height" : "width") + " (the image size is needed to scale the boxes)", null);
        }
        double factor;
        try {
            factor = boxes.factor(size.get("width"), size.get("height"));
        } catch (IllegalArgumentException e) {
            throw new DatasetException(file, sizeWhere, e.getMessage(), null);
        }
        for (ObjectBox o : objects) {
            String where = "line " + o.line() + ": " + o.path() + "/bndbox";
            for (String c : new String[] {"xmin", "ymin", "xmax", "ymax"}) {
                if (!o.values().containsKey(c)) {
                    throw new DatasetException(file, where, "missing " + c, null);
                }
            }
            try {
                double w = Numbers.side(o.values().get("xmax"), "xmax", o.values().get("xmin"), "xmin");
                double h = Numbers.side(o.values().get("ymax"), "ymax", o.values().get("ymin"), "ymin");
                boxes.add(w, h, factor);
            } catch (IllegalArgumentException e) {
                throw new DatasetException(file, where, e.getMessage(), null);
            }
        }
    }

    private static boolean isCoordinate(String name) {
        return name.equals("xmin") || name.equals("ymin") || name.equals("xmax") || name.equals("ymax");
    }

    /** The name of the parent of the innermost element. */
    private static String parent(Deque<String> path) {
        var it = path.iterator();
        it.next();
        return it.hasNext() ? it.next() : null;
    }

    /** The name of the element under the root ({@code object[2]} in {@code annotation/object[2]/bndbox}). */
    private static String childOfRoot(Deque<String> path) {
        var it = path.descendingIterator();
        it.next();
        return it.next();
    }

    /** {@code annotation/object[2]/bndbox/xmax}. */
    private static String pathOf(Deque<String> path) {
        List<String> names = new ArrayList<>(path);
        return String.join("/", names.reversed());
    }

    private static int line(Location at) {
        return at == null ? 0 : at.getLineNumber();
    }

    private static String xmlReason(XMLStreamException e) {
        String m = e.getMessage();
        int i = m == null ? -1 : m.indexOf("Message: ");
        return i >= 0 ? m.substring(i + "Message: ".length()).strip() : String.valueOf(m);
    }
}
