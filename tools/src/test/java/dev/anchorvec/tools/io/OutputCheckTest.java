package dev.anchorvec.tools.io;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputCheckTest {

    @TempDir
    Path dir;

    @AfterEach
    void restore() throws IOException {
        Unwritable.restore(dir);
    }

    private static String failure(Path target) {
        OutputException e = assertThrows(OutputException.class, () -> OutputCheck.writable("--svg", target));
        assertEquals(target, e.target());
        assertTrue(e.getMessage().startsWith("cannot write --svg " + target + ": "), e.getMessage());
        assertFalse(e.getMessage().contains(".tmp") || e.getMessage().contains(".probe"),
                "no temporary path: " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void aMissingFolderIsNamed() {
        Path target = Unwritable.missingFolder(dir, "a.svg");
        assertTrue(failure(target).contains("folder " + target.getParent() + " does not exist"));
    }

    @Test
    void aFileAsFolderIsNamed() throws IOException {
        Path target = Unwritable.parentIsAFile(dir, "a.svg");
        assertTrue(failure(target).endsWith(target.getParent() + " is not a folder"));
    }

    @Test
    void aDirectoryIsNotAFile() throws IOException {
        assertTrue(failure(Unwritable.directory(dir, "a.svg")).endsWith("it is a directory; give a file name"));
    }

    @Test
    void aDeviceIsNotReplaced() {
        assertTrue(failure(Path.of("/dev/null")).contains("not a regular file"));
    }

    @Test
    void aFolderWithoutWritePermissionIsNamed() throws IOException {
        Path target = Unwritable.readOnlyFolderOrSubstitute(dir, "a.svg");
        String message = failure(target);
        assertTrue(message.contains("folder " + target.getParent() + " is not writable (permission denied)")
                || message.endsWith(target.getParent() + " is not a folder"), message);
    }

    @Test
    void aWritableDestinationPassesAndLeavesNothingBehind() throws IOException {
        Files.writeString(dir.resolve("old.svg"), "old");
        assertDoesNotThrow(() -> OutputCheck.writable("--svg", dir.resolve("new.svg")));
        assertDoesNotThrow(() -> OutputCheck.writable("--svg", dir.resolve("old.svg")));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(dir.resolve("old.svg")), s.toList());
        }
        assertEquals("old", Files.readString(dir.resolve("old.svg")));
    }
}
