package nn.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * A probe of the machine's FMA peak on one core, as Java reaches it: 12 independent chains of fused multiply-adds
 * on the widest vectors, with no memory traffic. nn-bench's PeakBenchmark times it, so that benchmarks report
 * their share of the peak measured rather than one taken from a data sheet.
 */
public final class FmaPeak {

    private FmaPeak() {}

    /**
     * Runs about {@code laneFmas} multiply-adds (counted in lanes) in {@code float32} or {@code float64} and returns
     * their sum, which a caller must use so that the work is not removed.
     */
    public static double run(boolean float32, int laneFmas) {
        return float32 ? floats(laneFmas) : doubles(laneFmas);
    }

    private static double doubles(int laneFmas) {
        var s = DoubleVector.SPECIES_PREFERRED;
        DoubleVector x = DoubleVector.broadcast(s, 0.999_999);
        DoubleVector y = DoubleVector.broadcast(s, 1e-9);
        DoubleVector a0 = x, a1 = y, a2 = x, a3 = y, a4 = x, a5 = y;
        DoubleVector a6 = x, a7 = y, a8 = x, a9 = y, a10 = x, a11 = y;
        for (int i = laneFmas / (12 * s.length()); i > 0; i--) {
            a0 = a0.fma(x, y);
            a1 = a1.fma(x, y);
            a2 = a2.fma(x, y);
            a3 = a3.fma(x, y);
            a4 = a4.fma(x, y);
            a5 = a5.fma(x, y);
            a6 = a6.fma(x, y);
            a7 = a7.fma(x, y);
            a8 = a8.fma(x, y);
            a9 = a9.fma(x, y);
            a10 = a10.fma(x, y);
            a11 = a11.fma(x, y);
        }
        return a0.add(a1)
                .add(a2)
                .add(a3)
                .add(a4)
                .add(a5)
                .add(a6)
                .add(a7)
                .add(a8)
                .add(a9)
                .add(a10)
                .add(a11)
                .reduceLanes(VectorOperators.ADD);
    }

    private static double floats(int laneFmas) {
        var s = FloatVector.SPECIES_PREFERRED;
        FloatVector x = FloatVector.broadcast(s, 0.999_9f);
        FloatVector y = FloatVector.broadcast(s, 1e-9f);
        FloatVector a0 = x, a1 = y, a2 = x, a3 = y, a4 = x, a5 = y;
        FloatVector a6 = x, a7 = y, a8 = x, a9 = y, a10 = x, a11 = y;
        for (int i = laneFmas / (12 * s.length()); i > 0; i--) {
            a0 = a0.fma(x, y);
            a1 = a1.fma(x, y);
            a2 = a2.fma(x, y);
            a3 = a3.fma(x, y);
            a4 = a4.fma(x, y);
            a5 = a5.fma(x, y);
            a6 = a6.fma(x, y);
            a7 = a7.fma(x, y);
            a8 = a8.fma(x, y);
            a9 = a9.fma(x, y);
            a10 = a10.fma(x, y);
            a11 = a11.fma(x, y);
        }
        return a0.add(a1)
                .add(a2)
                .add(a3)
                .add(a4)
                .add(a5)
                .add(a6)
                .add(a7)
                .add(a8)
                .add(a9)
                .add(a10)
                .add(a11)
                .reduceLanes(VectorOperators.ADD);
    }
}
