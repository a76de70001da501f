package nn.array;

import org.jspecify.annotations.Nullable;

/**
 * The loops behind {@link ArrayTensor} for one dtype, on row-major arrays ({@code double[]} or
 * {@code float[]}). A backend built on arrays implements this once per dtype and hands both to an
 * {@link ArrayBackend}; the tensor class checks every shape, dtype and operand before calling, so kernels
 * only compute. Implementations are siblings (the reference loops, the Vector API loops), not subclasses of
 * one another, so that the conformance suite compares two independent implementations of every kernel.
 *
 * <p>Scalars arrive as {@code double} and are rounded to the dtype first. Matrix kernels write all of
 * {@code out}, which never aliases an operand; element-wise kernels allow {@code out} to be an operand.
 *
 * @param <A> the array type
 */
public interface Kernels<A> {

    /** The book's guard against {@code log(0)} in the cross-entropy. */
    double LOG_GUARD = 1e-7;

    /** {@code out[i] = a[i] op b[i]} for {@code i < n}. */
    void binary(BinaryOp op, A a, A b, A out, int n);

    /** {@code out[i] = a[i] op s}, or {@code s op a[i]} when {@code scalarFirst}. */
    void binaryScalar(BinaryOp op, A a, double s, boolean scalarFirst, A out, int n);

    /**
     * {@code out[r, c] = a[r, c] op row[c]} for an {@code [rows, cols]} matrix, or {@code row[c] op a[r, c]}
     * when {@code rowFirst}: the bias add, and any broadcast of a trailing block.
     */
    void binaryRow(BinaryOp op, A a, A row, boolean rowFirst, A out, int rows, int cols);

    /** {@code y[i] += alpha * x[i]}. */
    void axpy(double alpha, A x, A y, int n);

    /** {@code out[i] = f(a[i])}. */
    void unary(UnaryOp op, A a, A out, int n);

    /** {@code out[i] = mask[i] != 0 ? a[i] : b[i]}. */
    void where(A mask, A a, A b, A out, int n);

    /**
     * {@code out = a · b} for {@code a [m, k]}, {@code b [k, n]}. {@code aRows}, when given, marks in every row of
     * {@code a} the elements that may be non-zero (all others are zero): a kernel that skips zeros may list its steps
     * from it instead of reading {@code a}, with the same result.
     */
    void matmul(A a, @Nullable RowSupport aRows, A b, A out, int m, int k, int n);

    /** {@code out = aᵀ · b} for {@code a [k, m]}, {@code b [k, n]}; {@code aRows} as for {@link #matmul}. */
    void transposeMatmul(A a, @Nullable RowSupport aRows, A b, A out, int m, int k, int n);

    /** {@code out = a · bᵀ} for {@code a [m, k]}, {@code b [n, k]}. */
    void matmulTranspose(A a, A b, A out, int m, int k, int n);

    /** The sum of {@code a[0..n)}, accumulated in double. */
    double sum(A a, int n);

    /** The maximum of {@code a[0..n)}, {@code n > 0}; NaN wins. */
    double max(A a, int n);

    /** The minimum of {@code a[0..n)}, {@code n > 0}; NaN wins. */
    double min(A a, int n);

    /**
     * Sums over the middle axis of {@code a} viewed as {@code [outer, length, inner]} into
     * {@code out [outer, inner]}.
     */
    void sumAxis(A a, A out, int outer, int length, int inner);

    /** Maxima over the middle axis of {@code a} viewed as {@code [outer, length, inner]}; NaN wins. */
    void maxAxis(A a, A out, int outer, int length, int inner);

    /** Row-wise stable softmax of an {@code [rows, cols]} matrix. */
    void softmaxRows(A a, A out, int rows, int cols);

    /** {@code -Σ t·log(p + 1e-7) / rows} for probabilities and targets of shape {@code [rows, cols]}. */
    double crossEntropy(A p, A t, int rows, int cols);

    /** {@code -Σ log(p[r, label[r]] + 1e-7) / rows} for class indices {@code labels [rows]}. */
    double crossEntropyIndices(A p, A labels, int rows, int cols);
}
