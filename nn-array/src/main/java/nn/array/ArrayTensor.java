package nn.array;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import nn.api.DType;
import nn.api.Shapes;
import nn.api.SparseRows;
import nn.api.Tensor;
import org.jspecify.annotations.Nullable;

/**
 * A tensor stored as a row-major Java array, whose loops are its backend's {@link Kernels} for its dtype. This
 * class checks shapes, dtypes and operands once, for every array backend, and does the parts that are not hot
 * loops (element access, conversion, axis permutation, general broadcasting) itself; the kernels only compute.
 *
 * @param <A> the array type: {@code double[]} or {@code float[]}
 */
public final class ArrayTensor<A> implements Tensor {

    private final ArrayBackend backend;
    private final Storage<A> storage;
    private final Kernels<A> kernels;
    private final A data;
    private final int size;
    private final int[] shape;

    /** The columns {@link #assignSparseRow} wrote, row by row; null until its first call. */
    private @Nullable RowSupport support;

    /** Whether another tensor shares this one's storage ({@link #reshape}): then no write can be tracked. */
    private boolean shared;

    ArrayTensor(ArrayBackend backend, Storage<A> storage, Kernels<A> kernels, A data, int[] shape) {
        this.backend = backend;
        this.storage = storage;
        this.kernels = kernels;
        this.data = data;
        this.size = storage.length(data);
        this.shape = shape;
    }

    /** The storage, shared: a {@code double[]} or a {@code float[]}, for kernels and tests on array backends. */
    public A data() {
        return data;
    }

    // ---------------------------------------------------------------- shape, dtype and elements

    @Override
    public ArrayBackend backend() {
        return backend;
    }

    @Override
    public DType dtype() {
        return storage.dtype();
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    @Override
    public int rank() {
        return shape.length;
    }

    @Override
    public int dim(int axis) {
        return shape[Shapes.axis(axis, shape)];
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public double get(int... index) {
        return storage.get(data, offset(index));
    }

    @Override
    public void set(double value, int... index) {
        int at = offset(index);
        overwritten();
        storage.set(data, at, value);
    }

    @Override
    public double get(int i) {
        return storage.get(data, offset(i));
    }

    @Override
    public double get(int row, int column) {
        return storage.get(data, offset(row, column));
    }

    @Override
    public void set(double value, int i) {
        int at = offset(i);
        overwritten();
        storage.set(data, at, value);
    }

    @Override
    public void set(double value, int row, int column) {
        int at = offset(row, column);
        overwritten();
        storage.set(data, at, value);
    }

    @Override
    public double item() {
        if (size != 1) {
            throw new IllegalStateException("item() needs a tensor of one element, not shape " + shapeString());
        }
        return storage.get(data, 0);
    }

    @Override
    public double[] toArray() {
        return storage.toDoubles(data);
    }

    @Override
    public float[] toFloatArray() {
        return storage.toFloats(data);
    }

    @Override
    public Tensor to(DType target) {
        if (target == dtype()) {
            return this;
        }
        ArrayTensor<?> converted = backend.zeros(target, shape);
        if (target == DType.FLOAT32) {
            converted.assign(toFloatArray());
        } else {
            converted.assign(toArray());
        }
        return converted;
    }

    @Override
    public ArrayTensor<A> copy() {
        return new ArrayTensor<>(backend, storage, kernels, storage.copyOf(data), shape);
    }

    @Override
    public ArrayTensor<A> assign(Tensor source) {
        ArrayTensor<A> s = operand(source, "assign");
        if (s.size != size) {
            throw new IllegalArgumentException(
                    "assign: source shape " + s.shapeString() + " does not fit target shape " + shapeString());
        }
        if (s.data != data) {
            overwritten();
            storage.copy(s.data, data);
        }
        return this;
    }

    @Override
    public ArrayTensor<A> assign(double[] values) {
        requireLength(values.length);
        overwritten();
        storage.assign(values, data, 0);
        return this;
    }

    @Override
    public ArrayTensor<A> assign(float[] values) {
        requireLength(values.length);
        overwritten();
        storage.assign(values, data, 0);
        return this;
    }

    @Override
    public ArrayTensor<A> assignRow(int row, double[] values) {
        int offset = rowOffset(row, values.length);
        overwritten();
        storage.assign(values, data, offset);
        return this;
    }

    @Override
    public ArrayTensor<A> assignRow(int row, float[] values) {
        int offset = rowOffset(row, values.length);
        overwritten();
        storage.assign(values, data, offset);
        return this;
    }

    @Override
    public ArrayTensor<A> assignSparseRow(int row, SparseRows pattern, int sourceRow, double[] values) {
        RowSupport s = startSparseRow(row, pattern, sourceRow, values.length);
        storage.assignSparse(pattern, sourceRow, values, data, row * shape[1], shape[1]);
        s.setRow(row, pattern, sourceRow, !shared);
        return this;
    }

    @Override
    public ArrayTensor<A> assignSparseRow(int row, SparseRows pattern, int sourceRow, float[] values) {
        RowSupport s = startSparseRow(row, pattern, sourceRow, values.length);
        storage.assignSparse(pattern, sourceRow, values, data, row * shape[1], shape[1]);
        s.setRow(row, pattern, sourceRow, !shared);
        return this;
    }

    /**
     * Checks a sparse write of {@code valueCount} values, then returns this tensor's record of its rows with row
     * {@code row} marked unknown until the write is done. The record is made at the first sparse write; a shared
     * tensor's is never complete.
     */
    private RowSupport startSparseRow(int row, SparseRows pattern, int sourceRow, int valueCount) {
        checkSparseRow(row, pattern, sourceRow, valueCount);
        RowSupport s = support;
        if (s == null) {
            s = new RowSupport(shape[0], shape[1]);
            support = s;
        }
        s.forgetRow(row);
        return s;
    }

    private void checkSparseRow(int row, SparseRows pattern, int sourceRow, int valueCount) {
        if (shape.length != 2) {
            throw new IllegalArgumentException(
                    "assignSparseRow: a matrix has rows, not a tensor of shape " + shapeString());
        }
        if (row < 0 || row >= shape[0]) {
            throw new IllegalArgumentException(
                    "assignSparseRow: row " + row + " is outside [0, " + shape[0] + ") of shape " + shapeString());
        }
        if (pattern.columns() != shape[1]) {
            throw new IllegalArgumentException("assignSparseRow: " + pattern + " has " + pattern.columns()
                    + " columns, this tensor " + shape[1] + " (shape " + shapeString()
                    + "); write rows of a pattern as wide as the tensor");
        }
        if (sourceRow < 0 || sourceRow >= pattern.rows()) {
            throw new IllegalArgumentException(
                    "assignSparseRow: row " + sourceRow + " is outside [0, " + pattern.rows() + ") of " + pattern);
        }
        if (valueCount < pattern.count(sourceRow)) {
            throw new IllegalArgumentException("assignSparseRow: " + valueCount + " values for the "
                    + pattern.count(sourceRow) + " non-zeros of row " + sourceRow + " of " + pattern
                    + "; give one value per listed column");
        }
    }

    /** Marks this tensor's storage as shared with its creator ({@link ArrayBackend#wrap}): writes go unseen. */
    ArrayTensor<A> shared() {
        shared = true;
        return this;
    }

    /** Where row {@code row} of this matrix starts, once the row and the values' length are checked. */
    private int rowOffset(int row, int length) {
        if (shape.length != 2) {
            throw new IllegalArgumentException("assignRow: a matrix has rows, not a tensor of shape " + shapeString());
        }
        if (row < 0 || row >= shape[0] || length != shape[1]) {
            throw new IllegalArgumentException("assignRow: " + length + " values for row " + row + " do not fit shape "
                    + shapeString() + "; give one value per column to a row in [0, " + shape[0] + ")");
        }
        return row * shape[1];
    }

    private void requireLength(int length) {
        if (length != size) {
            throw new IllegalArgumentException(
                    "assign: " + length + " values do not fit shape " + shapeString() + " of size " + size);
        }
    }

    @Override
    public ArrayTensor<A> fill(double value) {
        overwritten();
        storage.fill(data, value);
        return this;
    }

    @Override
    public ArrayTensor<A> reshape(int... newShape) {
        ArrayTensor<A> view = new ArrayTensor<>(backend, storage, kernels, data, Shapes.reshape(size, shape, newShape));
        // Either may now write the storage the other reads: neither can keep track of its rows.
        overwritten();
        shared = true;
        view.shared = true;
        return view;
    }

    @Override
    public Tensor transpose() {
        if (shape.length != 2) {
            throw new IllegalArgumentException("transpose() needs a matrix, not shape " + shapeString()
                    + "; give the axes for other ranks: transpose(axes)");
        }
        return transpose(1, 0);
    }

    @Override
    public Tensor transpose(int... axes) {
        int[] resultShape = Shapes.permute(shape, axes);
        ArrayTensor<A> o = backend.result(dtype(), resultShape);
        int rank = shape.length;
        int[] strides = Shapes.strides(shape);
        int[] permutedStrides = new int[rank];
        for (int i = 0; i < rank; i++) {
            permutedStrides[i] = strides[Shapes.axis(axes[i], shape)];
        }
        // Walk the result in row-major order, reading the source through the permuted strides.
        int[] from = Shapes.offsets(resultShape, permutedStrides);
        for (int i = 0; i < size; i++) {
            storage.set(o.data, i, storage.get(data, from[i]));
        }
        return o;
    }

    // ---------------------------------------------------------------- element-wise, two tensors

    @Override
    public Tensor add(Tensor other) {
        return binary(BinaryOp.ADD, other, null);
    }

    @Override
    public Tensor add(Tensor other, @Nullable Tensor out) {
        return binary(BinaryOp.ADD, other, out);
    }

    @Override
    public Tensor sub(Tensor other) {
        return binary(BinaryOp.SUB, other, null);
    }

    @Override
    public Tensor sub(Tensor other, @Nullable Tensor out) {
        return binary(BinaryOp.SUB, other, out);
    }

    @Override
    public Tensor mul(Tensor other) {
        return binary(BinaryOp.MUL, other, null);
    }

    @Override
    public Tensor mul(Tensor other, @Nullable Tensor out) {
        return binary(BinaryOp.MUL, other, out);
    }

    @Override
    public Tensor div(Tensor other) {
        return binary(BinaryOp.DIV, other, null);
    }

    @Override
    public Tensor div(Tensor other, @Nullable Tensor out) {
        return binary(BinaryOp.DIV, other, out);
    }

    @Override
    public Tensor maximum(Tensor other) {
        return binary(BinaryOp.MAX, other, null);
    }

    @Override
    public Tensor maximum(Tensor other, @Nullable Tensor out) {
        return binary(BinaryOp.MAX, other, out);
    }

    @Override
    public Tensor minimum(Tensor other) {
        return binary(BinaryOp.MIN, other, null);
    }

    @Override
    public Tensor minimum(Tensor other, @Nullable Tensor out) {
        return binary(BinaryOp.MIN, other, out);
    }

    @Override
    public Tensor greaterThan(Tensor other) {
        return binary(BinaryOp.GREATER, other, null);
    }

    @Override
    public Tensor where(Tensor ifTrue, Tensor ifFalse) {
        return where(ifTrue, ifFalse, null);
    }

    @Override
    public Tensor where(Tensor ifTrue, Tensor ifFalse, @Nullable Tensor out) {
        ArrayTensor<A> a = operand(ifTrue, "where");
        ArrayTensor<A> b = operand(ifFalse, "where");
        requireBroadcastsToMask(a);
        requireBroadcastsToMask(b);
        ArrayTensor<A> o = outputLike(out, "where");
        if (a.size == size && b.size == size) {
            kernels.where(data, a.data, b.data, o.data, size);
            return o;
        }
        int[] ia = Shapes.offsets(shape, Shapes.broadcastStrides(a.shape, shape));
        int[] ib = Shapes.offsets(shape, Shapes.broadcastStrides(b.shape, shape));
        double[] values = new double[size];
        for (int i = 0; i < size; i++) {
            values[i] = storage.get(data, i) != 0 ? storage.get(a.data, ia[i]) : storage.get(b.data, ib[i]);
        }
        storage.assign(values, o.data, 0);
        return o;
    }

    private void requireBroadcastsToMask(ArrayTensor<A> branch) {
        boolean fits;
        try {
            fits = Arrays.equals(Shapes.broadcast(branch.shape, shape), shape);
        } catch (IllegalArgumentException e) {
            fits = false;
        }
        if (!fits) {
            throw new IllegalArgumentException("where: a branch of shape " + branch.shapeString()
                    + " does not broadcast to the mask's shape " + shapeString());
        }
    }

    // ---------------------------------------------------------------- element-wise, tensor and scalar

    @Override
    public Tensor add(double value) {
        return scalar(BinaryOp.ADD, value, false, null);
    }

    @Override
    public Tensor add(double value, @Nullable Tensor out) {
        return scalar(BinaryOp.ADD, value, false, out);
    }

    @Override
    public Tensor sub(double value) {
        return scalar(BinaryOp.SUB, value, false, null);
    }

    @Override
    public Tensor rsub(double value) {
        return scalar(BinaryOp.SUB, value, true, null);
    }

    @Override
    public Tensor rsub(double value, @Nullable Tensor out) {
        return scalar(BinaryOp.SUB, value, true, out);
    }

    @Override
    public Tensor mul(double value) {
        return scalar(BinaryOp.MUL, value, false, null);
    }

    @Override
    public Tensor mul(double value, @Nullable Tensor out) {
        return scalar(BinaryOp.MUL, value, false, out);
    }

    @Override
    public Tensor div(double value) {
        return scalar(BinaryOp.DIV, value, false, null);
    }

    @Override
    public Tensor div(double value, @Nullable Tensor out) {
        return scalar(BinaryOp.DIV, value, false, out);
    }

    @Override
    public Tensor pow(double exponent) {
        return scalar(BinaryOp.POW, exponent, false, null);
    }

    @Override
    public Tensor maximum(double value) {
        return scalar(BinaryOp.MAX, value, false, null);
    }

    @Override
    public Tensor maximum(double value, @Nullable Tensor out) {
        return scalar(BinaryOp.MAX, value, false, out);
    }

    @Override
    public Tensor minimum(double value) {
        return scalar(BinaryOp.MIN, value, false, null);
    }

    @Override
    public Tensor clip(double low, double high) {
        if (!(low <= high)) {
            throw new IllegalArgumentException("clip: the lower bound " + low + " is above the upper bound " + high);
        }
        ArrayTensor<A> o = outputLike(null, "clip");
        kernels.binaryScalar(BinaryOp.MAX, data, low, false, o.data, size);
        kernels.binaryScalar(BinaryOp.MIN, o.data, high, false, o.data, size);
        return o;
    }

    @Override
    public Tensor greaterThan(double threshold) {
        return scalar(BinaryOp.GREATER, threshold, false, null);
    }

    @Override
    public Tensor greaterThan(double threshold, @Nullable Tensor out) {
        return scalar(BinaryOp.GREATER, threshold, false, out);
    }

    @Override
    public Tensor addScaled(double alpha, Tensor x) {
        ArrayTensor<A> xs = operand(x, "addScaled");
        if (!Arrays.equals(xs.shape, shape)) {
            throw new IllegalArgumentException(
                    "addScaled: shapes " + xs.shapeString() + " and " + shapeString() + " differ");
        }
        overwritten();
        kernels.axpy(alpha, xs.data, data, size);
        return this;
    }

    // ---------------------------------------------------------------- element-wise functions

    @Override
    public Tensor exp() {
        return unary(UnaryOp.EXP, null);
    }

    @Override
    public Tensor exp(@Nullable Tensor out) {
        return unary(UnaryOp.EXP, out);
    }

    @Override
    public Tensor log() {
        return unary(UnaryOp.LOG, null);
    }

    @Override
    public Tensor log(@Nullable Tensor out) {
        return unary(UnaryOp.LOG, out);
    }

    @Override
    public Tensor sigmoid() {
        return unary(UnaryOp.SIGMOID, null);
    }

    @Override
    public Tensor sigmoid(@Nullable Tensor out) {
        return unary(UnaryOp.SIGMOID, out);
    }

    @Override
    public Tensor tanh() {
        return unary(UnaryOp.TANH, null);
    }

    @Override
    public Tensor sqrt() {
        return unary(UnaryOp.SQRT, null);
    }

    @Override
    public Tensor square() {
        return unary(UnaryOp.SQUARE, null);
    }

    @Override
    public Tensor abs() {
        return unary(UnaryOp.ABS, null);
    }

    @Override
    public Tensor sign() {
        return unary(UnaryOp.SIGN, null);
    }

    @Override
    public Tensor neg() {
        return unary(UnaryOp.NEG, null);
    }

    @Override
    public Tensor randomUniformLike(RandomGenerator random) {
        ArrayTensor<A> o = backend.result(dtype(), shape);
        for (int i = 0; i < size; i++) {
            storage.set(o.data, i, random.nextDouble());
        }
        return o;
    }

    @Override
    public Tensor oneHot(int classes) {
        if (shape.length != 1 || classes < 1) {
            throw new IllegalArgumentException(
                    "oneHot needs class indices of shape [n] and at least one class, not shape " + shapeString()
                            + " and " + classes + " classes");
        }
        ArrayTensor<A> o = backend.result(dtype(), size, classes);
        storage.fill(o.data, 0.0);
        for (int r = 0; r < size; r++) {
            storage.set(o.data, r * classes + classIndex(r, classes), 1.0);
        }
        return o;
    }

    /** Element {@code r} of this vector of class indices, checked to be a whole number in {@code [0, classes)}. */
    private int classIndex(int r, int classes) {
        double label = storage.get(data, r);
        if (label != Math.rint(label) || label < 0 || label >= classes) {
            throw new IllegalArgumentException(
                    "target " + r + " is " + label + ", not a class index in [0, " + classes + ")");
        }
        return (int) label;
    }

    // ---------------------------------------------------------------- matrix products

    @Override
    public Tensor matmul(Tensor other) {
        return product(Product.AB, other, null);
    }

    @Override
    public Tensor matmul(Tensor other, @Nullable Tensor out) {
        return product(Product.AB, other, requireOut(out));
    }

    @Override
    public Tensor transposeMatmul(Tensor other) {
        return product(Product.ATB, other, null);
    }

    @Override
    public Tensor transposeMatmul(Tensor other, @Nullable Tensor out) {
        return product(Product.ATB, other, requireOut(out));
    }

    @Override
    public Tensor matmulTranspose(Tensor other) {
        return product(Product.ABT, other, null);
    }

    @Override
    public Tensor matmulTranspose(Tensor other, @Nullable Tensor out) {
        return product(Product.ABT, other, requireOut(out));
    }

    /** The three products a dense layer needs, with how each reads its operands' shapes. */
    private enum Product {
        AB("matmul", "columns", "rows"),
        ATB("transposeMatmul (aᵀ·b)", "rows", "rows"),
        ABT("matmulTranspose (a·bᵀ)", "columns", "columns");

        final String label;
        final String sharedA;
        final String sharedB;

        Product(String label, String sharedA, String sharedB) {
            this.label = label;
            this.sharedA = sharedA;
            this.sharedB = sharedB;
        }
    }

    private static Tensor requireOut(@Nullable Tensor out) {
        if (out == null) {
            throw new NullPointerException("out is null; use the form without out to get a new tensor");
        }
        return out;
    }

    private Tensor product(Product product, Tensor other, @Nullable Tensor out) {
        ArrayTensor<A> b = operand(other, product.label);
        requireMatrix(product.label, this);
        requireMatrix(product.label, b);
        int m = product == Product.ATB ? shape[1] : shape[0];
        int k = product == Product.ATB ? shape[0] : shape[1];
        int kb = product == Product.ABT ? b.shape[1] : b.shape[0];
        int n = product == Product.ABT ? b.shape[0] : b.shape[1];
        if (kb != k) {
            throw new IllegalArgumentException(product.label + ": shapes " + shapeString() + " and " + b.shapeString()
                    + " do not match: " + k + " " + product.sharedA + " against " + kb + " " + product.sharedB);
        }
        ArrayTensor<A> o;
        if (out == null) {
            o = backend.result(dtype(), m, n);
        } else {
            o = target(out, product.label);
            if (o.shape.length != 2 || o.shape[0] != m || o.shape[1] != n) {
                throw new IllegalArgumentException(product.label + ": the product of " + shapeString() + " and "
                        + b.shapeString() + " has shape [" + m + ", " + n + "], but out has shape " + o.shapeString());
            }
        }
        if (o.data == data || o.data == b.data) {
            throw new IllegalArgumentException(product.label + ": out must not share storage with an operand");
        }
        // What assignSparseRow recorded of this tensor's rows, when it covers all of them.
        RowSupport rows = support != null && support.complete() ? support : null;
        switch (product) {
            case AB -> kernels.matmul(data, rows, b.data, o.data, m, k, n);
            case ATB -> kernels.transposeMatmul(data, rows, b.data, o.data, m, k, n);
            default -> kernels.matmulTranspose(data, b.data, o.data, m, k, n);
        }
        return o;
    }

    // ---------------------------------------------------------------- reductions

    @Override
    public double sum() {
        return kernels.sum(data, size);
    }

    @Override
    public double mean() {
        if (size == 0) {
            throw new IllegalStateException("mean() of an empty tensor of shape " + shapeString());
        }
        return sum() / size;
    }

    @Override
    public double max() {
        if (size == 0) {
            throw new IllegalStateException("max() of an empty tensor of shape " + shapeString());
        }
        return kernels.max(data, size);
    }

    @Override
    public double min() {
        if (size == 0) {
            throw new IllegalStateException("min() of an empty tensor of shape " + shapeString());
        }
        return kernels.min(data, size);
    }

    @Override
    public Tensor sum(int axis) {
        return sum(axis, null);
    }

    @Override
    public Tensor sum(int axis, @Nullable Tensor out) {
        int a = Shapes.axis(axis, shape);
        ArrayTensor<A> o = reductionOut(a, out, "sum");
        kernels.sumAxis(data, o.data, Shapes.outer(shape, a), shape[a], Shapes.inner(shape, a));
        return o;
    }

    @Override
    public Tensor mean(int axis) {
        int a = Shapes.axis(axis, shape);
        if (shape[a] == 0) {
            throw new IllegalStateException("mean over an empty axis " + axis + " of shape " + shapeString());
        }
        Tensor sums = sum(a, null);
        return sums.div(shape[a], sums);
    }

    @Override
    public Tensor max(int axis) {
        int a = Shapes.axis(axis, shape);
        if (shape[a] == 0) {
            throw new IllegalStateException("max over an empty axis " + axis + " of shape " + shapeString());
        }
        ArrayTensor<A> o = reductionOut(a, null, "max");
        kernels.maxAxis(data, o.data, Shapes.outer(shape, a), shape[a], Shapes.inner(shape, a));
        return o;
    }

    private ArrayTensor<A> reductionOut(int axis, @Nullable Tensor out, String operation) {
        if (out == null) {
            // The common case, a matrix reduced to a vector, without a shape array.
            return shape.length == 2
                    ? backend.result(dtype(), shape[1 - axis])
                    : backend.result(dtype(), Shapes.without(shape, axis));
        }
        ArrayTensor<A> o = target(out, operation);
        if (o.shape.length != shape.length - 1 || !sameShapeWithout(o.shape, axis)) {
            throw new IllegalArgumentException(operation + " over axis " + axis + " of " + shapeString()
                    + " has shape " + Shapes.toString(Shapes.without(shape, axis)) + ", but out has shape "
                    + o.shapeString());
        }
        return o;
    }

    /** Whether {@code other} is this shape without {@code axis}, without allocating. */
    private boolean sameShapeWithout(int[] other, int axis) {
        for (int i = 0, j = 0; i < shape.length; i++) {
            if (i != axis && shape[i] != other[j++]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int[] argmax(int axis) {
        int a = Shapes.axis(axis, shape);
        int outer = Shapes.outer(shape, a);
        int length = shape[a];
        int inner = Shapes.inner(shape, a);
        if (length == 0) {
            throw new IllegalStateException("argmax over an empty axis " + axis + " of shape " + shapeString());
        }
        int[] result = new int[outer * inner];
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < inner; j++) {
                int best = 0;
                double bestValue = storage.get(data, o * length * inner + j);
                for (int l = 1; l < length; l++) {
                    double v = storage.get(data, (o * length + l) * inner + j);
                    if (v > bestValue) {
                        best = l;
                        bestValue = v;
                    }
                }
                result[o * inner + j] = best;
            }
        }
        return result;
    }

    // ---------------------------------------------------------------- fused kernels for the loss

    @Override
    public Tensor softmax() {
        return softmax(null);
    }

    @Override
    public Tensor softmax(@Nullable Tensor out) {
        if (shape.length == 0) {
            throw new IllegalArgumentException("softmax needs at least one axis, not a scalar");
        }
        ArrayTensor<A> o = outputLike(out, "softmax");
        int cols = shape[shape.length - 1];
        kernels.softmaxRows(data, o.data, cols == 0 ? 0 : size / cols, cols);
        return o;
    }

    @Override
    public double crossEntropy(Tensor targets) {
        ArrayTensor<A> t = operand(targets, "crossEntropy");
        requireMatrix("crossEntropy", this);
        int rows = shape[0];
        int cols = shape[1];
        if (Arrays.equals(t.shape, shape)) {
            return kernels.crossEntropy(data, t.data, rows, cols);
        }
        if (t.shape.length == 1 && t.shape[0] == rows) {
            for (int r = 0; r < rows; r++) {
                try {
                    t.classIndex(r, cols);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("crossEntropy: " + e.getMessage(), e);
                }
            }
            return kernels.crossEntropyIndices(data, t.data, rows, cols);
        }
        throw new IllegalArgumentException("crossEntropy: targets of shape " + t.shapeString()
                + " fit neither probabilities " + shapeString() + " (one-hot) nor [" + rows + "] (class indices)");
    }

    // ---------------------------------------------------------------- helpers

    private Tensor binary(BinaryOp op, Tensor other, @Nullable Tensor out) {
        ArrayTensor<A> b = operand(other, op.label());
        int[] resultShape = broadcastShape(op, b);
        ArrayTensor<A> o;
        if (out == null) {
            o = backend.result(dtype(), resultShape);
        } else {
            o = target(out, op.label());
            if (!Arrays.equals(o.shape, resultShape)) {
                throw new IllegalArgumentException(op.label() + ": the result of " + shapeString() + " and "
                        + b.shapeString() + " has shape " + Shapes.toString(resultShape) + ", but out has shape "
                        + o.shapeString());
            }
        }
        int n = o.size;
        if (size == n && b.size == n) {
            kernels.binary(op, data, b.data, o.data, n);
        } else if (b.size == 1) {
            kernels.binaryScalar(op, data, storage.get(b.data, 0), false, o.data, n);
        } else if (size == 1) {
            kernels.binaryScalar(op, b.data, storage.get(data, 0), true, o.data, n);
        } else if (size == n && Shapes.isTrailingBlock(b.shape, resultShape)) {
            kernels.binaryRow(op, data, b.data, false, o.data, n / b.size, b.size);
        } else if (b.size == n && Shapes.isTrailingBlock(shape, resultShape)) {
            kernels.binaryRow(op, b.data, data, true, o.data, n / size, size);
        } else {
            broadcastGeneral(op, b, o);
        }
        return o;
    }

    /**
     * The broadcast shape; the common cases (equal shapes, a bias or a column stretched over a matrix) return an
     * operand's own shape, so that a training step makes no shape arrays.
     */
    private int[] broadcastShape(BinaryOp op, ArrayTensor<A> b) {
        if (Arrays.equals(shape, b.shape)) {
            return shape;
        }
        if (b.shape.length <= shape.length && Shapes.isTrailingBlock(b.shape, shape)) {
            return shape;
        }
        if (shape.length <= b.shape.length && Shapes.isTrailingBlock(shape, b.shape)) {
            return b.shape;
        }
        try {
            return Shapes.broadcast(shape, b.shape);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(op.label() + ": " + e.getMessage(), e);
        }
    }

    /** Any NumPy broadcast, with a strided walk over the result's indices. Not a hot path. */
    private void broadcastGeneral(BinaryOp op, ArrayTensor<A> b, ArrayTensor<A> o) {
        int[] ia = Shapes.offsets(o.shape, Shapes.broadcastStrides(shape, o.shape));
        int[] ib = Shapes.offsets(o.shape, Shapes.broadcastStrides(b.shape, o.shape));
        double[] values = new double[o.size];
        for (int i = 0; i < o.size; i++) {
            values[i] = op.apply(storage.get(data, ia[i]), storage.get(b.data, ib[i]));
        }
        // Written at the end, so that an out that is an operand is read whole first.
        storage.assign(values, o.data, 0);
    }

    private Tensor scalar(BinaryOp op, double value, boolean scalarFirst, @Nullable Tensor out) {
        ArrayTensor<A> o = outputLike(out, op.label());
        kernels.binaryScalar(op, data, value, scalarFirst, o.data, size);
        return o;
    }

    private Tensor unary(UnaryOp op, @Nullable Tensor out) {
        ArrayTensor<A> o = outputLike(out, op.label());
        kernels.unary(op, data, o.data, size);
        return o;
    }

    /** {@code out} checked to have this tensor's shape, or the result tensor when {@code out} is null. */
    private ArrayTensor<A> outputLike(@Nullable Tensor out, String operation) {
        if (out == null) {
            return backend.result(dtype(), shape);
        }
        ArrayTensor<A> o = target(out, operation);
        if (!Arrays.equals(o.shape, shape)) {
            throw new IllegalArgumentException(
                    operation + ": out has shape " + o.shapeString() + ", but the input has shape " + shapeString());
        }
        return o;
    }

    /** {@code out} checked as {@link #operand}, about to be written. */
    private ArrayTensor<A> target(Tensor out, String operation) {
        ArrayTensor<A> o = operand(out, operation);
        o.overwritten();
        return o;
    }

    /**
     * Called before any write to this tensor's storage but {@link #assignSparseRow}'s: what that recorded of the
     * rows no longer holds. Results of operations get theirs from {@link ArrayBackend}'s {@code result}.
     */
    void overwritten() {
        RowSupport s = support;
        if (s != null) {
            s.forget();
        }
    }

    @SuppressWarnings("unchecked")
    private ArrayTensor<A> operand(Tensor other, String operation) {
        if (other == null) {
            throw new NullPointerException(operation + ": a tensor operand is missing (null)");
        }
        if (other.backend() != backend || !(other instanceof ArrayTensor)) {
            throw new IllegalArgumentException(operation + ": cannot mix tensors of backend '" + backend.name()
                    + "' and backend '" + other.backend().name() + "' in one operation; move one with "
                    + "backend.of(tensor.toArray(), tensor.shape())");
        }
        if (other.dtype() != dtype()) {
            throw new IllegalArgumentException(operation + ": cannot mix " + dtype() + " and " + other.dtype()
                    + " tensors in one operation; convert one with tensor.to(DType." + dtype().name() + ")");
        }
        return (ArrayTensor<A>) other;
    }

    private static void requireMatrix(String operation, ArrayTensor<?> t) {
        if (t.shape.length != 2) {
            throw new IllegalArgumentException(operation + " needs matrices, not shape " + t.shapeString());
        }
    }

    private int offset(int i) {
        if (shape.length != 1 || i < 0 || i >= shape[0]) {
            throw new IndexOutOfBoundsException("Index [" + i + "] is out of bounds for shape " + shapeString());
        }
        return i;
    }

    private int offset(int row, int column) {
        if (shape.length != 2 || row < 0 || row >= shape[0] || column < 0 || column >= shape[1]) {
            throw new IndexOutOfBoundsException(
                    "Index [" + row + ", " + column + "] is out of bounds for shape " + shapeString());
        }
        return row * shape[1] + column;
    }

    private int offset(int... index) {
        if (index.length != shape.length) {
            throw new IndexOutOfBoundsException("Index " + Arrays.toString(index) + " has " + index.length
                    + " axes; shape " + shapeString() + " has " + shape.length);
        }
        int offset = 0;
        for (int axis = 0; axis < shape.length; axis++) {
            if (index[axis] < 0 || index[axis] >= shape[axis]) {
                throw new IndexOutOfBoundsException(
                        "Index " + Arrays.toString(index) + " is out of bounds for shape " + shapeString());
            }
            offset = offset * shape[axis] + index[axis];
        }
        return offset;
    }

    private String shapeString() {
        return Shapes.toString(shape);
    }

    @Override
    public String toString() {
        int limit = 20;
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < Math.min(limit, size); i++) {
            values.append(i == 0 ? "" : ", ").append(storage.get(data, i));
        }
        if (size > limit) {
            values.append(", …");
        }
        return "Tensor" + shapeString() + "(" + backend.name() + ", " + dtype() + ")[" + values + "]";
    }
}
