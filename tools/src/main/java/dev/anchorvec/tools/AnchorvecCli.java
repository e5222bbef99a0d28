package dev.anchorvec.tools;

import dev.anchorvec.tools.fit.FitCommand;
import dev.anchorvec.tools.fit.FitOptions;
import dev.anchorvec.tools.io.IoErrors;
import java.io.Console;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The {@code anchorvec} command line: {@code anchorvec fit ...} and {@code anchorvec help}.
 *
 * <p>Exit status: 0 on success, 1 for bad input (the message names the file and where in it) or an output that
 * cannot be written (the message names the path as given; every output is checked before the fit, and written
 * all or none), 2 for bad arguments (with the usage).
 */
public final class AnchorvecCli {

    /** Exit status of a successful run. */
    public static final int OK = 0;
    /** Exit status for bad input or an output error. */
    public static final int INPUT_ERROR = 1;
    /** Exit status for bad arguments. */
    public static final int USAGE_ERROR = 2;

    private AnchorvecCli() {}

    /** Keeps the kernels' logger configured (loggers are only weakly held). */
    private static final Logger KERNEL_LOG = Logger.getLogger("dev.anchorvec");

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        // The kernels log their vector/scalar choice once; the report prints it instead.
        KERNEL_LOG.setLevel(Level.OFF);
        Console console = System.console();
        boolean terminal = console != null && console.isTerminal();
        int status = run(args, System.out, System.err, terminal);
        System.out.flush();
        System.exit(status);
    }

    /**
     * Runs the command line.
     *
     * @param out      the report
     * @param err      errors, usage after a bad argument, and the progress line
     * @param terminal whether {@code err} is a terminal (the progress line is shown only then)
     * @return the exit status
     */
    public static int run(String[] args, PrintStream out, PrintStream err, boolean terminal) {
        List<String> list = Arrays.asList(args);
        if (list.isEmpty()) {
            err.print(Usage.SHORT);
            return USAGE_ERROR;
        }
        String command = list.getFirst();
        try {
            switch (command) {
                case "help", "--help", "-h" -> {
                    out.print(Usage.FULL);
                    return OK;
                }
                case "fit" -> {
                    if (list.contains("--help") || list.contains("-h")) {
                        out.print(Usage.FULL);
                        return OK;
                    }
                    FitOptions options = FitOptions.parse(list.subList(1, list.size()));
                    FitCommand.run(options, out, err, terminal);
                    return OK;
                }
                default -> throw new UsageException("unknown command '" + command + "'");
            }
        } catch (UsageException e) {
            err.println("anchorvec: " + e.getMessage());
            err.print(Usage.SHORT);
            err.println("'anchorvec help' explains every option.");
            return USAGE_ERROR;
        } catch (IOException | IllegalArgumentException e) {
            // DatasetException names the file and record, OutputException the output path as given;
            // IllegalArgumentException: a value the kernels refuse (the message says which)
            err.println("anchorvec: " + e.getMessage());
            return INPUT_ERROR;
        } catch (UncheckedIOException e) {
            String file = e.getCause() instanceof FileSystemException f && f.getFile() != null
                    ? f.getFile() + ": " : "";
            err.println("anchorvec: " + file + IoErrors.reason(e.getCause()));
            return INPUT_ERROR;
        } catch (OutOfMemoryError e) {
            err.println("anchorvec: out of memory (" + e.getMessage() + "); give the JVM more heap, e.g. -Xmx8g");
            return INPUT_ERROR;
        }
    }
}
