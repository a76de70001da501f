package nn.core.array;

/**
 * The loops behind {@link ArrayTensor}, on plain {@code double[]} storage in row-major order. The reference
 * implementation is {@link ReferenceKernels}; a faster backend overrides the loops that dominate training
 * and inherits the rest, so that every backend built on arrays shares one tensor class and one set of
 * shape checks. Callers have checked every length; kernels only compute.
 *
 * <p>Matrix kernels write all of {@code out}; {@code out} never aliases an operand. Element-wise kernels
 * allow {@code out} to be an operand.
 */
public interface Kernels {

    /** Element-wise operations of two operands. */
    enum BinaryOp {
        ADD, SUB, MUL, DIV;

        public double apply(double a, double b) {
            switch (this) {
                case ADD: return a + b;
                case SUB: return a - b;
                case MUL: return a * b;
                case DIV: return a / b;
                default: throw new AssertionError(this);
            }
        }
    }

    /** Element-wise functions of one operand. */
    enum UnaryOp {
        EXP, LOG, SIGMOID;

        public double apply(double a) {
            switch (this) {
                case EXP: return Math.exp(a);
                case LOG: return Math.log(a);
                case SIGMOID: return 1.0 / (1.0 + Math.exp(-a));
                default: throw new AssertionError(this);
            }
        }
    }

    /** {@code out[i] = a[i] op b[i]} for {@code i < n}. */
    void binary(BinaryOp op, double[] a, double[] b, double[] out, int n);

    /** {@code out[i] = a[i] op s}, or {@code s op a[i]} when {@code scalarFirst}. */
    void binaryScalar(BinaryOp op, double[] a, double s, boolean scalarFirst, double[] out, int n);

    /**
     * {@code out[r, c] = a[r, c] op row[c]} for an {@code [rows, cols]} matrix, or {@code row[c] op a[r, c]}
     * when {@code rowFirst}: the bias add, and any broadcast of a trailing block.
     */
    void binaryRow(BinaryOp op, double[] a, double[] row, boolean rowFirst, double[] out, int rows, int cols);

    /** {@code y[i] += alpha * x[i]}. */
    void axpy(double alpha, double[] x, double[] y, int n);

    /** {@code out[i] = f(a[i])}. */
    void unary(UnaryOp op, double[] a, double[] out, int n);

    /** {@code out[i] = a[i] > threshold ? 1 : 0}. */
    void greaterThan(double[] a, double threshold, double[] out, int n);

    /** {@code out[i] = max(a[i], value)}. */
    void maximum(double[] a, double value, double[] out, int n);

    /** {@code out = a · b} for {@code a [m, k]}, {@code b [k, n]}. */
    void matmul(double[] a, double[] b, double[] out, int m, int k, int n);

    /** {@code out = aᵀ · b} for {@code a [k, m]}, {@code b [k, n]}. */
    void transposeMatmul(double[] a, double[] b, double[] out, int m, int k, int n);

    /** {@code out = a · bᵀ} for {@code a [m, k]}, {@code b [n, k]}. */
    void matmulTranspose(double[] a, double[] b, double[] out, int m, int k, int n);

    /** The sum of {@code a[0..n)}. */
    double sum(double[] a, int n);

    /** The maximum of {@code a[0..n)}, {@code n > 0}. */
    double max(double[] a, int n);

    /**
     * Sums over the middle axis of {@code a} viewed as {@code [outer, length, inner]} into
     * {@code out [outer, inner]}.
     */
    void sumAxis(double[] a, double[] out, int outer, int length, int inner);

    /** Maxima over the middle axis of {@code a} viewed as {@code [outer, length, inner]}. */
    void maxAxis(double[] a, double[] out, int outer, int length, int inner);

    /** Row-wise stable softmax of an {@code [rows, cols]} matrix. */
    void softmaxRows(double[] a, double[] out, int rows, int cols);

    /** {@code -Σ t·log(p + 1e-7) / rows} for probabilities and targets of shape {@code [rows, cols]}. */
    double crossEntropy(double[] p, double[] t, int rows, int cols);

    /** {@code -Σ log(p[r, label[r]] + 1e-7) / rows} for class indices {@code labels [rows]}. */
    double crossEntropyIndices(double[] p, double[] labels, int rows, int cols);
}
