package nn.api;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The entry point that chooses the backend: the system property {@value #PROPERTY}, else the environment
 * variable {@value #ENVIRONMENT}, else the usable provider with the highest priority found by
 * {@link ServiceLoader}. The choice is made once, logged once with its reason, and then shared.
 */
public final class Backends {

    /** The system property that names the backend explicitly. */
    public static final String PROPERTY = "nn.backend";

    /** The environment variable that names the backend when the property is not set. */
    public static final String ENVIRONMENT = "NN_BACKEND";

    private static final System.Logger LOG = System.getLogger(Backends.class.getName());

    private Backends() {}

    private static @Nullable BackendSelection chosen;

    /** The chosen backend (chosen on first use). */
    public static Backend get() {
        return selection().backend();
    }

    /**
     * How the default backend was chosen. A failed choice (an unknown name, say) throws, and is tried again
     * on the next call.
     */
    public static synchronized BackendSelection selection() {
        if (chosen == null) {
            chosen = chooseAndLog();
        }
        return chosen;
    }

    /** The backend of this name, whatever the default is; an unknown name lists the available ones. */
    public static Backend get(String name) {
        return selector().select(Optional.of(name), "by name").backend();
    }

    /** Chooses a backend now, with an explicit name (which may be empty), without logging or caching. */
    public static BackendSelection select(Optional<String> explicitName, String source) {
        return selector().select(explicitName, source);
    }

    /** Every provider on the class path, whether it is usable and why not: for diagnostics. */
    public static List<ProviderStatus> providers() {
        return selector().statuses();
    }

    private static BackendSelector selector() {
        List<BackendProvider> providers = ServiceLoader.load(BackendProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .collect(Collectors.toList());
        return new BackendSelector(providers);
    }

    private static BackendSelection chooseAndLog() {
        String property = System.getProperty(PROPERTY);
        String environment = System.getenv(ENVIRONMENT);
        BackendSelection selection;
        if (property != null && !property.isBlank()) {
            selection = select(Optional.of(property), "-D" + PROPERTY + "=" + property);
        } else if (environment != null && !environment.isBlank()) {
            selection = select(Optional.of(environment), ENVIRONMENT + "=" + environment);
        } else {
            selection = select(Optional.empty(), "");
        }
        if (selection.hasWarning()) {
            LOG.log(Level.WARNING, selection.warning());
        }
        LOG.log(Level.INFO, "nn backend: " + selection.backend().description() + " — " + selection.reason());
        return selection;
    }
}
