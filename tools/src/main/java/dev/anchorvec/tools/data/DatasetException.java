package dev.anchorvec.tools.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A dataset file that cannot be read, or whose content is malformed. The message always names the file and,
 * when known, where in it: {@code labels/a.txt:3: ...} for text formats (line), {@code instances.json:
 * annotations[17] (line 1, column 5230): ...} for JSON (record), {@code 0001.xml: line 12:
 * annotation/object[2]/bndbox/xmax: ...} for XML (line and element).
 */
public final class DatasetException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String where;
    private final String reason;

    /**
     * @param file   the file at fault
     * @param where  where in the file ({@code null} for the file as a whole)
     * @param reason what is wrong
     * @param cause  the underlying exception, or {@code null}
     */
    public DatasetException(Path file, String where, String reason, Throwable cause) {
        super(file + (where == null ? "" : where.startsWith(":") ? where : ": " + where) + ": " + reason, cause);
        this.file = file;
        this.where = where;
        this.reason = reason;
    }

    /** An error on line {@code line} (1-based) of a text file: {@code file:line: reason}. */
    public static DatasetException atLine(Path file, long line, String reason) {
        return new DatasetException(file, ":" + line, reason, null);
    }

    /** An error about the file as a whole (unreadable, empty, wrong kind). */
    public static DatasetException inFile(Path file, String reason, Throwable cause) {
        return new DatasetException(file, null, reason, cause);
    }

    /** The file at fault. */
    public Path file() {
        return file;
    }

    /** Where in the file ({@code ":12"} for a line, a record such as {@code "annotations[3]"}), or null. */
    public String where() {
        return where;
    }

    /** What is wrong, without the file and place. */
    public String reason() {
        return reason;
    }
}
