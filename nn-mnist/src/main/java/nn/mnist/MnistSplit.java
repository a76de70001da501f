package nn.mnist;

import nn.api.DType;
import nn.api.SparseRows;
import nn.api.Tensor;
import nn.core.data.Dataset;

/**
 * One half of MNIST (train or test): images kept as the file's bytes, 784 per image, converted to
 * {@code [0, 1]} doubles only for the rows of a batch, as the book's {@code load_mnist(normalize=True,
 * flatten=True)}. 60,000 images take 47 MB as bytes instead of 376 MB as doubles, plus 51 MB for each image's
 * non-zero pixels (a {@link SparseRows}: their columns as ints and a 784-bit bitmap) and their values, from which a
 * batch is filled: a random batch of 100 took 80-107 µs converted pixel by pixel and 29-35 µs from the lists
 * (measured with a loop of 10,000 batches). Each row goes to the tensor as its image's list
 * ({@link Tensor#assignSparseRow}), so that the first layer's products can take its zeros from the bitmaps.
 */
public final class MnistSplit implements Dataset {

    public static final int CLASSES = 10;

    /** {@code v / 255.0} for every byte value: exactly the book's normalisation, without a division per pixel. */
    private static final double[] NORMALIZED = new double[256];

    /** The same in float32: {@code (float) (v / 255.0)}, as NumPy's {@code astype(np.float32) / 255.0} rounds. */
    private static final float[] NORMALIZED_FLOAT = new float[256];

    static {
        for (int v = 0; v < 256; v++) {
            NORMALIZED[v] = v / 255.0;
            NORMALIZED_FLOAT[v] = (float) NORMALIZED[v];
        }
    }

    private final String name;
    private final byte[] pixels;
    private final byte[] labels;
    private final int count;
    private final int features;
    /** Where each image's non-zero pixels are, listed once at load. */
    private final SparseRows nonzeroPixels;

    /** Their values, in the same order: a batch reads these two short lists, not the image's 784 bytes. */
    private final byte[] nonzeroValues;

    /** Each thread's row buffers, so that threads may read batches at once (an evaluation's chunks do). */
    private final ThreadLocal<RowBuffers> rowBuffers;

    /** One thread's buffers for an image's non-zero values, in the form {@link Tensor#assignSparseRow} takes. */
    private static final class RowBuffers {
        final double[] values;
        final float[] floatValues;
        double[] labels = new double[0];

        /** Where {@link #prefetch} leaves its sum, so that the JIT cannot drop its loads as unused. */
        @SuppressWarnings("unused")
        int touched;

        RowBuffers(int features) {
            values = new double[features];
            floatValues = new float[features];
        }
    }

    MnistSplit(String name, byte[] pixels, byte[] labels, int features) {
        if (features > Character.MAX_VALUE + 1) {
            throw new IllegalArgumentException(name + ": images of " + features + " pixels are more than this reader's "
                    + (Character.MAX_VALUE + 1));
        }
        this.name = name;
        this.pixels = pixels;
        this.labels = labels;
        this.count = labels.length;
        this.features = features;
        this.rowBuffers = ThreadLocal.withInitial(() -> new RowBuffers(features));
        // 19% of MNIST's pixels are not zero: a batch row is zeros and those, 5 times fewer lookups than every pixel.
        int[] starts = new int[count + 1];
        int nonzero = 0;
        for (byte b : pixels) {
            nonzero += b != 0 ? 1 : 0;
        }
        int[] columns = new int[nonzero];
        this.nonzeroValues = new byte[nonzero];
        int q = 0;
        for (int i = 0; i < count; i++) {
            starts[i] = q;
            int from = i * features;
            for (int p = 0; p < features; p++) {
                if (pixels[from + p] != 0) {
                    columns[q] = p;
                    nonzeroValues[q++] = pixels[from + p];
                }
            }
        }
        starts[count] = q;
        this.nonzeroPixels = new SparseRows(features, starts, columns);
    }

    /** {@code train} or {@code test}. */
    public String name() {
        return name;
    }

    @Override
    public int size() {
        return count;
    }

    @Override
    public int featureCount() {
        return features;
    }

    @Override
    public int classCount() {
        return CLASSES;
    }

    @Override
    public int label(int i) {
        return labels[i];
    }

    /** Pixel {@code p} of image {@code i}, 0–255. */
    public int pixel(int i, int p) {
        return pixels[i * features + p] & 0xff;
    }

    /** Example {@code i}'s label as a one-hot row, as {@code load_mnist(one_hot_label=True)} gives. */
    public double[] oneHot(int i) {
        double[] row = new double[CLASSES];
        row[labels[i]] = 1;
        return row;
    }

    @Override
    public void batch(int[] indices, int count, Tensor x, Tensor labelsOut) {
        if (x.rank() != 2 || x.dim(1) != features || x.dim(0) < count || labelsOut.size() != x.dim(0)) {
            throw new IllegalArgumentException("A batch of " + count + " MNIST images needs x [" + count + ", "
                    + features + "] and labels [" + count + "], not " + java.util.Arrays.toString(x.shape()) + " and "
                    + java.util.Arrays.toString(labelsOut.shape()));
        }
        int rows = x.dim(0);
        RowBuffers buffers = rowBuffers.get();
        if (buffers.labels.length != rows) {
            buffers.labels = new double[rows];
        }
        double[] labelBuffer = buffers.labels;
        prefetch(indices, count, buffers);
        // Each row written from its image's non-zero pixels: the tensor clears the rest and may keep which columns
        // they are, so that the first layer's products need not read the batch to find its zeros.
        boolean float32 = x.dtype() == DType.FLOAT32;
        for (int r = 0; r < count; r++) {
            int image = indices[r];
            int start = nonzeroPixels.start(image);
            int n = nonzeroPixels.count(image);
            if (float32) {
                float[] values = buffers.floatValues;
                for (int j = 0; j < n; j++) {
                    values[j] = NORMALIZED_FLOAT[nonzeroValues[start + j] & 0xff];
                }
                x.assignSparseRow(r, nonzeroPixels, image, values);
            } else {
                double[] values = buffers.values;
                for (int j = 0; j < n; j++) {
                    values[j] = NORMALIZED[nonzeroValues[start + j] & 0xff];
                }
                x.assignSparseRow(r, nonzeroPixels, image, values);
            }
            labelBuffer[r] = labels[image];
        }
        labelsOut.assign(labelBuffer);
    }

    /** Threads may read batches at once: each has its own row buffers, and the images are only read. */
    @Override
    public boolean concurrentBatches() {
        return true;
    }

    /**
     * Reads one element of every cache line of the batch's lists of non-zero pixels and values. A random batch's
     * images lie far apart, so nearly every line is a miss; loads that do not depend on one another let the memory
     * system fetch them all at once, where the conversion loop would wait for each image in turn (this halved
     * the time of a batch of bytes read whole: 90 to 60 µs).
     */
    private void prefetch(int[] indices, int count, RowBuffers buffers) {
        int sum = 0;
        for (int r = 0; r < count; r++) {
            int image = indices[r];
            int start = nonzeroPixels.start(image);
            int end = start + nonzeroPixels.count(image);
            // A line holds 16 column indices (ints) and 64 values (bytes).
            for (int q = start; q < end; q += CACHE_LINE / Integer.BYTES) {
                sum += nonzeroPixels.column(q) + nonzeroValues[q];
            }
            if (end > start) {
                sum += nonzeroPixels.column(end - 1) + nonzeroValues[end - 1];
            }
        }
        buffers.touched = sum;
    }

    /** Bytes in a cache line. */
    private static final int CACHE_LINE = 64;

    @Override
    public int[] labels() {
        int[] all = new int[count];
        for (int i = 0; i < count; i++) {
            all[i] = labels[i];
        }
        return all;
    }
}
