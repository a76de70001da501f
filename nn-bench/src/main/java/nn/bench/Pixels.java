package nn.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import nn.api.Backend;
import nn.api.DType;
import nn.api.SparseRows;
import nn.api.Tensor;
import nn.mnist.Mnist;
import nn.mnist.MnistLocator;
import nn.mnist.MnistSplit;

/**
 * The input images of the benchmarks: {@code mnist}, the first training images of the real data set (81% of their
 * pixels are zeros, which the SIMD products skip), or {@code uniform}, random values in [0, 1) with no zeros, which
 * measure the dense products. MNIST is read from {@code NN_MNIST_DIR}, else {@code ../shared/datasets/mnist}.
 */
final class Pixels {

    private Pixels() {}

    static double[] of(String kind, int images, SplittableRandom random) {
        double[] pixels = new double[images * Mnist.PIXELS];
        switch (kind) {
            case "uniform" -> {
                for (int i = 0; i < pixels.length; i++) {
                    pixels[i] = random.nextDouble();
                }
            }
            case "mnist" -> {
                MnistSplit train = mnist().train();
                for (int i = 0; i < images; i++) {
                    for (int p = 0; p < Mnist.PIXELS; p++) {
                        pixels[i * Mnist.PIXELS + p] = train.pixel(i % train.size(), p) / 255.0;
                    }
                }
            }
            default -> throw new IllegalArgumentException("-p pixels=" + kind + ": use mnist or uniform");
        }
        return pixels;
    }

    /** A {@code [rows, columns]} tensor of {@code values}, written row by row from lists of their non-zeros. */
    static Tensor sparseRows(Backend backend, DType dtype, double[] values, int rows, int columns) {
        SparseRows pattern = SparseRows.of(values, rows, columns);
        Tensor x = backend.zeros(dtype, rows, columns);
        for (int r = 0; r < rows; r++) {
            double[] nonzeros = new double[pattern.count(r)];
            for (int j = 0; j < nonzeros.length; j++) {
                nonzeros[j] = values[r * columns + pattern.column(pattern.start(r) + j)];
            }
            x.assignSparseRow(r, pattern, r, nonzeros);
        }
        return x;
    }

    static Mnist mnist() {
        String configured = System.getenv(MnistLocator.ENVIRONMENT);
        Path dir = configured != null ? Path.of(configured) : Path.of("..", "shared", "datasets", "mnist");
        try {
            return Mnist.load(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "-p pixels=mnist needs MNIST in " + dir + " (set " + MnistLocator.ENVIRONMENT + "): " + e, e);
        }
    }
}
