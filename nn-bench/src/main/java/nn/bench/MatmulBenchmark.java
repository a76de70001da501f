package nn.bench;

import java.util.SplittableRandom;
import nn.api.Backend;
import nn.api.Tensor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * The three products of a dense layer at the shapes of the book's MNIST net and of a 5-layer 100-unit net, each
 * {@code [m, n]} from a reduction over {@code k}: {@code matmul} {@code [m,k]·[k,n]} (x·W), {@code transposeMatmul}
 * {@code [k,m]ᵀ·[k,n]} (xᵀ·dout), {@code matmulTranspose} {@code [m,k]·[n,k]ᵀ} (dout·Wᵀ); 2·m·k·n flops each.
 */
public class MatmulBenchmark extends NnBenchmark {

    /** m x k x n: the MNIST step's products, then the 5-layer net's. */
    @Param({
        "100x784x50",
        "784x100x50",
        "100x50x784",
        "100x50x10",
        "50x100x10",
        "100x10x50",
        "100x784x100",
        "100x100x100",
        "100x100x10"
    })
    public String shape;

    /** Which of the three products. */
    @Param({"matmul"})
    public String product;

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
        switch (product) {
            case "matmul" -> {
                a = backend.randomNormal(random, 1, state.dtype(), m, k);
                b = backend.randomNormal(random, 1, state.dtype(), k, n);
            }
            case "transposeMatmul" -> {
                a = backend.randomNormal(random, 1, state.dtype(), k, m);
                b = backend.randomNormal(random, 1, state.dtype(), k, n);
            }
            case "matmulTranspose" -> {
                a = backend.randomNormal(random, 1, state.dtype(), m, k);
                b = backend.randomNormal(random, 1, state.dtype(), n, k);
            }
            default ->
                throw new IllegalArgumentException(
                        "product is matmul, transposeMatmul or matmulTranspose, not " + product);
        }
        out = backend.zeros(state.dtype(), m, n);
    }

    @Benchmark
    public Tensor matmul() {
        return switch (product) {
            case "transposeMatmul" -> a.transposeMatmul(b, out);
            case "matmulTranspose" -> a.matmulTranspose(b, out);
            default -> a.matmul(b, out);
        };
    }
}
