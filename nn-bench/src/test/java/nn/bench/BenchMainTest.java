package nn.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BenchMainTest {

    @Test
    void theTrainingSetsEvaluationCountsItsSixtyThousandImages() {
        double test = BenchMain.flops("EvaluatorBenchmark.evaluate", "", "test");
        double train = BenchMain.flops("EvaluatorBenchmark.evaluate", "", "train");
        // one image: 784·50 + 50·10 multiply-adds, 2 flops each
        assertThat(test).isEqualTo(10_000 * 2.0 * (784 * 50 + 50 * 10));
        assertThat(train).isEqualTo(6 * test);
        assertThat(BenchMain.flops("EvaluatorBenchmark.evaluate", "", null)).isEqualTo(test);
    }

    @Test
    void aProductCountsTwoFlopsPerMultiplyAdd() {
        assertThat(BenchMain.flops("MatmulBenchmark.matmul", "100x784x50", null))
                .isEqualTo(2.0 * 100 * 784 * 50);
    }

    @Test
    void aBenchmarkWithoutMultiplyAddsHasNoFlops() {
        assertThat(BenchMain.flops("CoreToCoreBenchmark.roundTrip", "", null)).isZero();
    }
}
