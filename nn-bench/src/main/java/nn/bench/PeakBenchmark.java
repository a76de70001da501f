package nn.bench;

import nn.simd.FmaPeak;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;

/**
 * The machine's FMA peak on one core, as Java reaches it ({@link FmaPeak}: 12 independent chains of vector FMAs, no
 * memory traffic). Each operation is {@link #LANE_FMAS} multiply-adds whatever the vector width, so its flops are
 * known without it. {@link BenchMain} takes the float64 result, when this runs, as the peak of the share column.
 */
public class PeakBenchmark extends NnBenchmark {

    /** Multiply-adds per operation, counted in lanes. */
    static final int LANE_FMAS = 1 << 22;

    @Param({"float64", "float32"})
    public String dtype;

    @Benchmark
    public double fma() {
        return FmaPeak.run("float32".equals(dtype), LANE_FMAS);
    }
}
