package nn.core;

import nn.api.Availability;
import nn.api.Backend;
import nn.api.BackendProvider;
import nn.core.array.ArrayBackend;
import nn.core.array.ReferenceKernels;

/** The pure-Java reference backend: always usable, lowest priority, the oracle for every other backend. */
public final class ReferenceBackendProvider implements BackendProvider {

    /** The name users choose it by. */
    public static final String NAME = "reference";

    private static final ArrayBackend BACKEND =
            new ArrayBackend(NAME, "reference (pure Java, double precision)", new ReferenceKernels());

    /** The shared reference backend, for code that wants the oracle whatever is chosen. */
    public static ArrayBackend backend() {
        return BACKEND;
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
