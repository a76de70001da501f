package nn.bench;

import java.util.SplittableRandom;
import nn.api.Backend;
import nn.api.DType;
import nn.api.Tensor;
import nn.api.Workspace;
import nn.core.network.MultiLayerNet;
import nn.core.network.Network;
import nn.core.optim.Adam;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * One training step of chapter 6's 5-layer net (784 → 4 × 100 ReLU → 10, He initialisation, Adam) at batch 100,
 * plain or with BatchNorm and Dropout 0.2 after every hidden layer: forward, loss, backward, update.
 */
public class DeepNetStepBenchmark extends NnBenchmark {

    /** {@code plain} or {@code batchnorm+dropout}. */
    @Param({"plain", "batchnorm+dropout"})
    public String variant;

    private Network net;
    private Adam adam;
    private Tensor x;
    private Tensor t;
    private Workspace workspace;

    @Setup
    public void setUp(BackendState state) {
        Backend backend = state.get();
        DType dtype = state.dtype();
        workspace = state.workspace;
        SplittableRandom random = new SplittableRandom(1);
        boolean extended = variant.equals("batchnorm+dropout");
        net = MultiLayerNet.builder(backend, 784, 10)
                .hidden(100, 100, 100, 100)
                .batchNorm(extended)
                .dropout(extended ? 0.2 : 0)
                .dtype(dtype)
                .random(random)
                .build();
        adam = new Adam();
        x = backend.randomNormal(random, 1, dtype, 100, 784).abs();
        t = backend.of(dtype, random.ints(100, 0, 10).asDoubleStream().toArray(), 100);
    }

    @SuppressWarnings("try") // the workspace scope frames the step; its body need not name it
    @Benchmark
    public double step() {
        try (Workspace.Scope scope = workspace.open()) {
            double loss = net.gradient(x, t);
            adam.update(net.parameters().values());
            return loss;
        }
    }
}
