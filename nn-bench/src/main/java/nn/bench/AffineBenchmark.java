package nn.bench;

import java.util.SplittableRandom;
import nn.api.Backend;
import nn.api.Tensor;
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

    @Setup
    public void setUp(BackendState state) {
        Backend backend = state.get();
        SplittableRandom random = new SplittableRandom(1);
        affine = Affine.initialized(backend, 784, 50, 0.01, random);
        x = backend.randomNormal(random, 1, 100, 784);
        dout = backend.randomNormal(random, 1, 100, 50);
        affine.forward(x);
    }

    @Benchmark
    public Tensor forward() {
        return affine.forward(x);
    }

    @Benchmark
    public Tensor backward() {
        return affine.backward(dout);
    }
}
