package nn.bench;

import java.util.concurrent.atomic.AtomicBoolean;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Control;

/**
 * How long one core takes to see a cache line the other core wrote, and answer: two threads hand a flag back and
 * forth, and each operation is one round trip. A step split across two threads pays at least one for every product
 * it splits, and every cache line one thread writes and the other reads crosses the same way; this says what that
 * costs on the machine at hand (run it with 2 or more cores free).
 */
@State(Scope.Group)
public class CoreToCoreBenchmark extends NnBenchmark {

    /** True while it is the second thread's turn. */
    private final AtomicBoolean flag = new AtomicBoolean();

    @Benchmark
    @Group("roundTrip")
    @GroupThreads(1)
    public void ping(Control control) {
        takeTurn(control, false);
    }

    @Benchmark
    @Group("roundTrip")
    @GroupThreads(1)
    public void pong(Control control) {
        takeTurn(control, true);
    }

    /** Waits until the flag says {@code turn}, then hands the turn over by flipping it. */
    private void takeTurn(Control control, boolean turn) {
        // JMH ends an iteration on one thread first: stopMeasurement frees the other from waiting for its turn.
        while (!control.stopMeasurement && !flag.compareAndSet(turn, !turn)) {
            Thread.onSpinWait();
        }
    }
}
