package nn.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import nn.api.Backend;
import nn.api.Tensor;
import nn.core.layers.Affine;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The first Affine layer of the MNIST net (batch 100, 784 → 50): forward is {@code x·W + b}; backward is
 * {@code dW = xᵀ·dout}, {@code db}, and {@code dx = dout·Wᵀ} — 3 products of 2·100·784·50 flops in all.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class AffineBenchmark {

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
