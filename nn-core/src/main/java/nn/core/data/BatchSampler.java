package nn.core.data;

import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * Chooses the examples of each training batch. {@link Mode#WITH_REPLACEMENT} draws each batch independently,
 * as the book's {@code np.random.choice(train_size, batch_size)} does; {@link Mode#SHUFFLED_EPOCHS} walks a
 * fresh permutation each epoch, so every example is seen once per epoch. All randomness comes from the
 * generator given, so a seed fixes the whole sequence.
 */
public final class BatchSampler {

    /** How batches are drawn. */
    public enum Mode {
        WITH_REPLACEMENT,
        SHUFFLED_EPOCHS
    }

    private final int size;
    private final int batchSize;
    private final Mode mode;
    private final RandomGenerator random;
    private final int[] batch;
    private int @Nullable [] permutation;
    private int position;

    public BatchSampler(int size, int batchSize, Mode mode, RandomGenerator random) {
        if (size < 1 || batchSize < 1) {
            throw new IllegalArgumentException(
                    "Need at least one example and a batch size of at least 1, not " + size + " and " + batchSize);
        }
        if (mode == Mode.SHUFFLED_EPOCHS && batchSize > size) {
            throw new IllegalArgumentException(
                    "A batch of " + batchSize + " cannot be drawn without replacement from " + size + " examples");
        }
        this.size = size;
        this.batchSize = batchSize;
        this.mode = mode;
        this.random = random;
        this.batch = new int[batchSize];
    }

    /** The indices of the next batch, in an array this sampler reuses. */
    public int[] next() {
        if (mode == Mode.WITH_REPLACEMENT) {
            for (int i = 0; i < batchSize; i++) {
                batch[i] = random.nextInt(size);
            }
            return batch;
        }
        if (permutation == null || position + batchSize > size) {
            shuffle();
        }
        System.arraycopy(permutation, position, batch, 0, batchSize);
        position += batchSize;
        return batch;
    }

    private void shuffle() {
        if (permutation == null) {
            permutation = new int[size];
            for (int i = 0; i < size; i++) {
                permutation[i] = i;
            }
        }
        for (int i = size - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = permutation[i];
            permutation[i] = permutation[j];
            permutation[j] = t;
        }
        position = 0;
    }
}
