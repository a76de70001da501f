package nn.examples;

import jakarta.inject.Inject;
import picocli.CommandLine.Option;

/** The {@code --backend NAME} option, shared by every command that runs on a backend. */
public final class BackendOption {

    private final BackendChoice choice;

    @Inject
    BackendOption(BackendChoice choice) {
        this.choice = choice;
    }

    @Option(
            names = "--backend",
            paramLabel = "NAME",
            description = "Run on this backend (reference, simd, ...) instead of the one chosen by "
                    + "-Dnn.backend, NN_BACKEND or priority.")
    void backend(String name) {
        choice.set(name);
    }
}
