package nn.examples;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.random.RandomGenerator;
import nn.api.Backend;
import nn.api.DType;
import nn.api.Tensor;
import nn.api.Workspace;
import nn.core.data.BatchSampler;
import nn.core.data.Dataset;
import nn.core.network.Network;
import nn.core.optim.Optimizer;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/** What the book's chapter-6 experiments share: training several nets on the same batches, smoothing, plots. */
final class Experiments {

    private Experiments() {}

    /**
     * Trains every net with its optimizer on the same batches (as the book's comparisons do) and returns the loss
     * of every step, per net. {@code afterStep} is called with the step number after each step of all nets. Several
     * nets train side by side on the backend's threads.
     */
    static double[][] trainTogether(
            Backend backend,
            DType dtype,
            List<Network> nets,
            List<Optimizer> optimizers,
            Dataset train,
            int batchSize,
            int iterations,
            RandomGenerator random,
            StepListener afterStep) {
        BatchSampler sampler = new BatchSampler(train.size(), batchSize, BatchSampler.Mode.WITH_REPLACEMENT, random);
        Tensor x = backend.zeros(dtype, batchSize, train.featureCount());
        Tensor t = backend.zeros(dtype, batchSize);
        double[][] losses = new double[nets.size()][iterations];
        Workspace[] workspaces = new Workspace[nets.size()];
        for (int n = 0; n < nets.size(); n++) {
            workspaces[n] = new Workspace();
        }
        for (int i = 0; i < iterations; i++) {
            train.batch(sampler.next(), batchSize, x, t);
            int step = i;
            if (nets.size() == 1) {
                // One net: its products may split across the threads.
                train(nets.get(0), optimizers.get(0), workspaces[0], x, t, losses[0], step);
            } else {
                // Several nets share nothing but the batch, which they only read: each is a task on the backend's
                // threads (its products then stay on that thread). Every net's steps are the same as one after another.
                backend.forEachTask(
                        nets.size(),
                        (thread, n) -> train(nets.get(n), optimizers.get(n), workspaces[n], x, t, losses[n], step));
            }
            afterStep.after(i + 1, losses, i);
        }
        return losses;
    }

    /** One training step of {@code net} on the batch, its loss stored at {@code losses[step]}. */
    @SuppressWarnings("try") // the workspace scope frames the step; its body need not name it
    private static void train(
            Network net, Optimizer optimizer, Workspace workspace, Tensor x, Tensor t, double[] losses, int step) {
        try (Workspace.Scope scope = workspace.open()) {
            losses[step] = net.gradient(x, t);
            optimizer.update(net.parameters().values());
        }
    }

    /** Called after each step of every net. */
    @FunctionalInterface
    interface StepListener {
        void after(int step, double[][] losses, int index);
    }

    /**
     * The book's {@code smooth_curve}: a Kaiser window of 11 (beta 2) run over the curve, its ends mirrored, so a
     * noisy loss reads as a trend.
     */
    static double[] smooth(double[] x) {
        int window = 11;
        if (x.length < window) {
            return x.clone();
        }
        double[] w = new double[window];
        double sum = 0;
        for (int n = 0; n < window; n++) {
            double r = 2.0 * n / (window - 1) - 1;
            w[n] = besselI0(2 * Math.sqrt(1 - r * r)) / besselI0(2);
            sum += w[n];
        }
        // s = x[window-1:0:-1] + x + x[-1:-window:-1]
        double[] s = new double[x.length + 2 * (window - 1)];
        int k = 0;
        for (int i = window - 1; i > 0; i--) {
            s[k++] = x[i];
        }
        for (double v : x) {
            s[k++] = v;
        }
        for (int i = x.length - 1; i > x.length - window; i--) {
            s[k++] = x[i];
        }
        double[] valid = new double[s.length - window + 1];
        for (int i = 0; i < valid.length; i++) {
            double v = 0;
            for (int j = 0; j < window; j++) {
                v += w[window - 1 - j] / sum * s[i + j];
            }
            valid[i] = v;
        }
        double[] y = new double[valid.length - 10];
        System.arraycopy(valid, 5, y, 0, y.length);
        return y;
    }

    /** The modified Bessel function of the first kind, order 0, by its power series. */
    private static double besselI0(double x) {
        double sum = 1;
        double term = 1;
        for (int k = 1; k < 50; k++) {
            term *= (x / (2 * k)) * (x / (2 * k));
            sum += term;
        }
        return sum;
    }

    /** Writes charts side by side into one PNG, through a temporary file moved into place. */
    static void writePng(Path png, List<? extends Chart<?, ?>> charts, int rows, int columns) throws IOException {
        System.setProperty("java.awt.headless", "true");
        OutputFiles.write(
                png,
                ".tmp.png",
                temp -> BitmapEncoder.saveBitmap(
                        List.copyOf(charts), rows, columns, temp.toString(), BitmapEncoder.BitmapFormat.PNG));
    }

    /** 1, 2, …, n as doubles, for an x axis. */
    static double[] steps(int n) {
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = i + 1;
        }
        return s;
    }
}
