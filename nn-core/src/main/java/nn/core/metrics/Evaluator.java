package nn.core.metrics;

import nn.api.Backend;
import nn.api.DType;
import nn.api.Tensor;
import nn.api.Workspace;
import nn.core.data.Dataset;
import nn.core.network.Network;
import org.jspecify.annotations.Nullable;

/**
 * Runs a network over a whole data set in fixed-size chunks, so that 60,000 examples never become one
 * 376 MB tensor; the chunk tensors are reused from call to call.
 *
 * <p>On a backend with several threads, when the network may be evaluated by several threads at once
 * ({@link Network#concurrentEvaluation()}) and the data set read by several ({@link Dataset#concurrentBatches()}),
 * each thread reads and evaluates whole chunks of its own ({@link Backend#forEachTask}): a chunk then stays in
 * its core's cache from reading to result, where splitting each product across the threads had one thread read
 * the chunk while the other waited, and both read it from memory. The predictions are the same either way: a
 * row's scores do not depend on the rows beside it. One evaluator serves one caller at a time.
 */
public final class Evaluator {

    /** Rows per forward pass during evaluation. */
    public static final int DEFAULT_CHUNK = 1000;

    /**
     * Rows per chunk when threads evaluate chunks of their own (at most the evaluator's chunk): 100 rows of MNIST
     * (627 KB in float64) stay in their core's L2 cache. Alone, chunks of 100, 200 and 400 evaluated MNIST's 10,000
     * test images alike (6.40, 6.35 and 6.48 ms, float64, 2 threads, JMH), and chunks of 1,000 were 15-25% slower in
     * a harness; beside the training steps, chunks of 100 left the steps more of the shared cache than chunks of 200
     * (the book's run on two threads, train + eval 6% shorter in both dtypes, 6 interleaved rounds).
     */
    static final int THREAD_CHUNK = 100;

    private final Backend backend;
    private final int chunk;

    /** Each thread's tensors and workspace, by the thread number {@link Backend#forEachTask} passes. */
    private final Lane[] lanes;

    public Evaluator(Backend backend, int chunk) {
        this(backend, chunk, backend.threads());
    }

    /**
     * An evaluator that runs on its caller's thread alone, in chunks of {@value #THREAD_CHUNK} rows: for an
     * evaluation that runs beside other work, on a thread of its own ({@link Backend#startInBackground}).
     */
    public static Evaluator onOneThread(Backend backend) {
        return new Evaluator(backend, THREAD_CHUNK, 1);
    }

    private Evaluator(Backend backend, int chunk, int threads) {
        if (chunk < 1) {
            throw new IllegalArgumentException("chunk must be positive, not " + chunk);
        }
        this.backend = backend;
        this.chunk = chunk;
        this.lanes = new Lane[threads];
        for (int i = 0; i < lanes.length; i++) {
            lanes[i] = new Lane();
        }
    }

    /** The confusion matrix of {@code network} on every example of {@code data}. */
    public ConfusionMatrix confusion(Network network, Dataset data) {
        int[] all = data.labels();
        int rows = Math.min(chunk, THREAD_CHUNK);
        if (lanes.length == 1 || data.size() <= rows || !network.concurrentEvaluation() || !data.concurrentBatches()) {
            ConfusionMatrix matrix = new ConfusionMatrix(data.classCount());
            for (int start = 0; start < data.size(); start += chunk) {
                lanes[0].evaluate(network, data, all, start, Math.min(chunk, data.size() - start), matrix);
            }
            return matrix;
        }
        for (Lane lane : lanes) {
            lane.matrix = new ConfusionMatrix(data.classCount());
        }
        int tasks = (data.size() + rows - 1) / rows;
        backend.forEachTask(tasks, (thread, task) -> {
            int start = task * rows;
            Lane lane = lanes[thread];
            lane.evaluate(network, data, all, start, Math.min(rows, data.size() - start), lane.matrix());
        });
        // Counts add up in any order: the matrix does not depend on which thread took which chunk.
        ConfusionMatrix matrix = new ConfusionMatrix(data.classCount());
        for (Lane lane : lanes) {
            matrix.addAll(lane.matrix());
            lane.matrix = null;
        }
        return matrix;
    }

    /** The accuracy of {@code network} on {@code data}. */
    public double accuracy(Network network, Dataset data) {
        return confusion(network, data).accuracy();
    }

    /** One thread's chunk tensors, workspace and counts. */
    private final class Lane {
        private @Nullable Tensor x;
        private @Nullable Tensor labels;
        private int[] indices = new int[0];
        private final Workspace workspace = new Workspace();
        private @Nullable ConfusionMatrix matrix;

        ConfusionMatrix matrix() {
            ConfusionMatrix m = matrix;
            if (m == null) {
                throw new IllegalStateException("no evaluation is running");
            }
            return m;
        }

        /** Predicts examples {@code [start, start + count)} and adds them to {@code into}. */
        @SuppressWarnings("try") // the workspace scope frames each chunk; its body need not name it
        void evaluate(Network network, Dataset data, int[] all, int start, int count, ConfusionMatrix into) {
            Tensor x = this.x;
            Tensor labels = this.labels;
            DType dtype = network.dtype();
            if (x == null
                    || labels == null
                    || x.dim(0) != count
                    || x.dim(1) != data.featureCount()
                    || x.dtype() != dtype) {
                x = backend.zeros(dtype, count, data.featureCount());
                labels = backend.zeros(dtype, count);
                this.x = x;
                this.labels = labels;
                if (indices.length < count) {
                    indices = new int[count];
                }
            }
            for (int i = 0; i < count; i++) {
                indices[i] = start + i;
            }
            data.batch(indices, count, x, labels);
            try (Workspace.Scope chunkScope = workspace.open()) {
                int[] predicted = network.predict(x).argmax(1);
                into.addAll(all, start, predicted, count);
            }
        }
    }
}
