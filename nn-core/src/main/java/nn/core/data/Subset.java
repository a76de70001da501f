package nn.core.data;

import nn.api.Tensor;

/**
 * The first {@code size} examples of a data set, as the book's experiments take {@code x_train[:300]}. Batches are
 * read from the underlying set, so nothing is copied.
 */
public final class Subset implements Dataset {

    private final Dataset data;
    private final int size;

    public Subset(Dataset data, int size) {
        if (size < 1 || size > data.size()) {
            throw new IllegalArgumentException(
                    "A subset needs between 1 and " + data.size() + " examples, not " + size);
        }
        this.data = data;
        this.size = size;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int featureCount() {
        return data.featureCount();
    }

    @Override
    public int classCount() {
        return data.classCount();
    }

    @Override
    public int label(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("Example " + i + " of a subset of " + size);
        }
        return data.label(i);
    }

    @Override
    public void batch(int[] indices, int count, Tensor x, Tensor labels) {
        for (int i = 0; i < count; i++) {
            if (indices[i] < 0 || indices[i] >= size) {
                throw new IndexOutOfBoundsException("Example " + indices[i] + " of a subset of " + size);
            }
        }
        // The first examples keep their indices: checked, the caller's indices are the underlying set's.
        data.batch(indices, count, x, labels);
    }

    @Override
    public boolean concurrentBatches() {
        return data.concurrentBatches();
    }
}
