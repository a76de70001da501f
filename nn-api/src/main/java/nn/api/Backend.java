package nn.api;

import java.util.random.RandomGenerator;

/**
 * Creates tensors and runs their operations. Each backend is one implementation of {@link Tensor}; obtain
 * the chosen one from {@link Backends#get()}.
 */
public interface Backend {

    /** The short name users choose it by, such as {@code reference} or {@code simd}. */
    String name();

    /** What this backend runs on, for logs: for example the vector width. */
    default String description() {
        return name();
    }

    /** A tensor of zeros. */
    Tensor zeros(int... shape);

    /** A tensor holding a copy of {@code values} (row-major), which must match the shape's size. */
    Tensor of(double[] values, int... shape);

    /** A tensor of one value everywhere. */
    default Tensor full(double value, int... shape) {
        return zeros(shape).fill(value);
    }

    /** A scalar (shape {@code []}). */
    default Tensor scalar(double value) {
        return of(new double[] {value});
    }

    /**
     * A tensor of {@code std · N(0, 1)} samples drawn from {@code random} in row-major order, so that the same
     * generator state gives the same tensor on every backend.
     */
    default Tensor randomNormal(RandomGenerator random, double std, int... shape) {
        double[] values = new double[Shapes.size(shape)];
        for (int i = 0; i < values.length; i++) {
            values[i] = std * random.nextGaussian();
        }
        return of(values, shape);
    }
}
