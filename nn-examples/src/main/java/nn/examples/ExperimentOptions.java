package nn.examples;

import java.nio.file.Path;
import nn.api.DType;
import picocli.CommandLine.Option;

/** The options every chapter-6 experiment shares: the dtype, the seed and the plot. */
public final class ExperimentOptions {

    @Option(
            names = "--dtype",
            defaultValue = "float64",
            converter = DTypeConverter.class,
            paramLabel = "DTYPE",
            description = "float64 or float32 (default: ${DEFAULT-VALUE}).")
    DType dtype;

    @Option(
            names = "--seed",
            defaultValue = "42",
            description = "Seed of the weights, masks and batches (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--plot", paramLabel = "FILE.png", description = "Draw the experiment's figure into this PNG.")
    Path plot;
}
