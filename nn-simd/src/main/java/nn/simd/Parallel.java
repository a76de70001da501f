package nn.simd;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * Runs a few independent chunks of work on a fixed set of daemon threads, the caller taking the first chunk.
 * Chunks write disjoint outputs, so results do not depend on the number of threads.
 *
 * <p>A training step calls in every few hundred microseconds with chunks of about a hundred microseconds,
 * where waking a parked thread would cost a good share of the gain. So a worker spins for a short while
 * after its chunk, taking the next one at once, and parks only when no work has come for
 * {@link #SPIN_NANOS}.
 */
final class Parallel {

    /** How long an idle worker spins before it parks. */
    static final long SPIN_NANOS = 200_000;

    private final int threads;
    private final Worker[] workers;

    Parallel(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("nn.threads must be at least 1, not " + threads);
        }
        this.threads = threads;
        this.workers = new Worker[threads - 1];
        for (int i = 0; i < workers.length; i++) {
            workers[i] = new Worker("nn-simd-worker-" + (i + 1));
            workers[i].start();
        }
    }

    static int threadsFromProperty() {
        return nn.api.Threads.configured();
    }

    int threads() {
        return threads;
    }

    /** Products smaller than this many multiply-adds run on the calling thread: waking a worker costs more. */
    static final long PARALLEL_THRESHOLD = 1L << 17;

    /** How many row chunks an {@code [m, k] · [k, n]} product is split into: one below the threshold. */
    int chunks(int m, int k, int n) {
        if ((long) m * k * n < PARALLEL_THRESHOLD || m < 8) {
            return 1;
        }
        return Math.min(threads, m / 4);
    }

    /**
     * Runs {@code body} for every chunk in {@code [0, chunks)}, at most {@link #threads()} chunks, and returns
     * when all are done. Not reentrant: one caller at a time.
     */
    synchronized void run(int chunks, IntConsumer body) {
        if (chunks > threads) {
            throw new IllegalArgumentException(chunks + " chunks for " + threads + " threads");
        }
        if (chunks <= 1) {
            if (chunks == 1) {
                body.accept(0);
            }
            return;
        }
        AtomicInteger pending = new AtomicInteger(chunks - 1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread caller = Thread.currentThread();
        for (int c = 1; c < chunks; c++) {
            int chunk = c;
            workers[c - 1].submit(() -> {
                try {
                    body.accept(chunk);
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                } finally {
                    if (pending.decrementAndGet() == 0) {
                        LockSupport.unpark(caller);
                    }
                }
            });
        }
        body.accept(0);
        long spinUntil = System.nanoTime() + SPIN_NANOS;
        while (pending.get() > 0) {
            if (System.nanoTime() < spinUntil) {
                Thread.onSpinWait();
            } else {
                LockSupport.parkNanos(this, 100_000);
            }
        }
        Throwable t = failure.get();
        if (t instanceof RuntimeException) {
            throw (RuntimeException) t;
        }
        if (t instanceof Error) {
            throw (Error) t;
        }
    }

    /** One daemon thread that runs the tasks handed to it, one at a time. */
    private static final class Worker extends Thread {
        private volatile Runnable task;
        private volatile boolean parked;

        Worker(String name) {
            super(name);
            setDaemon(true);
        }

        /** Hands over a task; the previous one has finished (run() waits for all before returning). */
        void submit(Runnable next) {
            task = next;
            // Volatile write then read, against the worker's write of parked then read of task: one of the two
            // sides always sees the other, so a task is never left waiting on a parked worker.
            if (parked) {
                LockSupport.unpark(this);
            }
        }

        @Override
        public void run() {
            while (true) {
                Runnable next = awaitTask();
                task = null;
                next.run();
            }
        }

        private Runnable awaitTask() {
            long spinUntil = System.nanoTime() + SPIN_NANOS;
            while (true) {
                Runnable next = task;
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
