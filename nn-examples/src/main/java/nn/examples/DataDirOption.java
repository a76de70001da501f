package nn.examples;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The {@code --data-dir DIR} option of the commands that read MNIST. */
public final class DataDirOption {

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description = "Where the MNIST files are; it must exist (default: NN_MNIST_DIR, else ~/.cache/nn/mnist, "
                    + "where missing files are downloaded).")
    Path dataDir;

    @Option(
            names = "--download",
            description = "Download missing MNIST files into --data-dir (always done for the " + "default cache).")
    boolean download;

    /** Whether the user asked for missing files to be downloaded into an explicit directory. */
    public boolean download() {
        return download;
    }

    public Optional<Path> get() {
        return Optional.ofNullable(dataDir);
    }
}
