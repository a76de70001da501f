package nn.core.array;

import java.util.Arrays;
import nn.api.Shapes;
import nn.api.Tensor;
import nn.core.array.Kernels.BinaryOp;
import nn.core.array.Kernels.UnaryOp;

/**
 * A tensor stored as a row-major {@code double[]}, whose loops are its backend's {@link Kernels}. This class
 * checks shapes and operands once, for every array backend; the kernels only compute.
 */
public final class ArrayTensor implements Tensor {

    private final ArrayBackend backend;
    private final Kernels kernels;
    private final double[] data;
    private final int[] shape;

    ArrayTensor(ArrayBackend backend, double[] data, int[] shape) {
        this.backend = backend;
        this.kernels = backend.kernels();
        this.data = data;
        this.shape = shape;
    }

    /** The storage, shared, for kernels and tests on array backends. */
    public double[] data() {
        return data;
    }

    // ---------------------------------------------------------------- shape and elements

    @Override
    public ArrayBackend backend() {
        return backend;
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
        return shape[normalizeAxis(axis)];
    }

    @Override
    public int size() {
        return data.length;
    }

    @Override
    public double get(int... index) {
        return data[offset(index)];
    }

    @Override
    public void set(double value, int... index) {
        data[offset(index)] = value;
    }

    @Override
    public double get(int i) {
        return data[offset(i)];
    }

    @Override
    public double get(int row, int column) {
        return data[offset(row, column)];
    }

    @Override
    public void set(double value, int i) {
        data[offset(i)] = value;
    }

    @Override
    public void set(double value, int row, int column) {
        data[offset(row, column)] = value;
    }

    @Override
    public double item() {
        if (data.length != 1) {
            throw new IllegalStateException("item() needs a tensor of one element, not shape " + shapeString());
        }
        return data[0];
    }

    @Override
    public double[] toArray() {
        return data.clone();
    }

    @Override
    public ArrayTensor copy() {
        return new ArrayTensor(backend, data.clone(), shape);
    }

    @Override
    public ArrayTensor assign(Tensor source) {
        ArrayTensor s = operand(source);
        if (s.data.length != data.length) {
            throw new IllegalArgumentException("assign: source shape " + s.shapeString()
                    + " does not fit target shape " + shapeString());
        }
        if (s.data != data) {
            System.arraycopy(s.data, 0, data, 0, data.length);
        }
        return this;
    }

    @Override
    public ArrayTensor assign(double[] values) {
        if (values.length != data.length) {
            throw new IllegalArgumentException("assign: " + values.length + " values do not fit shape " + shapeString()
                    + " of size " + data.length);
        }
        System.arraycopy(values, 0, data, 0, data.length);
        return this;
    }

    @Override
    public ArrayTensor fill(double value) {
        Arrays.fill(data, value);
        return this;
    }

    @Override
    public ArrayTensor reshape(int... newShape) {
        int[] resolved = newShape.clone();
        int inferred = -1;
        int known = 1;
        for (int i = 0; i < resolved.length; i++) {
            if (resolved[i] == -1) {
                if (inferred >= 0) {
                    throw new IllegalArgumentException("reshape: only one axis may be -1 in " + Arrays.toString(newShape));
                }
                inferred = i;
            } else if (resolved[i] < 0) {
                throw new IllegalArgumentException("reshape: negative length in " + Arrays.toString(newShape));
            } else {
                known *= resolved[i];
            }
        }
        if (inferred >= 0 && known > 0 && data.length % known == 0) {
            resolved[inferred] = data.length / known;
        }
        if (inferred >= 0 && resolved[inferred] == -1 || Shapes.size(resolved) != data.length) {
            throw new IllegalArgumentException("reshape: cannot reshape " + shapeString() + " (size " + data.length
                    + ") to " + Arrays.toString(newShape));
        }
        return new ArrayTensor(backend, data, resolved);
    }

    @Override
    public ArrayTensor transpose() {
        requireMatrix("transpose", this);
        int rows = shape[0];
        int cols = shape[1];
        double[] t = new double[data.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = data[r * cols + c];
            }
        }
        return new ArrayTensor(backend, t, new int[] {cols, rows});
    }

    // ---------------------------------------------------------------- element-wise arithmetic

    @Override
    public Tensor add(Tensor other) {
        return binary(BinaryOp.ADD, other, null);
    }

    @Override
    public Tensor add(Tensor other, Tensor out) {
        return binary(BinaryOp.ADD, other, out);
    }

    @Override
    public Tensor sub(Tensor other) {
        return binary(BinaryOp.SUB, other, null);
    }

    @Override
    public Tensor sub(Tensor other, Tensor out) {
        return binary(BinaryOp.SUB, other, out);
    }

    @Override
    public Tensor mul(Tensor other) {
        return binary(BinaryOp.MUL, other, null);
    }

    @Override
    public Tensor mul(Tensor other, Tensor out) {
        return binary(BinaryOp.MUL, other, out);
    }

    @Override
    public Tensor div(Tensor other) {
        return binary(BinaryOp.DIV, other, null);
    }

    @Override
    public Tensor div(Tensor other, Tensor out) {
        return binary(BinaryOp.DIV, other, out);
    }

    @Override
    public Tensor add(double value) {
        return add(value, null);
    }

    @Override
    public Tensor add(double value, Tensor out) {
        ArrayTensor o = outputLike(out, "add");
        kernels.binaryScalar(BinaryOp.ADD, data, value, false, o.data, data.length);
        return o;
    }

    @Override
    public Tensor mul(double value) {
        return mul(value, null);
    }

    @Override
    public Tensor mul(double value, Tensor out) {
        ArrayTensor o = outputLike(out, "mul");
        kernels.binaryScalar(BinaryOp.MUL, data, value, false, o.data, data.length);
        return o;
    }

    @Override
    public Tensor addScaled(double alpha, Tensor x) {
        ArrayTensor xs = operand(x);
        requireSameShape("addScaled", xs, this);
        kernels.axpy(alpha, xs.data, data, data.length);
        return this;
    }

    @Override
    public Tensor exp() {
        return unary(UnaryOp.EXP, null);
    }

    @Override
    public Tensor exp(Tensor out) {
        return unary(UnaryOp.EXP, out);
    }

    @Override
    public Tensor log() {
        return unary(UnaryOp.LOG, null);
    }

    @Override
    public Tensor log(Tensor out) {
        return unary(UnaryOp.LOG, out);
    }

    @Override
    public Tensor sigmoid() {
        return unary(UnaryOp.SIGMOID, null);
    }

    @Override
    public Tensor sigmoid(Tensor out) {
        return unary(UnaryOp.SIGMOID, out);
    }

    @Override
    public Tensor greaterThan(double threshold) {
        return greaterThan(threshold, null);
    }

    @Override
    public Tensor greaterThan(double threshold, Tensor out) {
        ArrayTensor o = outputLike(out, "greaterThan");
        kernels.greaterThan(data, threshold, o.data, data.length);
        return o;
    }

    @Override
    public Tensor maximum(double value) {
        return maximum(value, null);
    }

    @Override
    public Tensor maximum(double value, Tensor out) {
        ArrayTensor o = outputLike(out, "maximum");
        kernels.maximum(data, value, o.data, data.length);
        return o;
    }

    // ---------------------------------------------------------------- matrix products

    @Override
    public Tensor matmul(Tensor other) {
        ArrayTensor b = operand(other);
        requireMatrix("matmul", this);
        requireMatrix("matmul", b);
        return matmul(b, backend.zeros(shape[0], b.shape[1]));
    }

    @Override
    public Tensor matmul(Tensor other, Tensor out) {
        ArrayTensor b = operand(other);
        ArrayTensor o = operand(out);
        requireMatrix("matmul", this);
        requireMatrix("matmul", b);
        int m = shape[0];
        int k = shape[1];
        int n = b.shape[1];
        if (b.shape[0] != k) {
            throw new IllegalArgumentException("matmul: shapes " + shapeString() + " and " + b.shapeString()
                    + " do not match: " + k + " columns against " + b.shape[0] + " rows");
        }
        requireProductOutput("matmul", o, m, n, b);
        kernels.matmul(data, b.data, o.data, m, k, n);
        return o;
    }

    @Override
    public Tensor transposeMatmul(Tensor other, Tensor out) {
        ArrayTensor b = operand(other);
        ArrayTensor o = operand(out);
        requireMatrix("transposeMatmul", this);
        requireMatrix("transposeMatmul", b);
        int k = shape[0];
        int m = shape[1];
        int n = b.shape[1];
        if (b.shape[0] != k) {
            throw new IllegalArgumentException("transposeMatmul (aᵀ·b): shapes " + shapeString() + " and "
                    + b.shapeString() + " do not match: " + k + " rows against " + b.shape[0] + " rows");
        }
        requireProductOutput("transposeMatmul", o, m, n, b);
        kernels.transposeMatmul(data, b.data, o.data, m, k, n);
        return o;
    }

    @Override
    public Tensor matmulTranspose(Tensor other, Tensor out) {
        ArrayTensor b = operand(other);
        ArrayTensor o = operand(out);
        requireMatrix("matmulTranspose", this);
        requireMatrix("matmulTranspose", b);
        int m = shape[0];
        int k = shape[1];
        int n = b.shape[0];
        if (b.shape[1] != k) {
            throw new IllegalArgumentException("matmulTranspose (a·bᵀ): shapes " + shapeString() + " and "
                    + b.shapeString() + " do not match: " + k + " columns against " + b.shape[1] + " columns");
        }
        requireProductOutput("matmulTranspose", o, m, n, b);
        kernels.matmulTranspose(data, b.data, o.data, m, k, n);
        return o;
    }

    // ---------------------------------------------------------------- reductions

    @Override
    public double sum() {
        return kernels.sum(data, data.length);
    }

    @Override
    public double max() {
        if (data.length == 0) {
            throw new IllegalStateException("max() of an empty tensor of shape " + shapeString());
        }
        return kernels.max(data, data.length);
    }

    @Override
    public Tensor sum(int axis) {
        return sum(axis, backend.zeros(shapeWithout(normalizeAxis(axis))));
    }

    @Override
    public Tensor sum(int axis, Tensor out) {
        int a = normalizeAxis(axis);
        ArrayTensor o = operand(out);
        int[] expected = shapeWithout(a);
        if (!Arrays.equals(o.shape, expected)) {
            throw new IllegalArgumentException("sum over axis " + axis + " of " + shapeString() + " has shape "
                    + Shapes.toString(expected) + ", but out has shape " + o.shapeString());
        }
        kernels.sumAxis(data, o.data, outer(a), shape[a], inner(a));
        return o;
    }

    @Override
    public Tensor max(int axis) {
        int a = normalizeAxis(axis);
        if (shape[a] == 0) {
            throw new IllegalStateException("max over an empty axis " + axis + " of shape " + shapeString());
        }
        ArrayTensor o = backend.zeros(shapeWithout(a));
        kernels.maxAxis(data, o.data, outer(a), shape[a], inner(a));
        return o;
    }

    @Override
    public int[] argmax(int axis) {
        int a = normalizeAxis(axis);
        int outer = outer(a);
        int length = shape[a];
        int inner = inner(a);
        if (length == 0) {
            throw new IllegalStateException("argmax over an empty axis " + axis + " of shape " + shapeString());
        }
        int[] result = new int[outer * inner];
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < inner; j++) {
                int best = 0;
                double bestValue = data[o * length * inner + j];
                for (int l = 1; l < length; l++) {
                    double v = data[(o * length + l) * inner + j];
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
    public Tensor softmax(Tensor out) {
        ArrayTensor o = outputLike(out, "softmax");
        if (shape.length == 0) {
            throw new IllegalArgumentException("softmax needs at least one axis, not a scalar");
        }
        int cols = shape[shape.length - 1];
        kernels.softmaxRows(data, o.data, cols == 0 ? 0 : data.length / cols, cols);
        return o;
    }

    @Override
    public double crossEntropy(Tensor targets) {
        ArrayTensor t = operand(targets);
        requireMatrix("crossEntropy", this);
        int rows = shape[0];
        int cols = shape[1];
        if (Arrays.equals(t.shape, shape)) {
            return kernels.crossEntropy(data, t.data, rows, cols);
        }
        if (t.shape.length == 1 && t.shape[0] == rows) {
            for (int r = 0; r < rows; r++) {
                double label = t.data[r];
                if (label != Math.rint(label) || label < 0 || label >= cols) {
                    throw new IllegalArgumentException("crossEntropy: target " + r + " is " + label
                            + ", not a class index in [0, " + cols + ")");
                }
            }
            return kernels.crossEntropyIndices(data, t.data, rows, cols);
        }
        throw new IllegalArgumentException("crossEntropy: targets of shape " + t.shapeString()
                + " fit neither probabilities " + shapeString() + " (one-hot) nor [" + rows + "] (class indices)");
    }

    // ---------------------------------------------------------------- helpers

    private Tensor binary(BinaryOp op, Tensor other, Tensor out) {
        ArrayTensor b = operand(other);
        int[] resultShape = broadcastShape(op, b);
        ArrayTensor o = out == null ? backend.zeros(resultShape) : operand(out);
        if (!Arrays.equals(o.shape, resultShape)) {
            throw new IllegalArgumentException(name(op) + ": the result of " + shapeString() + " and "
                    + b.shapeString() + " has shape " + Shapes.toString(resultShape) + ", but out has shape "
                    + o.shapeString());
        }
        int n = o.data.length;
        if (data.length == n && b.data.length == n) {
            kernels.binary(op, data, b.data, o.data, n);
        } else if (b.data.length == 1) {
            kernels.binaryScalar(op, data, b.data[0], false, o.data, n);
        } else if (data.length == 1) {
            kernels.binaryScalar(op, b.data, data[0], true, o.data, n);
        } else if (data.length == n && isTrailingBlock(b.shape, resultShape)) {
            kernels.binaryRow(op, data, b.data, false, o.data, n / b.data.length, b.data.length);
        } else if (b.data.length == n && isTrailingBlock(shape, resultShape)) {
            kernels.binaryRow(op, b.data, data, true, o.data, n / data.length, data.length);
        } else {
            broadcastGeneral(op, b, o);
        }
        return o;
    }

    private int[] broadcastShape(BinaryOp op, ArrayTensor b) {
        if (Arrays.equals(shape, b.shape)) {
            return shape; // the common case, without allocating
        }
        try {
            return Shapes.broadcast(shape, b.shape);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name(op) + ": " + e.getMessage(), e);
        }
    }

    /** Whether {@code small}, leading 1s aside, is the trailing part of {@code full}: a cyclic broadcast. */
    private static boolean isTrailingBlock(int[] small, int[] full) {
        int start = 0;
        while (start < small.length && small[start] == 1) {
            start++;
        }
        int length = small.length - start;
        for (int i = 0; i < length; i++) {
            if (small[start + i] != full[full.length - length + i]) {
                return false;
            }
        }
        return true;
    }

    /** Any NumPy broadcast, with a strided walk over the result's indices. Not a hot path. */
    private void broadcastGeneral(BinaryOp op, ArrayTensor b, ArrayTensor o) {
        int rank = o.shape.length;
        int[] stridesA = broadcastStrides(shape, rank, o.shape);
        int[] stridesB = broadcastStrides(b.shape, rank, o.shape);
        int[] index = new int[rank];
        int ia = 0;
        int ib = 0;
        for (int i = 0; i < o.data.length; i++) {
            o.data[i] = op.apply(data[ia], b.data[ib]);
            for (int axis = rank - 1; axis >= 0; axis--) {
                index[axis]++;
                ia += stridesA[axis];
                ib += stridesB[axis];
                if (index[axis] < o.shape[axis]) {
                    break;
                }
                ia -= stridesA[axis] * index[axis];
                ib -= stridesB[axis] * index[axis];
                index[axis] = 0;
            }
        }
    }

    private static int[] broadcastStrides(int[] shape, int rank, int[] full) {
        int[] strides = new int[rank];
        int stride = 1;
        for (int axis = rank - 1; axis >= 0; axis--) {
            int own = axis - (rank - shape.length);
            if (own >= 0 && shape[own] == full[axis]) {
                strides[axis] = stride;
                stride *= shape[own];
            }
        }
        return strides;
    }

    private Tensor unary(UnaryOp op, Tensor out) {
        ArrayTensor o = outputLike(out, op.name().toLowerCase(java.util.Locale.ROOT));
        kernels.unary(op, data, o.data, data.length);
        return o;
    }

    /** {@code out} checked to have this tensor's shape, or a new tensor of it when {@code out} is null. */
    private ArrayTensor outputLike(Tensor out, String operation) {
        if (out == null) {
            return backend.zeros(shape);
        }
        ArrayTensor o = operand(out);
        if (!Arrays.equals(o.shape, shape)) {
            throw new IllegalArgumentException(operation + ": out has shape " + o.shapeString()
                    + ", but the input has shape " + shapeString());
        }
        return o;
    }

    private ArrayTensor operand(Tensor other) {
        if (other == null) {
            throw new NullPointerException("tensor operand is null");
        }
        if (other.backend() != backend || !(other instanceof ArrayTensor)) {
            throw new IllegalArgumentException("Cannot mix tensors of backend '" + backend.name()
                    + "' and backend '" + other.backend().name() + "' in one operation; move one with "
                    + "backend.of(tensor.toArray(), tensor.shape())");
        }
        return (ArrayTensor) other;
    }

    private void requireProductOutput(String operation, ArrayTensor o, int m, int n, ArrayTensor b) {
        if (o.shape.length != 2 || o.shape[0] != m || o.shape[1] != n) {
            throw new IllegalArgumentException(operation + ": the product of " + shapeString() + " and "
                    + b.shapeString() + " has shape [" + m + ", " + n + "], but out has shape " + o.shapeString());
        }
        if (o.data == data || o.data == b.data) {
            throw new IllegalArgumentException(operation + ": out must not share storage with an operand");
        }
    }

    private static void requireMatrix(String operation, ArrayTensor t) {
        if (t.shape.length != 2) {
            throw new IllegalArgumentException(operation + " needs matrices, not shape " + t.shapeString());
        }
    }

    private static void requireSameShape(String operation, ArrayTensor a, ArrayTensor b) {
        if (!Arrays.equals(a.shape, b.shape)) {
            throw new IllegalArgumentException(operation + ": shapes " + a.shapeString() + " and "
                    + b.shapeString() + " differ");
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
            throw new IndexOutOfBoundsException("Index [" + row + ", " + column + "] is out of bounds for shape "
                    + shapeString());
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
                throw new IndexOutOfBoundsException("Index " + Arrays.toString(index) + " is out of bounds for shape "
                        + shapeString());
            }
            offset = offset * shape[axis] + index[axis];
        }
        return offset;
    }

    private int normalizeAxis(int axis) {
        int a = axis < 0 ? axis + shape.length : axis;
        if (a < 0 || a >= shape.length) {
            throw new IllegalArgumentException("Axis " + axis + " is out of range for shape " + shapeString());
        }
        return a;
    }

    private int[] shapeWithout(int axis) {
        int[] result = new int[shape.length - 1];
        for (int i = 0, j = 0; i < shape.length; i++) {
            if (i != axis) {
                result[j++] = shape[i];
            }
        }
        return result;
    }

    private int outer(int axis) {
        int outer = 1;
        for (int i = 0; i < axis; i++) {
            outer *= shape[i];
        }
        return outer;
    }

    private int inner(int axis) {
        int inner = 1;
        for (int i = axis + 1; i < shape.length; i++) {
            inner *= shape[i];
        }
        return inner;
    }

    private static String name(BinaryOp op) {
        return op.name().toLowerCase(java.util.Locale.ROOT);
    }

    private String shapeString() {
        return Shapes.toString(shape);
    }

    @Override
    public String toString() {
        int limit = 20;
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < Math.min(limit, data.length); i++) {
            values.append(i == 0 ? "" : ", ").append(data[i]);
        }
        if (data.length > limit) {
            values.append(", …");
        }
        return "Tensor" + shapeString() + "(" + backend.name() + ")[" + values + "]";
    }
}
