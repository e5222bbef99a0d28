package dev.anchorvec.tools.data;

import dev.anchorvec.tools.io.IoErrors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** Lists the files of a dataset folder (recursively, in a stable order), with precise errors. */
final class DatasetFiles {

    private DatasetFiles() {}

    /**
     * The regular files under {@code dir} (any depth) whose name matches, sorted by path.
     *
     * @throws DatasetException if {@code dir} is not a readable directory
     */
    static List<Path> list(Path dir, Predicate<String> name) throws DatasetException {
        if (!Files.exists(dir)) {
            throw DatasetException.inFile(dir, "no such directory", null);
        }
        if (!Files.isDirectory(dir)) {
            throw DatasetException.inFile(dir, "is not a directory", null);
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> name.test(p.getFileName().toString()))
                    .sorted()
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            IOException io = e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
            Path at = io instanceof NoSuchFileException n && n.getFile() != null ? Path.of(n.getFile()) : dir;
            throw DatasetException.inFile(at, "cannot list: " + IoErrors.reason(io), io);
        }
    }

    /** A predicate on file names: ends with one of {@code extensions} (lower case, with the dot), any case. */
    static Predicate<String> withExtension(String... extensions) {
        return n -> {
            String lower = n.toLowerCase(Locale.ROOT);
            for (String e : extensions) {
                if (lower.endsWith(e) && lower.length() > e.length()) {
                    return true;
                }
            }
            return false;
        };
    }

    /** {@code file}'s path relative to {@code dir}, without its extension, with '/' separators. */
    static String stem(Path dir, Path file) {
        String rel = dir.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
        int dot = rel.lastIndexOf('.');
        return dot > rel.lastIndexOf('/') + 1 ? rel.substring(0, dot) : rel;
    }
}
