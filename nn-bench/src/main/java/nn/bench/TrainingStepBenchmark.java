package nn.bench;

import java.util.SplittableRandom;
import nn.api.Backend;
import nn.api.DType;
import nn.api.Tensor;
import nn.api.Workspace;
import nn.core.network.Network;
import nn.core.network.TwoLayerNet;
import nn.core.optim.Sgd;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * One training step of the book's 784-50-10 net at batch 100: forward, loss, backward, SGD update. The
 * input layer's dx is skipped, as in training. Steps cycle through {@value #BATCHES} batches (5,000 images).
 */
public class TrainingStepBenchmark extends NnBenchmark {

    /** The input: real MNIST images (mostly zeros), or uniform random pixels (none). */
    @Param({"mnist", "uniform"})
    public String pixels;

    /**
     * How the batches are written: row by row from lists of their non-zeros, as MNIST's data set writes them
     * ({@link Tensor#assignSparseRow}: the products can find the zeros in the lists), or as whole dense arrays.
     */
    @Param({"sparse", "dense"})
    public String rows;

    private Network net;
    private Sgd sgd;
    /** Batches the steps cycle through: new data every step, as in training, so no branch learns one batch. */
    static final int BATCHES = 50;

    private Tensor[] xs;
    private int next;
    private Tensor t;
    private Workspace workspace;

    @Setup
    public void setUp(BackendState state) {
        Backend backend = state.get();
        SplittableRandom random = new SplittableRandom(1);
        DType dtype = state.dtype();
        workspace = state.workspace;
        net = TwoLayerNet.create(backend, dtype, 784, 50, 10, random);
        sgd = new Sgd(0.1);
        double[] images = Pixels.of(pixels, 100 * BATCHES, random);
        double[] labels = new double[100];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = random.nextInt(10);
        }
        xs = new Tensor[BATCHES];
        for (int b = 0; b < BATCHES; b++) {
            double[] batch = java.util.Arrays.copyOfRange(images, b * 100 * 784, (b + 1) * 100 * 784);
            xs[b] = switch (rows) {
                case "sparse" -> Pixels.sparseRows(backend, dtype, batch, 100, 784);
                case "dense" -> backend.of(dtype, batch, 100, 784);
                default -> throw new IllegalArgumentException("-p rows=" + rows + ": use sparse or dense");
            };
        }
        t = backend.of(dtype, labels, 100);
    }

    @SuppressWarnings("try") // the workspace scope frames the step; its body need not name it
    @Benchmark
    public double step() {
        try (Workspace.Scope scope = workspace.open()) {
            Tensor x = xs[next];
            next = (next + 1) % BATCHES;
            double loss = net.gradient(x, t);
            sgd.update(net.parameters().values());
            return loss;
        }
    }
}
