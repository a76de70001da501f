package nn.examples;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import nn.mnist.MnistLocator;

/**
 * The real MNIST files for these tests (nn-mnist has its own copy: a test-jar would split the named module nn.mnist): {@code NN_MNIST_DIR}, else {@code shared/datasets/mnist} beside an
 * enclosing directory (the checkout's {@code ../shared}). Tests that need them fail, never skip, when
 * neither exists.
 */
final class SharedMnist {

    private SharedMnist() {}

    static Path dir() {
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
