package nn.mnist;

import nn.api.DType;
import nn.api.Tensor;
import nn.core.data.Dataset;

/**
 * One half of MNIST (train or test): images kept as the file's bytes, 784 per image, converted to
 * {@code [0, 1]} doubles only for the rows of a batch, as the book's {@code load_mnist(normalize=True,
 * flatten=True)}. 60,000 images take 47 MB as bytes instead of 376 MB as doubles.
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
    private double[] rowBuffer = new double[0];
    private double[] labelBuffer = new double[0];
    private float[] floatRowBuffer = new float[0];

    MnistSplit(String name, byte[] pixels, byte[] labels, int features) {
        this.name = name;
        this.pixels = pixels;
        this.labels = labels;
        this.count = labels.length;
        this.features = features;
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
        boolean float32 = x.dtype() == DType.FLOAT32;
        if (labelBuffer.length != rows) {
            labelBuffer = new double[rows];
        }
        if (float32 && floatRowBuffer.length != rows * features) {
            floatRowBuffer = new float[rows * features];
        } else if (!float32 && rowBuffer.length != rows * features) {
            rowBuffer = new double[rows * features];
        }
        for (int r = 0; r < count; r++) {
            int image = indices[r];
            int from = image * features;
            int to = r * features;
            if (float32) {
                for (int p = 0; p < features; p++) {
                    floatRowBuffer[to + p] = NORMALIZED_FLOAT[pixels[from + p] & 0xff];
                }
            } else {
                for (int p = 0; p < features; p++) {
                    rowBuffer[to + p] = NORMALIZED[pixels[from + p] & 0xff];
                }
            }
            labelBuffer[r] = labels[image];
        }
        if (float32) {
            x.assign(floatRowBuffer);
        } else {
            x.assign(rowBuffer);
        }
        labelsOut.assign(labelBuffer);
    }

    @Override
    public int[] labels() {
        int[] all = new int[count];
        for (int i = 0; i < count; i++) {
            all[i] = labels[i];
        }
        return all;
    }
}
