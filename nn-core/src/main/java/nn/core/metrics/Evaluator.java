package nn.core.metrics;

import java.util.Objects;
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
 */
public final class Evaluator {

    /** Rows per forward pass during evaluation. */
    public static final int DEFAULT_CHUNK = 1000;

    private final Backend backend;
    private final int chunk;
    private @Nullable Tensor x;
    private @Nullable Tensor labels;
    private int @Nullable [] indices;
    private final Workspace workspace = new Workspace();

    public Evaluator(Backend backend, int chunk) {
        if (chunk < 1) {
            throw new IllegalArgumentException("chunk must be positive, not " + chunk);
        }
        this.backend = backend;
        this.chunk = chunk;
    }

    /** The confusion matrix of {@code network} on every example of {@code data}. */
    @SuppressWarnings("try") // the workspace scope frames each chunk; its body need not name it
    public ConfusionMatrix confusion(Network network, Dataset data) {
        ConfusionMatrix matrix = new ConfusionMatrix(data.classCount());
        int[] all = data.labels();
        for (int start = 0; start < data.size(); start += chunk) {
            int count = Math.min(chunk, data.size() - start);
            prepare(count, data.featureCount(), network.dtype());
            // prepare() has made all three; the locals say so to the nullness checker.
            Tensor x = Objects.requireNonNull(this.x);
            Tensor labels = Objects.requireNonNull(this.labels);
            int[] indices = Objects.requireNonNull(this.indices);
            for (int i = 0; i < count; i++) {
                indices[i] = start + i;
            }
            data.batch(indices, count, x, labels);
            try (Workspace.Scope chunkScope = workspace.open()) {
                int[] predicted = network.predict(x).argmax(1);
                matrix.addAll(all, start, predicted, count);
            }
        }
        return matrix;
    }

    /** The accuracy of {@code network} on {@code data}. */
    public double accuracy(Network network, Dataset data) {
        return confusion(network, data).accuracy();
    }

    private void prepare(int count, int features, DType dtype) {
        if (x == null || x.dim(0) != count || x.dim(1) != features || x.dtype() != dtype) {
            x = backend.zeros(dtype, count, features);
            labels = backend.zeros(dtype, count);
            indices = new int[Math.max(count, indices == null ? 0 : indices.length)];
        }
    }
}
