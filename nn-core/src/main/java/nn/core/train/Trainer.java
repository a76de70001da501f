package nn.core.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
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
         * @param evalSeconds wall time of the evaluations
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
                double medianStepSeconds) {
            this.epochs = List.copyOf(epochs);
            this.losses = losses.clone();
            this.finalTrainAccuracy = finalTrainAccuracy;
            this.finalTestAccuracy = finalTestAccuracy;
            this.testConfusion = testConfusion;
            this.trainSeconds = trainSeconds;
            this.evalSeconds = evalSeconds;
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

        /** Wall time of the evaluations. */
        public double evalSeconds() {
            return evalSeconds;
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
        if (epochs.size() < 2) {
            return;
        }
        Epoch last = epochs.get(epochs.size() - 1);
        Epoch before = epochs.get(epochs.size() - 2);
        double chance = Math.log(classes);
        if (last.loss() >= chance && last.loss() > 0.99 * before.loss()) {
            throw new TrainingDivergedException(
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

        listener.started(settings);
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
            stepMicros[i - done] = stepNanos / 1e3f;

            losses[i - done] = loss;
            lossSinceEvaluation += loss;
            stepsSinceEvaluation++;
            listener.step(i + 1, loss);

            boolean epochDone = (i + 1) % settings.iterationsPerEpoch() == 0;
            boolean last = i + 1 == settings.iterations();
            if (epochDone || last) {
                long evalStart = System.nanoTime();
                trainAccuracy = evaluator.accuracy(network, train);
                confusion = evaluator.confusion(network, test);
                testAccuracy = confusion.accuracy();
                evalNanos += System.nanoTime() - evalStart;
                if (epochDone) {
                    Epoch epoch = new Epoch(
                            (i + 1) / settings.iterationsPerEpoch(),
                            i + 1,
                            trainAccuracy,
                            testAccuracy,
                            lossSinceEvaluation / stepsSinceEvaluation);
                    epochs.add(epoch);
                    listener.epoch(epoch);
                    if (settings.stopWhenNotLearning()) {
                        checkLearning(epochs, train.classCount());
                    }
                }
                lossSinceEvaluation = 0;
                stepsSinceEvaluation = 0;
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
                median(stepMicros) / 1e6);
        listener.finished(result);
        return result;
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
