package nn.core.data;

import nn.api.Tensor;

/**
 * Labelled examples for classification, read in batches. Implementations keep the examples compactly (MNIST
 * keeps bytes) and convert only the rows asked for.
 */
public interface Dataset {

    /** The number of examples. */
    int size();

    /** The number of features of one example (784 for MNIST). */
    int featureCount();

    /** The number of classes. */
    int classCount();

    /** The class index of example {@code i}. */
    int label(int i);

    /**
     * Writes examples {@code indices[0..count)} into the first {@code count} rows of {@code x}
     * ({@code [rows ≥ count, featureCount]}) and their class indices into {@code labels} ({@code [rows]}).
     */
    void batch(int[] indices, int count, Tensor x, Tensor labels);

    /**
     * Whether {@link #batch} may run on several threads at once, each writing its own tensors: then an
     * {@link nn.core.metrics.Evaluator} reads a data set's chunks on all of a backend's threads. False unless an
     * implementation says so.
     */
    default boolean concurrentBatches() {
        return false;
    }

    /** All class indices, in order. */
    default int[] labels() {
        int[] labels = new int[size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = label(i);
        }
        return labels;
    }
}
