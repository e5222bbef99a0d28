package dev.anchorvec.tools.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * An output file that cannot be written. The message names the option and the path the user gave (never a
 * temporary file) and says what was left on disk; the CLI prints it and exits with status 1.
 */
public final class OutputException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path target;

    /**
     * @param target  the path the user gave
     * @param message the whole message, naming {@code target}
     * @param cause   the underlying exception, or {@code null}
     */
    public OutputException(Path target, String message, Throwable cause) {
        super(message, cause);
        this.target = target;
    }

    /** The output path the user gave. */
    public Path target() {
        return target;
    }
}
