package dev.anchorvec.tools.data;

import dev.anchorvec.tools.io.IoErrors;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads a UTF-8 text file line by line, with the line number, turning I/O errors into {@link DatasetException}. */
final class TextLines {

    /** Receives one line (without its terminator, BOM stripped on line 1) and its 1-based number. */
    @FunctionalInterface
    interface LineHandler {
        /**
         * @throws IllegalArgumentException with a reason; reported as {@code file:line: reason}
         * @throws DatasetException         reported as is
         */
        void line(String text, long number) throws DatasetException;
    }

    private TextLines() {}

    /** Calls {@code handler} on every line of {@code file}. */
    static void read(Path file, LineHandler handler) throws DatasetException {
        if (Files.isDirectory(file)) {
            throw DatasetException.inFile(file, "is a directory, not a text file", null);
        }
        long number = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                number++;
                if (number == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                try {
                    handler.line(line, number);
                } catch (IllegalArgumentException e) {
                    throw DatasetException.atLine(file, number, e.getMessage());
                }
            }
        } catch (NoSuchFileException e) {
            throw DatasetException.inFile(file, "no such file", e);
        } catch (CharacterCodingException e) {
            throw new DatasetException(file, ":" + (number + 1), "not UTF-8 text", e);
        } catch (DatasetException e) {
            throw e;
        } catch (IOException e) {
            throw DatasetException.inFile(file, "cannot read: " + IoErrors.reason(e), e);
        }
    }
}
