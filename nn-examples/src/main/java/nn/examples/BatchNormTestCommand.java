package nn.examples;

import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.io.PrintWriter;
import java.util.ArrayList;
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
import nn.core.network.WeightInit;
import nn.core.optim.Optimizer;
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
 * {@code batch-norm-test}: the book's {@code batch_norm_test.py}. For 16 weight scales from 1 down to 1e-4, a
 * 6-layer net with BatchNorm and one without are trained side by side (SGD, lr 0.01) on the first 1,000 training
 * images; their training accuracy after every epoch is printed and drawn.
 */
@Command(
        name = "batch-norm-test",
        mixinStandardHelpOptions = true,
        description = "BatchNorm against none at 16 weight scales (1 to 1e-4), on 1,000 MNIST images, as "
                + "batch_norm_test.py.")
final class BatchNormTestCommand implements Callable<Integer> {

    private final Provider<Backend> backend;
    private final MnistSource source;

    @Spec
    CommandSpec spec;

    @Mixin
    BackendOption backendOption;

    @Mixin
    DataDirOption dataDir;

    @Option(names = "--epochs", defaultValue = "20", description = "Epochs per scale (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(
            names = "--scales",
            defaultValue = "16",
            description = "How many weight scales from 1 to 1e-4 (default: ${DEFAULT-VALUE}).")
    int scales;

    @Option(names = "--train-size", defaultValue = "1000", description = "Training images (default: ${DEFAULT-VALUE}).")
    int trainSize;

    @Mixin
    ExperimentOptions options;

    @Inject
    BatchNormTestCommand(Provider<Backend> backend, MnistSource source) {
        this.backend = backend;
        this.source = source;
    }

    @Override
    public Integer call() throws Exception {
        TrainingSession.requirePositive("--epochs", epochs);
        TrainingSession.requirePositive("--scales", scales);
        PrintWriter out = spec.commandLine().getOut();
        Backend b = backend.get();
        OutputFiles.check("--plot", options.plot);
        Mnist mnist = source.load(dataDir, out).mnist();
        Dataset train = new Subset(mnist.train(), trainSize);
        int batchSize = 100;
        int perEpoch = Math.max(train.size() / batchSize, 1);
        Evaluator evaluator = new Evaluator(b, Evaluator.DEFAULT_CHUNK);
        SplittableRandom root = new SplittableRandom(options.seed);
        List<XYChart> charts = new ArrayList<>();
        out.printf(
                Locale.ROOT,
                "6-layer nets (5 × 100 ReLU) with and without BatchNorm, SGD lr 0.01, %d images, %d epochs, "
                        + "%s on %s%n",
                train.size(),
                epochs,
                options.dtype,
                b.description());
        out.println("weight scale | train accuracy with BatchNorm | without (after the last epoch)");
        for (int s = 0; s < scales; s++) {
            // np.logspace(0, -4, num=16)
            double scale = Math.pow(10, scales == 1 ? 0 : -4.0 * s / (scales - 1));
            List<Network> nets = new ArrayList<>();
            for (boolean bn : new boolean[] {true, false}) {
                nets.add(MultiLayerNet.builder(b, train.featureCount(), MnistSplit.CLASSES)
                        .hidden(100, 100, 100, 100, 100)
                        .init(WeightInit.std(scale))
                        .batchNorm(bn)
                        .dtype(options.dtype)
                        .random(root.split())
                        .build());
            }
            List<Optimizer> optimizers = List.of(new Sgd(0.01), new Sgd(0.01));
            double[][] accuracy = new double[2][epochs];
            Experiments.trainTogether(
                    b,
                    options.dtype,
                    nets,
                    optimizers,
                    train,
                    batchSize,
                    epochs * perEpoch,
                    root.split(),
                    (step, losses, index) -> {
                        if (step % perEpoch == 0) {
                            for (int n = 0; n < 2; n++) {
                                accuracy[n][step / perEpoch - 1] = evaluator.accuracy(nets.get(n), train);
                            }
                        }
                    });
            out.printf(
                    Locale.ROOT, "%12.2e | %29.4f | %.4f%n", scale, accuracy[0][epochs - 1], accuracy[1][epochs - 1]);
            out.flush();
            XYChart chart = new XYChartBuilder()
                    .width(300)
                    .height(220)
                    .title(String.format(Locale.ROOT, "W: %.2e", scale))
                    .build();
            XYSeries with = chart.addSeries("BatchNorm", Experiments.steps(epochs), accuracy[0]);
            with.setMarker(SeriesMarkers.NONE);
            XYSeries without = chart.addSeries("normal", Experiments.steps(epochs), accuracy[1]);
            without.setMarker(SeriesMarkers.NONE);
            chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0).setLegendVisible(s == scales - 1);
            charts.add(chart);
        }
        if (options.plot != null) {
            int columns = (int) Math.ceil(Math.sqrt(charts.size()));
            Experiments.writePng(options.plot, charts, (charts.size() + columns - 1) / columns, columns);
            out.println("plot written to " + options.plot);
            out.flush();
        }
        return 0;
    }
}
