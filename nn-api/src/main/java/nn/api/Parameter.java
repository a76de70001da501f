package nn.api;

import java.util.Arrays;
import java.util.Objects;

/**
 * A trainable tensor and its gradient, which the owning layer's backward pass fills. Optimizers update
 * {@link #value()} in place from {@link #grad()}.
 */
public final class Parameter {

    private final String name;
    private final Tensor value;
    private final Tensor grad;

    /** A parameter whose gradient starts as zeros of the value's shape. */
    public Parameter(String name, Tensor value) {
        this.name = Objects.requireNonNull(name, "name");
        this.value = Objects.requireNonNull(value, "value");
        this.grad = value.backend().zeros(value.dtype(), value.shape());
    }

    public String name() {
        return name;
    }

    public Tensor value() {
        return value;
    }

    public Tensor grad() {
        return grad;
    }

    @Override
    public String toString() {
        return name + Arrays.toString(value.shape());
    }
}
