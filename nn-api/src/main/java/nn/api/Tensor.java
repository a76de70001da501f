package nn.api;

import java.util.random.RandomGenerator;

/**
 * An n-dimensional, row-major array of real numbers, created only through a {@link Backend}, stored as
 * {@link DType#FLOAT64} or {@link DType#FLOAT32}.
 *
 * <p>Operations come in two forms. The plain form ({@code a.add(b)}) returns a new tensor: written as the
 * book writes its formulas, {@code dout.mul(y.rsub(1.0)).mul(y)}. Inside an open {@link Workspace} those
 * results are recycled from one step to the next, so such a formula allocates nothing after the first
 * step. The {@code out} form ({@code a.add(b, out)}) writes into a tensor the caller owns and returns it;
 * {@code out} may be {@code this} or an operand, which makes the operation in place: use it for state that
 * outlives a step (weights, optimizer moments, running statistics).
 *
 * <p>Element-wise binary operations broadcast as NumPy does: shapes are aligned at their last axis and an
 * axis of length 1 (or a missing leading axis) stretches to match, so a bias of shape {@code [n]} adds to
 * every row of an {@code [m, n]} matrix and a column {@code [m, 1]} to every column.
 *
 * <p>All operands of one operation come from the same backend and have the same dtype; anything else fails
 * with an {@link IllegalArgumentException} naming both. Shape mismatches fail the same way, naming both
 * shapes. Scalars ({@code double} arguments) are rounded to the tensor's dtype.
 */
public interface Tensor {

    // ---------------------------------------------------------------- shape, dtype and elements

    /** The backend that created this tensor and runs its operations. */
    Backend backend();

    /** How the elements are stored. */
    DType dtype();

    /** The shape, as a copy; {@code []} for a scalar. */
    int[] shape();

    /** The number of axes; 0 for a scalar. */
    int rank();

    /** The length of one axis; negative axes count from the end. */
    int dim(int axis);

    /** The number of elements. */
    int size();

    /** One element, by its index on every axis. */
    double get(int... index);

    /** Sets one element, by its index on every axis. */
    void set(double value, int... index);

    /** One element of a vector; like {@code get(i)} without the varargs array, for loops. */
    double get(int i);

    /** One element of a matrix; like {@code get(row, column)} without the varargs array, for loops. */
    double get(int row, int column);

    /** Sets one element of a vector, without the varargs array. */
    void set(double value, int i);

    /** Sets one element of a matrix, without the varargs array. */
    void set(double value, int row, int column);

    /** The value of a one-element tensor. */
    double item();

    /** The elements in row-major order, as a new {@code double[]} (exact for both dtypes). */
    double[] toArray();

    /** The elements in row-major order, as a new {@code float[]} (rounding float64 elements). */
    float[] toFloatArray();

    /** A tensor of {@code dtype} with these elements: this tensor when it already has that dtype, else a copy. */
    Tensor to(DType dtype);

    /** A new tensor with the same shape, dtype and elements, which no workspace recycles. */
    Tensor copy();

    /** Copies {@code source} (same size and dtype) into this tensor and returns this. */
    Tensor assign(Tensor source);

    /** Copies {@code values} (row-major, this tensor's size) into this tensor, rounding to its dtype; returns this. */
    Tensor assign(double[] values);

    /** Copies {@code values} (row-major, this tensor's size) into this tensor; returns this. */
    Tensor assign(float[] values);

    /**
     * Copies {@code values} (one per column) into row {@code row} of this matrix, rounding to its dtype; returns
     * this. A data set fills a batch row by row with it, without a batch-sized array in between.
     */
    Tensor assignRow(int row, double[] values);

    /** Copies {@code values} (one per column) into row {@code row} of this matrix; returns this. */
    Tensor assignRow(int row, float[] values);

    /**
     * Sets row {@code row} of this matrix to zeros except at the columns that row {@code sourceRow} of {@code
     * pattern} lists, which take {@code values[0 .. pattern.count(sourceRow))} in order, rounded to its dtype;
     * returns this. For batches of mostly-zero inputs: a backend may keep the pattern's bitmap of the row, so that
     * the products that skip zeros with this tensor on the left ({@link #matmul}, {@link #transposeMatmul}) find its
     * zeros there instead of reading it, until any other write to this tensor. The results are the same as with the
     * row written densely.
     */
    Tensor assignSparseRow(int row, SparseRows pattern, int sourceRow, double[] values);

    /** {@link #assignSparseRow(int, SparseRows, int, double[])} from {@code float} values. */
    Tensor assignSparseRow(int row, SparseRows pattern, int sourceRow, float[] values);

    /** Sets every element to {@code value} and returns this. */
    Tensor fill(double value);

    /**
     * The same elements with another shape of the same size, sharing storage with this tensor; one axis may
     * be {@code -1} to be inferred.
     */
    Tensor reshape(int... shape);

    /** The transpose of a matrix, as a new tensor. */
    Tensor transpose();

    /** The axes permuted as NumPy's {@code x.transpose(axes)} ({@code [N, C, H, W]} to {@code [N, H, W, C]}, …). */
    Tensor transpose(int... axes);

    // ---------------------------------------------------------------- element-wise, two tensors

    /** {@code this + other}, broadcasting. */
    Tensor add(Tensor other);

    /** {@code this + other} into {@code out}. */
    Tensor add(Tensor other, Tensor out);

    /** {@code this - other}, broadcasting. */
    Tensor sub(Tensor other);

    /** {@code this - other} into {@code out}. */
    Tensor sub(Tensor other, Tensor out);

    /** {@code this * other}, element-wise, broadcasting. */
    Tensor mul(Tensor other);

    /** {@code this * other} into {@code out}. */
    Tensor mul(Tensor other, Tensor out);

    /** {@code this / other}, element-wise, broadcasting. */
    Tensor div(Tensor other);

    /** {@code this / other} into {@code out}. */
    Tensor div(Tensor other, Tensor out);

    /** The element-wise maximum of two tensors, broadcasting; NaN wins, as in NumPy's {@code maximum}. */
    Tensor maximum(Tensor other);

    /** The element-wise maximum into {@code out}. */
    Tensor maximum(Tensor other, Tensor out);

    /** The element-wise minimum of two tensors, broadcasting; NaN wins. */
    Tensor minimum(Tensor other);

    /** The element-wise minimum into {@code out}. */
    Tensor minimum(Tensor other, Tensor out);

    /** A mask: 1 where {@code this > other}, else 0, broadcasting. */
    Tensor greaterThan(Tensor other);

    /**
     * NumPy's {@code where(this, ifTrue, ifFalse)}: {@code ifTrue} where this mask is non-zero, else
     * {@code ifFalse}; both broadcast to the mask's shape.
     */
    Tensor where(Tensor ifTrue, Tensor ifFalse);

    /** {@code where(this, ifTrue, ifFalse)} into {@code out}. */
    Tensor where(Tensor ifTrue, Tensor ifFalse, Tensor out);

    // ---------------------------------------------------------------- element-wise, tensor and scalar

    /** {@code this + value}. */
    Tensor add(double value);

    /** {@code this + value} into {@code out}. */
    Tensor add(double value, Tensor out);

    /** {@code this - value}. */
    Tensor sub(double value);

    /** {@code value - this}: the book's {@code 1 - y} is {@code y.rsub(1)}. */
    Tensor rsub(double value);

    /** {@code value - this} into {@code out}. */
    Tensor rsub(double value, Tensor out);

    /** {@code this * value}. */
    Tensor mul(double value);

    /** {@code this * value} into {@code out}. */
    Tensor mul(double value, Tensor out);

    /** {@code this / value}. */
    Tensor div(double value);

    /** {@code this / value} into {@code out}. */
    Tensor div(double value, Tensor out);

    /** {@code this ^ exponent}, element-wise, as {@link Math#pow}. */
    Tensor pow(double exponent);

    /** {@code max(this, value)}, element-wise. */
    Tensor maximum(double value);

    /** {@code max(this, value)} into {@code out}. */
    Tensor maximum(double value, Tensor out);

    /** {@code min(this, value)}, element-wise. */
    Tensor minimum(double value);

    /** {@code min(max(this, low), high)}, element-wise, as NumPy's {@code clip}. */
    Tensor clip(double low, double high);

    /** A mask: 1 where {@code this > threshold}, else 0. */
    Tensor greaterThan(double threshold);

    /** The mask {@code this > threshold} into {@code out}. */
    Tensor greaterThan(double threshold, Tensor out);

    /**
     * {@code this += alpha * x}, in place (BLAS {@code axpy}); {@code x} has this tensor's shape. This is the
     * SGD update {@code w -= lr * grad} with {@code alpha = -lr}.
     */
    Tensor addScaled(double alpha, Tensor x);

    // ---------------------------------------------------------------- element-wise functions

    /** {@code e^this}, element-wise. */
    Tensor exp();

    /** {@code e^this} into {@code out}. */
    Tensor exp(Tensor out);

    /** The natural logarithm, element-wise. */
    Tensor log();

    /** The natural logarithm into {@code out}. */
    Tensor log(Tensor out);

    /** {@code 1 / (1 + e^-this)}, element-wise. */
    Tensor sigmoid();

    /** The sigmoid into {@code out}. */
    Tensor sigmoid(Tensor out);

    /** The hyperbolic tangent, element-wise, as {@link Math#tanh}. */
    Tensor tanh();

    /** The square root, element-wise. */
    Tensor sqrt();

    /** {@code this * this}, element-wise. */
    Tensor square();

    /** The absolute value, element-wise. */
    Tensor abs();

    /** {@code -1}, {@code 0} or {@code 1} by the sign of each element (NaN stays NaN), as NumPy's {@code sign}. */
    Tensor sign();

    /** {@code -this}. */
    Tensor neg();

    /**
     * A tensor of this shape and dtype holding uniform samples from {@code [0, 1)}, drawn from {@code random}
     * in row-major order (a double each, rounded to the dtype): NumPy's {@code np.random.rand(*x.shape)}.
     */
    Tensor randomUniformLike(RandomGenerator random);

    /**
     * These class indices ({@code [n]}, whole numbers in {@code [0, classes)}) as one-hot rows
     * {@code [n, classes]}: NumPy's {@code np.eye(classes)[t]}.
     */
    Tensor oneHot(int classes);

    // ---------------------------------------------------------------- matrix products

    /** The matrix product {@code this · other} of an {@code [m, k]} and a {@code [k, n]} matrix. */
    Tensor matmul(Tensor other);

    /** {@code this · other} into an {@code [m, n]} {@code out}, which must not be an operand. */
    Tensor matmul(Tensor other, Tensor out);

    /** {@code thisᵀ · other} of a {@code [k, m]} and a {@code [k, n]} matrix, without forming the transpose. */
    Tensor transposeMatmul(Tensor other);

    /**
     * {@code thisᵀ · other} into an {@code [m, n]} {@code out} (Affine's {@code dW = xᵀ · dout}, written into
     * the parameter's gradient).
     */
    Tensor transposeMatmul(Tensor other, Tensor out);

    /** {@code this · otherᵀ} of an {@code [m, k]} and an {@code [n, k]} matrix, without forming the transpose. */
    Tensor matmulTranspose(Tensor other);

    /** {@code this · otherᵀ} into an {@code [m, n]} {@code out} (Affine's {@code dx = dout · Wᵀ}). */
    Tensor matmulTranspose(Tensor other, Tensor out);

    // ---------------------------------------------------------------- reductions

    /** The sum of all elements. */
    double sum();

    /** The mean of all elements. */
    double mean();

    /** The largest element. */
    double max();

    /** The smallest element. */
    double min();

    /** Sums over one axis, which is removed from the shape. */
    Tensor sum(int axis);

    /** Sums over one axis into {@code out}, whose shape is this shape without that axis. */
    Tensor sum(int axis, Tensor out);

    /** The means over one axis, which is removed from the shape. */
    Tensor mean(int axis);

    /** The maxima over one axis, which is removed from the shape. */
    Tensor max(int axis);

    /** For every position of the other axes, the index of the largest element along {@code axis}, row-major. */
    int[] argmax(int axis);

    // ---------------------------------------------------------------- fused kernels for the loss

    /** The softmax over the last axis, stable: each row's maximum is subtracted before {@code exp}. */
    Tensor softmax();

    /** The softmax over the last axis into {@code out}. */
    Tensor softmax(Tensor out);

    /**
     * The mean cross-entropy of these probabilities {@code [n, c]} against {@code targets}: either one-hot (or
     * any distribution) of shape {@code [n, c]}, or class indices of shape {@code [n]}. Each log is guarded
     * as {@code log(p + 1e-7)}, as in the book.
     */
    double crossEntropy(Tensor targets);
}
