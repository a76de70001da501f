package nn.api;

/**
 * An n-dimensional, row-major array of real numbers, created only through a {@link Backend}.
 *
 * <p>Operations come in two forms. The plain form ({@code a.add(b)}) returns a new tensor. The
 * {@code out} form ({@code a.add(b, out)}) writes into a tensor the caller owns and returns it; {@code out}
 * may be {@code this} or an operand, which makes the operation in place. Layers use the {@code out} form on
 * their hot paths so that a training step allocates nothing it can reuse.
 *
 * <p>Element-wise binary operations broadcast as NumPy does: shapes are aligned at their last axis and an
 * axis of length 1 (or a missing leading axis) stretches to match, so a bias of shape {@code [n]} adds to
 * every row of an {@code [m, n]} matrix and a column {@code [m, 1]} to every column.
 *
 * <p>All operands of one operation must come from the same backend; mixing backends fails with an
 * {@link IllegalArgumentException} naming both. Shape mismatches fail the same way, naming both shapes. How
 * the numbers are stored (today: {@code double}) is the backend's business: nothing here exposes it except
 * {@link #toArray()}, which copies.
 */
public interface Tensor {

    // ---------------------------------------------------------------- shape and elements

    /** The backend that created this tensor and runs its operations. */
    Backend backend();

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
    default double get(int i) {
        return get(new int[] {i});
    }

    /** One element of a matrix; like {@code get(row, column)} without the varargs array, for loops. */
    default double get(int row, int column) {
        return get(new int[] {row, column});
    }

    /** Sets one element of a vector, without the varargs array. */
    default void set(double value, int i) {
        set(value, new int[] {i});
    }

    /** Sets one element of a matrix, without the varargs array. */
    default void set(double value, int row, int column) {
        set(value, new int[] {row, column});
    }

    /** The value of a one-element tensor. */
    double item();

    /** The elements in row-major order, as a new array. */
    double[] toArray();

    /** A new tensor with the same shape and elements. */
    Tensor copy();

    /** Copies {@code source} (same size) into this tensor and returns this. */
    Tensor assign(Tensor source);

    /** Copies {@code values} (row-major, this tensor's size) into this tensor and returns this. */
    Tensor assign(double[] values);

    /** Sets every element to {@code value} and returns this. */
    Tensor fill(double value);

    /**
     * The same elements with another shape of the same size, sharing storage with this tensor; one axis may
     * be {@code -1} to be inferred.
     */
    Tensor reshape(int... shape);

    /** The transpose of a matrix, as a new tensor. */
    Tensor transpose();

    // ---------------------------------------------------------------- element-wise arithmetic

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

    /** {@code this + value}. */
    Tensor add(double value);

    /** {@code this + value} into {@code out}. */
    Tensor add(double value, Tensor out);

    /** {@code this * value}. */
    Tensor mul(double value);

    /** {@code this * value} into {@code out}. */
    Tensor mul(double value, Tensor out);

    /**
     * {@code this += alpha * x}, in place (BLAS {@code axpy}); {@code x} has this tensor's shape. This is the
     * SGD update {@code w -= lr * grad} with {@code alpha = -lr}.
     */
    Tensor addScaled(double alpha, Tensor x);

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

    /** A mask: 1 where {@code this > threshold}, else 0. */
    Tensor greaterThan(double threshold);

    /** The mask {@code this > threshold} into {@code out}. */
    Tensor greaterThan(double threshold, Tensor out);

    /** {@code max(this, value)}, element-wise. */
    Tensor maximum(double value);

    /** {@code max(this, value)} into {@code out}. */
    Tensor maximum(double value, Tensor out);

    // ---------------------------------------------------------------- matrix products

    /** The matrix product {@code this · other} of an {@code [m, k]} and a {@code [k, n]} matrix. */
    Tensor matmul(Tensor other);

    /** {@code this · other} into an {@code [m, n]} {@code out}, which must not be an operand. */
    Tensor matmul(Tensor other, Tensor out);

    /**
     * {@code thisᵀ · other} of a {@code [k, m]} and a {@code [k, n]} matrix into an {@code [m, n]} {@code out},
     * without forming the transpose (Affine's {@code dW = xᵀ · dout}).
     */
    Tensor transposeMatmul(Tensor other, Tensor out);

    /**
     * {@code this · otherᵀ} of an {@code [m, k]} and an {@code [n, k]} matrix into an {@code [m, n]} {@code out},
     * without forming the transpose (Affine's {@code dx = dout · Wᵀ}).
     */
    Tensor matmulTranspose(Tensor other, Tensor out);

    // ---------------------------------------------------------------- reductions

    /** The sum of all elements. */
    double sum();

    /** The largest element. */
    double max();

    /** Sums over one axis, which is removed from the shape. */
    Tensor sum(int axis);

    /** Sums over one axis into {@code out}, whose shape is this shape without that axis. */
    Tensor sum(int axis, Tensor out);

    /** The maxima over one axis, which is removed from the shape. */
    Tensor max(int axis);

    /** For every position of the other axes, the index of the largest element along {@code axis}, row-major. */
    int[] argmax(int axis);

    // ---------------------------------------------------------------- fused kernels for the loss

    /**
     * The softmax over the last axis into {@code out}, stable: each row's maximum is subtracted before
     * {@code exp}.
     */
    Tensor softmax(Tensor out);

    /**
     * The mean cross-entropy of these probabilities {@code [n, c]} against {@code targets}: either one-hot (or
     * any distribution) of shape {@code [n, c]}, or class indices of shape {@code [n]}. Each log is guarded
     * as {@code log(p + 1e-7)}, as in the book.
     */
    double crossEntropy(Tensor targets);
}
