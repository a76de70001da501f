package nn.array;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Future;
import nn.api.Backend;
import nn.api.DType;
import nn.api.Shapes;
import nn.api.Tensor;
import nn.api.Workspace;

/**
 * A backend whose tensors are Java arrays ({@code double[]} for float64, {@code float[]} for float32) and whose
 * loops are one {@link Kernels} per dtype. The reference backend is one with plain loops; the SIMD backend is
 * one with Vector API loops. Shapes, dtypes and operands are checked by {@link ArrayTensor}, once for all.
 */
public final class ArrayBackend implements Backend {

    private final String name;
    private final String description;
    private final Kernels<double[]> float64;
    private final Kernels<float[]> float32;
    private final Workspace.Allocator allocator = this::allocate;
    private final TaskRunner tasks;

    public ArrayBackend(String name, String description, Kernels<double[]> float64, Kernels<float[]> float32) {
        this(name, description, float64, float32, TaskRunner.SEQUENTIAL);
    }

    /** A backend whose kernels and {@link #forEachTask} run on the threads of {@code tasks}. */
    public ArrayBackend(
            String name, String description, Kernels<double[]> float64, Kernels<float[]> float32, TaskRunner tasks) {
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.name = Objects.requireNonNull(name, "name");
        this.description = Objects.requireNonNull(description, "description");
        this.float64 = Objects.requireNonNull(float64, "float64");
        this.float32 = Objects.requireNonNull(float32, "float32");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public int threads() {
        return tasks.threads();
    }

    @Override
    public void forEachTask(int count, Task body) {
        if (count < 0) {
            throw new IllegalArgumentException("forEachTask needs a task count ≥ 0, not " + count);
        }
        Objects.requireNonNull(body, "body");
        tasks.forEachTask(count, body);
    }

    @Override
    public Optional<Future<?>> startInBackground(Runnable work) {
        Objects.requireNonNull(work, "work");
        return tasks.startInBackground(work);
    }

    /** The loops this backend runs for a dtype. */
    @SuppressWarnings("unchecked")
    <A> Kernels<A> kernels(DType dtype) {
        return (Kernels<A>) (dtype == DType.FLOAT64 ? float64 : float32);
    }

    @Override
    public ArrayTensor<?> zeros(DType dtype, int... shape) {
        Objects.requireNonNull(dtype, "dtype");
        return allocate(dtype, shape.clone());
    }

    @Override
    public ArrayTensor<?> of(DType dtype, double[] values, int... shape) {
        Objects.requireNonNull(values, "values");
        requireFits(values.length, shape);
        ArrayTensor<?> t = allocate(dtype, shape.clone());
        t.assign(values);
        return t;
    }

    @Override
    public ArrayTensor<?> of(float[] values, int... shape) {
        Objects.requireNonNull(values, "values");
        requireFits(values.length, shape);
        ArrayTensor<?> t = allocate(DType.FLOAT32, shape.clone());
        t.assign(values);
        return t;
    }

    /** Wraps {@code values} without copying: the float64 tensor and the caller share the array. */
    public ArrayTensor<double[]> wrap(double[] values, int... shape) {
        requireFits(values.length, shape);
        return new ArrayTensor<>(this, Storage.FLOAT64, kernels(DType.FLOAT64), values, shape.clone()).shared();
    }

    /** Wraps {@code values} without copying: the float32 tensor and the caller share the array. */
    public ArrayTensor<float[]> wrap(float[] values, int... shape) {
        requireFits(values.length, shape);
        return new ArrayTensor<>(this, Storage.FLOAT32, kernels(DType.FLOAT32), values, shape.clone()).shared();
    }

    /** A new tensor of zeros; {@code shape} becomes the tensor's own. */
    private ArrayTensor<?> allocate(DType dtype, int[] shape) {
        return create(Storage.of(dtype), shape);
    }

    private <A> ArrayTensor<A> create(Storage<A> storage, int[] shape) {
        return new ArrayTensor<>(this, storage, kernels(storage.dtype()), storage.allocate(Shapes.size(shape)), shape);
    }

    /** The tensor for an operation's result: recycled inside an open workspace, else new. */
    <A> ArrayTensor<A> result(DType dtype, int[] shape) {
        return toBeWritten(Workspace.result(this, dtype, shape, allocator));
    }

    /** The result tensor of a matrix operation, without a shape array when a workspace recycles it. */
    <A> ArrayTensor<A> result(DType dtype, int rows, int columns) {
        return toBeWritten(Workspace.result(this, dtype, rows, columns, allocator));
    }

    /** The result tensor of a vector operation, without a shape array when a workspace recycles it. */
    <A> ArrayTensor<A> result(DType dtype, int length) {
        return toBeWritten(Workspace.result(this, dtype, length, allocator));
    }

    /** A result tensor, perhaps recycled, that the operation is about to write: what it recorded of its rows goes. */
    @SuppressWarnings("unchecked")
    private static <A> ArrayTensor<A> toBeWritten(Tensor result) {
        ArrayTensor<A> t = (ArrayTensor<A>) result;
        t.overwritten();
        return t;
    }

    private static void requireFits(int length, int[] shape) {
        if (length != Shapes.size(shape)) {
            throw new IllegalArgumentException(
                    length + " values do not fill shape " + Shapes.toString(shape) + " of size " + Shapes.size(shape));
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
