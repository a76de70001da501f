package nn.simd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ParallelTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void forEachRunsEveryIndexExactlyOnce(int threads) {
        Parallel parallel = new Parallel(threads);
        for (int tasks : new int[] {0, 1, 2, 7, 100}) {
            AtomicIntegerArray runs = new AtomicIntegerArray(tasks);
            parallel.forEach(tasks, runs::incrementAndGet);
            for (int t = 0; t < tasks; t++) {
                assertThat(runs.get(t)).as("task %d of %d", t, tasks).isEqualTo(1);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void aFailingTaskFailsTheCallAndLeavesThePoolUsable(int threads) {
        Parallel parallel = new Parallel(threads);
        assertThatThrownBy(() -> parallel.forEach(10, t -> {
                    if (t == 7) {
                        throw new IllegalStateException("task 7 failed");
                    }
                }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("task 7 failed");
        AtomicIntegerArray runs = new AtomicIntegerArray(5);
        parallel.forEach(5, runs::incrementAndGet);
        assertThat(runs.toString()).isEqualTo("[1, 1, 1, 1, 1]");
    }
}
