package dev.anchorvec.tools.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * Why an I/O operation failed, as a short phrase for the command line's messages. The JDK's own messages name
 * the exception class and the path it was working on (for the CLI's outputs that is a temporary file the user
 * never asked for); the CLI names the user's path itself and adds only this reason.
 */
public final class IoErrors {

    private IoErrors() {}

    /** {@code "permission denied"}, {@code "Read-only file system"}, {@code "No space left on device"}, ... */
    public static String reason(IOException e) {
        return switch (e) {
            case AccessDeniedException a -> "permission denied";
            case NoSuchFileException n -> "no such file or directory";
            case NotDirectoryException n -> "not a directory";
            case DirectoryNotEmptyException d -> "a non-empty directory is in the way";
            case FileAlreadyExistsException f -> "a file is in the way";
            case FileSystemException f -> f.getReason() != null ? f.getReason() : f.getClass().getSimpleName();
            default -> e.getMessage() != null && !e.getMessage().isBlank() ? e.getMessage()
                    : e.getClass().getSimpleName();
        };
    }
}
