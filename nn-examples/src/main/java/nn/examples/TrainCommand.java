package nn.examples;

import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.random.RandomGenerator;
import nn.api.Backend;
import nn.api.DType;
import nn.core.data.BatchSampler;
import nn.core.data.Dataset;
import nn.core.data.Subset;
import nn.core.network.MultiLayerNet;
import nn.core.network.Network;
import nn.core.network.WeightInit;
import nn.core.optim.Optimizer;
import nn.core.optim.Optimizers;
import nn.core.train.Trainer;
import nn.core.train.WarmUp;
import nn.mnist.Mnist;
import nn.mnist.MnistSplit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code train}: any of chapter 6's networks on MNIST (the book's MultiLayerNetExtend), with any optimizer. */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description = "Train a multi-layer net on MNIST with chapter 6's techniques: optimizers, weight "
                + "initialisation, weight decay, Dropout and BatchNorm. train-mnist stays the book's chapter 5 run.")
final class TrainCommand implements Callable<Integer> {

    private final Provider<Backend> backend;
    private final MnistSource source;

    @Spec
    CommandSpec spec;

    @Mixin
    BackendOption backendOption;

    @Mixin
    RunOutputOptions output;

    @Mixin
    DataDirOption dataDir;

    @Option(
            names = "--hidden",
            split = ",",
            defaultValue = "100,100,100,100",
            paramLabel = "N,N,...",
            description = "Hidden layer sizes (default: ${DEFAULT-VALUE}: the book's 5-layer net).")
    int[] hidden;

    @Option(names = "--activation", defaultValue = "relu", description = "relu or sigmoid (default: ${DEFAULT-VALUE}).")
    String activation;

    @Option(
            names = "--init",
            defaultValue = "he",
            description = "Weight initialisation: he (relu), xavier (sigmoid), or a standard deviation such as 0.01 "
                    + "(default: ${DEFAULT-VALUE}).")
    String init;

    @Option(
            names = "--optimizer",
            defaultValue = "adam",
            description = "sgd, momentum, nesterov, adagrad, rmsprop or adam (default: ${DEFAULT-VALUE}).")
    String optimizer;

    @Option(
            names = {"--learning-rate", "--lr"},
            description = "Learning rate (default: the book's: 0.001 for adam, 0.01 else).")
    Double learningRate;

    @Option(
            names = "--momentum",
            defaultValue = "0.9",
            description = "Momentum and Nesterov's momentum (default: ${DEFAULT-VALUE}).")
    double momentum;

    @Option(
            names = "--decay-rate",
            defaultValue = "0.99",
            description = "RMSprop's decay rate (default: ${DEFAULT-VALUE}).")
    double decayRate;

    @Option(names = "--beta1", defaultValue = "0.9", description = "Adam's beta1 (default: ${DEFAULT-VALUE}).")
    double beta1;

    @Option(names = "--beta2", defaultValue = "0.999", description = "Adam's beta2 (default: ${DEFAULT-VALUE}).")
    double beta2;

    @Option(
            names = "--weight-decay",
            defaultValue = "0",
            paramLabel = "LAMBDA",
            description = "L2 weight decay λ (default: ${DEFAULT-VALUE}).")
    double weightDecay;

    @Option(
            names = "--dropout",
            defaultValue = "0",
            paramLabel = "RATIO",
            description =
                    "Dropout after each hidden activation with this ratio; 0 for none (default: ${DEFAULT-VALUE}).")
    double dropout;

    @Option(names = "--batchnorm", description = "BatchNorm after each hidden Affine layer.")
    boolean batchNorm;

    @Option(
            names = "--epochs",
            paramLabel = "N",
            description = "Train N epochs (default: 5 unless --iterations is given).")
    Integer epochs;

    @Option(names = "--iterations", paramLabel = "N", description = "Train N optimizer steps instead of whole epochs.")
    Integer iterations;

    @Option(
            names = "--batch-size",
            defaultValue = "100",
            description = "Examples per step (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(
            names = "--train-size",
            paramLabel = "N",
            description = "Train on the first N training images only, as the book's overfitting experiments do.")
    Integer trainSize;

    @Option(
            names = "--dtype",
            defaultValue = "float64",
            converter = DTypeConverter.class,
            paramLabel = "DTYPE",
            description = "float64 or float32 (default: ${DEFAULT-VALUE}).")
    DType dtype;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of all randomness (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--sampling",
            defaultValue = "WITH_REPLACEMENT",
            description = "How batches are drawn: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    BatchSampler.Mode sampling;

    @Inject
    TrainCommand(Provider<Backend> backend, MnistSource source) {
        this.backend = backend;
        this.source = source;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        // Everything that can be checked is checked before any data is read.
        if (epochs != null && iterations != null) {
            throw new IllegalArgumentException("--epochs and --iterations exclude each other; give one");
        }
        if (iterations != null) {
            TrainingSession.requirePositive("--iterations", iterations);
            TrainingSession.requireAtMost("--iterations", iterations, Trainer.Settings.MAX_ITERATIONS);
        }
        if (epochs != null) {
            TrainingSession.requirePositive("--epochs", epochs);
        }
        TrainingSession.requirePositive("--batch-size", batchSize);
        for (int size : hidden) {
            TrainingSession.requirePositive("--hidden", size);
        }
        MultiLayerNet.Activation act =
                TrainingSession.option("--activation", () -> MultiLayerNet.Activation.parse(activation));
        WeightInit weightInit = TrainingSession.option("--init", () -> WeightInit.parse(init));
        Optimizer opt = TrainingSession.option(
                "--optimizer", () -> Optimizers.create(optimizer, learningRate, momentum, decayRate, beta1, beta2));
        double lr = learningRate == null ? Optimizers.defaultLearningRate(optimizer) : learningRate;
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new IllegalArgumentException("--weight-decay must be a number ≥ 0, not " + weightDecay);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("--dropout must be in [0, 1), not " + dropout);
        }
        output.checkFiles();
        Backend b = backend.get();
        boolean progress = output.progress();
        WarmUp warmUp = TrainingSession.startWarmUp(
                !output.noWarmUp,
                b,
                dtype,
                () -> network(b, Mnist.PIXELS, act, weightInit, new SplittableRandom(0)),
                () -> Optimizers.create(optimizer, learningRate, momentum, decayRate, beta1, beta2));
        MnistSource.Loaded loaded;
        try (warmUp) {
            loaded = source.load(dataDir, out, progress);
        }
        Mnist mnist = loaded.mnist();
        if (trainSize != null) {
            TrainingSession.requirePositive("--train-size", trainSize);
            TrainingSession.requireAtMost(
                    "--train-size", trainSize, mnist.train().size());
        }
        Dataset train = trainSize == null ? mnist.train() : new Subset(mnist.train(), trainSize);
        TrainingSession.requireAtMost("--batch-size", batchSize, train.size());
        int iterationsPerEpoch = Math.max(train.size() / batchSize, 1);
        Trainer.Settings settings = (iterations != null
                        ? new Trainer.Settings(iterations, batchSize, iterationsPerEpoch, sampling)
                        : TrainingSession.option(
                                "--epochs",
                                () -> Trainer.Settings.ofEpochs(
                                        epochs == null ? 5 : epochs, batchSize, iterationsPerEpoch, sampling)))
                .withStopWhenNotLearning(!output.noDivergenceCheck);

        SplittableRandom root = new SplittableRandom(seed);
        Network net = network(b, train.featureCount(), act, weightInit, root.split());
        String description = describe(act, weightInit);
        out.printf(
                Locale.ROOT,
                "training %s in %s on %s with %s (lr %s): %d iterations, batch %d, %d training images, " + "seed %d%n",
                description,
                dtype,
                b.description(),
                optimizer.toLowerCase(Locale.ROOT),
                lr,
                settings.iterations(),
                batchSize,
                train.size(),
                seed);
        out.flush();
        TrainingSession.Trained trained = TrainingSession.train(
                b, net, opt, train, mnist.test(), settings, root.split(), out, progress, 0, iteration -> {});
        TrainingReport r = TrainingSession.report(
                b,
                new TrainingReport.Settings(
                        description,
                        optimizer.toLowerCase(Locale.ROOT),
                        lr,
                        settings.iterations(),
                        batchSize,
                        seed,
                        sampling.name().toLowerCase(Locale.ROOT),
                        iterationsPerEpoch,
                        train.size(),
                        b.threads(),
                        dtype.label()),
                trained,
                loaded.loadSeconds(),
                warmUp.steps());
        TrainingSession.finish(out, b, r, trained.result(), output.printConfusion, output.report, output.plot);
        return 0;
    }

    /** The network these options describe, with its weights drawn from {@code random}. */
    private Network network(
            Backend b, int features, MultiLayerNet.Activation act, WeightInit weightInit, RandomGenerator random) {
        return MultiLayerNet.builder(b, features, MnistSplit.CLASSES)
                .hidden(hidden)
                .activation(act)
                .init(weightInit)
                .weightDecay(weightDecay)
                .dropout(dropout)
                .batchNorm(batchNorm)
                .dtype(dtype)
                .random(random)
                .build();
    }

    private String describe(MultiLayerNet.Activation act, WeightInit weightInit) {
        StringBuilder s = new StringBuilder("MultiLayerNet(784, " + Arrays.toString(hidden) + ", 10, "
                + act.name().toLowerCase(Locale.ROOT) + ", init " + weightInit);
        if (batchNorm) {
            s.append(", batchnorm");
        }
        if (dropout > 0) {
            s.append(", dropout ").append(dropout);
        }
        if (weightDecay > 0) {
            s.append(", weight decay ").append(weightDecay);
        }
        return s.append(')').toString();
    }
}
