package nn.examples;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** What {@code train-mnist} and {@code train} share about a run's output: report, plot, confusion, progress. */
public final class RunOutputOptions {

    @Option(names = "--report", paramLabel = "FILE", description = "Write a JSON report of the run here.")
    Path report;

    @Option(names = "--plot", paramLabel = "FILE.png", description = "Draw the loss and accuracy curves into this PNG.")
    Path plot;

    @Option(names = "--confusion-matrix", description = "Print the test set's confusion matrix at the end.")
    boolean printConfusion;

    @Option(names = "--no-progress", description = "No progress bar, even on a terminal.")
    boolean noProgress;

    @Option(
            names = "--no-divergence-check",
            description = "Train on even when an epoch's loss is no better than guessing and no longer falling.")
    boolean noDivergenceCheck;

    @Option(
            names = "--no-warm-up",
            description =
                    "Do not step a throwaway copy of the network while the data loads (which lets the JIT compile "
                            + "the kernels on a spare core; the results are the same either way).")
    boolean noWarmUp;

    /** Checks the output files before any work, so that no run is lost to a bad one. */
    void checkFiles() {
        OutputFiles.check("--report", report);
        OutputFiles.check("--plot", plot);
    }

    /** Whether to draw progress bars: on a terminal, unless told not to. */
    boolean progress() {
        return !noProgress && TrainingSession.interactive();
    }
}
