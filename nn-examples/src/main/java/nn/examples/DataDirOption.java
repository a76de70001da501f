package nn.examples;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The {@code --data-dir DIR} option of the commands that read MNIST. */
public final class DataDirOption {

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where the MNIST files are (default: NN_MNIST_DIR, else ~/.cache/nn/mnist; downloaded if missing).")
    Path dataDir;

    public Optional<Path> get() {
        return Optional.ofNullable(dataDir);
    }
}
