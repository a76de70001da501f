package nn.conformance;

import static nn.conformance.Approx.CONFORMANCE;
import static nn.conformance.Approx.assertArrayClose;
import static nn.conformance.Approx.assertTensorClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import nn.api.Backend;
import nn.api.Tensor;
import nn.core.ReferenceBackendProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The tensor operations every backend must get right: values worked out by hand, the error messages, and
 * differential checks against the reference backend on random shapes, including lengths below one vector
 * and lengths that are no multiple of anything. A backend's test extends this and names its backend.
 */
public abstract class TensorConformanceTest {

    /** The backend under test. */
    protected abstract Backend backend();

    protected final Backend reference = ReferenceBackendProvider.backend();

    private Tensor t(double[] values, int... shape) {
        return backend().of(values, shape);
    }

    private Tensor random(Backend b, SplittableRandom random, int... shape) {
        double[] values = new double[nn.api.Shapes.size(shape)];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextDouble(-2, 2);
        }
        return b.of(values, shape);
    }

    /** The same random tensor on the backend under test and on the reference. */
    private Tensor[] pair(SplittableRandom random, int... shape) {
        Tensor r = random(reference, random, shape);
        return new Tensor[] {backend().of(r.toArray(), shape), r};
    }

    // ---------------------------------------------------------------- creation and elements

    @Test
    void createsAndReadsElements() {
        Tensor a = t(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertArrayEquals(new int[] {2, 3}, a.shape());
        assertEquals(2, a.rank());
        assertEquals(6, a.size());
        assertEquals(3, a.dim(-1));
        assertEquals(6.0, a.get(1, 2));
        a.set(9, 0, 1);
        assertArrayEquals(new double[] {1, 9, 3, 4, 5, 6}, a.toArray());
        assertSame(backend(), a.backend());
    }

    @Test
    void vectorAndMatrixAccessorsCheckTheirBounds() {
        Tensor v = t(new double[] {1, 2, 3}, 3);
        v.set(7, 2);
        assertEquals(7.0, v.get(2));
        Tensor m = t(new double[] {1, 2, 3, 4, 5, 6}, 3, 2);
        m.set(9, 2, 1);
        assertEquals(9.0, m.get(2, 1));
        assertEquals(3.0, m.get(new int[] {1, 0}));
        assertThat(assertThrows(IndexOutOfBoundsException.class, () -> m.get(3, 0)).getMessage())
                .contains("[3, 0]", "[3, 2]");
        assertThrows(IndexOutOfBoundsException.class, () -> m.get(0, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> m.get(1));
        assertThrows(IndexOutOfBoundsException.class, () -> v.get(-1));
        assertThrows(IndexOutOfBoundsException.class, () -> v.set(0, 0, 0));
    }

    @Test
    void scalarsHaveNoAxes() {
        Tensor s = backend().scalar(2.5);
        assertEquals(0, s.rank());
        assertEquals(1, s.size());
        assertEquals(2.5, s.item());
    }

    @Test
    void zerosFullAndRandomNormal() {
        assertArrayEquals(new double[4], backend().zeros(2, 2).toArray());
        assertArrayEquals(new double[] {7, 7, 7}, backend().full(7, 3).toArray());
        Tensor w = backend().randomNormal(new SplittableRandom(1), 0.01, 2, 3);
        Tensor r = reference.randomNormal(new SplittableRandom(1), 0.01, 2, 3);
        assertArrayEquals(r.toArray(), w.toArray(), "same seed, same values on every backend");
        assertThat(java.util.Arrays.stream(w.toArray()).allMatch(v -> Math.abs(v) < 0.1)).isTrue();
    }

    @Test
    void copyIsIndependentAndReshapeSharesStorage() {
        Tensor a = t(new double[] {1, 2, 3, 4}, 2, 2);
        Tensor c = a.copy();
        c.set(0, 0, 0);
        assertEquals(1.0, a.get(0, 0));
        Tensor flat = a.reshape(-1);
        assertArrayEquals(new int[] {4}, flat.shape());
        flat.set(8, 3);
        assertEquals(8.0, a.get(1, 1));
        assertThrows(IllegalArgumentException.class, () -> a.reshape(3, -1));
    }

    @Test
    void assignAndFill() {
        Tensor a = backend().zeros(2, 2);
        a.assign(t(new double[] {1, 2, 3, 4}, 2, 2));
        assertArrayEquals(new double[] {1, 2, 3, 4}, a.toArray());
        a.fill(-1);
        assertArrayEquals(new double[] {-1, -1, -1, -1}, a.toArray());
        double[] values = {5, 6, 7, 8};
        a.assign(values);
        values[0] = 0;
        assertArrayEquals(new double[] {5, 6, 7, 8}, a.toArray(), "assign copies");
        assertThrows(IllegalArgumentException.class, () -> a.assign(new double[3]));
    }

    @Test
    void transposes() {
        Tensor a = t(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor at = a.transpose();
        assertArrayEquals(new int[] {3, 2}, at.shape());
        assertArrayEquals(new double[] {1, 4, 2, 5, 3, 6}, at.toArray());
    }

    // ---------------------------------------------------------------- element-wise

    @Test
    void elementWiseArithmeticBySameShape() {
        Tensor a = t(new double[] {1, 2, 3, 4}, 2, 2);
        Tensor b = t(new double[] {4, 3, 2, 1}, 2, 2);
        assertArrayEquals(new double[] {5, 5, 5, 5}, a.add(b).toArray());
        assertArrayEquals(new double[] {-3, -1, 1, 3}, a.sub(b).toArray());
        assertArrayEquals(new double[] {4, 6, 6, 4}, a.mul(b).toArray());
        assertArrayEquals(new double[] {0.25, 2.0 / 3, 1.5, 4}, a.div(b).toArray());
        assertArrayEquals(new double[] {11, 12, 13, 14}, a.add(10).toArray());
        assertArrayEquals(new double[] {-2, -4, -6, -8}, a.mul(-2).toArray());
    }

    @Test
    void broadcastsARowOverEveryRow() {
        Tensor x = t(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor bias = t(new double[] {10, 20, 30}, 3);
        assertArrayEquals(new double[] {11, 22, 33, 14, 25, 36}, x.add(bias).toArray());
        assertArrayEquals(new double[] {9, 18, 27, 6, 15, 24}, bias.sub(x).toArray());
        assertArrayEquals(new double[] {11, 22, 33, 14, 25, 36}, x.add(t(new double[] {10, 20, 30}, 1, 3)).toArray());
    }

    @Test
    void broadcastsAColumnAndAScalar() {
        Tensor x = t(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor column = t(new double[] {1, 2}, 2, 1);
        assertArrayEquals(new double[] {0, 1, 2, 2, 3, 4}, x.sub(column).toArray());
        assertArrayEquals(new double[] {2, 4, 6, 8, 10, 12}, x.mul(backend().scalar(2)).toArray());
        assertArrayEquals(new double[] {12, 6, 4, 3, 2.4, 2}, backend().scalar(12).div(x).toArray());
        Tensor outer = column.mul(t(new double[] {1, 10, 100}, 3));
        assertArrayEquals(new int[] {2, 3}, outer.shape());
        assertArrayEquals(new double[] {1, 10, 100, 2, 20, 200}, outer.toArray());
    }

    @Test
    void outFormWritesInPlace() {
        Tensor a = t(new double[] {1, 2, 3}, 3);
        Tensor result = a.add(t(new double[] {1, 1, 1}, 3), a);
        assertSame(a, result);
        assertArrayEquals(new double[] {2, 3, 4}, a.toArray());
        a.mul(2.0, a);
        assertArrayEquals(new double[] {4, 6, 8}, a.toArray());
    }

    @Test
    void addScaledIsAxpy() {
        Tensor w = t(new double[] {1, 2, 3}, 3);
        w.addScaled(-0.5, t(new double[] {2, 4, 6}, 3));
        assertArrayEquals(new double[] {0, 0, 0}, w.toArray());
    }

    @Test
    void unaryFunctions() {
        Tensor a = t(new double[] {-1, 0, 0.5, 2}, 4);
        assertArrayClose(new double[] {Math.exp(-1), 1, Math.exp(0.5), Math.exp(2)}, a.exp().toArray(), CONFORMANCE);
        assertArrayClose(new double[] {0, Math.log(2)}, t(new double[] {1, 2}, 2).log().toArray(), CONFORMANCE);
        assertArrayClose(new double[] {1 / (1 + Math.E), 0.5, 1 / (1 + Math.exp(-0.5)), 1 / (1 + Math.exp(-2))},
                a.sigmoid().toArray(), CONFORMANCE);
        assertArrayEquals(new double[] {0, 0, 1, 1}, a.greaterThan(0).toArray());
        assertArrayEquals(new double[] {0, 0, 0.5, 2}, a.maximum(0).toArray());
    }

    @Test
    void sigmoidSaturatesWithoutNaN() {
        Tensor s = t(new double[] {-1000, 1000}, 2).sigmoid();
        assertArrayEquals(new double[] {0, 1}, s.toArray());
    }

    // ---------------------------------------------------------------- matrix products

    @Test
    void matrixProductsByHand() {
        Tensor a = t(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor b = t(new double[] {7, 8, 9, 10, 11, 12}, 3, 2);
        assertArrayEquals(new double[] {58, 64, 139, 154}, a.matmul(b).toArray());
        // aᵀ·c with a [2, 3], c [2, 2] → [3, 2]
        Tensor c = t(new double[] {1, 2, 3, 4}, 2, 2);
        assertArrayEquals(new double[] {13, 18, 17, 24, 21, 30}, a.transposeMatmul(c, backend().zeros(3, 2)).toArray());
        // a·aᵀ → [2, 2]
        assertArrayEquals(new double[] {14, 32, 32, 77}, a.matmulTranspose(a, backend().zeros(2, 2)).toArray());
    }

    @ParameterizedTest(name = "[{0}, {1}] · [{1}, {2}]")
    @CsvSource({"1, 1, 1", "1, 3, 1", "2, 3, 5", "3, 1, 7", "5, 7, 3", "7, 13, 9", "17, 33, 10", "100, 784, 50",
            "784, 100, 50", "100, 50, 10", "100, 10, 50", "9, 5, 31", "64, 64, 64", "33, 17, 65"})
    void matrixProductsMatchTheReference(int m, int k, int n) {
        SplittableRandom random = new SplittableRandom(m * 1_000_003L + k * 1009L + n);
        Tensor[] a = pair(random, m, k);
        Tensor[] b = pair(random, k, n);
        assertTensorClose(a[1].matmul(b[1]), a[0].matmul(b[0]), CONFORMANCE);

        Tensor[] at = pair(random, k, m);
        assertTensorClose(at[1].transposeMatmul(b[1], reference.zeros(m, n)),
                at[0].transposeMatmul(b[0], backend().zeros(m, n)), CONFORMANCE);

        Tensor[] bt = pair(random, n, k);
        assertTensorClose(a[1].matmulTranspose(bt[1], reference.zeros(m, n)),
                a[0].matmulTranspose(bt[0], backend().zeros(m, n)), CONFORMANCE);
    }

    @Test
    void matrixProductOverwritesOut() {
        Tensor a = t(new double[] {1, 2, 3, 4}, 2, 2);
        Tensor out = backend().full(99, 2, 2);
        a.matmul(a, out);
        assertArrayEquals(new double[] {7, 10, 15, 22}, out.toArray());
    }

    // ---------------------------------------------------------------- reductions

    @Test
    void reductionsByHand() {
        Tensor a = t(new double[] {1, 5, 3, 4, 2, 6}, 2, 3);
        assertEquals(21.0, a.sum());
        assertEquals(6.0, a.max());
        assertArrayEquals(new double[] {5, 7, 9}, a.sum(0).toArray());
        assertArrayEquals(new double[] {9, 12}, a.sum(1).toArray());
        assertArrayEquals(new double[] {4, 5, 6}, a.max(0).toArray());
        assertArrayEquals(new double[] {5, 6}, a.max(-1).toArray());
        assertArrayEquals(new int[] {1, 2}, a.argmax(1));
        assertArrayEquals(new int[] {1, 0, 1}, a.argmax(0));
    }

    @Test
    void argmaxTakesTheFirstOfEqualMaxima() {
        assertArrayEquals(new int[] {0}, t(new double[] {3, 3, 1}, 1, 3).argmax(1));
    }

    @Test
    void maxPropagatesNaN() {
        assertThat(t(new double[] {1, Double.NaN, 3}, 3).max()).isNaN();
    }

    @ParameterizedTest(name = "shape [{0}, {1}]")
    @CsvSource({"1, 1", "1, 3", "3, 1", "2, 5", "7, 3", "100, 10", "100, 50", "13, 37", "1, 1000", "5, 33"})
    void elementWiseAndReductionsMatchTheReference(int rows, int cols) {
        SplittableRandom random = new SplittableRandom(rows * 7919L + cols);
        Tensor[] a = pair(random, rows, cols);
        Tensor[] b = pair(random, rows, cols);
        Tensor[] row = pair(random, cols);
        Tensor[] positive = {a[0].mul(a[0]).add(0.1), a[1].mul(a[1]).add(0.1)};

        assertTensorClose(a[1].add(b[1]), a[0].add(b[0]), CONFORMANCE);
        assertTensorClose(a[1].sub(b[1]), a[0].sub(b[0]), CONFORMANCE);
        assertTensorClose(a[1].mul(b[1]), a[0].mul(b[0]), CONFORMANCE);
        assertTensorClose(a[1].div(positive[1]), a[0].div(positive[0]), CONFORMANCE);
        assertTensorClose(a[1].add(row[1]), a[0].add(row[0]), CONFORMANCE);
        assertTensorClose(row[1].sub(a[1]), row[0].sub(a[0]), CONFORMANCE);
        assertTensorClose(a[1].mul(1.7).add(-0.3), a[0].mul(1.7).add(-0.3), CONFORMANCE);
        assertTensorClose(a[1].exp(), a[0].exp(), CONFORMANCE);
        assertTensorClose(positive[1].log(), positive[0].log(), CONFORMANCE);
        assertTensorClose(a[1].sigmoid(), a[0].sigmoid(), CONFORMANCE);
        assertTensorClose(a[1].greaterThan(0.1), a[0].greaterThan(0.1), 0);
        assertTensorClose(a[1].maximum(0), a[0].maximum(0), 0);
        assertTensorClose(a[1].copy().addScaled(-0.1, b[1]), a[0].copy().addScaled(-0.1, b[0]), CONFORMANCE);

        assertArrayClose(new double[] {a[1].sum()}, new double[] {a[0].sum()}, CONFORMANCE * rows * cols);
        assertEquals(a[1].max(), a[0].max());
        assertTensorClose(a[1].sum(0), a[0].sum(0), CONFORMANCE);
        assertTensorClose(a[1].sum(1), a[0].sum(1), CONFORMANCE);
        assertTensorClose(a[1].max(0), a[0].max(0), 0);
        assertTensorClose(a[1].max(1), a[0].max(1), 0);
        assertArrayEquals(a[1].argmax(1), a[0].argmax(1));
        assertArrayEquals(a[1].argmax(0), a[0].argmax(0));
    }

    // ---------------------------------------------------------------- softmax and cross-entropy

    @Test
    void softmaxIsStableAndSumsToOne() {
        Tensor scores = t(new double[] {1000, 1001, 1002, -1, 0, 1}, 2, 3);
        Tensor p = scores.softmax(backend().zeros(2, 3));
        double e = Math.exp(1);
        double z = 1 + e + e * e;
        assertArrayClose(new double[] {1 / z, e / z, e * e / z, 1 / z, e / z, e * e / z}, p.toArray(), CONFORMANCE);
        assertArrayClose(new double[] {1, 1}, p.sum(1).toArray(), CONFORMANCE);
    }

    @Test
    void crossEntropyOfOneHotAndOfIndicesAgree() {
        Tensor p = t(new double[] {0.1, 0.7, 0.2, 0.5, 0.25, 0.25}, 2, 3);
        Tensor oneHot = t(new double[] {0, 1, 0, 0, 0, 1}, 2, 3);
        Tensor labels = t(new double[] {1, 2}, 2);
        double expected = -(Math.log(0.7 + 1e-7) + Math.log(0.25 + 1e-7)) / 2;
        assertEquals(expected, p.crossEntropy(oneHot), 1e-15);
        assertEquals(expected, p.crossEntropy(labels), 1e-15);
    }

    @ParameterizedTest(name = "shape [{0}, {1}]")
    @CsvSource({"1, 1", "1, 2", "3, 10", "100, 10", "7, 13", "2, 33"})
    void softmaxAndCrossEntropyMatchTheReference(int rows, int cols) {
        SplittableRandom random = new SplittableRandom(rows * 31L + cols);
        Tensor[] scores = pair(random, rows, cols);
        Tensor p = scores[0].mul(5).softmax(backend().zeros(rows, cols));
        Tensor pr = scores[1].mul(5).softmax(reference.zeros(rows, cols));
        assertTensorClose(pr, p, CONFORMANCE);
        double[] labels = new double[rows];
        double[] oneHot = new double[rows * cols];
        for (int r = 0; r < rows; r++) {
            labels[r] = random.nextInt(cols);
            oneHot[r * cols + (int) labels[r]] = 1;
        }
        assertArrayClose(new double[] {pr.crossEntropy(reference.of(labels, rows))},
                new double[] {p.crossEntropy(backend().of(labels, rows))}, CONFORMANCE);
        assertArrayClose(new double[] {pr.crossEntropy(reference.of(oneHot, rows, cols))},
                new double[] {p.crossEntropy(backend().of(oneHot, rows, cols))}, CONFORMANCE);
    }

    // ---------------------------------------------------------------- bad input

    @Test
    void shapeMismatchNamesBothShapes() {
        Tensor a = backend().zeros(2, 3);
        Tensor b = backend().zeros(4, 5);
        assertThat(assertThrows(IllegalArgumentException.class, () -> a.matmul(b)).getMessage())
                .contains("[2, 3]", "[4, 5]");
        assertThat(assertThrows(IllegalArgumentException.class, () -> a.add(backend().zeros(2, 4))).getMessage())
                .contains("[2, 3]", "[2, 4]");
        assertThat(assertThrows(IllegalArgumentException.class,
                () -> a.add(a, backend().zeros(3, 2))).getMessage()).contains("[2, 3]", "[3, 2]");
        assertThat(assertThrows(IllegalArgumentException.class,
                () -> a.transposeMatmul(b, backend().zeros(3, 5))).getMessage()).contains("[2, 3]", "[4, 5]");
        assertThat(assertThrows(IllegalArgumentException.class,
                () -> a.matmulTranspose(b, backend().zeros(2, 4))).getMessage()).contains("[2, 3]", "[4, 5]");
        assertThat(assertThrows(IllegalArgumentException.class,
                () -> a.matmul(backend().zeros(3, 2), backend().zeros(3, 3))).getMessage())
                .contains("[2, 2]", "[3, 3]");
    }

    @Test
    void badValuesAreRejectedClearly() {
        assertThrows(IllegalArgumentException.class, () -> backend().of(new double[3], 2, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> backend().zeros(2, 2).get(2, 0));
        assertThat(assertThrows(IllegalArgumentException.class,
                () -> backend().zeros(2, 3).crossEntropy(backend().of(new double[] {0, 3}, 2))).getMessage())
                .contains("3.0");
        Tensor a = backend().zeros(2, 2);
        assertThrows(IllegalArgumentException.class, () -> a.matmul(a, a));
    }

    @Test
    void mixingBackendsFailsAndNamesBoth() {
        Tensor mine = backend().zeros(2);
        Tensor foreign = new ForeignBackend().zeros(2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> mine.add(foreign));
        assertThat(e.getMessage()).contains(backend().name(), "foreign");
    }
}
