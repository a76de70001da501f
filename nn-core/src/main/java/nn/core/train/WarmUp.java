package nn.core.train;

import java.util.Objects;
import nn.api.Tensor;
import nn.api.Workspace;
import nn.core.network.Network;
import nn.core.optim.Optimizer;
import org.jspecify.annotations.Nullable;

/**
 * Training steps of a throwaway network on a thread of its own, so that the JIT compiles the kernels of a coming run
 * while the caller does other work, such as loading the data. A fresh JVM runs a Vector API network's first few hundred
 * steps in the interpreter and in C1's code, tens of times slower than compiled; on a core the caller does not use,
 * that time overlaps the caller's. The throwaway network, optimizer and batch must share no tensor with the real run:
 * they are thrown away, and the run's results do not depend on whether a warm-up ran.
 *
 * <p>Start it, do the other work, then {@link #close()} it before the run's first step, so that the two never compete
 * for the cores.
 */
public final class WarmUp implements AutoCloseable {

    private final @Nullable Thread thread;
    private final int maxSteps;
    private volatile boolean stopped;
    private volatile int steps;
    private volatile long nanos;
    private volatile @Nullable Throwable failure;

    private WarmUp(Network network, Optimizer optimizer, Tensor x, Tensor targets, int maxSteps) {
        this.maxSteps = maxSteps;
        Thread worker = new Thread(() -> run(network, optimizer, x, targets), "nn-warm-up");
        worker.setDaemon(true); // a warm-up never keeps the JVM alive
        this.thread = worker;
    }

    private WarmUp() {
        this.maxSteps = 0;
        this.thread = null;
    }

    /** No warm-up: for a run that has no core to spare, or was told not to. */
    public static WarmUp none() {
        return new WarmUp();
    }

    /**
     * Starts up to {@code maxSteps} steps of {@code network} on the batch {@code x}, {@code targets} (a few rows are
     * enough: the kernels are compiled by how often they run, not by how much they do), each updated by {@code
     * optimizer}, on a new daemon thread.
     */
    public static WarmUp start(Network network, Optimizer optimizer, Tensor x, Tensor targets, int maxSteps) {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(targets, "targets");
        if (maxSteps < 0) {
            throw new IllegalArgumentException("A warm-up's steps must be at least 0, not " + maxSteps);
        }
        WarmUp warmUp = new WarmUp(network, optimizer, x, targets, maxSteps);
        Objects.requireNonNull(warmUp.thread).start();
        return warmUp;
    }

    @SuppressWarnings("try") // the scope frames each step; its body need not name it
    private void run(Network network, Optimizer optimizer, Tensor x, Tensor targets) {
        long start = System.nanoTime();
        Workspace workspace = new Workspace();
        try {
            for (int i = 0; i < maxSteps && !stopped; i++) {
                try (Workspace.Scope step = workspace.open()) {
                    network.gradient(x, targets);
                    optimizer.update(network.parameters().values());
                }
                steps = i + 1;
            }
        } catch (RuntimeException | Error e) {
            failure = e;
        } finally {
            nanos = System.nanoTime() - start;
        }
    }

    /**
     * Stops the warm-up after the step under way and waits for its thread. A failure in a step (which the real run
     * would meet too) is thrown here, as it was thrown there.
     */
    @Override
    public void close() {
        stopped = true;
        if (thread == null) {
            return;
        }
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the caller's interrupt stands; the daemon thread ends on its own
            return;
        }
        Throwable failed = failure;
        if (failed instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failed instanceof Error error) {
            throw error;
        }
    }

    /** The steps finished so far. */
    public int steps() {
        return steps;
    }

    /** The seconds the warm-up's thread ran, once it has ended (0 before). */
    public double seconds() {
        return nanos / 1e9;
    }
}
