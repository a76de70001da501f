package nn.bench;

import java.util.SplittableRandom;
import nn.api.Backend;
import nn.api.DType;
import nn.api.Tensor;
import nn.api.Workspace;
import nn.core.network.Network;
import nn.core.network.TwoLayerNet;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * Evaluation throughput: the forward pass (prediction only) of the book's 784-50-10 net over a chunk of 1,000
 * images, its products split across the threads (as the evaluator ran it before its threads took chunks of their
 * own: {@link EvaluatorBenchmark} measures that).
 */
public class EvaluationBenchmark extends NnBenchmark {

    static final int CHUNK = 1000;

    /** The input: real MNIST images (mostly zeros), or uniform random pixels (none). */
    @Param({"mnist", "uniform"})
    public String pixels;

    private Network net;
    private Tensor x;
    private Workspace workspace;

    @Setup
    public void setUp(BackendState state) {
        Backend backend = state.get();
        DType dtype = state.dtype();
        SplittableRandom random = new SplittableRandom(1);
        workspace = state.workspace;
        net = TwoLayerNet.create(backend, dtype, 784, 50, 10, random);
        double[] images = Pixels.of(pixels, CHUNK, random);
        x = backend.of(dtype, images, CHUNK, 784);
    }

    @SuppressWarnings("try") // the workspace scope frames the chunk; its body need not name it
    @Benchmark
    public int predict() {
        try (Workspace.Scope scope = workspace.open()) {
            return net.predict(x).argmax(1)[0];
        }
    }
}
