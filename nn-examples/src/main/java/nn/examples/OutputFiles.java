package nn.examples;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Every file the examples write (report, plots) goes through here: checked before any work starts, and written
 * to a temporary file in the same directory that is moved into place in one step, so a reader never sees half a
 * file and an interrupt never destroys the previous one. Temporaries left by a failure or an interrupt (Ctrl-C
 * runs the shutdown hooks) are deleted.
 */
final class OutputFiles {

    private static final Set<Path> TEMPORARIES = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            for (Path temp : TEMPORARIES) {
                                try {
                                    Files.deleteIfExists(temp);
                                } catch (IOException e) {
                                    // Nothing more can be done while the JVM exits.
                                }
                            }
                        },
                        "nn-delete-temporaries"));
    }

    private OutputFiles() {}

    /** Writes the content of a file given its path. */
    @FunctionalInterface
    interface Writer {
        void write(Path file) throws IOException;
    }

    /**
     * Checks, before any work, that {@code file} (the value of {@code option}) can be written: it is no directory,
     * its parent directories exist or are created, and the parent is a writable directory. Throws an
     * {@link IllegalArgumentException} that names the option, the path and the problem.
     */
    static void check(String option, Path file) {
        if (file == null) {
            return;
        }
        Path target = file.toAbsolutePath();
        if (Files.isDirectory(target)) {
            throw new IllegalArgumentException(option + " " + file + " is a directory; give a file name, such as "
                    + file.resolve(option.equals("--report") ? "report.json" : "plot.png"));
        }
        Path parent = target.getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write " + option + " " + file + ": " + reason(e));
        }
        if (!Files.isWritable(parent)) {
            throw new IllegalArgumentException(
                    "cannot write " + option + " " + file + ": permission denied on " + parent);
        }
    }

    /** Writes {@code file} through a temporary file beside it, moved into place atomically. */
    static void write(Path file, Writer writer) throws IOException {
        write(file, ".tmp", writer);
    }

    /**
     * As {@link #write(Path, Writer)}, with a temporary named {@code …suffix}: a PNG writer that appends
     * {@code .png} to any other name (XChart) gets a temporary ending in {@code .tmp.png}.
     */
    static void write(Path file, String suffix, Writer writer) throws IOException {
        Path target = file.toAbsolutePath();
        Files.createDirectories(target.getParent());
        // Not createTempFile, whose file is the owner's alone: the output gets the permissions of any new file.
        Path temp = target.resolveSibling("." + target.getFileName() + "-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + suffix);
        Files.createFile(temp);
        TEMPORARIES.add(temp);
        try {
            writer.write(temp);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
            TEMPORARIES.remove(temp);
        }
    }

    /** What went wrong with a file, in words: {@code permission denied}, {@code not a directory}, … */
    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException) {
            return e.getMessage() + " exists and is not a directory";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
