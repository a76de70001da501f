package nn.bench;

import java.util.SplittableRandom;
import nn.api.Backend;
import nn.api.DType;
import nn.api.Tensor;
import nn.api.Workspace;
import nn.core.layers.Affine;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

/**
 * The first Affine layer of the MNIST net (batch 100, 784 → 50): forward is {@code x·W + b}; backward is
 * {@code dW = xᵀ·dout}, {@code db}, and {@code dx = dout·Wᵀ} — 3 products of 2·100·784·50 flops in all.
 */
public class AffineBenchmark extends NnBenchmark {

    private Affine affine;
    private Tensor x;
    private Tensor dout;
    private Workspace workspace;

    @Setup
    public void setUp(BackendState state) {
        Backend backend = state.get();
        SplittableRandom random = new SplittableRandom(1);
        DType dtype = state.dtype();
        workspace = state.workspace;
        affine = Affine.initialized(backend, dtype, 784, 50, 0.01, random);
        x = backend.randomNormal(random, 1, dtype, 100, 784);
        dout = backend.randomNormal(random, 1, dtype, 100, 50);
        affine.forward(x);
    }

    @SuppressWarnings("try") // the workspace scope frames the step; its body need not name it
    @Benchmark
    public Tensor forward() {
        try (Workspace.Scope scope = workspace.open()) {
            return affine.forward(x);
        }
    }

    @SuppressWarnings("try") // the workspace scope frames the step; its body need not name it
    @Benchmark
    public Tensor backward() {
        try (Workspace.Scope scope = workspace.open()) {
            return affine.backward(dout);
        }
    }
}
