package dev.anchorvec.tools.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks, before a long computation, that an output file can be written: its folder exists, is a folder and
 * takes a new file (a probe file is created and deleted there, the only test that also holds for root, ACLs and
 * read-only file systems), and the path is not a directory, device, pipe or socket. {@link AtomicOutputs} writes
 * a temporary file in that folder and moves it onto the path, so write access to the folder is what counts. A
 * symbolic link is checked as the file it points to, which is what {@link AtomicOutputs} replaces.
 */
public final class OutputCheck {

    private OutputCheck() {}

    /**
     * Checks that {@code target} can be written.
     *
     * @param option the command-line option that named it (for example {@code --json}), for the message
     * @throws OutputException naming {@code option} and {@code target} as given, and what is wrong
     */
    public static void writable(String option, Path target) throws OutputException {
        Path absolute = AtomicOutputs.destination(option, target);
        Path folder = absolute.getParent();
        String head = "cannot write " + option + " " + target + ": ";
        if (Files.isDirectory(absolute)) {
            throw new OutputException(target, head + "it is a directory; give a file name", null);
        }
        // A device or pipe (say /dev/stdout) would be replaced by the move, not written to.
        if (Files.exists(absolute) && !Files.isRegularFile(absolute)) {
            throw new OutputException(target, head + "it exists and is not a regular file (a device, pipe or"
                    + " socket?); the file is written next to it and moved onto the path", null);
        }
        if (!Files.exists(folder)) {
            throw new OutputException(target, head + "folder " + folder + " does not exist", null);
        }
        if (!Files.isDirectory(folder)) {
            throw new OutputException(target, head + folder + " is not a folder", null);
        }
        Path probe;
        try {
            probe = Files.createTempFile(folder, "." + absolute.getFileName() + ".", ".probe");
        } catch (IOException e) {
            throw new OutputException(target, head + "folder " + folder + " is not writable ("
                    + IoErrors.reason(e) + ")", e);
        }
        try {
            Files.delete(probe);
        } catch (IOException e) {
            throw new OutputException(target, head + "cannot delete a test file " + probe + " in folder " + folder
                    + " (" + IoErrors.reason(e) + ")", e);
        }
    }
}
