package dev.anchorvec.tools;

/** A command line that cannot be run: the CLI prints the message and the usage, and exits with status 2. */
public final class UsageException extends Exception {

    private static final long serialVersionUID = 1L;

    /** @param message what is wrong with the arguments */
    public UsageException(String message) {
        super(message);
    }
}
