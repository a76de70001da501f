package nn.simd;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * Runs a few independent chunks of work on a fixed set of daemon threads, the caller taking the first chunk.
 * Chunks write disjoint outputs, so results do not depend on the number of threads.
 */
final class Parallel {

    /** The system property that sets the number of threads (default: the available processors). */
    static final String THREADS_PROPERTY = "nn.threads";

    private final int threads;
    private final ExecutorService workers;

    Parallel(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("nn.threads must be at least 1, not " + threads);
        }
        this.threads = threads;
        AtomicInteger count = new AtomicInteger();
        this.workers = threads == 1 ? null : Executors.newFixedThreadPool(threads - 1, r -> {
            Thread t = new Thread(r, "nn-simd-worker-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    static int threadsFromProperty() {
        String value = System.getProperty(THREADS_PROPERTY);
        if (value == null || value.isBlank()) {
            return Runtime.getRuntime().availableProcessors();
        }
        try {
            int threads = Integer.parseInt(value.trim());
            if (threads >= 1) {
                return threads;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("-D" + THREADS_PROPERTY + "=" + value + " is not a positive number of threads");
    }

    int threads() {
        return threads;
    }

    /** Runs {@code body} for every chunk in {@code [0, chunks)} and returns when all are done. */
    void run(int chunks, IntConsumer body) {
        if (chunks <= 1 || workers == null) {
            for (int c = 0; c < chunks; c++) {
                body.accept(c);
            }
            return;
        }
        CountDownLatch done = new CountDownLatch(chunks - 1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (int c = 1; c < chunks; c++) {
            int chunk = c;
            workers.execute(() -> {
                try {
                    body.accept(chunk);
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                } finally {
                    done.countDown();
                }
            });
        }
        body.accept(0);
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for parallel work", e);
        }
        Throwable t = failure.get();
        if (t instanceof RuntimeException) {
            throw (RuntimeException) t;
        }
        if (t instanceof Error) {
            throw (Error) t;
        }
    }
}
