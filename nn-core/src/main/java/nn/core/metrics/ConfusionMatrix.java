package nn.core.metrics;

import java.util.Locale;

/** Counts of (true class, predicted class) pairs; accuracy is its trace over its total. */
public final class ConfusionMatrix {

    private final long[][] counts;
    private long total;

    public ConfusionMatrix(int classes) {
        if (classes < 1) {
            throw new IllegalArgumentException("A confusion matrix needs at least one class, not " + classes);
        }
        this.counts = new long[classes][classes];
    }

    /** Adds one prediction. */
    public void add(int actual, int predicted) {
        if (actual < 0 || actual >= counts.length || predicted < 0 || predicted >= counts.length) {
            throw new IllegalArgumentException(
                    "Class " + actual + " or " + predicted + " is outside [0, " + counts.length + ")");
        }
        counts[actual][predicted]++;
        total++;
    }

    /** Adds predictions {@code predicted[i]} for labels {@code actual[offset + i]}. */
    public void addAll(int[] actual, int offset, int[] predicted, int count) {
        for (int i = 0; i < count; i++) {
            add(actual[offset + i], predicted[i]);
        }
    }

    /** Adds every count of {@code other}, a matrix of as many classes. */
    public void addAll(ConfusionMatrix other) {
        if (other.classes() != classes()) {
            throw new IllegalArgumentException(
                    "A confusion matrix of " + other.classes() + " classes cannot be added to one of " + classes());
        }
        for (int r = 0; r < counts.length; r++) {
            for (int c = 0; c < counts.length; c++) {
                counts[r][c] += other.counts[r][c];
            }
        }
        total += other.total;
    }

    public int classes() {
        return counts.length;
    }

    public long count(int actual, int predicted) {
        return counts[actual][predicted];
    }

    public long total() {
        return total;
    }

    /** The fraction predicted correctly; 0 when empty. */
    public double accuracy() {
        long correct = 0;
        for (int c = 0; c < counts.length; c++) {
            correct += counts[c][c];
        }
        return total == 0 ? 0 : (double) correct / total;
    }

    /** Rows are the true classes, columns the predicted ones. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("true\\pred");
        for (int c = 0; c < counts.length; c++) {
            s.append(String.format(Locale.ROOT, "%7d", c));
        }
        s.append('\n');
        for (int r = 0; r < counts.length; r++) {
            s.append(String.format(Locale.ROOT, "%9d", r));
            for (int c = 0; c < counts.length; c++) {
                s.append(String.format(Locale.ROOT, "%7d", counts[r][c]));
            }
            s.append('\n');
        }
        return s.toString();
    }
}
