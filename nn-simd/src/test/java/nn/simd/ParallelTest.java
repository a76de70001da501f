package nn.simd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
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

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void forEachTaskNumbersTheThreadsAndKeepsNestedWorkOnTheTasksThread(int threads) {
        Parallel parallel = new Parallel(threads);
        AtomicIntegerArray runs = new AtomicIntegerArray(20);
        AtomicIntegerArray nested = new AtomicIntegerArray(20 * 5);
        java.util.Map<Integer, java.util.Set<String>> threadNames = new java.util.concurrent.ConcurrentHashMap<>();
        parallel.forEachTask(20, (thread, task) -> {
            assertThat(thread).isBetween(0, threads - 1);
            runs.incrementAndGet(task);
            String me = Thread.currentThread().getName();
            threadNames
                    .computeIfAbsent(thread, n -> java.util.concurrent.ConcurrentHashMap.newKeySet())
                    .add(me);
            // A product's split inside a task runs on the task's own thread, in order.
            parallel.forEach(5, i -> {
                assertThat(Thread.currentThread().getName()).isEqualTo(me);
                nested.incrementAndGet(task * 5 + i);
            });
            assertThat(parallel.splits(1000, 1000, 1000, 1)).isFalse();
        });
        assertThat(runs.toString())
                .isEqualTo(java.util.Collections.nCopies(20, 1).toString());
        assertThat(nested.toString())
                .isEqualTo(java.util.Collections.nCopies(100, 1).toString());
        // One name per number: a number always means the same thread.
        assertThat(threadNames.values()).allSatisfy(names -> assertThat(names).hasSize(1));
        assertThat(parallel.splits(1000, 1000, 1000, 1)).isEqualTo(threads > 1);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void forEachTaskFromInsideATaskIsRefusedWithTheReason(int threads) {
        Parallel parallel = new Parallel(threads);
        assertThatThrownBy(() -> parallel.forEachTask(4, (thread, task) -> parallel.forEachTask(2, (t, u) -> {})))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("from inside one of its own tasks");
        AtomicIntegerArray runs = new AtomicIntegerArray(3);
        parallel.forEachTask(3, (thread, task) -> runs.incrementAndGet(task));
        assertThat(runs.toString()).isEqualTo("[1, 1, 1]");
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void whileBackgroundWorkRunsNothingSplitsAndEveryCallerRunsItsOwnChunks(int threads) throws Exception {
        Parallel parallel = new Parallel(threads);
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<String> refused = new AtomicReference<>();
        AtomicReference<String> ranOn = new AtomicReference<>();
        AtomicBoolean splitInside = new AtomicBoolean(true);
        Future<?> work = parallel.startInBackground(() -> {
                    ranOn.set(Thread.currentThread().getName());
                    splitInside.set(parallel.splits(1000, 1000, 1000, 1));
                    try {
                        parallel.forEachTask(2, (thread, task) -> {});
                    } catch (IllegalStateException e) {
                        refused.set(e.getMessage());
                    }
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                })
                .orElseThrow();

        assertThat(parallel.splits(1000, 1000, 1000, 1)).isFalse();
        String me = Thread.currentThread().getName();
        AtomicIntegerArray runs = new AtomicIntegerArray(threads);
        // A split that began anyway (another caller's) runs all its chunks on its caller.
        parallel.run(threads, chunk -> {
            assertThat(Thread.currentThread().getName()).isEqualTo(me);
            runs.incrementAndGet(chunk);
        });
        assertThat(runs.toString())
                .isEqualTo(java.util.Collections.nCopies(threads, 1).toString());
        release.countDown();
        work.get(60, TimeUnit.SECONDS);

        assertThat(ranOn.get()).isEqualTo("nn-simd-worker-" + (threads - 1));
        assertThat(splitInside.get()).isFalse();
        assertThat(refused.get()).contains("from background work");
        assertThat(parallel.splits(1000, 1000, 1000, 1)).isTrue();
        AtomicIntegerArray after = new AtomicIntegerArray(7);
        parallel.forEach(7, after::incrementAndGet);
        assertThat(after.toString()).isEqualTo("[1, 1, 1, 1, 1, 1, 1]");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void backgroundWorkIsRefusedWithoutASpareThreadAndInsideTasks(int threads) {
        Parallel parallel = new Parallel(threads);
        AtomicReference<Optional<?>> inside = new AtomicReference<>();
        parallel.forEachTask(1, (thread, task) -> inside.set(parallel.startInBackground(() -> {})));
        assertThat(inside.get()).isEmpty();
        assertThat(parallel.startInBackground(() -> {}).isPresent()).isEqualTo(threads > 1);
    }
}
