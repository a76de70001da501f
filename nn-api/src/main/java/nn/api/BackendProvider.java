package nn.api;

/**
 * The service-provider interface of a backend, found with {@link java.util.ServiceLoader}: list the
 * implementation in {@code META-INF/services/nn.api.BackendProvider}.
 *
 * <p>A provider must be cheap and safe to load: it may not touch classes that might be missing at run time
 * (such as an incubator module) until {@link #availability()} says it is usable and {@link #create()} is
 * called.
 */
public interface BackendProvider {

    /** The name users choose it by; unique among providers, lower case. */
    String name();

    /** Higher wins when nothing is chosen explicitly. The reference backend has priority 0. */
    int priority();

    /** Whether this backend can run in this JVM, and if not, why and how to fix it. */
    Availability availability();

    /** The backend; called only when {@link #availability()} is usable. May return a shared instance. */
    Backend create();
}
