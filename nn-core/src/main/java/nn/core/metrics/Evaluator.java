package nn.core.metrics;

import nn.api.Backend;
import nn.api.Tensor;
import nn.core.data.Dataset;
import nn.core.network.Network;

/**
 * Runs a network over a whole data set in fixed-size chunks, so that 60,000 examples never become one
 * 376 MB tensor; the chunk tensors are reused from call to call.
 */
public final class Evaluator {

    /** Rows per forward pass during evaluation. */
    public static final int DEFAULT_CHUNK = 1000;

    private final Backend backend;
    private final int chunk;
    private Tensor x;
    private Tensor labels;
    private int[] indices;

    public Evaluator(Backend backend, int chunk) {
        if (chunk < 1) {
            throw new IllegalArgumentException("chunk must be positive, not " + chunk);
        }
        this.backend = backend;
        this.chunk = chunk;
    }

    /** The confusion matrix of {@code network} on every example of {@code data}. */
    public ConfusionMatrix confusion(Network network, Dataset data) {
        ConfusionMatrix matrix = new ConfusionMatrix(data.classCount());
        int[] all = data.labels();
        for (int start = 0; start < data.size(); start += chunk) {
            int count = Math.min(chunk, data.size() - start);
            prepare(count, data.featureCount());
            for (int i = 0; i < count; i++) {
                indices[i] = start + i;
            }
            data.batch(indices, count, x, labels);
            int[] predicted = network.predict(x).argmax(1);
            matrix.addAll(all, start, predicted, count);
        }
        return matrix;
    }

    /** The accuracy of {@code network} on {@code data}. */
    public double accuracy(Network network, Dataset data) {
        return confusion(network, data).accuracy();
    }

    private void prepare(int count, int features) {
        if (x == null || x.dim(0) != count || x.dim(1) != features) {
            x = backend.zeros(count, features);
            labels = backend.zeros(count);
            indices = new int[Math.max(count, indices == null ? 0 : indices.length)];
        }
    }
}
