package nn.bench;

import java.util.SplittableRandom;
import nn.api.Backend;
import nn.api.Tensor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/** {@code [m, k] · [k, n]} at the shapes of the book's MNIST net; 2·m·k·n flops each. */
public class MatmulBenchmark extends NnBenchmark {

    /** m x k x n */
    @Param({"100x784x50", "784x100x50", "100x50x10", "100x10x50"})
    public String shape;

    private Tensor a;
    private Tensor b;
    private Tensor out;

    @Setup
    public void setUp(BackendState state) {
        Backend backend = state.get();
        String[] mkn = shape.split("x", -1);
        int m = Integer.parseInt(mkn[0]);
        int k = Integer.parseInt(mkn[1]);
        int n = Integer.parseInt(mkn[2]);
        SplittableRandom random = new SplittableRandom(1);
        a = backend.randomNormal(random, 1, state.dtype(), m, k);
        b = backend.randomNormal(random, 1, state.dtype(), k, n);
        out = backend.zeros(state.dtype(), m, n);
    }

    @Benchmark
    public Tensor matmul() {
        return a.matmul(b, out);
    }
}
