package nn.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntUnaryOperator;
import nn.api.Backend;
import nn.api.DType;
import nn.api.Layer;
import nn.api.LossLayer;
import nn.api.Tensor;
import nn.core.data.BatchSampler;
import nn.core.data.Dataset;
import nn.core.layers.SoftmaxWithLoss;
import nn.core.network.Network;
import nn.core.network.TwoLayerNet;
import nn.core.optim.Sgd;
import nn.reference.ReferenceBackendProvider;
import org.junit.jupiter.api.Test;

class TrainerTest {

    private final Backend backend = ReferenceBackendProvider.backend();

    /** Two well-separated Gaussian blobs per class in 4 dimensions: easy to learn. */
    static final class Blobs implements Dataset {
        private final double[][] x;
        private final int[] y;

        Blobs(int size, long seed) {
            SplittableRandom random = new SplittableRandom(seed);
            x = new double[size][4];
            y = new int[size];
            for (int i = 0; i < size; i++) {
                y[i] = random.nextInt(3);
                for (int f = 0; f < 4; f++) {
                    x[i][f] = (f == y[i] ? 3 : 0) + 0.5 * random.nextGaussian();
                }
            }
        }

        @Override
        public int size() {
            return y.length;
        }

        @Override
        public int featureCount() {
            return 4;
        }

        @Override
        public int classCount() {
            return 3;
        }

        @Override
        public int label(int i) {
            return y[i];
        }

        @Override
        public void batch(int[] indices, int count, Tensor xs, Tensor labels) {
            for (int r = 0; r < count; r++) {
                for (int f = 0; f < 4; f++) {
                    xs.set(x[indices[r]][f], r, f);
                }
                labels.set(y[indices[r]], r);
            }
        }

        /** Batches only read the arrays: threads may take them at once. */
        @Override
        public boolean concurrentBatches() {
            return true;
        }
    }

    /**
     * The reference backend with a second thread for background work ({@link Backend#startInBackground}), a new
     * one for each work, counted.
     */
    static final class WithBackgroundThread implements Backend {
        private final Backend reference = ReferenceBackendProvider.backend();
        final java.util.concurrent.atomic.AtomicInteger started = new java.util.concurrent.atomic.AtomicInteger();
        private volatile java.util.concurrent.CompletableFuture<Void> running =
                java.util.concurrent.CompletableFuture.completedFuture(null);

        @Override
        public String name() {
            return "reference-with-background";
        }

        @Override
        public int threads() {
            return 2;
        }

        @Override
        public synchronized java.util.Optional<java.util.concurrent.Future<?>> startInBackground(Runnable work) {
            if (!running.isDone()) {
                return java.util.Optional.empty();
            }
            started.incrementAndGet();
            running = java.util.concurrent.CompletableFuture.runAsync(work, r -> new Thread(r, "background").start());
            return java.util.Optional.of(running);
        }

        @Override
        public void forEachTask(int tasks, Task body) {
            running.handle((ok, failed) -> null).join(); // the contract: background work ends first
            Backend.super.forEachTask(tasks, body);
        }

        @Override
        public Tensor zeros(DType dtype, int... shape) {
            return reference.zeros(dtype, shape);
        }

        @Override
        public Tensor of(DType dtype, double[] values, int... shape) {
            return reference.of(dtype, values, shape);
        }

        @Override
        public Tensor of(float[] values, int... shape) {
            return reference.of(values, shape);
        }
    }

    /** How a test's data set fills a batch. */
    interface Batches {
        void batch(int[] indices, int count, Tensor x, Tensor labels);
    }

    /** {@code blobs} with other labels and batches; {@code concurrent} says whether two threads may read at once. */
    private static Dataset view(Blobs blobs, boolean concurrent, IntUnaryOperator label, Batches batches) {
        return new Dataset() {
            @Override
            public int size() {
                return blobs.size();
            }

            @Override
            public int featureCount() {
                return blobs.featureCount();
            }

            @Override
            public int classCount() {
                return blobs.classCount();
            }

            @Override
            public int label(int i) {
                return label.applyAsInt(i);
            }

            @Override
            public void batch(int[] indices, int count, Tensor x, Tensor labels) {
                batches.batch(indices, count, x, labels);
            }

            @Override
            public boolean concurrentBatches() {
                return concurrent;
            }
        };
    }

    private Trainer.Result run(long seed, List<Trainer.Epoch> seen) {
        return run(backend, seed, seen);
    }

    private static Trainer.Result run(Backend backend, long seed, List<Trainer.Epoch> seen) {
        return run(backend, seed, seen, new Blobs(1000, 1));
    }

    private static Trainer.Result run(Backend backend, long seed, List<Trainer.Epoch> seen, Dataset train) {
        SplittableRandom random = new SplittableRandom(seed);
        Network net = TwoLayerNet.create(backend, 4, 8, 3, random.split());
        Trainer.Settings settings = new Trainer.Settings(300, 20, 50, BatchSampler.Mode.WITH_REPLACEMENT);
        return new Trainer(backend)
                .train(net, new Sgd(0.5), train, new Blobs(300, 2), settings, random.split(), new Trainer.Listener() {
                    @Override
                    public void epoch(Trainer.Epoch epoch) {
                        seen.add(epoch);
                    }
                });
    }

    /** Sleeps {@code millis}: a data set's batches that take time, as real ones do. */
    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void learnsAndEvaluatesOncePerEpoch() {
        List<Trainer.Epoch> seen = new ArrayList<>();
        Trainer.Result result = run(3, seen);
        assertThat(result.epochs()).hasSize(6).isEqualTo(seen);
        assertThat(result.epochs()).extracting(Trainer.Epoch::iteration).containsExactly(50, 100, 150, 200, 250, 300);
        assertThat(result.finalTestAccuracy()).isGreaterThan(0.95);
        assertThat(result.losses()).hasSize(300);
        assertThat(result.epochs().get(5).loss())
                .isLessThan(result.epochs().get(0).loss());
        assertThat(result.testConfusion().total()).isEqualTo(300);
        assertThat(result.testConfusion().accuracy()).isEqualTo(result.finalTestAccuracy());
        assertThat(result.trainSeconds()).isPositive();
        assertThat(result.evalSeconds()).isPositive();
        // Half the 300 steps take the median or longer, so 150 of them fit in the steps' total time.
        assertThat(result.medianStepSeconds()).isPositive().isLessThanOrEqualTo(result.trainSeconds() / 150);
    }

    @Test
    void theMedianIsTheMiddleValueOrTheMeanOfTheMiddleTwo() {
        assertThat(Trainer.median(new float[] {5, 1, 3})).isEqualTo(3.0);
        assertThat(Trainer.median(new float[] {4, 1, 3, 100})).isEqualTo(3.5);
        assertThat(Trainer.median(new float[] {2})).isEqualTo(2.0);
        assertThat(Trainer.median(new float[0])).isNaN();
    }

    @Test
    void sameSeedSameRun() {
        Trainer.Result a = run(9, new ArrayList<>());
        Trainer.Result b = run(9, new ArrayList<>());
        assertThat(a.losses()).containsExactly(b.losses());
        assertThat(a.epochs()).isEqualTo(b.epochs());
    }

    @Test
    void nanLossStopsTrainingWithAClearError() {
        Layer layer = mock(Layer.class);
        LossLayer loss = mock(LossLayer.class);
        when(layer.forward(any())).thenAnswer(inv -> inv.getArgument(0));
        when(loss.forward(any(), any())).thenReturn(0.5, 0.4, Double.NaN);
        when(loss.backward()).thenReturn(backend.zeros(5, 4));
        Network net = new Network(List.of(layer), loss);
        Trainer.Settings settings = new Trainer.Settings(10, 5, 100, BatchSampler.Mode.WITH_REPLACEMENT);
        assertThatThrownBy(() -> new Trainer(backend)
                        .train(
                                net,
                                new Sgd(0.1),
                                new Blobs(20, 1),
                                new Blobs(20, 2),
                                settings,
                                new SplittableRandom(1),
                                new Trainer.Listener() {}))
                .isInstanceOf(TrainingDivergedException.class)
                .hasMessageContaining("NaN")
                .hasMessageContaining("iteration 3");
    }

    @Test
    void divergingLearningRateIsCaught() {
        Network net = new Network(
                List.of(nn.core.layers.Affine.initialized(backend, 4, 3, 1.0, new SplittableRandom(1))),
                new SoftmaxWithLoss());
        Trainer.Settings settings = new Trainer.Settings(200, 20, 1000, BatchSampler.Mode.WITH_REPLACEMENT);
        Blobs data = new Blobs(100, 1);
        // Scale the inputs up enormously so that the loss overflows.
        Dataset huge = new Dataset() {
            @Override
            public int size() {
                return data.size();
            }

            @Override
            public int featureCount() {
                return 4;
            }

            @Override
            public int classCount() {
                return 3;
            }

            @Override
            public int label(int i) {
                return data.label(i);
            }

            @Override
            public void batch(int[] indices, int count, Tensor x, Tensor labels) {
                data.batch(indices, count, x, labels);
                x.mul(1e300, x);
            }
        };
        assertThatThrownBy(() -> new Trainer(backend)
                        .train(
                                net,
                                new Sgd(1e10),
                                huge,
                                huge,
                                settings,
                                new SplittableRandom(1),
                                new Trainer.Listener() {}))
                .isInstanceOf(TrainingDivergedException.class);
    }

    @Test
    void float32TrainsAsWellAsFloat64() {
        java.util.Map<DType, Double> accuracy = new java.util.EnumMap<>(DType.class);
        for (DType dtype : DType.values()) {
            SplittableRandom random = new SplittableRandom(4);
            Network net = TwoLayerNet.create(backend, dtype, 4, 8, 3, random.split());
            assertThat(net.dtype()).isEqualTo(dtype);
            Trainer.Settings settings = new Trainer.Settings(300, 20, 50, BatchSampler.Mode.WITH_REPLACEMENT);
            Trainer.Result result = new Trainer(backend)
                    .train(
                            net,
                            new Sgd(0.5),
                            new Blobs(1000, 1),
                            new Blobs(300, 2),
                            settings,
                            random.split(),
                            new Trainer.Listener() {});
            assertThat(net.parameters().values())
                    .allSatisfy(p -> assertThat(p.value().dtype()).isEqualTo(dtype));
            accuracy.put(dtype, result.finalTestAccuracy());
        }
        assertThat(accuracy.get(DType.FLOAT32))
                .isGreaterThan(0.95)
                .isCloseTo(accuracy.get(DType.FLOAT64), org.assertj.core.data.Offset.offset(0.02));
    }

    /**
     * The book's TwoLayerNet step (forward, loss, backward, SGD) inside the trainer's workspace allocates
     * almost nothing after the first step: the architecture's floor is 1 KB; today's figure is in the README.
     */
    @SuppressWarnings("try") // the workspace scope frames the step; its body need not name it
    @Test
    void aTrainingStepAllocatesAtMostOneKilobyte() {
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        for (DType dtype : DType.values()) {
            Network net = TwoLayerNet.create(backend, dtype, 784, 50, 10, new SplittableRandom(1));
            Tensor x = backend.randomNormal(new SplittableRandom(2), 1, dtype, 100, 784);
            Tensor t = backend.of(
                    dtype,
                    new SplittableRandom(3).ints(100, 0, 10).asDoubleStream().toArray(),
                    100);
            Sgd sgd = new Sgd(0.1);
            nn.api.Workspace workspace = new nn.api.Workspace();
            Runnable step = () -> {
                try (nn.api.Workspace.Scope scope = workspace.open()) {
                    net.gradient(x, t);
                    sgd.update(net.parameters().values());
                }
            };
            for (int i = 0; i < 50; i++) {
                step.run();
            }
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 50; i++) {
                step.run();
            }
            long perStep = (threads.getCurrentThreadAllocatedBytes() - before) / 50;
            assertThat(perStep).as(dtype + " bytes per step").isLessThanOrEqualTo(1024);
            assertThat(workspace.bytes())
                    .as("the workspace holds one step's intermediates")
                    .isPositive();
        }
    }

    @Test
    void aRunThatStoppedLearningIsStoppedWithTheReasonAndTheFix() {
        // Epoch losses as a learning rate of 50 gives on MNIST: far above ln 10 and flat.
        List<Trainer.Epoch> stuck =
                List.of(new Trainer.Epoch(1, 600, 0.1, 0.1, 10.2077), new Trainer.Epoch(2, 1200, 0.1, 0.1, 10.1081));
        assertThatThrownBy(() -> Trainer.checkLearning(stuck, 10))
                .isInstanceOf(TrainingDivergedException.class)
                .hasMessageContaining("stopped learning")
                .hasMessageContaining("10.1081")
                .hasMessageContaining("ln 10 = 2.3026")
                .hasMessageContaining("Lower the learning rate")
                .hasMessageContaining("--no-divergence-check")
                .satisfies(e ->
                        assertThat(((TrainingDivergedException) e).iteration()).isEqualTo(1200));
        Trainer.checkLearning(stuck.subList(0, 1), 10);
    }

    @Test
    void aRunThatLearnsSlowlyIsNotStopped() {
        List<Trainer.Epoch> epochs =
                List.of(new Trainer.Epoch(1, 50, 0.3, 0.3, 2.30), new Trainer.Epoch(2, 100, 0.3, 0.3, 1.2));
        Trainer.checkLearning(epochs, 10);
        List<Trainer.Epoch> stuck =
                List.of(new Trainer.Epoch(1, 50, 0.1, 0.1, 2.40), new Trainer.Epoch(2, 100, 0.1, 0.1, 2.39));
        assertThatThrownBy(() -> Trainer.checkLearning(stuck, 10)).isInstanceOf(TrainingDivergedException.class);
        List<Trainer.Epoch> falling =
                List.of(new Trainer.Epoch(1, 50, 0.1, 0.1, 2.60), new Trainer.Epoch(2, 100, 0.1, 0.1, 2.40));
        Trainer.checkLearning(falling, 10);
    }

    @Test
    void impossibleSizesAreRefusedUpFront() {
        assertThatThrownBy(() -> new Trainer.Settings(Integer.MAX_VALUE, 100, 600, BatchSampler.Mode.WITH_REPLACEMENT))
                .hasMessageContaining("from 1 to " + Trainer.Settings.MAX_ITERATIONS);
        assertThatThrownBy(() -> Trainer.Settings.ofEpochs(5_000_000, 100, 600, BatchSampler.Mode.WITH_REPLACEMENT))
                .hasMessageContaining("at most " + Trainer.Settings.MAX_ITERATIONS)
                .hasMessageNotContaining("overflow");
    }

    @Test
    void evaluationsBesideTheStepsGiveTheRunOfEvaluationsBetweenThem() {
        List<Trainer.Epoch> between = new ArrayList<>();
        Trainer.Result one = run(backend, 3, between);
        WithBackgroundThread two = new WithBackgroundThread();
        List<Trainer.Epoch> beside = new ArrayList<>();
        // Steps of 2 ms (a training batch of 20 takes that long): an epoch's 100 ms leave the evaluation of 1,300
        // rows time to end, so the run never waits for it long enough to stop evaluating beside its steps, however
        // slow the first evaluation on a cold JIT.
        Blobs blobs = new Blobs(1000, 1);
        Dataset slowSteps = view(blobs, true, blobs::label, (indices, count, x, labels) -> {
            if (count == 20) {
                pause(2);
            }
            blobs.batch(indices, count, x, labels);
        });
        Trainer.Result result = run(two, 3, beside, slowSteps);

        // Every epoch's but the last ran beside the steps, on a snapshot: the same accuracies, in order.
        assertThat(two.started.get()).isEqualTo(5);
        assertThat(beside).isEqualTo(between).isEqualTo(result.epochs());
        assertThat(result.epochs()).extracting(Trainer.Epoch::iteration).containsExactly(50, 100, 150, 200, 250, 300);
        assertThat(result.losses()).containsExactly(one.losses());
        assertThat(result.finalTestAccuracy()).isEqualTo(one.finalTestAccuracy());
        assertThat(result.backgroundEvalSeconds()).isPositive();
        assertThat(one.backgroundEvalSeconds()).isZero();
        assertThat(result.evalSeconds()).isPositive();
    }

    @Test
    void aDataSetThatOneThreadMustReadIsEvaluatedBetweenTheSteps() {
        WithBackgroundThread two = new WithBackgroundThread();
        Blobs blobs = new Blobs(300, 2);
        Dataset oneReader = view(blobs, false, blobs::label, blobs::batch);
        SplittableRandom random = new SplittableRandom(3);
        Trainer.Result result = new Trainer(two)
                .train(
                        TwoLayerNet.create(two, 4, 8, 3, random.split()),
                        new Sgd(0.5),
                        new Blobs(1000, 1),
                        oneReader,
                        new Trainer.Settings(100, 20, 50, BatchSampler.Mode.WITH_REPLACEMENT),
                        random.split(),
                        new Trainer.Listener() {});
        assertThat(two.started.get()).isZero();
        assertThat(result.backgroundEvalSeconds()).isZero();
        assertThat(result.epochs()).hasSize(2);
    }

    @Test
    void aFailedEvaluationBesideTheStepsFailsTheRunWithItsOwnError() {
        WithBackgroundThread two = new WithBackgroundThread();
        Thread caller = Thread.currentThread();
        Blobs blobs = new Blobs(300, 2);
        Dataset unreadable = view(blobs, true, blobs::label, (indices, count, x, labels) -> {
            if (Thread.currentThread() != caller) {
                throw new IllegalStateException("the test set is unreadable from a second thread");
            }
            blobs.batch(indices, count, x, labels);
        });
        SplittableRandom random = new SplittableRandom(3);
        List<Trainer.Epoch> seen = new ArrayList<>();
        assertThatThrownBy(() -> new Trainer(two)
                        .train(
                                TwoLayerNet.create(two, 4, 8, 3, random.split()),
                                new Sgd(0.5),
                                new Blobs(1000, 1),
                                unreadable,
                                new Trainer.Settings(300, 20, 50, BatchSampler.Mode.WITH_REPLACEMENT),
                                random.split(),
                                new Trainer.Listener() {
                                    @Override
                                    public void epoch(Trainer.Epoch epoch) {
                                        seen.add(epoch);
                                    }
                                }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the test set is unreadable from a second thread");
        assertThat(seen).isEmpty();
        assertThat(two.started.get()).isEqualTo(1);
    }

    /** Every label 0, every score favouring class 1, a learning rate of nothing: the same loss every epoch, far above ln 3. */
    @Test
    void aStuckRunStopsAtTheSameEpochWithEvaluationsBesideTheSteps() {
        for (Backend b : List.of(backend, new WithBackgroundThread())) {
            Blobs blobs = new Blobs(200, 1);
            Dataset zeros = view(blobs, true, i -> 0, (indices, count, x, labels) -> {
                blobs.batch(indices, count, x, labels);
                labels.fill(0);
            });
            Network net = new Network(
                    List.of(new nn.core.layers.Affine(b.zeros(4, 3), b.of(new double[] {0, 5, 0}, 3))),
                    new SoftmaxWithLoss());
            List<Trainer.Epoch> seen = new ArrayList<>();
            assertThatThrownBy(() -> new Trainer(b)
                            .train(
                                    net,
                                    new Sgd(1e-12),
                                    zeros,
                                    zeros,
                                    new Trainer.Settings(500, 20, 50, BatchSampler.Mode.WITH_REPLACEMENT),
                                    new SplittableRandom(1),
                                    new Trainer.Listener() {
                                        @Override
                                        public void epoch(Trainer.Epoch epoch) {
                                            seen.add(epoch);
                                        }
                                    }))
                    .as(b.name())
                    .isInstanceOf(TrainingDivergedException.class)
                    .hasMessageContaining("stopped learning")
                    .satisfies(e -> assertThat(((TrainingDivergedException) e).iteration())
                            .isEqualTo(100));
            // The stuck epoch is evaluated and reported before the run stops.
            assertThat(seen).as(b.name()).extracting(Trainer.Epoch::epoch).containsExactly(1, 2);
            assertThat(seen)
                    .as(b.name())
                    .allSatisfy(e -> assertThat(e.testAccuracy()).isZero());
        }
    }

    /** Epochs of one step and an evaluation far longer: waiting for it, the run evaluates between the steps. */
    @Test
    void aRunThatWaitsForTheEvaluationBesideItsStepsEvaluatesBetweenThemFromThenOn() {
        Blobs blobs = new Blobs(300, 2);
        Dataset slow = view(blobs, true, blobs::label, (indices, count, x, labels) -> {
            pause(5);
            blobs.batch(indices, count, x, labels);
        });
        List<List<Trainer.Epoch>> runs = new ArrayList<>();
        List<Trainer.Result> results = new ArrayList<>();
        WithBackgroundThread two = new WithBackgroundThread();
        for (Backend b : List.of(backend, two)) {
            SplittableRandom random = new SplittableRandom(3);
            List<Trainer.Epoch> seen = new ArrayList<>();
            results.add(new Trainer(b)
                    .train(
                            TwoLayerNet.create(b, 4, 8, 3, random.split()),
                            new Sgd(0.5),
                            new Blobs(1000, 1),
                            slow,
                            new Trainer.Settings(6, 20, 1, BatchSampler.Mode.WITH_REPLACEMENT)
                                    .withStopWhenNotLearning(false),
                            random.split(),
                            new Trainer.Listener() {
                                @Override
                                public void epoch(Trainer.Epoch epoch) {
                                    seen.add(epoch);
                                }
                            }));
            runs.add(seen);
        }
        assertThat(two.started.get()).isEqualTo(1);
        assertThat(runs.get(1)).hasSize(6).isEqualTo(runs.get(0));
        assertThat(results.get(1).backgroundEvalSeconds()).isPositive();
    }
}
