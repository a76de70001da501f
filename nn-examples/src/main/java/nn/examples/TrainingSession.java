package nn.examples;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import nn.api.Backend;
import nn.api.DType;
import nn.api.SparseRows;
import nn.api.Tensor;
import nn.core.data.Dataset;
import nn.core.metrics.ConfusionMatrix;
import nn.core.network.Network;
import nn.core.optim.Optimizer;
import nn.core.train.Trainer;
import nn.core.train.WarmUp;
import nn.mnist.Mnist;
import nn.mnist.MnistSplit;

/** What {@code train-mnist} and {@code train} share: the run with its progress bar and epoch lines, and the output. */
final class TrainingSession {

    private TrainingSession() {}

    /**
     * Whether standard output is a terminal, where a progress bar belongs. Before JDK 22 {@code System.console()}
     * is null when it is not; from JDK 22 the console exists anyway and {@code Console.isTerminal()} (absent
     * from JDK 17, hence the reflection) tells.
     */
    @SuppressWarnings("SystemConsoleNull") // the null test is right on JDK 17-21, isTerminal() decides after
    static boolean interactive() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException beforeJdk22) {
            return true;
        }
    }

    /** An option whose value must be at least 1: a clear error naming it otherwise. */
    static void requirePositive(String option, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(option + " must be positive, not " + value);
        }
    }

    /** An option whose value may not pass a limit, named in the error. */
    static void requireAtMost(String option, int value, int limit) {
        if (value > limit) {
            throw new IllegalArgumentException(option + " " + value + " is more than the " + limit + " allowed"
                    + (option.equals("--batch-size") ? " (the size of the training set)" : ""));
        }
    }

    /** Builds something from an option's value, naming the option in the error if the value is refused. */
    static <T> T option(String option, java.util.function.Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
        }
    }

    /** Called after each training step, with the iteration just done (from 1, over the whole run). */
    @FunctionalInterface
    interface AfterStep {
        void after(int iteration) throws IOException;
    }

    /**
     * A finished run, and when its first step ended in seconds since the process started: the start-up a user waits
     * through (JVM, wiring, data, and a first step run before the JIT has compiled it).
     */
    record Trained(Trainer.Result result, double firstStepSeconds) {}

    /**
     * Trains on from iteration {@code done} (0 for a new run), printing one line per epoch (and a progress bar on
     * a terminal) and calling {@code afterStep} after every step.
     */
    static Trained train(
            Backend backend,
            Network net,
            Optimizer optimizer,
            Dataset train,
            Dataset test,
            Trainer.Settings settings,
            RandomGenerator batches,
            PrintWriter out,
            boolean progress,
            int done,
            AfterStep afterStep) {
        try (ProgressBar bar = progress
                ? new ProgressBarBuilder()
                        .setTaskName("train")
                        .setInitialMax(settings.iterations())
                        .continuousUpdate()
                        .build()
                : null) {
            double[] firstStep = {Double.NaN};
            Trainer.Result result = new Trainer(backend)
                    .resume(
                            net,
                            optimizer,
                            train,
                            test,
                            settings,
                            batches,
                            new Trainer.Listener() {
                                @Override
                                public void step(int iteration, double loss) {
                                    if (Double.isNaN(firstStep[0])) {
                                        firstStep[0] = secondsSinceStart();
                                    }
                                    try {
                                        afterStep.after(iteration);
                                    } catch (IOException e) {
                                        throw new java.io.UncheckedIOException(e);
                                    }
                                    if (bar != null) {
                                        bar.stepTo(iteration);
                                        if (iteration % 100 == 0) {
                                            bar.setExtraMessage(String.format(Locale.ROOT, "loss %.4f", loss));
                                        }
                                    }
                                }

                                @Override
                                public void epoch(Trainer.Epoch epoch) {
                                    out.printf(
                                            Locale.ROOT,
                                            "epoch %2d | train_acc: %.4f | test_acc: %.4f | loss: %.4f%n",
                                            epoch.epoch(),
                                            epoch.trainAccuracy(),
                                            epoch.testAccuracy(),
                                            epoch.loss());
                                    out.flush();
                                }
                            },
                            done);
            return new Trained(result, firstStep[0]);
        }
    }

    /**
     * Seconds since the JVM started, from the start time it records as it starts: the launcher's few milliseconds
     * before that are not counted. Not {@link ProcessHandle.Info#startInstant()}, which Linux dates from the boot
     * time in whole seconds: on one machine it put the start 0.85 s early, and so every first step 0.85 s late.
     */
    static double secondsSinceStart() {
        return (System.currentTimeMillis()
                        - ManagementFactory.getRuntimeMXBean().getStartTime())
                / 1e3;
    }

    /** Steps of the warm-up while the data loads: the first thousand steps are the ones the JIT has not compiled. */
    static final int WARM_UP_STEPS = 1000;

    /**
     * Rows of the warm-up's batch: one row tile of the products. It runs every kernel a batch of 100 does but the
     * 8-row tiles of float32's 10-column products; 12 rows, which run those too, were no faster (the book's run, 4
     * interleaved rounds: wall time 4.66 against 4.69 s in float32 on one thread, 4.04 against 3.99 s on two, 5.56
     * against 5.54 s in float64 on one).
     */
    static final int WARM_UP_ROWS = 4;

    /**
     * Starts stepping a throwaway network (the run's architecture, from {@code network}) with its own optimizer on a
     * synthetic batch of MNIST-like rows, when the machine has a core to spare and {@code wanted}; else no warm-up.
     * Close it before the first step. The rows are written as a data set's are ({@link Tensor#assignSparseRow}), so
     * that the warm-up runs the kernels the run will.
     */
    static WarmUp startWarmUp(
            boolean wanted, Backend backend, DType dtype, Supplier<Network> network, Supplier<Optimizer> optimizer) {
        if (!wanted || Runtime.getRuntime().availableProcessors() < 2) {
            return WarmUp.none();
        }
        SplittableRandom random = new SplittableRandom(0);
        double[] dense = new double[WARM_UP_ROWS * Mnist.PIXELS];
        for (int r = 0; r < WARM_UP_ROWS; r++) {
            // About half the pixels of the 20 × 16 middle, as a digit has some 150 of its 784 not zero.
            for (int y = 4; y < 24; y++) {
                for (int x = 6; x < 22; x++) {
                    if (random.nextBoolean()) {
                        dense[r * Mnist.PIXELS + y * Mnist.COLUMNS + x] = random.nextInt(1, 256) / 255.0;
                    }
                }
            }
        }
        SparseRows pattern = SparseRows.of(dense, WARM_UP_ROWS, Mnist.PIXELS);
        Tensor x = backend.zeros(dtype, WARM_UP_ROWS, Mnist.PIXELS);
        Tensor labels = backend.zeros(dtype, WARM_UP_ROWS);
        for (int r = 0; r < WARM_UP_ROWS; r++) {
            double[] values = new double[pattern.count(r)];
            for (int j = 0; j < values.length; j++) {
                values[j] = dense[r * Mnist.PIXELS + pattern.column(pattern.start(r) + j)];
            }
            x.assignSparseRow(r, pattern, r, values);
            labels.set(r % MnistSplit.CLASSES, r);
        }
        return WarmUp.start(network.get(), optimizer.get(), x, labels, WARM_UP_STEPS);
    }

    /** The report of a finished run: the backend, the settings given, and what the run measured. */
    static TrainingReport report(
            Backend backend, TrainingReport.Settings settings, Trained trained, double loadSeconds, int warmUpSteps) {
        Trainer.Result result = trained.result();
        double[] losses = result.losses();
        return new TrainingReport(
                backend.name(),
                backend.description(),
                Runtime.version().toString(),
                settings,
                result.finalTrainAccuracy(),
                result.finalTestAccuracy(),
                losses[losses.length - 1],
                loadSeconds,
                warmUpSteps,
                trained.firstStepSeconds(),
                result.trainSeconds(),
                result.medianStepSeconds(),
                result.evalSeconds(),
                result.backgroundEvalSeconds(),
                settings.iterations() / result.trainSeconds(),
                result.epochs(),
                matrix(result.testConfusion()));
    }

    /** The test confusion matrix as rows of counts, for the report. */
    static List<List<Long>> matrix(ConfusionMatrix confusion) {
        List<List<Long>> rows = new ArrayList<>();
        for (int i = 0; i < confusion.classes(); i++) {
            List<Long> row = new ArrayList<>();
            for (int j = 0; j < confusion.classes(); j++) {
                row.add(confusion.count(i, j));
            }
            rows.add(List.copyOf(row));
        }
        return List.copyOf(rows);
    }

    /** The closing lines, then the report and the plot if asked for. */
    static void finish(
            PrintWriter out,
            Backend backend,
            TrainingReport r,
            Trainer.Result result,
            boolean printConfusion,
            Path report,
            Path plot)
            throws IOException {
        out.printf(
                Locale.ROOT,
                "final    | train_acc: %.4f | test_acc: %.4f%n",
                r.finalTrainAccuracy(),
                r.finalTestAccuracy());
        if (printConfusion) {
            out.print("test confusion matrix (rows: true class, columns: predicted)\n" + result.testConfusion());
        }
        out.printf(
                Locale.ROOT,
                "time     | load %.2f s%s | first step %.2f s after start | train %.2f s (%.0f it/s, median step %.3f ms) "
                        + "| eval %.2f s%s | backend %s | %s%n",
                r.loadSeconds(),
                r.warmUpSteps() > 0
                        ? String.format(Locale.ROOT, " (and %d warm-up steps beside it)", r.warmUpSteps())
                        : "",
                r.firstStepSeconds(),
                r.trainSeconds(),
                r.iterationsPerSecond(),
                r.medianStepSeconds() * 1e3,
                r.evalSeconds(),
                r.backgroundEvalSeconds() > 0
                        ? String.format(Locale.ROOT, " (and %.2f s beside the steps)", r.backgroundEvalSeconds())
                        : "",
                backend.name(),
                r.settings().dtype());
        out.flush();
        if (report != null) {
            r.write(report);
            out.println("report written to " + report);
        }
        if (plot != null) {
            TrainingPlot.write(plot, result.losses(), r.epochs());
            out.println("plot written to " + plot);
        }
        out.flush();
    }
}
