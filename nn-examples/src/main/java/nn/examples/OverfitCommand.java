package nn.examples;

import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import nn.api.Backend;
import nn.core.data.Dataset;
import nn.core.data.Subset;
import nn.core.metrics.Evaluator;
import nn.core.network.MultiLayerNet;
import nn.core.network.Network;
import nn.core.optim.Sgd;
import nn.mnist.Mnist;
import nn.mnist.MnistSplit;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code overfit}: the book's {@code overfit_weight_decay.py} and {@code overfit_dropout.py}. A 7-layer, 100-unit
 * ReLU net trained on 300 images overfits (training accuracy near 1, test far below); weight decay (λ 0.1) or
 * Dropout (0.2) narrow the gap. Train and test accuracy are printed after every epoch and drawn.
 */
@Command(
        name = "overfit",
        mixinStandardHelpOptions = true,
        description = "Overfitting on 300 MNIST images with none, weight decay or Dropout, as overfit_weight_decay.py "
                + "and overfit_dropout.py.")
final class OverfitCommand implements Callable<Integer> {

    private final Provider<Backend> backend;
    private final MnistSource source;

    @Spec
    CommandSpec spec;

    @Mixin
    BackendOption backendOption;

    @Mixin
    DataDirOption dataDir;

    @Option(
            names = "--regularization",
            defaultValue = "weight-decay",
            description = "none, weight-decay or dropout (default: ${DEFAULT-VALUE}).")
    String regularization;

    @Option(
            names = "--weight-decay",
            defaultValue = "0.1",
            paramLabel = "LAMBDA",
            description = "λ for --regularization weight-decay (default: ${DEFAULT-VALUE}, the book's).")
    double weightDecay;

    @Option(
            names = "--dropout",
            defaultValue = "0.2",
            paramLabel = "RATIO",
            description = "Ratio for --regularization dropout (default: ${DEFAULT-VALUE}, the book's).")
    double dropout;

    @Option(
            names = "--epochs",
            defaultValue = "201",
            description = "Epochs (default: ${DEFAULT-VALUE}; the book's dropout run has 301).")
    int epochs;

    @Option(names = "--train-size", defaultValue = "300", description = "Training images (default: ${DEFAULT-VALUE}).")
    int trainSize;

    @Mixin
    ExperimentOptions options;

    @Inject
    OverfitCommand(Provider<Backend> backend, MnistSource source) {
        this.backend = backend;
        this.source = source;
    }

    @Override
    public Integer call() throws Exception {
        String mode = regularization.trim().toLowerCase(Locale.ROOT);
        if (!List.of("none", "weight-decay", "dropout").contains(mode)) {
            throw new IllegalArgumentException(
                    "Unknown --regularization '" + regularization + "'; use none, weight-decay or dropout");
        }
        TrainingSession.requirePositive("--epochs", epochs);
        PrintWriter out = spec.commandLine().getOut();
        Backend b = backend.get();
        OutputFiles.check("--plot", options.plot);
        Mnist mnist = source.load(dataDir, out).mnist();
        Dataset train = new Subset(mnist.train(), trainSize);
        int batchSize = 100;
        int perEpoch = Math.max(train.size() / batchSize, 1);
        SplittableRandom root = new SplittableRandom(options.seed);
        Network net = MultiLayerNet.builder(b, train.featureCount(), MnistSplit.CLASSES)
                .hidden(100, 100, 100, 100, 100, 100)
                .weightDecay(mode.equals("weight-decay") ? weightDecay : 0)
                .dropout(mode.equals("dropout") ? dropout : 0)
                .dtype(options.dtype)
                .random(root.split())
                .build();
        Evaluator evaluator = new Evaluator(b, Evaluator.DEFAULT_CHUNK);
        double[] trainAccuracy = new double[epochs];
        double[] testAccuracy = new double[epochs];
        out.printf(
                Locale.ROOT,
                "7-layer net (6 × 100 ReLU), %s, SGD lr 0.01, %d images, %d epochs, %s on %s%n",
                mode.equals("none")
                        ? "no regularization"
                        : mode.equals("weight-decay") ? "weight decay λ " + weightDecay : "dropout " + dropout,
                train.size(),
                epochs,
                options.dtype,
                b.description());
        Experiments.trainTogether(
                b,
                options.dtype,
                List.of(net),
                List.of(new Sgd(0.01)),
                train,
                batchSize,
                epochs * perEpoch,
                root.split(),
                (step, losses, index) -> {
                    if (step % perEpoch == 0) {
                        int epoch = step / perEpoch;
                        trainAccuracy[epoch - 1] = evaluator.accuracy(net, train);
                        testAccuracy[epoch - 1] = evaluator.accuracy(net, mnist.test());
                        out.printf(
                                Locale.ROOT,
                                "epoch: %d, train acc: %.4f, test acc: %.4f%n",
                                epoch,
                                trainAccuracy[epoch - 1],
                                testAccuracy[epoch - 1]);
                        out.flush();
                    }
                });
        out.printf(
                Locale.ROOT,
                "final gap (train − test accuracy): %.4f%n",
                trainAccuracy[epochs - 1] - testAccuracy[epochs - 1]);
        out.flush();
        if (options.plot != null) {
            XYChart chart = new XYChartBuilder()
                    .width(640)
                    .height(420)
                    .title("Overfitting: " + mode)
                    .xAxisTitle("epochs")
                    .yAxisTitle("accuracy")
                    .build();
            XYSeries trainSeries = chart.addSeries("train", Experiments.steps(epochs), trainAccuracy);
            trainSeries.setMarker(SeriesMarkers.NONE);
            XYSeries testSeries = chart.addSeries("test", Experiments.steps(epochs), testAccuracy);
            testSeries.setMarker(SeriesMarkers.NONE);
            chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
            Experiments.writePng(options.plot, List.of(chart), 1, 1);
            out.println("plot written to " + options.plot);
            out.flush();
        }
        return 0;
    }
}
