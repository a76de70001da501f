package nn.api;

import java.util.List;

/**
 * The outcome of choosing a backend.
 *
 * @param backend the chosen backend
 * @param reason why it was chosen, in words
 * @param warning a line for the user when a better backend was passed over (empty when none was)
 * @param providers every provider found, in the order considered
 */
public record BackendSelection(Backend backend, String reason, String warning, List<ProviderStatus> providers) {

    public BackendSelection {
        providers = List.copyOf(providers);
    }

    public boolean hasWarning() {
        return !warning.isEmpty();
    }
}
