package nn.examples;

import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import nn.api.Backend;
import nn.api.DType;
import nn.core.data.BatchSampler;
import nn.core.network.Network;
import nn.core.network.TwoLayerNet;
import nn.core.optim.Sgd;
import nn.core.train.Trainer;
import nn.mnist.Mnist;
import nn.mnist.MnistSplit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code train-mnist}: the book's MNIST run, by default exactly its settings. */
@Command(
        name = "train-mnist",
        mixinStandardHelpOptions = true,
        description = "Train the book's TwoLayerNet on MNIST (train_neuralnet.py): one line per epoch, then the final "
                + "accuracies and times.")
final class TrainMnistCommand implements Callable<Integer> {

    private final Provider<Backend> backend;
    private final MnistSource source;

    @Spec
    CommandSpec spec;

    @Mixin
    BackendOption backendOption;

    @Option(
            names = "--iterations",
            defaultValue = "10000",
            description = "Optimizer steps (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(
            names = "--epochs",
            paramLabel = "N",
            description = "Train N whole epochs (N × training-set size / batch size steps) instead of --iterations.")
    Integer epochs;

    @Option(names = "--confusion-matrix", description = "Print the test set's confusion matrix at the end.")
    boolean printConfusion;

    @Option(
            names = "--batch-size",
            defaultValue = "100",
            description = "Examples per step (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(
            names = {"--learning-rate", "--lr"},
            defaultValue = "0.1",
            description = "SGD learning rate (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(
            names = "--dtype",
            defaultValue = "float64",
            converter = DTypeConverter.class,
            paramLabel = "DTYPE",
            description = "float64 (the book's) or float32 (default: ${DEFAULT-VALUE}).")
    DType dtype;

    @Option(names = "--hidden", defaultValue = "50", description = "Hidden units (default: ${DEFAULT-VALUE}).")
    int hidden;

    @Option(
            names = "--seed",
            defaultValue = "42",
            description = "Seed of all randomness: weights and batches (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--sampling",
            defaultValue = "WITH_REPLACEMENT",
            description = "How batches are drawn: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}, as the book).")
    BatchSampler.Mode sampling;

    @Mixin
    DataDirOption dataDir;

    @Option(names = "--report", paramLabel = "FILE", description = "Write a JSON report of the run here.")
    Path report;

    @Option(names = "--plot", paramLabel = "FILE.png", description = "Draw the loss and accuracy curves into this PNG.")
    Path plot;

    @Option(names = "--no-progress", description = "No progress bar, even on a terminal.")
    boolean noProgress;

    @Option(
            names = "--no-divergence-check",
            description = "Train on even when an epoch's loss is no better than guessing and no longer falling.")
    boolean noDivergenceCheck;

    @Inject
    TrainMnistCommand(Provider<Backend> backend, MnistSource source) {
        this.backend = backend;
        this.source = source;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        // Every option is checked before any work, so that no run is lost to a bad one.
        if (epochs != null && spec.commandLine().getParseResult().hasMatchedOption("--iterations")) {
            throw new IllegalArgumentException("--epochs and --iterations exclude each other; give one");
        }
        TrainingSession.requirePositive("--iterations", iterations);
        TrainingSession.requirePositive("--batch-size", batchSize);
        TrainingSession.requirePositive("--hidden", hidden);
        if (epochs != null) {
            TrainingSession.requirePositive("--epochs", epochs);
        }
        TrainingSession.requireAtMost("--iterations", iterations, Trainer.Settings.MAX_ITERATIONS);
        Sgd sgd = TrainingSession.option("--learning-rate", () -> new Sgd(learningRate));
        OutputFiles.check("--report", report);
        OutputFiles.check("--plot", plot);
        Backend b = backend.get();
        MnistSource.Loaded loaded = source.load(dataDir, out, showProgress());
        Mnist mnist = loaded.mnist();
        TrainingSession.requireAtMost("--batch-size", batchSize, mnist.train().size());
        int iterationsPerEpoch = Math.max(mnist.train().size() / batchSize, 1);

        // One seed for everything: the weights and the batches draw from independent splits of it.
        SplittableRandom root = new SplittableRandom(seed);
        Network net =
                TwoLayerNet.create(b, dtype, mnist.train().featureCount(), hidden, MnistSplit.CLASSES, root.split());
        Trainer.Settings settings = (epochs == null
                        ? new Trainer.Settings(iterations, batchSize, iterationsPerEpoch, sampling)
                        : TrainingSession.option(
                                "--epochs",
                                () -> Trainer.Settings.ofEpochs(epochs, batchSize, iterationsPerEpoch, sampling)))
                .withStopWhenNotLearning(!noDivergenceCheck);
        out.printf(
                Locale.ROOT,
                "training TwoLayerNet(784, %d, 10) in %s on %s: %d iterations, batch %d, learning rate %s, "
                        + "seed %d%n",
                hidden,
                dtype,
                b.description(),
                settings.iterations(),
                batchSize,
                learningRate,
                seed);
        out.flush();

        Trainer.Result result = TrainingSession.train(
                b, net, sgd, mnist.train(), mnist.test(), settings, root.split(), out, showProgress());
        TrainingSession.finish(
                out,
                b,
                report(b, settings, result, loaded.loadSeconds(), mnist.train().size()),
                result,
                printConfusion,
                report,
                plot);
        return 0;
    }

    private boolean showProgress() {
        return !noProgress && TrainingSession.interactive();
    }

    private TrainingReport report(
            Backend b, Trainer.Settings settings, Trainer.Result result, double loadSeconds, int trainSize) {
        return TrainingSession.report(
                b,
                new TrainingReport.Settings(
                        "TwoLayerNet(784, " + hidden + ", 10)",
                        "sgd",
                        learningRate,
                        settings.iterations(),
                        batchSize,
                        seed,
                        sampling.name().toLowerCase(Locale.ROOT),
                        settings.iterationsPerEpoch(),
                        trainSize,
                        b.threads(),
                        dtype.label()),
                result,
                loadSeconds);
    }
}
