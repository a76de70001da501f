package nn.mnist;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the MNIST files are looked for: an explicit directory ({@code --data-dir}), else the environment
 * variable {@value #ENVIRONMENT}, else {@code ~/.cache/nn/mnist}.
 */
public final class MnistLocator {

    /** The environment variable that names the MNIST directory. */
    public static final String ENVIRONMENT = "NN_MNIST_DIR";

    private MnistLocator() {}

    /**
     * The directory to use, with where it came from.
     *
     * @param dir the directory
     * @param source how it was chosen, for messages
     */
    public record Location(Path dir, String source) {}

    public static Location resolve(Optional<Path> explicit, Optional<String> environment) {
        if (explicit.isPresent()) {
            return new Location(explicit.get(), "--data-dir");
        }
        if (environment.isPresent() && !environment.get().isBlank()) {
            return new Location(Path.of(environment.get()), ENVIRONMENT);
        }
        return new Location(defaultCacheDir(), "the default cache");
    }

    /** Resolves with this process's environment. */
    public static Location resolve(Optional<Path> explicit) {
        return resolve(explicit, Optional.ofNullable(System.getenv(ENVIRONMENT)));
    }

    public static Path defaultCacheDir() {
        return Path.of(System.getProperty("user.home"), ".cache", "nn", "mnist");
    }
}
