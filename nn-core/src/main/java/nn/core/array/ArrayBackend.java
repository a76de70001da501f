package nn.core.array;

import java.util.Objects;
import nn.api.Backend;
import nn.api.Shapes;
import nn.api.Tensor;

/**
 * A backend whose tensors are {@code double[]} arrays and whose loops are a {@link Kernels}. The reference
 * backend is one with {@link ReferenceKernels}; the SIMD backend is one with vectorised kernels.
 */
public class ArrayBackend implements Backend {

    private final String name;
    private final String description;
    private final Kernels kernels;

    public ArrayBackend(String name, String description, Kernels kernels) {
        this.name = Objects.requireNonNull(name, "name");
        this.description = Objects.requireNonNull(description, "description");
        this.kernels = Objects.requireNonNull(kernels, "kernels");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return description;
    }

    /** The loops this backend runs. */
    public Kernels kernels() {
        return kernels;
    }

    @Override
    public ArrayTensor zeros(int... shape) {
        return new ArrayTensor(this, new double[Shapes.size(shape)], shape.clone());
    }

    @Override
    public ArrayTensor of(double[] values, int... shape) {
        Objects.requireNonNull(values, "values");
        if (values.length != Shapes.size(shape)) {
            throw new IllegalArgumentException(values.length + " values do not fill shape "
                    + Shapes.toString(shape) + " of size " + Shapes.size(shape));
        }
        return new ArrayTensor(this, values.clone(), shape.clone());
    }

    /** Wraps {@code values} without copying: the tensor and the caller share the array. */
    public ArrayTensor wrap(double[] values, int... shape) {
        if (values.length != Shapes.size(shape)) {
            throw new IllegalArgumentException(values.length + " values do not fill shape "
                    + Shapes.toString(shape));
        }
        return new ArrayTensor(this, values, shape.clone());
    }

    @Override
    public String toString() {
        return name;
    }
}
