package nn.examples;

import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import nn.api.Backend;
import nn.core.network.MultiLayerNet;
import nn.core.network.Network;
import nn.core.network.WeightInit;
import nn.core.optim.AdaGrad;
import nn.core.optim.Adam;
import nn.core.optim.Momentum;
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
 * {@code optimizer-compare-mnist} and, with {@link WeightInitCompareCommand}, {@code weight-init-compare}: several
 * 5-layer, 100-unit ReLU nets trained side by side on the same MNIST batches, the loss of each printed every 100
 * steps and drawn smoothed, as the book's {@code optimizer_compare_mnist.py} and {@code weight_init_compare.py}.
 */
@Command(
        name = "optimizer-compare-mnist",
        mixinStandardHelpOptions = true,
        description = "SGD, Momentum, AdaGrad and Adam (the book's defaults) on 5-layer 100-unit ReLU nets with He "
                + "initialisation, on the same MNIST batches, as optimizer_compare_mnist.py.")
class OptimizerCompareMnistCommand implements Callable<Integer> {

    private final Provider<Backend> backend;
    private final MnistSource source;

    @Spec
    CommandSpec spec;

    @Mixin
    BackendOption backendOption;

    @Mixin
    DataDirOption dataDir;

    @Option(
            names = "--iterations",
            defaultValue = "2000",
            description = "Steps (default: ${DEFAULT-VALUE}, as the book).")
    int iterations;

    @Option(
            names = "--batch-size",
            defaultValue = "128",
            description = "Examples per step (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Mixin
    ExperimentOptions options;

    @Inject
    OptimizerCompareMnistCommand(Provider<Backend> backend, MnistSource source) {
        this.backend = backend;
        this.source = source;
    }

    /** The contestants: a name, a weight initialisation and an optimizer for each net. */
    record Contestant(String name, WeightInit init, Supplier<Optimizer> optimizer) {}

    List<Contestant> contestants() {
        return List.of(
                new Contestant("SGD", WeightInit.HE, () -> new Sgd(0.01)),
                new Contestant("Momentum", WeightInit.HE, Momentum::new),
                new Contestant("AdaGrad", WeightInit.HE, AdaGrad::new),
                new Contestant("Adam", WeightInit.HE, Adam::new));
    }

    String title() {
        return "Optimizers on MNIST (5-layer, 100 units, ReLU)";
    }

    @Override
    public Integer call() throws Exception {
        TrainingSession.requirePositive("--iterations", iterations);
        TrainingSession.requirePositive("--batch-size", batchSize);
        PrintWriter out = spec.commandLine().getOut();
        Backend b = backend.get();
        OutputFiles.check("--plot", options.plot);
        Mnist mnist = source.load(dataDir, out).mnist();
        SplittableRandom root = new SplittableRandom(options.seed);
        List<Contestant> contestants = contestants();
        List<Network> nets = new ArrayList<>();
        List<Optimizer> optimizers = new ArrayList<>();
        for (Contestant c : contestants) {
            nets.add(MultiLayerNet.builder(b, mnist.train().featureCount(), MnistSplit.CLASSES)
                    .hidden(100, 100, 100, 100)
                    .init(c.init())
                    .dtype(options.dtype)
                    .random(root.split())
                    .build());
            optimizers.add(c.optimizer().get());
        }
        out.printf(
                Locale.ROOT,
                "%s: %d iterations, batch %d, %s on %s%n",
                title(),
                iterations,
                batchSize,
                options.dtype,
                b.description());
        double[][] losses = Experiments.trainTogether(
                b,
                options.dtype,
                nets,
                optimizers,
                mnist.train(),
                batchSize,
                iterations,
                root.split(),
                (step, all, index) -> {
                    if (step % 100 == 0 || step == 1) {
                        out.printf(Locale.ROOT, "===== iteration: %d =====%n", step);
                        for (int n = 0; n < all.length; n++) {
                            out.printf(
                                    Locale.ROOT,
                                    "%s: %.6f%n",
                                    contestants.get(n).name(),
                                    all[n][index]);
                        }
                        out.flush();
                    }
                });
        Map<String, double[]> finalLosses = new LinkedHashMap<>();
        for (int n = 0; n < contestants.size(); n++) {
            double[] smoothed = Experiments.smooth(losses[n]);
            finalLosses.put(contestants.get(n).name(), smoothed);
        }
        out.print("smoothed loss at the end:");
        finalLosses.forEach((name, curve) -> out.printf(Locale.ROOT, " %s %.4f", name, curve[curve.length - 1]));
        out.println();
        out.flush();
        if (options.plot != null) {
            XYChart chart = new XYChartBuilder()
                    .width(800)
                    .height(500)
                    .title(title())
                    .xAxisTitle("iterations")
                    .yAxisTitle("loss")
                    .build();
            for (Map.Entry<String, double[]> e : finalLosses.entrySet()) {
                XYSeries s = chart.addSeries(e.getKey(), Experiments.steps(e.getValue().length), e.getValue());
                s.setMarker(SeriesMarkers.NONE);
            }
            chart.getStyler().setYAxisMin(0.0).setYAxisMax(weightInitScale());
            Experiments.writePng(options.plot, List.of(chart), 1, 1);
            out.println("plot written to " + options.plot);
            out.flush();
        }
        return 0;
    }

    /** The book draws the optimizer losses up to 1 and the initialisation losses up to 2.5. */
    double weightInitScale() {
        return 1.0;
    }
}
