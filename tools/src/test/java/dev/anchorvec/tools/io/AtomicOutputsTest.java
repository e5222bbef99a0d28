package dev.anchorvec.tools.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicOutputsTest {

    @TempDir
    Path dir;

    private static AtomicOutputs.Content text(String s) {
        return out -> out.write(s.getBytes(StandardCharsets.UTF_8));
    }

    /** Moves as the real thing does, except that the moves onto {@code failing} fail. */
    private static AtomicOutputs.Mover failingOnto(List<Path> failing, List<String> log) {
        return (from, to) -> {
            log.add(from.getFileName() + " -> " + to.getFileName());
            if (failing.contains(to)) {
                throw new java.nio.file.AccessDeniedException(from.toString(), to.toString(), null);
            }
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        };
    }

    /** The names in {@code dir}, sorted. */
    private List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private Object inode(Path p) throws IOException {
        return Files.readAttributes(p, BasicFileAttributes.class).fileKey();
    }

    @Test
    void writesEveryOutputAndReturnsTheFinalPaths() throws IOException {
        Path json = Files.writeString(dir.resolve("report.json"), "old"), svg = dir.resolve("anchors.svg");
        List<Path> written = new AtomicOutputs().add("--json", json, text("{}")).add("--svg", svg, text("<svg/>"))
                .commit();
        assertEquals(List.of(json.toAbsolutePath(), svg.toAbsolutePath()), written);
        assertEquals("{}", Files.readString(json));
        assertEquals("<svg/>", Files.readString(svg));
        assertEquals(List.of("anchors.svg", "report.json"), names(), "no temporary file or kept copy left");
    }

    @Test
    void contentThatClosesItsStreamIsWritten() throws IOException {
        Path json = dir.resolve("r.json");
        new AtomicOutputs().add("--json", json, out -> {
            try (OutputStream o = out) {   // as a JSON generator does
                o.write('x');
            }
        }).commit();
        assertEquals("x", Files.readString(json));
    }

    @Test
    void aFailingContentWritesNothing() throws IOException {
        Path json = Files.writeString(dir.resolve("report.json"), "previous report"), svg = dir.resolve("a.svg");
        byte[] before = Files.readAllBytes(json);
        Object inode = inode(json);
        OutputException e = assertThrows(OutputException.class, () -> new AtomicOutputs()
                .add("--json", json, text("{}"))
                .add("--svg", svg, out -> {
                    out.write("<sv".getBytes(StandardCharsets.UTF_8));
                    throw new IOException("No space left on device");
                }).commit());
        assertEquals("cannot write --svg " + svg + ": No space left on device; no output was written (existing"
                + " files are unchanged)", e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(json));
        assertEquals(inode, inode(json), "the very same file");
        assertEquals(List.of("report.json"), names());
    }

    @Test
    void aFailedSecondMoveUndoesTheFirst() throws IOException {
        Path json = Files.writeString(dir.resolve("report.json"), "previous report"), svg = dir.resolve("a.svg");
        Path fresh = dir.resolve("fresh.txt");
        byte[] before = Files.readAllBytes(json);
        Object inode = inode(json);
        List<String> log = new ArrayList<>();
        OutputException e = assertThrows(OutputException.class, () -> new AtomicOutputs(failingOnto(
                List.of(svg.toAbsolutePath()), log))
                .add("--json", json, text("{\"new\": true}"))
                .add("--txt", fresh, text("new"))
                .add("--svg", svg, text("<svg/>")).commit());
        // 3 moves, the third failing; then report.json is moved back (fresh.txt, new, is deleted)
        assertEquals(4, log.size(), log.toString());
        assertTrue(log.getLast().matches("\\.report\\.json\\..*\\.old -> report\\.json"), log.toString());
        assertEquals("cannot write --svg " + svg + ": moving the new file into place failed (permission denied);"
                + " no output was written (existing files are unchanged) (" + fresh + " removed again, " + json
                + " put back as it was)", e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(json));
        assertEquals(inode, inode(json), "put back from a hard link: the very same file");
        assertEquals(List.of("report.json"), names(), "no temporary file, kept copy or new file left");
    }

    @Test
    void aFailedUndoSaysWhereThePreviousContentIs() throws IOException {
        Path json = Files.writeString(dir.resolve("report.json"), "previous report"), svg = dir.resolve("a.svg");
        List<String> log = new ArrayList<>();
        OutputException e = assertThrows(OutputException.class, () -> new AtomicOutputs(failingOnto(
                List.of(svg.toAbsolutePath(), json.toAbsolutePath()), log))
                .add("--json", json, text("{}")).add("--svg", svg, text("<svg/>")).commit());
        // The move onto report.json fails too: nothing was moved, nothing to undo.
        assertTrue(e.getMessage().contains("cannot write --json " + json), e.getMessage());
        assertEquals("previous report", Files.readString(json));
        assertEquals(List.of("report.json"), names());

        // Now the json move succeeds, the svg move fails, and putting report.json back fails.
        Path[] jsonFailsFromNowOn = {null};
        AtomicOutputs.Mover mover = (from, to) -> {
            if (to.equals(svg.toAbsolutePath())) {
                jsonFailsFromNowOn[0] = json.toAbsolutePath();
                throw new java.nio.file.AccessDeniedException(to.toString());
            }
            if (to.equals(jsonFailsFromNowOn[0])) {
                throw new IOException("Input/output error");
            }
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        };
        OutputException undo = assertThrows(OutputException.class, () -> new AtomicOutputs(mover)
                .add("--json", json, text("{}")).add("--svg", svg, text("<svg/>")).commit());
        List<String> left = names();
        assertEquals(2, left.size(), left.toString());
        Path kept = dir.resolve(left.getFirst());
        assertTrue(left.getFirst().startsWith(".report.json.") && left.getFirst().endsWith(".old"), left.toString());
        assertEquals("cannot write --svg " + svg + ": moving the new file into place failed (permission denied);"
                + " could not undo every output already written: " + json + " now holds the new file (putting the"
                + " previous one back failed: Input/output error); its previous content is kept in " + kept,
                undo.getMessage());
        assertEquals("{}", Files.readString(json));
        assertEquals("previous report", Files.readString(kept));
    }

    @Test
    void aReplacedFileKeepsItsPermissionsAndANewOneGetsTheDefault() throws IOException {
        Path old = Files.writeString(dir.resolve("old.json"), "old"), fresh = dir.resolve("fresh.json");
        Files.setPosixFilePermissions(old, PosixFilePermissions.fromString("rw-r-----"));
        Path plain = Files.createFile(dir.resolve("plain"));   // what any new file gets here (the umask)
        new AtomicOutputs().add("--a", old, text("new")).add("--b", fresh, text("new")).commit();
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(old)));
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(fresh));
    }

    @Test
    void aSymbolicLinkIsWrittenThrough() throws IOException {
        Path real = Files.writeString(dir.resolve("real.json"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("link.json"), real.getFileName());
        List<Path> written = new AtomicOutputs().add("--json", link, text("new")).commit();
        assertEquals(List.of(real.toRealPath()), written);
        assertTrue(Files.isSymbolicLink(link));
        assertEquals("new", Files.readString(real));

        Path dangling = Files.createSymbolicLink(dir.resolve("dangling.json"), dir.resolve("nowhere/x.json"));
        OutputException e = assertThrows(OutputException.class,
                () -> new AtomicOutputs().add("--json", dangling, text("x")));
        assertTrue(e.getMessage().startsWith("cannot write --json " + dangling + ": it is a symbolic link that"
                + " leads to no file"), e.getMessage());
    }

    @Test
    void twoOutputsOnOneFileAreRefused() throws IOException {
        Path a = dir.resolve("a.json");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new AtomicOutputs()
                .add("--json", a, text("1")).add("--svg", dir.resolve("x/../a.json"), text("2")));
        assertTrue(e.getMessage().contains("--svg") && e.getMessage().contains("--json"), e.getMessage());
        assertFalse(Files.exists(a));
    }
}
