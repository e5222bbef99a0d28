package dev.anchorvec.tools.io;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Writes several output files all or nothing.
 *
 * <p>{@link #commit()} works in three steps:
 * <ol>
 *   <li>every output is written to a temporary file {@code .NAME.<random>.tmp} in its target's folder and
 *   flushed to disk; if one fails, every temporary file is deleted and no target is touched;</li>
 *   <li>every target that already exists is kept aside as {@code .NAME.<random>.old} (a hard link, or a copy
 *   where the file system has no hard links), so that it can be put back; the new file gets the permissions
 *   of the file it replaces (POSIX file systems), a new target those of any new file (the umask);</li>
 *   <li>the temporary files are moved onto their targets one after the other, each in one atomic rename where
 *   the file system allows (a reader sees the old file or the new one, never half a file).</li>
 * </ol>
 * If a move fails after earlier ones succeeded, those are undone: a replaced file is put back from its kept
 * copy (again one rename, so it is the old file byte for byte, the same inode when it was a hard link), a file
 * that did not exist is deleted. Between the first move and the undo another process may briefly see a new
 * file; no operating system offers an atomic rename of several files. If the undo itself fails (the folder
 * became unwritable in the meantime), the message says which target holds a new file and where its previous
 * content was kept; that kept copy is then not deleted. Temporary files and kept copies are deleted in every
 * other case.
 *
 * <p>A target that is a symbolic link is written through: the file it points to is replaced, the link stays.
 * Not thread-safe: one instance per set of outputs.
 */
public final class AtomicOutputs {

    /** Writes the content of one output. */
    @FunctionalInterface
    public interface Content {
        /** Writes everything to {@code out} (closing it is not needed). */
        void writeTo(OutputStream out) throws IOException;
    }

    /** Moves {@code from} onto {@code to}, replacing it: a seam for tests that make a move fail. */
    @FunctionalInterface
    interface Mover {
        void move(Path from, Path to) throws IOException;
    }

    /** One output: {@code absolute} is the file actually written ({@link #destination}). */
    private record Planned(String option, Path target, Path absolute, Content content) {}

    /** One output during {@link #commit()}. */
    private static final class Staged {
        final Planned planned;
        final Path temp;
        Path kept;              // the previous target, kept aside until the commit is over; null if none
        boolean moved;          // the temporary file is now the target
        boolean keepKept;       // the undo failed: the kept copy is the only copy of the previous content

        Staged(Planned planned, Path temp) {
            this.planned = planned;
            this.temp = temp;
        }
    }

    /** The end of every message after which no target was changed. */
    private static final String NOTHING_WRITTEN = "no output was written (existing files are unchanged)";

    private final List<Planned> planned = new ArrayList<>();
    private final Mover mover;

    /** An empty set of outputs. */
    public AtomicOutputs() {
        this(AtomicOutputs::replace);
    }

    AtomicOutputs(Mover mover) {
        this.mover = Objects.requireNonNull(mover, "mover");
    }

    /**
     * Plans one output.
     *
     * @param option  the option that named it (for example {@code --json}), for messages
     * @param target  the path to write, as the user gave it
     * @param content what to write
     * @return this
     * @throws OutputException          if {@code target} is a symbolic link that cannot be followed
     * @throws IllegalArgumentException if another output already writes the same file
     */
    public AtomicOutputs add(String option, Path target, Content content) throws OutputException {
        Objects.requireNonNull(option, "option");
        Objects.requireNonNull(content, "content");
        Path absolute = destination(option, target);
        for (Planned p : planned) {
            if (p.absolute().normalize().equals(absolute.normalize())) {
                throw new IllegalArgumentException(option + " " + target + " and " + p.option() + " "
                        + p.target() + " are the same file " + absolute);
            }
        }
        planned.add(new Planned(option, target, absolute, content));
        return this;
    }

    /**
     * Writes every planned output, or none.
     *
     * @return the absolute paths written, in the order they were added
     * @throws OutputException naming the output that failed (its path as given) and what was left on disk
     */
    public List<Path> commit() throws OutputException {
        List<Staged> staged = new ArrayList<>();
        try {
            for (Planned p : planned) {
                stage(p, staged);
            }
            for (Staged s : staged) {
                keepPrevious(s);
            }
            for (Staged s : staged) {
                try {
                    mover.move(s.temp, s.planned.absolute());
                    s.moved = true;
                } catch (IOException e) {
                    throw new OutputException(s.planned.target(), head(s.planned) + "moving the new file into place"
                            + " failed (" + IoErrors.reason(e) + "); " + undo(staged), e);
                }
            }
        } finally {
            cleanUp(staged);
        }
        return planned.stream().map(Planned::absolute).toList();
    }

    /** Writes {@code p} to a new temporary file, added to {@code staged} as soon as it exists. */
    private static void stage(Planned p, List<Staged> staged) throws OutputException {
        Path target = p.absolute();
        Path temp;
        try {
            // Created as any new file is (permissions from the umask, not the 0600 of a JDK temporary file);
            // a file replaced keeps its permissions.
            temp = createSibling(target, ".tmp", t -> Files.createFile(t));
            if (Files.exists(target)) {
                try {
                    Files.setPosixFilePermissions(temp, Files.getPosixFilePermissions(target));
                } catch (UnsupportedOperationException | IOException e) {
                    // not a POSIX file system, or not ours to inspect: the new file keeps default permissions
                }
            }
        } catch (IOException e) {
            throw new OutputException(p.target(), head(p) + "cannot create a file in folder " + target.getParent()
                    + " (" + IoErrors.reason(e) + "); " + NOTHING_WRITTEN, e);
        }
        staged.add(new Staged(p, temp));   // from here on, cleanUp deletes the temporary file whatever happens
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            // The content may close its stream (a JSON generator does); the channel stays open for force().
            OutputStream out = new BufferedOutputStream(new FilterOutputStream(Channels.newOutputStream(channel)) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    this.out.write(b, off, len);
                }

                @Override
                public void close() throws IOException {
                    flush();
                }
            });
            p.content().writeTo(out);
            out.flush();
            channel.force(true);   // on disk before the rename makes it the target
        } catch (IOException e) {
            throw new OutputException(p.target(), head(p) + IoErrors.reason(e) + "; " + NOTHING_WRITTEN, e);
        }
    }

    /** Keeps a target that exists aside, so that the undo of a later failed move can put it back. */
    private static void keepPrevious(Staged s) throws OutputException {
        Path target = s.planned.absolute();
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new OutputException(s.planned.target(), head(s.planned) + "it is a directory; "
                    + NOTHING_WRITTEN, null);
        }
        try {
            // A hard link: no copying, and the undo puts back the very same file.
            s.kept = createSibling(target, ".old", k -> Files.createLink(k, target));
        } catch (IOException | UnsupportedOperationException noLink) {
            try {
                s.kept = createSibling(target, ".old", k -> Files.copy(target, k,
                        StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS));
            } catch (IOException e) {
                throw new OutputException(s.planned.target(), head(s.planned) + "cannot keep the existing file"
                        + " aside (" + IoErrors.reason(e) + "); " + NOTHING_WRITTEN, e);
            }
        }
    }

    /** Creates a file at a path; fails if the path exists. */
    @FunctionalInterface
    private interface Creator {
        void create(Path path) throws IOException;
    }

    private static final SecureRandom NAMES = new SecureRandom();

    /**
     * Creates {@code .NAME.<random>SUFFIX} next to {@code target} with {@code creator}, trying another name if
     * one exists already.
     */
    private static Path createSibling(Path target, String suffix, Creator creator) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path p = target.resolveSibling("." + target.getFileName() + "." + Long.toUnsignedString(NAMES.nextLong(),
                    36) + suffix);
            try {
                creator.create(p);
                return p;
            } catch (FileAlreadyExistsException e) {
                if (attempt == 100) {
                    throw e;
                }
            }
        }
    }

    /** Undoes the moves done so far, newest first; says what is on disk afterwards. */
    private String undo(List<Staged> staged) {
        List<String> restored = new ArrayList<>(), problems = new ArrayList<>();
        for (Staged s : staged.reversed()) {
            if (!s.moved) {
                continue;
            }
            Path target = s.planned.target();
            if (s.kept != null) {
                try {
                    mover.move(s.kept, s.planned.absolute());
                    s.kept = null;
                    restored.add(target + " put back as it was");
                } catch (IOException e) {
                    s.keepKept = true;
                    problems.add(target + " now holds the new file (putting the previous one back failed: "
                            + IoErrors.reason(e) + "); its previous content is kept in " + s.kept);
                }
            } else {
                try {
                    Files.deleteIfExists(s.planned.absolute());
                    restored.add(target + " removed again");
                } catch (IOException e) {
                    problems.add(target + " now holds the new file and could not be removed ("
                            + IoErrors.reason(e) + "); it did not exist before");
                }
            }
        }
        if (problems.isEmpty()) {
            return restored.isEmpty() ? NOTHING_WRITTEN : NOTHING_WRITTEN + " (" + String.join(", ", restored) + ")";
        }
        return "could not undo every output already written: " + String.join("; ", problems)
                + (restored.isEmpty() ? "" : "; " + String.join(", ", restored));
    }

    /** Deletes every temporary file and every kept copy that is no longer needed. */
    private static void cleanUp(List<Staged> staged) {
        for (Staged s : staged) {
            deleteQuietly(s.moved ? null : s.temp);
            deleteQuietly(s.keepKept ? null : s.kept);
        }
    }

    private static void deleteQuietly(Path p) {
        if (p == null) {
            return;
        }
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // A file created moments ago in a folder we could write; if it cannot go, there is nothing better
            // to do than to leave the dot-file (its name says which output it belonged to).
        }
    }

    private static String head(Planned p) {
        return "cannot write " + p.option() + " " + p.target() + ": ";
    }

    /**
     * The file that writing {@code target} replaces: its absolute path, or, when it is a symbolic link, the file
     * the link points to (so that a link such as {@code /dev/stdout} is written through, never itself replaced).
     *
     * @param option the option that named {@code target}, for the message
     * @throws OutputException if {@code target} names no file or is a link that leads nowhere
     */
    public static Path destination(String option, Path target) throws OutputException {
        Path absolute = target.toAbsolutePath();
        if (absolute.getFileName() == null) {
            throw new OutputException(target, "cannot write " + option + " " + target + ": not a file name", null);
        }
        if (!Files.isSymbolicLink(absolute)) {
            return absolute;
        }
        try {
            return absolute.toRealPath();
        } catch (IOException e) {
            throw new OutputException(target, "cannot write " + option + " " + target + ": it is a symbolic link"
                    + " that leads to no file (" + IoErrors.reason(e) + ")", e);
        }
    }

    /** Moves in one rename where the file system can (same folder: it normally can). */
    private static void replace(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
