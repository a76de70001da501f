package nn.api;

import java.util.Optional;
import java.util.concurrent.Future;
import java.util.random.RandomGenerator;

/**
 * Creates tensors and runs their operations. Each backend is one implementation of {@link Tensor} and
 * supports every {@link DType}; obtain the chosen one from {@link Backends#get()}.
 *
 * <p>Tensors made here are always new and owned by the caller, even inside an open {@link Workspace}: only
 * the results of operations are recycled.
 */
public interface Backend {

    /** The short name users choose it by, such as {@code reference} or {@code simd}. */
    String name();

    /** What this backend runs on, for logs: for example the vector width. */
    default String description() {
        return name();
    }

    /** How many threads its operations use: 1 unless the backend runs them in parallel. */
    default int threads() {
        return 1;
    }

    /**
     * Runs {@code body} for every task in {@code [0, tasks)} on this backend's {@link #threads()} and returns when
     * all are done: for work made of independent parts, such as an evaluation's chunks, where each thread running
     * whole parts beats every operation split across the threads. Each task runs once; {@code thread} (in
     * {@code [0, threads())}) names the thread it runs on, for buffers kept per thread, and no two tasks run at once
     * with the same {@code thread}. Operations called by a task run on its thread alone; a task must not call
     * {@code forEachTask} itself. A task that throws fails the call, after the others have finished. By default the
     * tasks run in order on the calling thread.
     */
    default void forEachTask(int tasks, Task body) {
        for (int t = 0; t < tasks; t++) {
            body.run(0, t);
        }
    }

    /**
     * Starts {@code work} on one of this backend's threads other than the caller's and returns at once: for work
     * that can go on beside the caller's, such as evaluating a copy of a network while training goes on. Empty when
     * the backend has no thread to spare (it has one, or one runs such work already): the caller then runs the
     * work itself. While the work runs, every operation stays on the thread that called it, so the two never wait
     * for each other, and {@link #forEachTask} waits for the work to end before it starts. The future ends when the
     * work does, with its exception if it threw. By default the backend has no thread to spare.
     */
    default Optional<Future<?>> startInBackground(Runnable work) {
        return Optional.empty();
    }

    /** One of the independent tasks of {@link #forEachTask}. */
    @FunctionalInterface
    interface Task {
        /** Runs task {@code task} on the thread numbered {@code thread}. */
        void run(int thread, int task);
    }

    /** A tensor of zeros of the given dtype. */
    Tensor zeros(DType dtype, int... shape);

    /** A float64 tensor of zeros. */
    default Tensor zeros(int... shape) {
        return zeros(DType.FLOAT64, shape);
    }

    /** A tensor of {@code dtype} holding {@code values} (row-major, rounded to the dtype). */
    Tensor of(DType dtype, double[] values, int... shape);

    /** A float64 tensor holding a copy of {@code values} (row-major), which must match the shape's size. */
    default Tensor of(double[] values, int... shape) {
        return of(DType.FLOAT64, values, shape);
    }

    /** A float32 tensor holding a copy of {@code values} (row-major). */
    Tensor of(float[] values, int... shape);

    /** A float64 tensor of one value everywhere. */
    default Tensor full(double value, int... shape) {
        return full(DType.FLOAT64, value, shape);
    }

    /** A tensor of one value everywhere. */
    default Tensor full(DType dtype, double value, int... shape) {
        return zeros(dtype, shape).fill(value);
    }

    /** A float64 scalar (shape {@code []}). */
    default Tensor scalar(double value) {
        return of(new double[] {value});
    }

    /** A float64 tensor of {@code std · N(0, 1)} samples; see {@link #randomNormal(RandomGenerator, double, DType, int...)}. */
    default Tensor randomNormal(RandomGenerator random, double std, int... shape) {
        return randomNormal(random, std, DType.FLOAT64, shape);
    }

    /**
     * A tensor of {@code std · N(0, 1)} samples drawn from {@code random} in row-major order, computed in double
     * and rounded to {@code dtype}: the same generator state gives the same tensor on every backend, and the
     * float32 tensor is the float64 one rounded.
     */
    default Tensor randomNormal(RandomGenerator random, double std, DType dtype, int... shape) {
        double[] values = new double[Shapes.size(shape)];
        for (int i = 0; i < values.length; i++) {
            values[i] = std * random.nextGaussian();
        }
        return of(dtype, values, shape);
    }
}
