package nn.mnist;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** MNIST files are missing and could not be downloaded: says which, where, and how to provide them. */
public final class MissingMnistException extends IOException {

    private static final long serialVersionUID = 1L;

    public MissingMnistException(Path dir, List<MnistFile> missing, List<String> downloadFailures) {
        super(message(dir, missing, downloadFailures));
    }

    /** The same, with one more way to provide the files appended to the summary. */
    public MissingMnistException(Path dir, List<MnistFile> missing, String hint) {
        super(message(dir, missing, List.of()) + " " + hint);
    }

    private static String message(Path dir, List<MnistFile> missing, List<String> failures) {
        StringBuilder s = new StringBuilder("MNIST files missing in ").append(dir.toAbsolutePath());
        if (failures.isEmpty()) {
            s.append(": ")
                    .append(missing.stream().map(MnistFile::gzipName).collect(Collectors.joining(", ")))
                    .append('.');
        } else {
            // One line per file, then one short summary.
            s.append(", and downloading them failed:");
            for (String failure : failures) {
                s.append(System.lineSeparator()).append("  ").append(failure);
            }
        }
        s.append(System.lineSeparator())
                .append("Put the four MNIST files (gzip or raw) there, or point --data-dir or ")
                .append(MnistLocator.ENVIRONMENT)
                .append(" at a directory that holds them.");
        return s.toString();
    }
}
