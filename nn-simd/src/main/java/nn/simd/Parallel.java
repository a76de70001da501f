package nn.simd;

import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;
import nn.api.Backend;
import nn.array.TaskRunner;
import org.jspecify.annotations.Nullable;

/**
 * Runs a few independent chunks of work on a fixed set of daemon threads, the caller taking the first chunk.
 * Chunks write disjoint outputs, so results do not depend on the number of threads.
 *
 * <p>A training step calls in every few hundred microseconds with chunks of about a hundred microseconds,
 * where waking a parked thread would cost a good share of the gain. So a worker spins for a short while
 * after its chunk, taking the next one at once, and parks only when no work has come for
 * {@link #SPIN_NANOS}. The last worker may also run one piece of background work ({@link #startInBackground}).
 */
final class Parallel implements TaskRunner {

    /**
     * How long an idle worker spins before it parks: longer than the single-threaded stretch of a training step
     * between two parallel products (with 0.2 ms the worker parked there, and the book's step on 2 threads ran at
     * 55-65 effective GFLOP/s instead of 72-78, JMH, 2 interleaved rounds). Idle after training, it costs 2 ms of
     * one core.
     */
    static final long SPIN_NANOS = 2_000_000;

    private final int threads;
    private final Worker[] workers;
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile @Nullable Thread caller;

    Parallel(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("nn.threads must be at least 1, not " + threads);
        }
        this.threads = threads;
        this.workers = new Worker[threads - 1];
        for (int i = 0; i < workers.length; i++) {
            workers[i] = new Worker("nn-simd-worker-" + (i + 1), this);
            workers[i].start();
        }
    }

    static int threadsFromProperty() {
        return nn.api.Threads.configured();
    }

    @Override
    public int threads() {
        return threads;
    }

    /**
     * Dense products with fewer multiply-adds than this run on the calling thread. At 2^17, deeper nets' 100×100
     * products at batch 100 (1 million) split, and their training ran slower on two threads than on one (each
     * product's input and weights written on one core and read on the other; the README's series); 2^20 and 2^24
     * trained alike (no product of those nets lies between), and 2^22 leaves a margin above them.
     */
    static final long PARALLEL_THRESHOLD = 1L << 22;

    /**
     * Whether an {@code [m, k] · [k, n]} product is worth splitting across the threads: there is more than one, it
     * has at least {@code minimumWork} multiply-adds ({@link #PARALLEL_THRESHOLD} for a dense product), and at least
     * two row tiles for each of two threads.
     */
    boolean splits(int m, int k, int n, long minimumWork) {
        return threads > 1 && m >= 8 && (long) m * k * n >= minimumWork && !runningTasks && background.isDone();
    }

    /**
     * Runs {@code body} for every chunk in {@code [0, chunks)}, at most {@link #threads()} chunks, and returns
     * when all are done. Not reentrant: one caller at a time.
     */
    synchronized void run(int chunks, IntConsumer body) {
        if (chunks > threads) {
            throw new IllegalArgumentException(chunks + " chunks for " + threads + " threads");
        }
        if (chunks <= 1 || !background.isDone()) {
            // One chunk, or a worker busy with background work: the caller runs every chunk, in order.
            for (int c = 0; c < chunks; c++) {
                body.accept(c);
            }
            return;
        }
        // Reused from call to call (run is synchronized): a training step makes many calls and allocates nothing.
        pending.set(chunks - 1);
        failure.set(null);
        caller = Thread.currentThread();
        for (int c = 1; c < chunks; c++) {
            workers[c - 1].submit(body, c);
        }
        try {
            body.accept(0);
        } catch (Throwable t) {
            // Reported below, once every worker is done: no chunk may outlive this call.
            failure.compareAndSet(null, t);
        }
        long spinUntil = System.nanoTime() + SPIN_NANOS;
        while (pending.get() > 0) {
            if (System.nanoTime() < spinUntil) {
                Thread.onSpinWait();
            } else {
                LockSupport.parkNanos(this, 100_000);
            }
        }
        Throwable t = failure.get();
        if (t instanceof RuntimeException runtimeException) {
            throw runtimeException;
        }
        if (t instanceof Error error) {
            throw error;
        }
    }

    /**
     * Runs {@code task} for every index in {@code [0, tasks)}, handing the indices out one at a time to whichever
     * thread is free, so a thread that starts late or runs slower (its data in the other core's cache) takes fewer.
     * Each index runs once, on some thread: results do not depend on which. Inside {@link #forEachTask}'s tasks,
     * where every thread is busy already, the indices run in order on the calling thread.
     */
    void forEach(int tasks, IntConsumer task) {
        if (runningTasks) {
            for (int t = 0; t < tasks; t++) {
                task.accept(t);
            }
            return;
        }
        synchronized (this) {
            nextTask.set(0);
            run(Math.min(threads, tasks), participant -> {
                for (int t = nextTask.getAndIncrement(); t < tasks; t = nextTask.getAndIncrement()) {
                    task.accept(t);
                }
            });
        }
    }

    /**
     * {@link Backend#forEachTask}: the tasks handed out as {@link #forEach} does, each thread passing its own number
     * (the caller 0, the workers from 1). While they run, the products they call stay on their own thread.
     */
    @Override
    public void forEachTask(int tasks, Backend.Task body) {
        if (runningTasks && participates(Thread.currentThread())) {
            throw new IllegalStateException("forEachTask was called from inside one of its own tasks; a task must "
                    + "run its work itself (its operations already stay on its thread)");
        }
        if (Thread.currentThread() == backgroundWorker() && !background.isDone()) {
            throw new IllegalStateException("forEachTask was called from background work, which has one thread; "
                    + "the work must run its parts itself (its operations already stay on its thread)");
        }
        awaitBackground();
        synchronized (this) {
            nextTask.set(0);
            tasksCaller = Thread.currentThread();
            runningTasks = true;
            try {
                run(Math.min(threads, tasks), participant -> {
                    for (int t = nextTask.getAndIncrement(); t < tasks; t = nextTask.getAndIncrement()) {
                        body.run(participant, t);
                    }
                });
            } finally {
                runningTasks = false;
                tasksCaller = null;
            }
        }
    }

    /** The chunk number that marks a worker's task as background work, which ends by itself, not in chunkDone. */
    private static final int BACKGROUND = -1;

    /** The background work running or last run ({@link #startInBackground}); done when none runs. */
    private volatile CompletableFuture<Void> background = CompletableFuture.completedFuture(null);

    /** The worker that runs background work: the last, so that a split's first chunks keep their workers. */
    private @Nullable Worker backgroundWorker() {
        return workers.length == 0 ? null : workers[workers.length - 1];
    }

    /**
     * {@link Backend#startInBackground}: the work runs on the last worker. Until it ends, no product splits and
     * {@link #run} runs its chunks on the caller, so neither thread ever waits for the other.
     */
    @Override
    public Optional<Future<?>> startInBackground(Runnable work) {
        Worker worker = backgroundWorker();
        if (worker == null || runningTasks) {
            return Optional.empty(); // no worker, or inside forEachTask, where every thread is busy already
        }
        synchronized (this) {
            if (!background.isDone()) {
                return Optional.empty();
            }
            CompletableFuture<Void> done = new CompletableFuture<>();
            background = done; // before the hand-over: from here on nothing splits
            worker.submit(
                    ignored -> {
                        try {
                            work.run();
                            done.complete(null);
                        } catch (Throwable t) {
                            done.completeExceptionally(t);
                        }
                    },
                    BACKGROUND);
            return Optional.of(done);
        }
    }

    /** Waits for the background work to end; its outcome belongs to whoever started it. */
    private void awaitBackground() {
        CompletableFuture<Void> work = background;
        if (work.isDone()) {
            return;
        }
        try {
            work.join();
        } catch (CompletionException | CancellationException e) {
            // reported to the work's owner through its future
        }
    }

    /** Whether {@link #forEachTask}'s tasks are running: then every thread of the pool is busy with one. */
    private volatile boolean runningTasks;

    /** The thread that called {@link #forEachTask}, which runs tasks as thread 0. */
    private volatile @Nullable Thread tasksCaller;

    /** Whether {@code thread} runs this pool's tasks: its caller or one of its workers. */
    private boolean participates(Thread thread) {
        return thread == tasksCaller || (thread instanceof Worker worker && worker.pool == this);
    }

    /** The next index {@link #forEach} hands out. */
    private final AtomicInteger nextTask = new AtomicInteger();

    /** The end of one chunk on a worker: record a failure, and wake the caller after the last chunk. */
    void chunkDone(@Nullable Throwable t) {
        if (t != null) {
            failure.compareAndSet(null, t);
        }
        if (pending.decrementAndGet() == 0) {
            LockSupport.unpark(caller);
        }
    }

    /** One daemon thread that runs the chunks handed to it, one at a time. */
    private static final class Worker extends Thread {
        private final Parallel pool;
        private volatile @Nullable IntConsumer task;
        private int chunk;
        private volatile boolean parked;

        Worker(String name, Parallel pool) {
            super(name);
            this.pool = pool;
            setDaemon(true);
        }

        /**
         * Hands over a chunk; the previous one has finished (run() waits for all before returning, and gives the
         * background worker nothing while its background work runs).
         */
        void submit(IntConsumer body, int chunkIndex) {
            chunk = chunkIndex;
            task = body; // the volatile write publishes chunk too
            // Volatile write then read, against the worker's write of parked then read of task: one of the two
            // sides always sees the other, so a task is never left waiting on a parked worker.
            if (parked) {
                LockSupport.unpark(this);
            }
        }

        @Override
        public void run() {
            while (true) {
                IntConsumer next = awaitTask();
                int index = chunk;
                task = null;
                if (index == BACKGROUND) {
                    next.accept(index); // completes its own future
                    continue;
                }
                @Nullable Throwable failure = null;
                try {
                    next.accept(index);
                } catch (Throwable t) {
                    failure = t;
                }
                pool.chunkDone(failure);
            }
        }

        private IntConsumer awaitTask() {
            long spinUntil = System.nanoTime() + SPIN_NANOS;
            while (true) {
                IntConsumer next = task;
                if (next != null) {
                    return next;
                }
                if (System.nanoTime() < spinUntil) {
                    Thread.onSpinWait();
                    continue;
                }
                parked = true;
                if (task == null) {
                    LockSupport.park(this);
                }
                parked = false;
                spinUntil = System.nanoTime() + SPIN_NANOS;
            }
        }
    }
}
