package nn.bench;

import nn.api.Backend;
import nn.api.Backends;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The backend and thread count of one benchmark run. JMH forks a fresh JVM for each parameter combination,
 * so setting {@code nn.threads} before the backend is first created takes effect.
 */
@State(Scope.Benchmark)
public class BackendState {

    @Param({"reference", "simd"})
    public String backend;

    @Param({"1"})
    public int threads;

    public Backend get() {
        return Backends.get(backend);
    }

    @Setup
    public void setThreads() {
        System.setProperty(nn.api.Threads.PROPERTY, Integer.toString(threads));
    }
}
