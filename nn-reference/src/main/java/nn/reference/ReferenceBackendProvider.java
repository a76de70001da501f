package nn.reference;

import nn.api.Availability;
import nn.api.Backend;
import nn.api.BackendProvider;
import nn.array.ArrayBackend;

/** The pure-Java reference backend: always usable, lowest priority, the oracle for every other backend. */
public final class ReferenceBackendProvider implements BackendProvider {

    /** Called by {@link java.util.ServiceLoader}. */
    public ReferenceBackendProvider() {}

    /** The name users choose it by. */
    public static final String NAME = "reference";

    private static final ArrayBackend BACKEND = new ArrayBackend(
            NAME, "reference (pure Java loops; float64 and float32)", new Float64Kernels(), new Float32Kernels());

    /** The shared reference backend, for code that wants the oracle whatever is chosen. */
    public static ArrayBackend backend() {
        return BACKEND;
    }

    /** Another reference backend under another name, whose tensors do not mix with the shared one's: for tests. */
    public static ArrayBackend newInstance(String name) {
        return new ArrayBackend(
                name, "reference loops under the name " + name, new Float64Kernels(), new Float32Kernels());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public Availability availability() {
        return Availability.usable("pure Java; runs on every JVM");
    }

    @Override
    public Backend create() {
        return BACKEND;
    }
}
