package nn.array;

import java.util.Optional;
import java.util.concurrent.Future;
import nn.api.Backend;

/**
 * The threads of an {@link ArrayBackend}: how many there are, and how they run {@link Backend#forEachTask}. The
 * reference backend's is {@link #SEQUENTIAL}; the SIMD backend's is its thread pool.
 */
public interface TaskRunner {

    /** One thread, the caller's: every task in order. */
    TaskRunner SEQUENTIAL = new TaskRunner() {
        @Override
        public int threads() {
            return 1;
        }

        @Override
        public void forEachTask(int tasks, Backend.Task body) {
            for (int t = 0; t < tasks; t++) {
                body.run(0, t);
            }
        }
    };

    /** How many threads run the tasks, at least 1. */
    int threads();

    /** As {@link Backend#forEachTask}. */
    void forEachTask(int tasks, Backend.Task body);

    /** As {@link Backend#startInBackground}: by default no thread to spare. */
    default Optional<Future<?>> startInBackground(Runnable work) {
        return Optional.empty();
    }
}
