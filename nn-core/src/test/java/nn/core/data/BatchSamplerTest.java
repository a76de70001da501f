package nn.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BatchSamplerTest {

    @Test
    void withReplacementIsReproducibleFromTheSeed() {
        BatchSampler a = new BatchSampler(1000, 10, BatchSampler.Mode.WITH_REPLACEMENT, new SplittableRandom(42));
        BatchSampler b = new BatchSampler(1000, 10, BatchSampler.Mode.WITH_REPLACEMENT, new SplittableRandom(42));
        for (int i = 0; i < 5; i++) {
            int[] x = a.next().clone();
            assertThat(b.next()).containsExactly(x);
            assertThat(Arrays.stream(x).allMatch(v -> v >= 0 && v < 1000)).isTrue();
        }
    }

    @Test
    void withReplacementCanRepeatAnExampleInsideABatch() {
        BatchSampler sampler = new BatchSampler(3, 50, BatchSampler.Mode.WITH_REPLACEMENT, new SplittableRandom(1));
        assertThat(Arrays.stream(sampler.next()).distinct().count()).isLessThanOrEqualTo(3);
    }

    @Test
    void shuffledEpochsVisitEveryExampleOncePerEpoch() {
        BatchSampler sampler = new BatchSampler(12, 4, BatchSampler.Mode.SHUFFLED_EPOCHS, new SplittableRandom(7));
        for (int epoch = 0; epoch < 3; epoch++) {
            int[] seen = new int[12];
            for (int batch = 0; batch < 3; batch++) {
                for (int i : sampler.next()) {
                    seen[i]++;
                }
            }
            assertThat(seen).containsOnly(1);
        }
    }

    @Test
    void rejectsImpossibleBatches() {
        assertThatThrownBy(() -> new BatchSampler(3, 4, BatchSampler.Mode.SHUFFLED_EPOCHS, new SplittableRandom(1)))
                .hasMessageContaining("4")
                .hasMessageContaining("3");
        assertThatThrownBy(() -> new BatchSampler(0, 1, BatchSampler.Mode.WITH_REPLACEMENT, new SplittableRandom(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
