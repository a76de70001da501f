package nn.mnist;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real MNIST files for tests: {@code NN_MNIST_DIR}, else {@code shared/datasets/mnist} beside an
 * enclosing directory (the checkout's {@code ../shared}). Tests that need them fail, never skip, when
 * neither exists.
 */
public final class SharedMnist {

    private SharedMnist() {}

    public static Path dir() {
        String env = System.getenv(MnistLocator.ENVIRONMENT);
        if (env != null && !env.isBlank()) {
            Path dir = Path.of(env);
            if (!Files.isDirectory(dir)) {
                fail(MnistLocator.ENVIRONMENT + "=" + env + " is not a directory");
            }
            return dir;
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared/datasets/mnist");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return fail("The MNIST files were not found: set " + MnistLocator.ENVIRONMENT
                + " to a directory holding them (CI uses ../shared/datasets/mnist)");
    }
}
