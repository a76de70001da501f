package nn.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import nn.api.Backend;
import nn.api.DType;
import nn.api.Layer;
import nn.api.Tensor;
import nn.core.data.Dataset;
import nn.core.layers.Affine;
import nn.core.layers.Relu;
import nn.core.layers.SoftmaxWithLoss;
import nn.core.network.Network;
import nn.reference.ReferenceBackendProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EvaluatorTest {

    private static final Backend REFERENCE = ReferenceBackendProvider.backend();

    /** Random points in 6 dimensions, labelled by their largest coordinate among the first 4. */
    static class Points implements Dataset {
        private final double[][] x;
        private final int[] y;
        private final boolean concurrent;
        final AtomicInteger batches = new AtomicInteger();

        Points(int size, boolean concurrent) {
            SplittableRandom random = new SplittableRandom(7);
            this.concurrent = concurrent;
            x = new double[size][6];
            y = new int[size];
            for (int i = 0; i < size; i++) {
                for (int f = 0; f < 6; f++) {
                    x[i][f] = random.nextGaussian();
                }
                int best = 0;
                for (int c = 1; c < 4; c++) {
                    best = x[i][c] > x[i][best] ? c : best;
                }
                y[i] = best;
            }
        }

        @Override
        public int size() {
            return y.length;
        }

        @Override
        public int featureCount() {
            return 6;
        }

        @Override
        public int classCount() {
            return 4;
        }

        @Override
        public int label(int i) {
            return y[i];
        }

        @Override
        public void batch(int[] indices, int count, Tensor xs, Tensor labels) {
            batches.incrementAndGet();
            for (int r = 0; r < count; r++) {
                xs.assignRow(r, x[indices[r]]);
                labels.set(y[indices[r]], r);
            }
        }

        @Override
        public boolean concurrentBatches() {
            return concurrent;
        }
    }

    /**
     * The reference backend on 3 real threads: {@code forEachTask} hands the tasks out as they come free, records
     * which thread number ran each, and checks that no two tasks ran at once under one number.
     */
    static final class ThreeThreads implements Backend {
        final List<Integer> tasksRun = new ArrayList<>();
        final ConcurrentHashMap<Integer, Integer> threadsUsed = new ConcurrentHashMap<>();
        final AtomicReference<String> overlap = new AtomicReference<>();

        @Override
        public String name() {
            return "three-threads";
        }

        @Override
        public int threads() {
            return 3;
        }

        @Override
        public Tensor zeros(DType dtype, int... shape) {
            return REFERENCE.zeros(dtype, shape);
        }

        @Override
        public Tensor of(DType dtype, double[] values, int... shape) {
            return REFERENCE.of(dtype, values, shape);
        }

        @Override
        public Tensor of(float[] values, int... shape) {
            return REFERENCE.of(values, shape);
        }

        @Override
        public void forEachTask(int tasks, Task body) {
            AtomicInteger next = new AtomicInteger();
            AtomicInteger[] busy = {new AtomicInteger(), new AtomicInteger(), new AtomicInteger()};
            AtomicReference<Throwable> failure = new AtomicReference<>();
            CountDownLatch done = new CountDownLatch(3);
            for (int thread = 0; thread < 3; thread++) {
                int number = thread;
                Thread worker = new Thread(() -> {
                    try {
                        for (int t = next.getAndIncrement(); t < tasks; t = next.getAndIncrement()) {
                            if (busy[number].incrementAndGet() != 1) {
                                overlap.set("two tasks at once on thread " + number);
                            }
                            body.run(number, t);
                            busy[number].decrementAndGet();
                            threadsUsed.merge(number, 1, Integer::sum);
                            synchronized (tasksRun) {
                                tasksRun.add(t);
                            }
                        }
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    } finally {
                        done.countDown();
                    }
                });
                worker.start();
            }
            try {
                assertThat(done.await(60, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (failure.get() instanceof RuntimeException e) {
                throw e;
            }
            assertThat(failure.get()).isNull();
        }
    }

    private static Network network(DType dtype, Layer... extra) {
        SplittableRandom random = new SplittableRandom(3);
        List<Layer> layers = new ArrayList<>();
        layers.add(new Affine(REFERENCE.randomNormal(random, 0.5, dtype, 6, 12), REFERENCE.zeros(dtype, 12)));
        layers.add(new Relu());
        layers.addAll(List.of(extra));
        layers.add(new Affine(REFERENCE.randomNormal(random, 0.5, dtype, 12, 4), REFERENCE.zeros(dtype, 4)));
        return new Network(layers, new SoftmaxWithLoss());
    }

    private static void assertSameCounts(ConfusionMatrix actual, ConfusionMatrix expected) {
        assertThat(actual.total()).isEqualTo(expected.total());
        for (int r = 0; r < expected.classes(); r++) {
            for (int c = 0; c < expected.classes(); c++) {
                assertThat(actual.count(r, c)).as("count (%d, %d)", r, c).isEqualTo(expected.count(r, c));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void threadsEvaluatingChunksOfTheirOwnGiveTheOneThreadMatrix(DType dtype) {
        Network net = network(dtype);
        Points data = new Points(1234, true);
        ConfusionMatrix alone = new Evaluator(REFERENCE, 100).confusion(net, data);
        ThreeThreads threads = new ThreeThreads();
        Evaluator evaluator = new Evaluator(threads, Evaluator.DEFAULT_CHUNK);
        for (int call = 0; call < 3; call++) {
            ConfusionMatrix shared = evaluator.confusion(net, data);
            assertSameCounts(shared, alone);
        }
        assertThat(alone.total()).isEqualTo(1234);
        assertThat(alone.accuracy()).as("the network is random, not useless").isBetween(0.05, 0.95);
        // 1,234 rows in chunks of THREAD_CHUNK (100: 13 tasks) per call, each run once, never two at once under one
        // number.
        int tasks = (1234 + Evaluator.THREAD_CHUNK - 1) / Evaluator.THREAD_CHUNK;
        assertThat(threads.tasksRun).hasSize(3 * tasks);
        assertThat(threads.tasksRun.stream().distinct())
                .containsExactlyInAnyOrderElementsOf(
                        java.util.stream.IntStream.range(0, tasks).boxed().toList());
        assertThat(threads.overlap.get()).isNull();
    }

    /** A layer that does not say its evaluation may be shared: the evaluator must not share it. */
    private static final class Scale implements Layer {
        @Override
        public Tensor forward(Tensor x) {
            return x.mul(2.0);
        }

        @Override
        public Tensor backward(Tensor dout) {
            return dout.mul(2.0);
        }
    }

    @Test
    void aLayerOrADataSetThatCannotBeSharedIsEvaluatedOneChunkAtATime() {
        Network unshareable = network(DType.FLOAT64, new Scale());
        assertThat(unshareable.concurrentEvaluation()).isFalse();
        assertThat(network(DType.FLOAT64).concurrentEvaluation()).isTrue();

        ThreeThreads threads = new ThreeThreads();
        Points data = new Points(1234, true);
        ConfusionMatrix expected = new Evaluator(REFERENCE, 1000).confusion(unshareable, data);
        assertSameCounts(new Evaluator(threads, 1000).confusion(unshareable, data), expected);
        assertThat(threads.tasksRun).isEmpty();

        Points sequentialData = new Points(1234, false);
        Network net = network(DType.FLOAT64);
        ConfusionMatrix sequential = new Evaluator(REFERENCE, 1000).confusion(net, sequentialData);
        sequentialData.batches.set(0);
        assertSameCounts(new Evaluator(threads, 1000).confusion(net, sequentialData), sequential);
        assertThat(threads.tasksRun).isEmpty();
        assertThat(sequentialData.batches.get()).as("chunks of 1,000").isEqualTo(2);
    }

    @Test
    void aFailingChunkFailsTheEvaluationWithItsOwnError() {
        Network net = network(DType.FLOAT64);
        Points data = new Points(1000, true) {
            @Override
            public void batch(int[] indices, int count, Tensor xs, Tensor labels) {
                if (indices[0] == 600) {
                    throw new IllegalStateException("example 600 is unreadable");
                }
                super.batch(indices, count, xs, labels);
            }
        };
        Evaluator evaluator = new Evaluator(new ThreeThreads(), Evaluator.DEFAULT_CHUNK);
        assertThatThrownBy(() -> evaluator.confusion(net, data))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("example 600 is unreadable");
    }
}
