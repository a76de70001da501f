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

    private static String message(Path dir, List<MnistFile> missing, List<String> failures) {
        StringBuilder s = new StringBuilder("MNIST files missing in ").append(dir.toAbsolutePath()).append(": ")
                .append(missing.stream().map(MnistFile::gzipName).collect(Collectors.joining(", "))).append('.');
        if (!failures.isEmpty()) {
            s.append(" Downloading failed: ").append(String.join("; ", failures)).append('.');
        }
        s.append(" Provide them by pointing --data-dir or the environment variable ").append(MnistLocator.ENVIRONMENT)
                .append(" at a directory that holds the four MNIST files (gzip or raw), or copy them into ")
                .append(MnistLocator.defaultCacheDir()).append(", or run where the MNIST mirrors can be reached.");
        return s.toString();
    }
}
