package dev.anchorvec.tools.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * Output destinations that cannot be written, for the tests of the outputs and of the CLI. A folder without
 * write permission only stops a user that is not root (and permission bits need a POSIX file system); when a
 * probe write into it succeeds, {@link #readOnlyFolderOrSubstitute} gives a path whose parent is a regular
 * file instead, which no user can create a file under, so the test still runs and still fails the write.
 */
public final class Unwritable {

    private Unwritable() {}

    /** A destination {@code name} whose folder does not exist. */
    public static Path missingFolder(Path dir, String name) {
        return dir.resolve("no-such-folder").resolve(name);
    }

    /** A destination {@code name} whose "folder" is a regular file. */
    public static Path parentIsAFile(Path dir, String name) throws IOException {
        Path file = Files.writeString(dir.resolve("a-file.txt"), "not a folder");
        return file.resolve(name);
    }

    /** A destination that is a directory where a file is expected. */
    public static Path directory(Path dir, String name) throws IOException {
        return Files.createDirectories(dir.resolve(name));
    }

    /**
     * A destination {@code name} in a folder without write permission, or, where permissions do not stop this
     * process (root, or no POSIX permissions), a destination whose parent is a regular file. Call
     * {@link #restore} on the folder afterwards so that the temporary directory can be deleted.
     */
    public static Path readOnlyFolderOrSubstitute(Path dir, String name) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("read-only"));
        try {
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-xr-xr-x"));
        } catch (UnsupportedOperationException e) {
            return parentIsAFile(dir, name);
        }
        try {
            Files.delete(Files.createFile(folder.resolve("probe")));
            return parentIsAFile(dir, name);    // the permission bits do not stop us: root
        } catch (AccessDeniedException e) {
            return folder.resolve(name);
        }
    }

    /** Gives the read-only folder of {@link #readOnlyFolderOrSubstitute} its write permission back. */
    public static void restore(Path dir) throws IOException {
        Path folder = dir.resolve("read-only");
        if (Files.isDirectory(folder)) {
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    /** Every kind above, each in its own sub-folder of {@code dir}. */
    public static List<Path> all(Path dir, String name) throws IOException {
        return List.of(missingFolder(Files.createDirectories(dir.resolve("m")), name),
                parentIsAFile(Files.createDirectories(dir.resolve("p")), name),
                directory(Files.createDirectories(dir.resolve("d")), name),
                readOnlyFolderOrSubstitute(Files.createDirectories(dir.resolve("r")), name));
    }

    /** {@link #restore} for {@link #all}. */
    public static void restoreAll(Path dir) throws IOException {
        restore(dir.resolve("r"));
    }
}
