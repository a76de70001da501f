package nn.conformance;

import static nn.conformance.Approx.assertArrayClose;
import static nn.conformance.Approx.assertTensorClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import nn.api.Backend;
import nn.api.DType;
import nn.api.SparseRows;
import nn.api.Tensor;
import nn.api.Workspace;
import nn.reference.ReferenceBackendProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The tensor operations every backend must get right: values worked out by hand, the error messages, and
 * differential checks against the reference backend on random shapes, including lengths below one vector
 * and lengths that are no multiple of anything. A backend's test extends this and names its backend.
 */
public abstract class TensorConformanceTest {

    /** For the kit's nested classes to extend. */
    protected TensorConformanceTest() {}

    /** The backend under test. */
    protected abstract Backend backend();

    /** The dtype under test. */
    protected abstract DType dtype();

    protected final Backend reference = ReferenceBackendProvider.backend();

    /** The agreement asked of the backend with the reference, for the dtype under test. */
    protected double tol() {
        return Approx.tolerance(dtype());
    }

    protected Tensor t(double[] values, int... shape) {
        return backend().of(dtype(), values, shape);
    }

    protected Tensor zeros(int... shape) {
        return backend().zeros(dtype(), shape);
    }

    /** Values worked out by hand, within the dtype's rounding. */
    protected void assertValues(double[] expected, Tensor actual) {
        assertThat(actual.dtype()).isEqualTo(dtype());
        assertArrayClose(expected, actual.toArray(), tol());
    }

    private Tensor random(Backend b, SplittableRandom random, int... shape) {
        double[] values = new double[nn.api.Shapes.size(shape)];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextDouble(-2, 2);
        }
        return b.of(dtype(), values, shape);
    }

    /** The same random tensor on the backend under test and on the reference. */
    protected Tensor[] pair(SplittableRandom random, int... shape) {
        Tensor r = random(reference, random, shape);
        return new Tensor[] {backend().of(dtype(), r.toArray(), shape), r};
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
        assertValues(new double[] {1, 9, 3, 4, 5, 6}, a);
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
        assertThat(assertThrows(IndexOutOfBoundsException.class, () -> m.get(3, 0))
                        .getMessage())
                .contains("[3, 0]", "[3, 2]");
        assertThrows(IndexOutOfBoundsException.class, () -> m.get(0, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> m.get(1));
        assertThrows(IndexOutOfBoundsException.class, () -> v.get(-1));
        assertThrows(IndexOutOfBoundsException.class, () -> v.set(0, 0, 0));
    }

    @Test
    void scalarsHaveNoAxes() {
        Tensor s = t(new double[] {2.5});
        assertEquals(0, s.rank());
        assertEquals(1, s.size());
        assertEquals(2.5, s.item());
    }

    @Test
    void zerosFullAndRandomNormal() {
        assertArrayEquals(new double[4], zeros(2, 2).toArray());
        assertValues(new double[] {7, 7, 7}, backend().full(dtype(), 7, 3));
        Tensor w = backend().randomNormal(new SplittableRandom(1), 0.01, dtype(), 2, 3);
        Tensor r = reference.randomNormal(new SplittableRandom(1), 0.01, dtype(), 2, 3);
        assertArrayEquals(r.toArray(), w.toArray(), "same seed, same values on every backend");
        assertThat(java.util.Arrays.stream(w.toArray()).allMatch(v -> Math.abs(v) < 0.1))
                .isTrue();
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
        Tensor a = zeros(2, 2);
        a.assign(t(new double[] {1, 2, 3, 4}, 2, 2));
        assertValues(new double[] {1, 2, 3, 4}, a);
        a.fill(-1);
        assertValues(new double[] {-1, -1, -1, -1}, a);
        double[] values = {5, 6, 7, 8};
        a.assign(values);
        values[0] = 0;
        assertArrayEquals(new double[] {5, 6, 7, 8}, a.toArray(), "assign copies");
        assertThrows(IllegalArgumentException.class, () -> a.assign(new double[3]));
    }

    @Test
    void assignRowWritesOneRowAndRefusesWhatDoesNotFit() {
        Tensor a = zeros(3, 2);
        a.assignRow(1, new double[] {0.1, 2});
        a.assignRow(2, new float[] {3, 4});
        assertValues(new double[] {0, 0, dtype() == DType.FLOAT32 ? (float) 0.1 : 0.1, 2, 3, 4}, a);
        assertThat(assertThrows(IllegalArgumentException.class, () -> a.assignRow(3, new double[2]))
                        .getMessage())
                .contains("row 3", "[3, 2]");
        assertThrows(IllegalArgumentException.class, () -> a.assignRow(-1, new double[2]));
        assertThrows(IllegalArgumentException.class, () -> a.assignRow(0, new double[3]));
        assertThrows(IllegalArgumentException.class, () -> zeros(2, 2, 2).assignRow(0, new double[2]));
    }

    @Test
    void transposes() {
        Tensor a = t(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor at = a.transpose();
        assertArrayEquals(new int[] {3, 2}, at.shape());
        assertValues(new double[] {1, 4, 2, 5, 3, 6}, at);
    }

    // ---------------------------------------------------------------- element-wise

    @Test
    void elementWiseArithmeticBySameShape() {
        Tensor a = t(new double[] {1, 2, 3, 4}, 2, 2);
        Tensor b = t(new double[] {4, 3, 2, 1}, 2, 2);
        assertValues(new double[] {5, 5, 5, 5}, a.add(b));
        assertValues(new double[] {-3, -1, 1, 3}, a.sub(b));
        assertValues(new double[] {4, 6, 6, 4}, a.mul(b));
        assertValues(new double[] {0.25, 2.0 / 3, 1.5, 4}, a.div(b));
        assertValues(new double[] {11, 12, 13, 14}, a.add(10));
        assertValues(new double[] {-2, -4, -6, -8}, a.mul(-2));
    }

    @Test
    void broadcastsARowOverEveryRow() {
        Tensor x = t(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor bias = t(new double[] {10, 20, 30}, 3);
        assertValues(new double[] {11, 22, 33, 14, 25, 36}, x.add(bias));
        assertValues(new double[] {9, 18, 27, 6, 15, 24}, bias.sub(x));
        assertValues(new double[] {11, 22, 33, 14, 25, 36}, x.add(t(new double[] {10, 20, 30}, 1, 3)));
    }

    @Test
    void broadcastsAColumnAndAScalar() {
        Tensor x = t(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor column = t(new double[] {1, 2}, 2, 1);
        assertValues(new double[] {0, 1, 2, 2, 3, 4}, x.sub(column));
        assertValues(new double[] {2, 4, 6, 8, 10, 12}, x.mul(t(new double[] {2})));
        assertValues(new double[] {12, 6, 4, 3, 2.4, 2}, t(new double[] {12}).div(x));
        Tensor outer = column.mul(t(new double[] {1, 10, 100}, 3));
        assertArrayEquals(new int[] {2, 3}, outer.shape());
        assertValues(new double[] {1, 10, 100, 2, 20, 200}, outer);
    }

    @Test
    void outFormWritesInPlace() {
        Tensor a = t(new double[] {1, 2, 3}, 3);
        Tensor result = a.add(t(new double[] {1, 1, 1}, 3), a);
        assertSame(a, result);
        assertValues(new double[] {2, 3, 4}, a);
        a.mul(2.0, a);
        assertValues(new double[] {4, 6, 8}, a);
    }

    @Test
    void addScaledIsAxpy() {
        Tensor w = t(new double[] {1, 2, 3}, 3);
        w.addScaled(-0.5, t(new double[] {2, 4, 6}, 3));
        assertValues(new double[] {0, 0, 0}, w);
    }

    @Test
    void unaryFunctions() {
        Tensor a = t(new double[] {-1, 0, 0.5, 2}, 4);
        assertArrayClose(
                new double[] {Math.exp(-1), 1, Math.exp(0.5), Math.exp(2)},
                a.exp().toArray(),
                tol());
        assertArrayClose(
                new double[] {0, Math.log(2)}, t(new double[] {1, 2}, 2).log().toArray(), tol());
        assertArrayClose(
                new double[] {1 / (1 + Math.E), 0.5, 1 / (1 + Math.exp(-0.5)), 1 / (1 + Math.exp(-2))},
                a.sigmoid().toArray(),
                tol());
        assertValues(new double[] {0, 0, 1, 1}, a.greaterThan(0));
        assertValues(new double[] {0, 0, 0.5, 2}, a.maximum(0));
    }

    @Test
    void sigmoidSaturatesWithoutNaN() {
        Tensor s = t(new double[] {-1000, 1000}, 2).sigmoid();
        assertValues(new double[] {0, 1}, s);
    }

    // ---------------------------------------------------------------- matrix products

    @Test
    void matrixProductsByHand() {
        Tensor a = t(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor b = t(new double[] {7, 8, 9, 10, 11, 12}, 3, 2);
        assertValues(new double[] {58, 64, 139, 154}, a.matmul(b));
        // aᵀ·c with a [2, 3], c [2, 2] → [3, 2]
        Tensor c = t(new double[] {1, 2, 3, 4}, 2, 2);
        assertValues(new double[] {13, 18, 17, 24, 21, 30}, a.transposeMatmul(c, zeros(3, 2)));
        // a·aᵀ → [2, 2]
        assertValues(new double[] {14, 32, 32, 77}, a.matmulTranspose(a, zeros(2, 2)));
    }

    @ParameterizedTest(name = "[{0}, {1}] · [{1}, {2}]")
    @CsvSource({
        "1, 1, 1",
        "1, 3, 1",
        "2, 3, 5",
        "3, 1, 7",
        "5, 7, 3",
        "7, 13, 9",
        "17, 33, 10",
        "100, 784, 50",
        "784, 100, 50",
        "100, 50, 10",
        "100, 10, 50",
        "9, 5, 31",
        "64, 64, 64",
        "33, 17, 65",
        "24, 9, 8",
        "21, 6, 4"
    })
    void matrixProductsMatchTheReference(int m, int k, int n) {
        SplittableRandom random = new SplittableRandom(m * 1_000_003L + k * 1009L + n);
        assertTheThreeProductsMatch(random, m, k, n, this::pair);
    }

    /** A way to make a pair of equal matrices, one on this backend and one on the reference. */
    private interface PairMaker {
        Tensor[] make(SplittableRandom random, int rows, int columns);
    }

    /** matmul, transposeMatmul and matmulTranspose against the reference, the left operands made by {@code left}. */
    private void assertTheThreeProductsMatch(SplittableRandom random, int m, int k, int n, PairMaker left) {
        Tensor[] a = left.make(random, m, k);
        Tensor[] b = pair(random, k, n);
        assertTensorClose(a[1].matmul(b[1]), a[0].matmul(b[0]), tol());

        Tensor[] at = left.make(random, k, m);
        assertTensorClose(
                at[1].transposeMatmul(b[1], reference.zeros(dtype(), m, n)),
                at[0].transposeMatmul(b[0], zeros(m, n)),
                tol());

        Tensor[] bt = pair(random, n, k);
        assertTensorClose(
                a[1].matmulTranspose(bt[1], reference.zeros(dtype(), m, n)),
                a[0].matmulTranspose(bt[0], zeros(m, n)),
                tol());
    }

    /** Products whose left operand is mostly zeros, as MNIST's pixels are: a backend may skip the zeros. */
    @ParameterizedTest
    @CsvSource({"100, 784, 50", "784, 100, 50", "100, 784, 10", "37, 129, 23", "9, 301, 5"})
    void productsOfMostlyZeroMatricesMatchTheReference(int m, int k, int n) {
        SplittableRandom random = new SplittableRandom(m * 31L + k * 7L + n);
        assertTheThreeProductsMatch(random, m, k, n, this::mostlyZeroPair);
    }

    /** A pair as {@link #pair}, with 81% of the elements zero (some of them -0.0). */
    private Tensor[] mostlyZeroPair(SplittableRandom random, int rows, int columns) {
        double[] values = new double[rows * columns];
        for (int i = 0; i < values.length; i++) {
            double u = random.nextDouble();
            values[i] = u < 0.81 ? (u < 0.05 ? -0.0 : 0.0) : random.nextDouble();
        }
        return new Tensor[] {backend().of(dtype(), values, rows, columns), reference.of(dtype(), values, rows, columns)
        };
    }

    // ---------------------------------------------------------------- rows written from their non-zeros

    @Test
    void assignSparseRowWritesTheListedValuesAndZerosTheRest() {
        SparseRows pattern = new SparseRows(5, new int[] {0, 2, 2, 3}, new int[] {1, 3, 4});
        Tensor x = backend().full(dtype(), 9, 3, 5);
        x.assignSparseRow(0, pattern, 0, new double[] {2, 4});
        x.assignSparseRow(2, pattern, 1, new float[0]);
        x.assignSparseRow(1, pattern, 2, new float[] {0.5f, 7f}); // more values than the row lists: the rest unread
        assertValues(new double[] {0, 2, 0, 4, 0, 0, 0, 0, 0, 0.5, 0, 0, 0, 0, 0}, x);
        x.assignSparseRow(0, pattern, 2, new double[] {1.0 / 3});
        assertThat(x.get(0, 4)).isEqualTo(dtype() == DType.FLOAT32 ? (double) (float) (1.0 / 3) : 1.0 / 3);
        assertThat(x.get(0, 1)).isZero();
    }

    @Test
    void assignSparseRowRefusesWhatDoesNotFitAndWritesNothing() {
        SparseRows pattern = new SparseRows(4, new int[] {0, 2}, new int[] {0, 3});
        Tensor x = backend().full(dtype(), 9, 2, 4);
        assertThat(assertThrows(IllegalArgumentException.class, () -> x.assignSparseRow(2, pattern, 0, new double[2]))
                        .getMessage())
                .contains("row 2 is outside [0, 2)");
        assertThat(assertThrows(IllegalArgumentException.class, () -> x.assignSparseRow(0, pattern, 1, new double[2]))
                        .getMessage())
                .contains("row 1 is outside [0, 1)");
        assertThat(assertThrows(IllegalArgumentException.class, () -> x.assignSparseRow(0, pattern, 0, new double[1]))
                        .getMessage())
                .contains("1 values for the 2 non-zeros", "give one value per listed column");
        SparseRows wide = new SparseRows(5, new int[] {0, 0}, new int[0]);
        assertThat(assertThrows(IllegalArgumentException.class, () -> x.assignSparseRow(0, wide, 0, new float[0]))
                        .getMessage())
                .contains("5 columns, this tensor 4", "a pattern as wide as the tensor");
        assertThat(assertThrows(
                                IllegalArgumentException.class,
                                () -> zeros(8).assignSparseRow(0, pattern, 0, new double[2]))
                        .getMessage())
                .contains("a matrix has rows");
        assertValues(new double[] {9, 9, 9, 9, 9, 9, 9, 9}, x);
    }

    /**
     * Rows written from their non-zeros give the products the same bits as the same rows written densely, on shapes
     * that skip zeros and, at 400 rows, split across threads; each row is written twice, so that the second write
     * must clear the first's values.
     */
    @ParameterizedTest
    @CsvSource({"100, 784, 50", "100, 784, 10", "37, 129, 23", "9, 301, 5", "400, 784, 64"})
    void productsOfSparseRowsAreThoseOfTheSameRowsWrittenDensely(int m, int k, int n) {
        SplittableRandom random = new SplittableRandom(m * 13L + k * 5L + n);
        Tensor b = random(backend(), random, k, n);
        Tensor x = sparseRows(random, m, k);
        Tensor dense = backend().of(dtype(), x.toArray(), m, k);
        assertThat(x.matmul(b).toArray()).isEqualTo(dense.matmul(b).toArray());
        Tensor bt = random(backend(), random, m, n);
        assertThat(x.transposeMatmul(bt).toArray())
                .isEqualTo(dense.transposeMatmul(bt).toArray());
    }

    /** A matrix of mostly zeros written row by row from its non-zeros, each row first written from another row. */
    private Tensor sparseRows(SplittableRandom random, int rows, int columns) {
        double[] values = mostlyZeroPair(random, rows, columns)[1].toArray();
        for (int i = 0; i < values.length; i++) {
            values[i] = values[i] == 0 ? 0.0 : values[i]; // unlisted elements are written as +0
        }
        SparseRows pattern = SparseRows.of(values, rows, columns);
        Tensor x = zeros(rows, columns);
        for (int r = 0; r < rows; r++) {
            x.assignSparseRow(r, pattern, (r + 1) % rows, nonzeros(values, pattern, (r + 1) % rows));
        }
        for (int r = 0; r < rows; r++) {
            x.assignSparseRow(r, pattern, r, nonzeros(values, pattern, r));
        }
        assertThat(x.toArray()).isEqualTo(values);
        return x;
    }

    private static double[] nonzeros(double[] values, SparseRows pattern, int row) {
        double[] row0 = new double[pattern.count(row)];
        for (int j = 0; j < row0.length; j++) {
            row0[j] = values[row * pattern.columns() + pattern.column(pattern.start(row) + j)];
        }
        return row0;
    }

    /** A way to write a tensor other than from a row's non-zeros. */
    private interface Write {
        void to(Tensor x);
    }

    /**
     * Every other way of writing a tensor, including through a view and as an operation's {@code out}, leaves products
     * that find what it wrote: none may still go by the non-zeros that rows were written from.
     */
    @Test
    void everyOtherWriteIsSeenByTheProducts() {
        int m = 12;
        int k = 300;
        int n = 40;
        double[] ones = new double[m * k];
        java.util.Arrays.fill(ones, 1);
        float[] onesF = new float[m * k];
        java.util.Arrays.fill(onesF, 1f);
        double[] row = new double[k];
        java.util.Arrays.fill(row, 0.5);
        float[] rowF = new float[k];
        java.util.Arrays.fill(rowF, 0.5f);
        Tensor other = backend().full(dtype(), 0.25, m, k);
        Write[] writes = {
            x -> x.set(3, 5, 7),
            x -> x.fill(1),
            x -> x.assign(other),
            x -> x.assign(ones),
            x -> x.assign(onesF),
            x -> x.assignRow(4, row),
            x -> x.assignRow(4, rowF),
            x -> x.addScaled(2, other),
            x -> x.add(other, x),
            x -> x.add(1.0, x),
            x -> x.exp(x),
            x -> x.maximum(other, x),
            x -> x.where(other, other, x),
            x -> other.mul(2.0, x),
            x -> backend().full(dtype(), 1, m, 3).matmul(backend().full(dtype(), 1, 3, k), x),
            x -> x.reshape(k, m).fill(2),
            x -> x.reshape(m * k).set(1, 7),
        };
        SplittableRandom random = new SplittableRandom(17);
        Tensor b = random(backend(), random, k, n);
        Tensor bt = random(backend(), random, m, n);
        for (int w = 0; w < writes.length; w++) {
            Tensor x = sparseRows(random, m, k);
            writes[w].to(x);
            Tensor dense = backend().of(dtype(), x.toArray(), m, k);
            assertThat(x.matmul(b).toArray())
                    .as("write %d, x·b", w)
                    .isEqualTo(dense.matmul(b).toArray());
            assertThat(x.transposeMatmul(bt).toArray())
                    .as("write %d, xᵀ·b", w)
                    .isEqualTo(dense.transposeMatmul(bt).toArray());
        }
    }

    /** A workspace recycles a result that rows were written into: the operation that reuses it overwrites them. */
    @Test
    @SuppressWarnings("try")
    void aRecycledResultForgetsTheRowsWrittenIntoIt() {
        SplittableRandom random = new SplittableRandom(23);
        Tensor source = sparseRows(random, 12, 300);
        Tensor b = random(backend(), random, 300, 40);
        Workspace workspace = new Workspace();
        try (Workspace.Scope step = workspace.open()) {
            Tensor result = source.add(0.0);
            SparseRows empty = new SparseRows(300, new int[13], new int[0]);
            for (int r = 0; r < 12; r++) {
                result.assignSparseRow(r, empty, r, new double[0]);
            }
        }
        try (Workspace.Scope step = workspace.open()) {
            Tensor result = source.add(1.0); // the same place: the zeroed tensor again, now all ones and more
            Tensor dense = backend().of(dtype(), result.toArray(), 12, 300);
            assertThat(result.matmul(b).toArray()).isEqualTo(dense.matmul(b).toArray());
        }
    }

    @Test
    void matrixProductOverwritesOut() {
        Tensor a = t(new double[] {1, 2, 3, 4}, 2, 2);
        Tensor out = backend().full(dtype(), 99, 2, 2);
        a.matmul(a, out);
        assertValues(new double[] {7, 10, 15, 22}, out);
    }

    // ---------------------------------------------------------------- reductions

    @Test
    void reductionsByHand() {
        Tensor a = t(new double[] {1, 5, 3, 4, 2, 6}, 2, 3);
        assertEquals(21.0, a.sum());
        assertEquals(6.0, a.max());
        assertValues(new double[] {5, 7, 9}, a.sum(0));
        assertValues(new double[] {9, 12}, a.sum(1));
        assertValues(new double[] {4, 5, 6}, a.max(0));
        assertValues(new double[] {5, 6}, a.max(-1));
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

        assertTensorClose(a[1].add(b[1]), a[0].add(b[0]), tol());
        assertTensorClose(a[1].sub(b[1]), a[0].sub(b[0]), tol());
        assertTensorClose(a[1].mul(b[1]), a[0].mul(b[0]), tol());
        assertTensorClose(a[1].div(positive[1]), a[0].div(positive[0]), tol());
        assertTensorClose(a[1].add(row[1]), a[0].add(row[0]), tol());
        assertTensorClose(row[1].sub(a[1]), row[0].sub(a[0]), tol());
        assertTensorClose(a[1].mul(1.7).add(-0.3), a[0].mul(1.7).add(-0.3), tol());
        assertTensorClose(a[1].exp(), a[0].exp(), tol());
        assertTensorClose(positive[1].log(), positive[0].log(), tol());
        assertTensorClose(a[1].sigmoid(), a[0].sigmoid(), tol());
        assertTensorClose(a[1].greaterThan(0.1), a[0].greaterThan(0.1), 0);
        assertTensorClose(a[1].maximum(0), a[0].maximum(0), 0);
        assertTensorClose(a[1].copy().addScaled(-0.1, b[1]), a[0].copy().addScaled(-0.1, b[0]), tol());

        assertArrayClose(new double[] {a[1].sum()}, new double[] {a[0].sum()}, tol() * rows * cols);
        assertEquals(a[1].max(), a[0].max());
        assertTensorClose(a[1].sum(0), a[0].sum(0), tol());
        assertTensorClose(a[1].sum(1), a[0].sum(1), tol());
        assertTensorClose(a[1].max(0), a[0].max(0), 0);
        assertTensorClose(a[1].max(1), a[0].max(1), 0);
        assertArrayEquals(a[1].argmax(1), a[0].argmax(1));
        assertArrayEquals(a[1].argmax(0), a[0].argmax(0));
    }

    // ---------------------------------------------------------------- softmax and cross-entropy

    @Test
    void softmaxIsStableAndSumsToOne() {
        Tensor scores = t(new double[] {1000, 1001, 1002, -1, 0, 1}, 2, 3);
        Tensor p = scores.softmax(zeros(2, 3));
        double e = Math.exp(1);
        double z = 1 + e + e * e;
        assertArrayClose(new double[] {1 / z, e / z, e * e / z, 1 / z, e / z, e * e / z}, p.toArray(), tol());
        assertArrayClose(new double[] {1, 1}, p.sum(1).toArray(), tol());
    }

    @Test
    void crossEntropyOfOneHotAndOfIndicesAgree() {
        Tensor p = t(new double[] {0.1, 0.7, 0.2, 0.5, 0.25, 0.25}, 2, 3);
        Tensor oneHot = t(new double[] {0, 1, 0, 0, 0, 1}, 2, 3);
        Tensor labels = t(new double[] {1, 2}, 2);
        double expected = -(Math.log(0.7 + 1e-7) + Math.log(0.25 + 1e-7)) / 2;
        assertEquals(expected, p.crossEntropy(oneHot), tol());
        assertEquals(expected, p.crossEntropy(labels), tol());
    }

    @ParameterizedTest(name = "shape [{0}, {1}]")
    @CsvSource({"1, 1", "1, 2", "3, 10", "100, 10", "7, 13", "2, 33"})
    void softmaxAndCrossEntropyMatchTheReference(int rows, int cols) {
        SplittableRandom random = new SplittableRandom(rows * 31L + cols);
        Tensor[] scores = pair(random, rows, cols);
        Tensor p = scores[0].mul(5).softmax(zeros(rows, cols));
        Tensor pr = scores[1].mul(5).softmax(reference.zeros(dtype(), rows, cols));
        assertTensorClose(pr, p, tol());
        double[] labels = new double[rows];
        double[] oneHot = new double[rows * cols];
        for (int r = 0; r < rows; r++) {
            labels[r] = random.nextInt(cols);
            oneHot[r * cols + (int) labels[r]] = 1;
        }
        assertArrayClose(
                new double[] {pr.crossEntropy(reference.of(dtype(), labels, rows))},
                new double[] {p.crossEntropy(backend().of(dtype(), labels, rows))},
                tol());
        assertArrayClose(
                new double[] {pr.crossEntropy(reference.of(dtype(), oneHot, rows, cols))},
                new double[] {p.crossEntropy(backend().of(dtype(), oneHot, rows, cols))},
                tol());
    }

    // ---------------------------------------------------------------- the operations of chapters 6 to 8

    @Test
    void elementWiseFunctionsOfChapters6To8ByHand() {
        Tensor a = t(new double[] {-2, -0.5, 0, 0.25, 4}, 5);
        assertValues(new double[] {Math.tanh(-2), Math.tanh(-0.5), 0, Math.tanh(0.25), Math.tanh(4)}, a.tanh());
        assertValues(new double[] {4, 0.25, 0, 0.0625, 16}, a.square());
        assertValues(new double[] {2, 0.5, 0, 0.25, 4}, a.abs());
        assertValues(new double[] {-1, -1, 0, 1, 1}, a.sign());
        assertValues(new double[] {2, 0.5, 0, -0.25, -4}, a.neg());
        assertValues(new double[] {3, 1.5, 1, 0.75, -3}, a.rsub(1));
        assertValues(new double[] {-3, -1.5, -1, -0.75, 3}, a.sub(1));
        assertValues(new double[] {-1, -0.25, 0, 0.125, 2}, a.div(2));
        assertValues(new double[] {-1, -0.5, 0, 0.25, 1}, a.clip(-1, 1));
        assertValues(new double[] {-2, -0.5, 0, 0, 0}, a.minimum(0));
        assertValues(new double[] {0, 0.5, 2}, t(new double[] {0, 0.25, 4}, 3).sqrt());
        assertValues(new double[] {0, 0.125, 8}, t(new double[] {0, 0.25, 4}, 3).pow(1.5));
        assertThat(t(new double[] {-1}, 1).sqrt().get(0)).isNaN();
        assertThrows(IllegalArgumentException.class, () -> a.clip(1, -1));
    }

    @Test
    void tanhKeepsItsRelativeAccuracyNearZero() {
        // The composition 2·sigmoid(2x) − 1 loses every digit there; tanh must not.
        Tensor x = t(new double[] {1e-9, -3e-8}, 2);
        Tensor y = x.tanh();
        for (int i = 0; i < 2; i++) {
            assertThat(Math.abs(y.get(i) - x.get(i)) / Math.abs(x.get(i))).isLessThan(tol());
        }
    }

    @Test
    void maximumMinimumAndWhereOfTwoTensors() {
        Tensor a = t(new double[] {1, 5, 3, 4}, 2, 2);
        Tensor b = t(new double[] {2, 2, 6, 1}, 2, 2);
        assertValues(new double[] {2, 5, 6, 4}, a.maximum(b));
        assertValues(new double[] {1, 2, 3, 1}, a.minimum(b));
        Tensor mask = a.greaterThan(b);
        assertValues(new double[] {0, 1, 0, 1}, mask);
        assertValues(new double[] {2, 5, 6, 4}, mask.where(a, b));
        // Branches broadcast to the mask's shape: a scalar and a column.
        assertValues(new double[] {0, 5, 0, 4}, mask.where(a, t(new double[] {0}, 1)));
        assertValues(new double[] {10, 5, 20, 4}, mask.where(a, t(new double[] {10, 20}, 2, 1)));
        assertThat(t(new double[] {Double.NaN}, 1)
                        .maximum(t(new double[] {1}, 1))
                        .get(0))
                .isNaN();
        assertThat(assertThrows(IllegalArgumentException.class, () -> mask.where(a, zeros(3)))
                        .getMessage())
                .contains("[3]", "[2, 2]");
    }

    @Test
    void meansAndMinima() {
        Tensor a = t(new double[] {1, 5, 3, 4, 2, 6}, 2, 3);
        assertEquals(3.5, a.mean());
        assertEquals(1.0, a.min());
        assertValues(new double[] {2.5, 3.5, 4.5}, a.mean(0));
        assertValues(new double[] {3, 4}, a.mean(1));
    }

    @Test
    void transposesTheAxesOfFourDimensionalTensors() {
        double[] values = new double[2 * 3 * 2 * 2];
        for (int i = 0; i < values.length; i++) {
            values[i] = i;
        }
        // [N, C, H, W] → [N, H, W, C], as Convolution does with its output.
        Tensor x = t(values, 2, 3, 2, 2);
        Tensor y = x.transpose(0, 2, 3, 1);
        assertArrayEquals(new int[] {2, 2, 2, 3}, y.shape());
        for (int n = 0; n < 2; n++) {
            for (int c = 0; c < 3; c++) {
                for (int h = 0; h < 2; h++) {
                    for (int w = 0; w < 2; w++) {
                        assertEquals(x.get(n, c, h, w), y.get(n, h, w, c));
                    }
                }
            }
        }
        assertTensorClose(x, y.transpose(0, 3, 1, 2), 0);
        assertThrows(IllegalArgumentException.class, () -> x.transpose(0, 1, 1, 2));
        assertThrows(IllegalArgumentException.class, () -> x.transpose(0, 1));
        assertThrows(IllegalArgumentException.class, x::transpose);
    }

    @Test
    void oneHotAndRandomUniformLike() {
        assertValues(new double[] {0, 1, 0, 0, 0, 1}, t(new double[] {1, 2}, 2).oneHot(3));
        assertThat(assertThrows(
                                IllegalArgumentException.class,
                                () -> t(new double[] {3}, 1).oneHot(3))
                        .getMessage())
                .contains("3.0", "[0, 3)");
        Tensor u = zeros(3, 4).randomUniformLike(new SplittableRandom(9));
        Tensor r = reference.zeros(dtype(), 3, 4).randomUniformLike(new SplittableRandom(9));
        assertArrayEquals(r.toArray(), u.toArray(), "same seed, same values on every backend");
        assertThat(java.util.Arrays.stream(u.toArray()).allMatch(v -> v >= 0 && v < 1))
                .isTrue();
        assertThat(u.min()).isLessThan(u.max());
    }

    @ParameterizedTest(name = "shape [{0}, {1}]")
    @CsvSource({"1, 1", "1, 3", "3, 1", "2, 5", "7, 3", "100, 10", "13, 37", "1, 1000", "5, 33", "4, 17", "3, 65"})
    void operationsOfChapters6To8MatchTheReference(int rows, int cols) {
        SplittableRandom random = new SplittableRandom(rows * 104_729L + cols);
        Tensor[] a = pair(random, rows, cols);
        Tensor[] b = pair(random, rows, cols);
        Tensor[] row = pair(random, cols);
        Tensor[] column = pair(random, rows, 1);
        Tensor[] positive = {a[0].square().add(0.1), a[1].square().add(0.1)};

        assertTensorClose(a[1].tanh(), a[0].tanh(), tol());
        assertTensorClose(positive[1].sqrt(), positive[0].sqrt(), tol());
        assertTensorClose(a[1].square(), a[0].square(), tol());
        assertTensorClose(a[1].abs(), a[0].abs(), 0);
        assertTensorClose(a[1].sign(), a[0].sign(), 0);
        assertTensorClose(a[1].neg(), a[0].neg(), 0);
        assertTensorClose(a[1].rsub(0.5), a[0].rsub(0.5), tol());
        assertTensorClose(a[1].sub(0.3), a[0].sub(0.3), tol());
        assertTensorClose(a[1].div(1.7), a[0].div(1.7), tol());
        assertTensorClose(positive[1].pow(1.3), positive[0].pow(1.3), tol());
        assertTensorClose(a[1].maximum(b[1]), a[0].maximum(b[0]), 0);
        assertTensorClose(a[1].minimum(b[1]), a[0].minimum(b[0]), 0);
        assertTensorClose(a[1].greaterThan(b[1]), a[0].greaterThan(b[0]), 0);
        assertTensorClose(
                a[1].greaterThan(b[1]).where(a[1], b[1]), a[0].greaterThan(b[0]).where(a[0], b[0]), 0);
        assertTensorClose(
                a[1].greaterThan(0).where(a[1], a[1].mul(0.01)),
                a[0].greaterThan(0).where(a[0], a[0].mul(0.01)),
                tol());
        assertTensorClose(a[1].clip(-0.5, 0.7), a[0].clip(-0.5, 0.7), 0);
        assertTensorClose(a[1].minimum(0.2), a[0].minimum(0.2), 0);
        assertTensorClose(a[1].maximum(row[1]), a[0].maximum(row[0]), 0);
        assertTensorClose(a[1].div(row[1].abs().add(0.5)), a[0].div(row[0].abs().add(0.5)), tol());
        assertTensorClose(row[1].mul(a[1]), row[0].mul(a[0]), tol());
        assertTensorClose(a[1].sub(column[1]), a[0].sub(column[0]), tol());
        assertTensorClose(column[1].mul(row[1]), column[0].mul(row[0]), tol());
        assertTensorClose(a[1].transpose(), a[0].transpose(), 0);
        assertArrayClose(new double[] {a[1].mean()}, new double[] {a[0].mean()}, tol() * cols);
        assertEquals(a[1].min(), a[0].min());
        assertTensorClose(a[1].mean(0), a[0].mean(0), tol());
        assertTensorClose(a[1].mean(1), a[0].mean(1), tol());
    }

    @Test
    void dtypeIsKeptAndConversionIsExplicit() {
        Tensor a = t(new double[] {0.1, 2}, 2);
        assertEquals(dtype(), a.dtype());
        assertEquals(dtype(), a.add(a).exp().sum(0, zeros()).dtype());
        assertEquals(
                dtype(),
                t(new double[] {1, 2, 3, 4}, 2, 2)
                        .matmul(t(new double[] {1, 2, 3, 4}, 2, 2))
                        .dtype());
        DType other = dtype() == DType.FLOAT64 ? DType.FLOAT32 : DType.FLOAT64;
        Tensor b = a.to(other);
        assertEquals(other, b.dtype());
        assertSame(a, a.to(dtype()));
        assertEquals((float) 0.1, a.to(DType.FLOAT32).toFloatArray()[0]);
        assertEquals((double) (float) 0.1, a.to(DType.FLOAT32).to(DType.FLOAT64).get(0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.add(b));
        assertThat(e.getMessage()).contains("float64", "float32", ".to(DType.");
        assertThat(e.getMessage()).doesNotContain("null").doesNotContain("\n");
    }

    @SuppressWarnings("try") // the workspace scope frames the step; its body need not name it
    @Test
    void aWorkspaceRecyclesResultsStepAfterStep() {
        Workspace workspace = new Workspace();
        Tensor a = t(new double[] {1, 2, 3}, 3);
        Tensor first;
        try (Workspace.Scope step = workspace.open()) {
            first = a.mul(2).add(1);
            assertValues(new double[] {3, 5, 7}, first);
        }
        try (Workspace.Scope step = workspace.open()) {
            Tensor again = a.mul(3).add(1);
            assertSame(first, again, "the second step's result reuses the first step's tensor");
            assertValues(new double[] {4, 7, 10}, again);
            // Factories and copies belong to the caller and are never recycled.
            Tensor own = zeros(3).fill(5);
            Tensor kept = again.copy();
            assertNotSame(own, kept);
        }
        assertEquals(2, workspace.size());
        assertEquals(2L * 3 * dtype().bytes(), workspace.bytes());
        assertNotSame(a.mul(2), a.mul(2), "outside a workspace every result is new");
        assertThrows(IllegalStateException.class, () -> {
            try (Workspace.Scope outer = workspace.open()) {
                workspace.open();
            }
        });
    }

    // ---------------------------------------------------------------- bad input

    @Test
    void shapeMismatchNamesBothShapes() {
        Tensor a = zeros(2, 3);
        Tensor b = zeros(4, 5);
        assertThat(assertThrows(IllegalArgumentException.class, () -> a.matmul(b))
                        .getMessage())
                .contains("[2, 3]", "[4, 5]");
        assertThat(assertThrows(IllegalArgumentException.class, () -> a.add(zeros(2, 4)))
                        .getMessage())
                .contains("[2, 3]", "[2, 4]");
        assertThat(assertThrows(IllegalArgumentException.class, () -> a.add(a, zeros(3, 2)))
                        .getMessage())
                .contains("[2, 3]", "[3, 2]");
        assertThat(assertThrows(IllegalArgumentException.class, () -> a.transposeMatmul(b, zeros(3, 5)))
                        .getMessage())
                .contains("[2, 3]", "[4, 5]");
        assertThat(assertThrows(IllegalArgumentException.class, () -> a.matmulTranspose(b, zeros(2, 4)))
                        .getMessage())
                .contains("[2, 3]", "[4, 5]");
        assertThat(assertThrows(IllegalArgumentException.class, () -> a.matmul(zeros(3, 2), zeros(3, 3)))
                        .getMessage())
                .contains("[2, 2]", "[3, 3]");
    }

    @Test
    void badValuesAreRejectedClearly() {
        assertThrows(IllegalArgumentException.class, () -> backend().of(new double[3], 2, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> zeros(2, 2).get(2, 0));
        assertThat(assertThrows(
                                IllegalArgumentException.class,
                                () -> zeros(2, 3).crossEntropy(t(new double[] {0, 3}, 2)))
                        .getMessage())
                .contains("3.0");
        Tensor a = zeros(2, 2);
        assertThrows(IllegalArgumentException.class, () -> a.matmul(a, a));
    }

    @Test
    void mixingBackendsFailsAndNamesBoth() {
        Tensor mine = zeros(2);
        Tensor foreign = ReferenceBackendProvider.newInstance("foreign").zeros(dtype(), 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> mine.add(foreign));
        assertThat(e.getMessage()).contains(backend().name(), "foreign");
    }

    // ---------------------------------------------------------------- tasks

    @Test
    @SuppressWarnings("try") // each task's workspace scope frames its product
    void forEachTaskRunsEveryTaskOnceAndItsProductsAreTheCallersOwn() {
        Backend b = backend();
        SplittableRandom random = new SplittableRandom(11);
        // Large enough that a backend on several threads would split it, were it not inside a task.
        Tensor x = random(b, random, 240, 300);
        Tensor w = random(b, random, 300, 80);
        double[] expected = x.matmul(w).toArray();
        int tasks = 7;
        double[][] results = new double[tasks][];
        java.util.concurrent.atomic.AtomicIntegerArray runs = new java.util.concurrent.atomic.AtomicIntegerArray(tasks);
        java.util.concurrent.atomic.AtomicIntegerArray busy =
                new java.util.concurrent.atomic.AtomicIntegerArray(b.threads());
        Workspace[] workspaces = new Workspace[b.threads()];
        for (int i = 0; i < workspaces.length; i++) {
            workspaces[i] = new Workspace();
        }
        b.forEachTask(tasks, (thread, task) -> {
            assertThat(thread).isBetween(0, b.threads() - 1);
            assertThat(busy.incrementAndGet(thread))
                    .as("tasks at once on thread %d", thread)
                    .isEqualTo(1);
            try (Workspace.Scope scope = workspaces[thread].open()) {
                results[task] = x.matmul(w).toArray();
            }
            runs.incrementAndGet(task);
            busy.decrementAndGet(thread);
        });
        for (int t = 0; t < tasks; t++) {
            assertThat(runs.get(t)).as("runs of task %d", t).isEqualTo(1);
            assertArrayEquals(expected, results[t], "task " + t);
        }
        b.forEachTask(0, (thread, task) -> {
            throw new AssertionError("no task to run");
        });
        assertThrows(IllegalArgumentException.class, () -> b.forEachTask(-1, (thread, task) -> {}));
    }

    @Test
    void aFailingTaskFailsForEachTaskAndLeavesTheBackendUsable() {
        Backend b = backend();
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> b.forEachTask(5, (thread, task) -> {
                    if (task == 3) {
                        throw new IllegalStateException("task 3 failed");
                    }
                }));
        assertThat(e).hasMessage("task 3 failed");
        java.util.concurrent.atomic.AtomicInteger runs = new java.util.concurrent.atomic.AtomicInteger();
        b.forEachTask(4, (thread, task) -> runs.incrementAndGet());
        assertThat(runs.get()).isEqualTo(4);
    }

    @Test
    @SuppressWarnings("try") // the work's workspace scope frames its product
    void backgroundWorkRunsOnAnotherThreadAndForEachTaskWaitsForIt() throws Exception {
        Backend b = backend();
        if (b.threads() == 1) {
            assertThat(b.startInBackground(() -> {}))
                    .as("a backend of one thread has none to spare")
                    .isEmpty();
            return;
        }
        SplittableRandom random = new SplittableRandom(12);
        Tensor x = random(b, random, 240, 300);
        Tensor w = random(b, random, 300, 80);
        double[] expected = x.matmul(w).toArray();
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        AtomicReference<double[]> product = new AtomicReference<>();
        java.util.concurrent.atomic.AtomicBoolean ended = new java.util.concurrent.atomic.AtomicBoolean();
        Future<?> work = b.startInBackground(() -> {
                    ranOn.set(Thread.currentThread());
                    try (Workspace.Scope scope = new Workspace().open()) {
                        product.set(x.matmul(w).toArray());
                    }
                    try {
                        release.await();
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    ended.set(true);
                })
                .orElseThrow(() -> new AssertionError("a backend of " + b.threads() + " threads has one to spare"));

        assertThat(b.startInBackground(() -> {}))
                .as("one background work at a time")
                .isEmpty();
        // The caller's products meanwhile are its own, and right.
        assertArrayEquals(expected, x.matmul(w).toArray());
        release.countDown();
        b.forEachTask(
                3,
                (thread, task) ->
                        assertThat(ended.get()).as("the work ended first").isTrue());
        work.get(60, TimeUnit.SECONDS);
        assertThat(ranOn.get()).isNotNull().isNotSameAs(Thread.currentThread());
        assertArrayEquals(expected, product.get());

        Future<?> failing = b.startInBackground(() -> {
                    throw new IllegalStateException("background work failed");
                })
                .orElseThrow();
        ExecutionException e = assertThrows(ExecutionException.class, () -> failing.get(60, TimeUnit.SECONDS));
        assertThat(e.getCause()).hasMessage("background work failed");
        assertThat(b.startInBackground(() -> {})).as("usable after a failure").isPresent();
    }
}
