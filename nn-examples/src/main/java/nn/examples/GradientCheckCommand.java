package nn.examples;

import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.io.PrintWriter;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import nn.api.Backend;
import nn.api.Tensor;
import nn.core.gradient.GradientCheck;
import nn.core.network.Network;
import nn.core.network.TwoLayerNet;
import nn.mnist.Mnist;
import nn.mnist.MnistSplit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gradient-check}: the book's check of backprop against numerical gradients on 3 MNIST images. */
@Command(
        name = "gradient-check",
        mixinStandardHelpOptions = true,
        description =
                "Compare backprop and numerical gradients of TwoLayerNet(784, 50, 10) on the first 3 "
                        + "training images, as the book's gradient_check.py does. Exits 1 if any mean difference is 1e-6 or more.")
final class GradientCheckCommand implements Callable<Integer> {

    /** The largest mean difference that passes. */
    static final double TOLERANCE = 1e-6;

    private final Provider<Backend> backend;
    private final MnistSource source;

    @Spec
    CommandSpec spec;

    @Mixin
    BackendOption backendOption;

    @Mixin
    DataDirOption dataDir;

    @Option(
            names = "--seed",
            defaultValue = "42",
            description = "Seed of the initial weights (default: ${DEFAULT-VALUE}).")
    long seed;

    @Inject
    GradientCheckCommand(Provider<Backend> backend, MnistSource source) {
        this.backend = backend;
        this.source = source;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Backend b = backend.get();
        Mnist mnist = source.load(dataDir, out).mnist();
        MnistSplit train = mnist.train();
        int batch = 3;
        Tensor x = b.zeros(batch, train.featureCount());
        Tensor labels = b.zeros(batch);
        train.batch(new int[] {0, 1, 2}, batch, x, labels);
        // One-hot targets, as the book's gradient_check.py loads them.
        Tensor oneHot = b.zeros(batch, MnistSplit.CLASSES);
        for (int i = 0; i < batch; i++) {
            oneHot.set(1.0, i, train.label(i));
        }
        Network net = TwoLayerNet.create(b, train.featureCount(), 50, MnistSplit.CLASSES, new SplittableRandom(seed));
        GradientCheck.Report report = GradientCheck.network(net, x, oneHot);
        boolean pass = true;
        for (GradientCheck.Entry e : report.entries()) {
            out.println(e.name() + ":" + e.meanAbsDiff()
                    + (e.kinks() == 0 ? "" : "  (" + e.kinks() + " elements at a ReLU kink left out)"));
            pass &= e.meanAbsDiff() < TOLERANCE;
        }
        out.println(
                pass
                        ? "OK: every mean difference is below " + TOLERANCE
                        : "FAILED: a mean difference is " + TOLERANCE + " or more");
        out.flush();
        return pass ? 0 : 1;
    }
}
