package nn.examples;

import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import nn.api.Backend;
import nn.api.DType;
import nn.core.data.BatchSampler;
import nn.core.network.Network;
import nn.core.network.TwoLayerNet;
import nn.core.optim.Sgd;
import nn.core.train.Trainer;
import nn.core.train.WarmUp;
import nn.mnist.Mnist;
import nn.mnist.MnistSplit;
import nn.safetensors.Checkpoint;
import nn.safetensors.ModelFile;
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

    @Mixin
    RunOutputOptions output;

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

    @Option(
            names = "--save",
            paramLabel = "FILE.safetensors",
            description = "Save the trained network here (safetensors: weights W1, b1, W2, b2 and its architecture).")
    Path save;

    @Option(
            names = "--checkpoint-every",
            paramLabel = "N",
            description = "Every N iterations, save the run (weights, optimizer state, position) to --checkpoint.")
    Integer checkpointEvery;

    @Option(
            names = "--checkpoint",
            paramLabel = "FILE.safetensors",
            defaultValue = "checkpoint.safetensors",
            description = "Where --checkpoint-every saves (default: ${DEFAULT-VALUE}).")
    Path checkpoint;

    @Option(
            names = "--resume",
            paramLabel = "CHECKPOINT",
            description = "Continue the run a checkpoint saved, up to --iterations in all; its settings are the run's.")
    Path resume;

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
        Checkpoint resumed = resume == null ? null : resumeSettings(resume);
        Sgd sgd = TrainingSession.option("--learning-rate", () -> new Sgd(learningRate));
        output.checkFiles();
        OutputFiles.check("--save", save);
        if (checkpointEvery != null) {
            TrainingSession.requirePositive("--checkpoint-every", checkpointEvery);
            OutputFiles.check("--checkpoint", checkpoint);
        }
        Backend b = backend.get();
        WarmUp warmUp = TrainingSession.startWarmUp(
                !output.noWarmUp,
                b,
                dtype,
                () -> TwoLayerNet.create(b, dtype, Mnist.PIXELS, hidden, MnistSplit.CLASSES, new SplittableRandom(0)),
                () -> new Sgd(learningRate));
        MnistSource.Loaded loaded;
        try (warmUp) {
            loaded = source.load(dataDir, out, output.progress());
        }
        Mnist mnist = loaded.mnist();
        TrainingSession.requireAtMost("--batch-size", batchSize, mnist.train().size());
        int iterationsPerEpoch = Math.max(mnist.train().size() / batchSize, 1);

        // One seed for everything: the weights and the batches draw from independent splits of it.
        SplittableRandom root = new SplittableRandom(seed);
        Network net =
                TwoLayerNet.create(b, dtype, mnist.train().featureCount(), hidden, MnistSplit.CLASSES, root.split());
        int done = 0;
        if (resumed != null) {
            resumed.restore(net, sgd);
            done = Math.toIntExact(resumed.iteration());
            if (done >= iterations) {
                throw new IllegalArgumentException(resume + " has done " + done + " iterations already; ask for more "
                        + "with --iterations (the total, counted from the start of the run)");
            }
        }
        Trainer.Settings settings = (epochs == null
                        ? new Trainer.Settings(iterations, batchSize, iterationsPerEpoch, sampling)
                        : TrainingSession.option(
                                "--epochs",
                                () -> Trainer.Settings.ofEpochs(epochs, batchSize, iterationsPerEpoch, sampling)))
                .withStopWhenNotLearning(!output.noDivergenceCheck);
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
        if (resumed != null) {
            out.printf(Locale.ROOT, "resuming from %s after iteration %d%n", resume, done);
        }
        out.flush();

        TrainingSession.Trained trained = TrainingSession.train(
                b,
                net,
                sgd,
                mnist.train(),
                mnist.test(),
                settings,
                root.split(),
                out,
                output.progress(),
                done,
                iteration -> {
                    if (checkpointEvery != null && iteration % checkpointEvery == 0) {
                        Checkpoint.save(checkpoint, net, sgd, iteration, checkpointSettings());
                    }
                });
        if (save != null) {
            ModelFile.save(net, save);
            out.printf(Locale.ROOT, "model saved to %s%n", save);
        }
        TrainingSession.finish(
                out,
                b,
                report(
                        b,
                        settings,
                        trained,
                        loaded.loadSeconds(),
                        warmUp.steps(),
                        mnist.train().size()),
                trained.result(),
                output.printConfusion,
                output.report,
                output.plot);
        return 0;
    }

    /** What a checkpoint must hold to start the same run again (the rest is in its model metadata). */
    private Map<String, String> checkpointSettings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("command", "train-mnist");
        s.put("seed", Long.toString(seed));
        s.put("hidden", Integer.toString(hidden));
        s.put("batch_size", Integer.toString(batchSize));
        s.put("learning_rate", Double.toString(learningRate));
        s.put("sampling", sampling.name());
        s.put("dtype", dtype.label());
        return s;
    }

    /**
     * Reads the checkpoint and takes its settings as this run's; an option given on the command line with another
     * value is an error (the run would not be the one the checkpoint continues).
     */
    private Checkpoint resumeSettings(Path file) throws java.io.IOException {
        Checkpoint c = Checkpoint.read(file);
        Map<String, String> saved = c.settings();
        if (!"train-mnist".equals(saved.get("command"))) {
            throw new IllegalArgumentException(file + " was not saved by train-mnist --checkpoint-every; resume it "
                    + "with the command that saved it");
        }
        seed = Long.parseLong(agree("--seed", saved, "seed", Long.toString(seed)));
        hidden = Integer.parseInt(agree("--hidden", saved, "hidden", Integer.toString(hidden)));
        batchSize = Integer.parseInt(agree("--batch-size", saved, "batch_size", Integer.toString(batchSize)));
        learningRate =
                Double.parseDouble(agree("--learning-rate", saved, "learning_rate", Double.toString(learningRate)));
        sampling = BatchSampler.Mode.valueOf(agree("--sampling", saved, "sampling", sampling.name()));
        dtype = DType.parse(agree("--dtype", saved, "dtype", dtype.label()));
        return c;
    }

    private String agree(String option, Map<String, String> saved, String key, String given) {
        String value = saved.get(key);
        if (value == null) {
            throw new IllegalArgumentException(
                    resume + " lacks the setting " + key + "; it is not a train-mnist checkpoint");
        }
        if (spec.commandLine().getParseResult().hasMatchedOption(option) && !value.equals(given)) {
            throw new IllegalArgumentException(option + " " + given + " differs from the checkpoint's " + value
                    + "; leave it out to resume the run " + resume + " saved");
        }
        return value;
    }

    private TrainingReport report(
            Backend b,
            Trainer.Settings settings,
            TrainingSession.Trained trained,
            double loadSeconds,
            int warmUpSteps,
            int trainSize) {
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
                trained,
                loadSeconds,
                warmUpSteps);
    }
}
