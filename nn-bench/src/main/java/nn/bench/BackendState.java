package nn.bench;

import nn.api.Backend;
import nn.api.Backends;
import nn.api.DType;
import nn.api.Workspace;
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

    /** float64 (the book's) or float32. */
    @Param({"float64"})
    public String dtype;

    /** Opened around every invocation, as the trainer opens it around every step. */
    public final Workspace workspace = new Workspace();

    public DType dtype() {
        return DType.parse(dtype);
    }

    public Backend get() {
        return Backends.get(backend);
    }

    @Setup
    public void setThreads() {
        System.setProperty(nn.api.Threads.PROPERTY, Integer.toString(threads));
    }
}
