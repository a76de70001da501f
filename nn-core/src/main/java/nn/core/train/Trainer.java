package nn.core.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.random.RandomGenerator;
import nn.api.Backend;
import nn.api.DType;
import nn.api.Tensor;
import nn.api.Workspace;
import nn.core.data.BatchSampler;
import nn.core.data.Dataset;
import nn.core.metrics.ConfusionMatrix;
import nn.core.metrics.Evaluator;
import nn.core.network.Network;
import nn.core.optim.Optimizer;
import org.jspecify.annotations.Nullable;

/**
 * The book's training loop: draw a batch, one forward and backward pass (whose loss is recorded), one
 * optimizer step; after every epoch, the accuracy on the training and test sets. Evaluation time is kept
 * apart from training time. A NaN or infinite loss stops training with {@link TrainingDivergedException}.
 *
 * <p>On a backend with a thread to spare ({@link Backend#startInBackground}), each epoch's evaluation but the last
 * runs there, on a snapshot of the network ({@link Network#copyForEvaluation()}), while the next epoch trains; the
 * epoch is reported when it ends. The accuracies are the same bits as evaluated between the steps. Without a spare
 * thread, a layer that cannot copy itself, or a data set that two threads may not read at once
 * ({@link Dataset#concurrentBatches()}), every evaluation runs between the steps; so do the rest once the run has
 * had to wait for one longer than twice its epoch's steps took (epochs of a few steps).
 */
public final class Trainer {

    /**
     * What to run.
     *
     * @param iterations the number of optimizer steps
     * @param batchSize examples per step
     * @param iterationsPerEpoch steps between evaluations (the book: training-set size / batch size)
     * @param sampling how batches are drawn
     * @param stopWhenNotLearning stop with {@link TrainingDivergedException} when an epoch's mean loss is at or
     *     above {@code ln(classes)} (no better than guessing every class equally) and fell by less than 1% since
     *     the epoch before: a learning rate far too high leaves the loss there for good
     */
    public record Settings(
            int iterations,
            int batchSize,
            int iterationsPerEpoch,
            BatchSampler.Mode sampling,
            boolean stopWhenNotLearning) {

        /** The most steps one run may have: the loss of every step is kept, 8 bytes each. */
        public static final int MAX_ITERATIONS = 50_000_000;

        public Settings {
            if (iterations < 1 || iterations > MAX_ITERATIONS) {
                throw new IllegalArgumentException(
                        "The number of iterations must be from 1 to " + MAX_ITERATIONS + ", not " + iterations);
            }
            if (batchSize < 1) {
                throw new IllegalArgumentException("The batch size must be positive, not " + batchSize);
            }
            if (iterationsPerEpoch < 1) {
                throw new IllegalArgumentException(
                        "The iterations per epoch must be positive, not " + iterationsPerEpoch);
            }
            Objects.requireNonNull(sampling, "sampling");
        }

        /** Settings that stop a run that has stopped learning. */
        public Settings(int iterations, int batchSize, int iterationsPerEpoch, BatchSampler.Mode sampling) {
            this(iterations, batchSize, iterationsPerEpoch, sampling, true);
        }

        /** A run of whole epochs: {@code epochs × iterationsPerEpoch} steps. */
        public static Settings ofEpochs(int epochs, int batchSize, int iterationsPerEpoch, BatchSampler.Mode sampling) {
            if (epochs < 1) {
                throw new IllegalArgumentException("The number of epochs must be positive, not " + epochs);
            }
            long iterations = (long) epochs * iterationsPerEpoch;
            if (iterations > MAX_ITERATIONS) {
                throw new IllegalArgumentException(epochs + " epochs of " + iterationsPerEpoch + " steps are "
                        + iterations + " steps; at most " + MAX_ITERATIONS + " are allowed");
            }
            return new Settings((int) iterations, batchSize, iterationsPerEpoch, sampling);
        }

        /** The same settings with the not-learning check on or off. */
        public Settings withStopWhenNotLearning(boolean stop) {
            return new Settings(iterations, batchSize, iterationsPerEpoch, sampling, stop);
        }
    }

    /**
     * One evaluation.
     *
     * @param epoch the number of epochs completed
     * @param iteration the number of steps completed
     * @param trainAccuracy accuracy on the whole training set
     * @param testAccuracy accuracy on the whole test set
     * @param loss the mean training loss of the steps since the previous evaluation
     */
    public record Epoch(int epoch, int iteration, double trainAccuracy, double testAccuracy, double loss) {}

    /**
     * The outcome of a run. A class, not a record: a record would compare its loss array by identity.
     */
    public static final class Result {
        private final List<Epoch> epochs;
        private final double[] losses;
        private final double finalTrainAccuracy;
        private final double finalTestAccuracy;
        private final ConfusionMatrix testConfusion;
        private final double trainSeconds;
        private final double evalSeconds;
        private final double backgroundEvalSeconds;
        private final double medianStepSeconds;

        /**
         * A run's outcome.
         *
         * @param epochs one entry per completed epoch
         * @param losses the loss of every step
         * @param finalTrainAccuracy training-set accuracy after the last step
         * @param finalTestAccuracy test-set accuracy after the last step
         * @param testConfusion the test-set confusion matrix after the last step
         * @param trainSeconds wall time of the training steps alone
         * @param evalSeconds wall time the run spent on evaluations between its steps
         * @param backgroundEvalSeconds wall time of the evaluations that ran beside the steps, on another thread
         * @param medianStepSeconds the median wall time of one training step
         */
        public Result(
                List<Epoch> epochs,
                double[] losses,
                double finalTrainAccuracy,
                double finalTestAccuracy,
                ConfusionMatrix testConfusion,
                double trainSeconds,
                double evalSeconds,
                double backgroundEvalSeconds,
                double medianStepSeconds) {
            this.epochs = List.copyOf(epochs);
            this.losses = losses.clone();
            this.finalTrainAccuracy = finalTrainAccuracy;
            this.finalTestAccuracy = finalTestAccuracy;
            this.testConfusion = testConfusion;
            this.trainSeconds = trainSeconds;
            this.evalSeconds = evalSeconds;
            this.backgroundEvalSeconds = backgroundEvalSeconds;
            this.medianStepSeconds = medianStepSeconds;
        }

        /** One entry per completed epoch. */
        public List<Epoch> epochs() {
            return epochs;
        }

        /** The loss of every step (a copy). */
        public double[] losses() {
            return losses.clone();
        }

        /** Training-set accuracy after the last step. */
        public double finalTrainAccuracy() {
            return finalTrainAccuracy;
        }

        /** Test-set accuracy after the last step. */
        public double finalTestAccuracy() {
            return finalTestAccuracy;
        }

        /** The test-set confusion matrix after the last step. */
        public ConfusionMatrix testConfusion() {
            return testConfusion;
        }

        /** Wall time of the training steps alone. */
        public double trainSeconds() {
            return trainSeconds;
        }

        /**
         * Wall time the run spent on evaluations between its steps: all of them on a backend of one thread; on
         * more, the last one, the copies of the weights for the others and any wait for them to finish.
         */
        public double evalSeconds() {
            return evalSeconds;
        }

        /**
         * Wall time of the evaluations that ran on another thread beside the steps (see {@link Trainer}), which
         * the run did not wait for; 0 when none did.
         */
        public double backgroundEvalSeconds() {
            return backgroundEvalSeconds;
        }

        /**
         * The median wall time of one training step (its batch, forward and backward passes and update), which
         * {@link #trainSeconds()} sums over all steps: the compiled step, where the sum also holds the steps the JIT
         * had not compiled yet. On the book's run, the iterations times this fall short of {@code trainSeconds} by
         * the warm-up.
         */
        public double medianStepSeconds() {
            return medianStepSeconds;
        }
    }

    /** Called as training goes; every method has an empty default. */
    public interface Listener {
        default void started(Settings settings) {}

        default void step(int iteration, double loss) {}

        /** An epoch and its evaluation: when the evaluation runs beside the steps, some steps after the epoch's last. */
        default void epoch(Epoch epoch) {}

        default void finished(Result result) {}
    }

    private final Backend backend;
    private final Evaluator evaluator;

    public Trainer(Backend backend) {
        this.backend = backend;
        this.evaluator = new Evaluator(backend, Evaluator.DEFAULT_CHUNK);
    }

    /** The rule of {@link Settings#stopWhenNotLearning()}, applied after each epoch from the second. */
    static void checkLearning(List<Epoch> epochs, int classes) {
        TrainingDivergedException e = notLearning(epochs, classes);
        if (e != null) {
            throw e;
        }
    }

    /** What {@link #checkLearning} throws, or null: only the epochs' losses count. */
    static @Nullable TrainingDivergedException notLearning(List<Epoch> epochs, int classes) {
        if (epochs.size() < 2) {
            return null;
        }
        Epoch last = epochs.get(epochs.size() - 1);
        Epoch before = epochs.get(epochs.size() - 2);
        double chance = Math.log(classes);
        if (last.loss() >= chance && last.loss() > 0.99 * before.loss()) {
            return new TrainingDivergedException(
                    last.iteration(),
                    last.loss(),
                    String.format(
                            java.util.Locale.ROOT,
                            "Training stopped learning: the mean loss of epoch %d is %.4f, no better than guessing (ln %d = %.4f), "
                                    + "and was %.4f the epoch before. Lower the learning rate (by 10× to start with); to train on "
                                    + "regardless, turn this check off (--no-divergence-check).",
                            last.epoch(),
                            last.loss(),
                            classes,
                            chance,
                            before.loss()));
        }
        return null;
    }

    public Result train(
            Network network,
            Optimizer optimizer,
            Dataset train,
            Dataset test,
            Settings settings,
            RandomGenerator random,
            Listener listener) {
        return resume(network, optimizer, train, test, settings, random, listener, 0);
    }

    /**
     * Continues a run of which {@code done} iterations were made before (restored from a checkpoint into
     * {@code network} and {@code optimizer}): {@code random} must be seeded as the first run's was; the sampler
     * draws and discards {@code done} batches from it, so iteration {@code done + 1} sees the batch it would have
     * seen, and 5,000 + 5,000 iterations give exactly the weights of 10,000. Iterations and epochs are numbered
     * from the start of the whole run; the result's losses are those of this part.
     */
    @SuppressWarnings("try") // the workspace scope frames each step; its body need not name it
    public Result resume(
            Network network,
            Optimizer optimizer,
            Dataset train,
            Dataset test,
            Settings settings,
            RandomGenerator random,
            Listener listener,
            int done) {
        if (done < 0 || done >= settings.iterations()) {
            throw new IllegalArgumentException("A run of " + settings.iterations() + " iterations cannot resume after "
                    + done + ": ask for more iterations than the checkpoint has done");
        }
        if (train.featureCount() != test.featureCount() || train.classCount() != test.classCount()) {
            throw new IllegalArgumentException("Training and test sets differ: " + train.featureCount() + " features, "
                    + train.classCount() + " classes against " + test.featureCount() + ", " + test.classCount());
        }
        BatchSampler sampler = new BatchSampler(train.size(), settings.batchSize(), settings.sampling(), random);
        DType dtype = network.dtype();
        Tensor x = backend.zeros(dtype, settings.batchSize(), train.featureCount());
        Tensor labels = backend.zeros(dtype, settings.batchSize());
        // Every step repeats the same operations, so its intermediate tensors are recycled: no allocation.
        Workspace workspace = new Workspace();
        for (int skipped = 0; skipped < done; skipped++) {
            sampler.next(); // the batches the first part drew
        }
        double[] losses = new double[settings.iterations() - done];
        float[] stepMicros = new float[losses.length];
        List<Epoch> epochs = new ArrayList<>();
        long trainNanos = 0;
        long evalNanos = 0;
        double lossSinceEvaluation = 0;
        int stepsSinceEvaluation = 0;
        double trainAccuracy = Double.NaN;
        double testAccuracy = Double.NaN;
        @Nullable ConfusionMatrix confusion = null;

        // After an epoch, a snapshot of the network is evaluated beside the next steps when the backend has a
        // thread to spare and both data sets may be read from two threads at once; the last evaluation runs here.
        @Nullable BackgroundEvaluations background = null;
        if (backend.threads() > 1 && train.concurrentBatches() && test.concurrentBatches()) {
            Optional<Network> snapshot = network.copyForEvaluation();
            if (snapshot.isPresent()) {
                background = new BackgroundEvaluations(backend, network, snapshot.get(), train, test);
            }
        }
        List<Epoch> epochLosses = new ArrayList<>(); // for the not-learning check, which needs no accuracy
        long stepNanosSinceEvaluation = 0;

        listener.started(settings);
        try {
            for (int i = done; i < settings.iterations(); i++) {
                long start = System.nanoTime();
                train.batch(sampler.next(), settings.batchSize(), x, labels);
                double loss;
                try (Workspace.Scope step = workspace.open()) {
                    loss = network.gradient(x, labels);
                    if (!Double.isFinite(loss)) {
                        throw new TrainingDivergedException(i + 1, loss);
                    }
                    optimizer.update(network.parameters().values());
                }
                long stepNanos = System.nanoTime() - start;
                trainNanos += stepNanos;
                stepNanosSinceEvaluation += stepNanos;
                stepMicros[i - done] = stepNanos / 1e3f;

                losses[i - done] = loss;
                lossSinceEvaluation += loss;
                stepsSinceEvaluation++;
                listener.step(i + 1, loss);
                @Nullable Epoch evaluated = background == null ? null : background.poll();
                if (evaluated != null) {
                    report(evaluated, epochs, listener);
                }

                boolean epochDone = (i + 1) % settings.iterationsPerEpoch() == 0;
                boolean last = i + 1 == settings.iterations();
                if (epochDone || last) {
                    long evalStart = System.nanoTime();
                    evaluated = background == null ? null : background.await();
                    if (evaluated != null) {
                        report(evaluated, epochs, listener);
                        // Waiting more than twice the epoch's steps took, the run would lose less evaluating on all
                        // threads between the steps (one thread evaluates about 1.5 times slower than two).
                        if (background != null && System.nanoTime() - evalStart > 2 * stepNanosSinceEvaluation) {
                            background.stop();
                        }
                    }
                    int epochNumber = (i + 1) / settings.iterationsPerEpoch();
                    double epochLoss = lossSinceEvaluation / stepsSinceEvaluation;
                    @Nullable TrainingDivergedException notLearning = null;
                    if (epochDone && settings.stopWhenNotLearning()) {
                        epochLosses.add(new Epoch(epochNumber, i + 1, Double.NaN, Double.NaN, epochLoss));
                        notLearning = notLearning(epochLosses, train.classCount());
                    }
                    boolean besideSteps = background != null
                            && epochDone
                            && !last
                            && notLearning == null
                            && background.start(new Epoch(epochNumber, i + 1, Double.NaN, Double.NaN, epochLoss));
                    if (!besideSteps) {
                        trainAccuracy = evaluator.accuracy(network, train);
                        confusion = evaluator.confusion(network, test);
                        testAccuracy = confusion.accuracy();
                        if (epochDone) {
                            report(
                                    new Epoch(epochNumber, i + 1, trainAccuracy, testAccuracy, epochLoss),
                                    epochs,
                                    listener);
                        }
                    }
                    evalNanos += System.nanoTime() - evalStart;
                    if (notLearning != null) {
                        throw notLearning;
                    }
                    lossSinceEvaluation = 0;
                    stepsSinceEvaluation = 0;
                    stepNanosSinceEvaluation = 0;
                }
            }
        } finally {
            if (background != null) {
                background.awaitQuietly(); // no work of this run outlives it
            }
        }
        Result result = new Result(
                epochs,
                losses,
                trainAccuracy,
                testAccuracy,
                Objects.requireNonNull(confusion, "the last step is always evaluated"),
                trainNanos / 1e9,
                evalNanos / 1e9,
                background == null ? 0 : background.nanos() / 1e9,
                median(stepMicros) / 1e6);
        listener.finished(result);
        return result;
    }

    /** Records a finished epoch and tells the listener. */
    private static void report(Epoch epoch, List<Epoch> epochs, Listener listener) {
        epochs.add(epoch);
        listener.epoch(epoch);
    }

    /**
     * The evaluations after each epoch of a snapshot of the network, one at a time, each on a backend thread beside
     * the steps that follow. The snapshot is written only while no evaluation runs.
     */
    private static final class BackgroundEvaluations {
        private final Backend backend;
        private final Network network;
        private final Network snapshot;
        private final Dataset train;
        private final Dataset test;
        private final Evaluator evaluator;
        private @Nullable Future<?> running;
        private @Nullable Epoch pending;
        // Written by the background thread; read once its future has ended, which orders the two.
        private double trainAccuracy;
        private double testAccuracy;
        private long runNanos;
        private long totalNanos;
        private boolean stopped;

        BackgroundEvaluations(Backend backend, Network network, Network snapshot, Dataset train, Dataset test) {
            this.backend = backend;
            this.network = network;
            this.snapshot = snapshot;
            this.train = train;
            this.test = test;
            this.evaluator = Evaluator.onOneThread(backend);
        }

        /**
         * Copies the network into the snapshot and starts evaluating it for {@code epoch} (whose accuracies are
         * filled in when it ends); false when the backend has no thread to spare or the evaluations were stopped.
         */
        boolean start(Epoch epoch) {
            if (running != null) {
                throw new IllegalStateException("an evaluation is running; await it first");
            }
            if (stopped) {
                return false;
            }
            network.copyValuesTo(snapshot);
            running = backend.startInBackground(() -> {
                        long start = System.nanoTime();
                        trainAccuracy = evaluator.accuracy(snapshot, train);
                        testAccuracy = evaluator.accuracy(snapshot, test);
                        runNanos = System.nanoTime() - start;
                    })
                    .orElse(null);
            pending = running == null ? null : epoch;
            return running != null;
        }

        /** The epoch of the evaluation that ran, if it has ended; null while it runs or when none was started. */
        @Nullable
        Epoch poll() {
            Future<?> future = running;
            return future != null && future.isDone() ? await() : null;
        }

        /** Waits for the running evaluation and returns its epoch, or null when none runs. */
        @Nullable
        Epoch await() {
            Future<?> future = running;
            Epoch epoch = pending;
            if (future == null || epoch == null) {
                return null;
            }
            running = null;
            pending = null;
            try {
                future.get();
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException runtime) {
                    throw runtime;
                }
                if (cause instanceof Error error) {
                    throw error;
                }
                throw new IllegalStateException(
                        "The evaluation after epoch " + epoch.epoch() + " failed: " + cause, cause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(
                        "Interrupted while waiting for the evaluation after epoch " + epoch.epoch(), e);
            }
            totalNanos += runNanos;
            return new Epoch(epoch.epoch(), epoch.iteration(), trainAccuracy, testAccuracy, epoch.loss());
        }

        /** Waits for the running evaluation, if any, and drops its outcome: the run has failed already. */
        void awaitQuietly() {
            try {
                await();
            } catch (RuntimeException | Error e) {
                // the run's own failure is the one to report
            }
        }

        /** Starts no more evaluations: the run evaluates between its steps from now on. */
        void stop() {
            stopped = true;
        }

        /** Wall time of the evaluations that ended, summed. */
        long nanos() {
            return totalNanos;
        }
    }

    /** The median of {@code values} (the mean of the middle two for an even count), or NaN for none. */
    static double median(float[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        float[] sorted = values.clone();
        Arrays.sort(sorted);
        int half = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[half] : (sorted[half - 1] + (double) sorted[half]) / 2;
    }
}
