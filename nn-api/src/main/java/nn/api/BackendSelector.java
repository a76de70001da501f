package nn.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The rules that choose a backend from a list of providers: an explicit choice by name first (an unknown
 * or unusable name is an error), else the usable provider with the highest priority. {@link Backends}
 * applies these rules to the providers that {@link java.util.ServiceLoader} finds; tests apply them to any
 * list.
 */
public final class BackendSelector {

    private final List<BackendProvider> providers;

    public BackendSelector(List<BackendProvider> providers) {
        List<BackendProvider> sorted = new ArrayList<>(providers);
        sorted.sort(
                Comparator.comparingInt(BackendProvider::priority).reversed().thenComparing(BackendProvider::name));
        this.providers = List.copyOf(sorted);
    }

    /** Every provider with its availability, highest priority first. */
    public List<ProviderStatus> statuses() {
        return providers.stream()
                .map(p -> new ProviderStatus(p.name(), p.priority(), p.availability()))
                .collect(Collectors.toList());
    }

    /**
     * Chooses a backend.
     *
     * @param explicitName the name the user asked for, with where it came from in {@code source}; empty
     *     to choose by priority
     * @param source where the explicit name came from, for messages (such as {@code -Dnn.backend})
     */
    public BackendSelection select(Optional<String> explicitName, String source) {
        List<ProviderStatus> statuses = statuses();
        if (providers.isEmpty()) {
            throw new IllegalStateException("No nn backend found on the class path: add nn-core (the reference "
                    + "backend) or another backend jar that lists itself in META-INF/services/"
                    + BackendProvider.class.getName());
        }
        if (explicitName.isPresent() && !explicitName.get().isBlank()) {
            String wanted = explicitName.get().trim().toLowerCase(Locale.ROOT);
            BackendProvider provider = providers.stream()
                    .filter(p -> p.name().equalsIgnoreCase(wanted))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(
                            "Unknown nn backend '" + wanted + "' (" + source + "); available backends: " + names()));
            Availability availability = provider.availability();
            if (!availability.usable()) {
                throw new IllegalStateException("The nn backend '" + provider.name() + "' was asked for (" + source
                        + ") but cannot run: " + availability.reason());
            }
            return new BackendSelection(provider.create(), "chosen explicitly with " + source, "", statuses);
        }
        List<ProviderStatus> passedOver = new ArrayList<>();
        for (BackendProvider provider : providers) {
            Availability availability = provider.availability();
            if (availability.usable()) {
                String reason = passedOver.isEmpty()
                        ? "the usable backend with the highest priority (" + provider.priority() + ")"
                        : "the usable backend with the highest priority (" + provider.priority()
                                + "); passed over: "
                                + passedOver.stream().map(ProviderStatus::name).collect(Collectors.joining(", "));
                String warning = passedOver.stream()
                        .map(s -> "nn backend '" + s.name() + "' is not usable: "
                                + s.availability().reason())
                        .collect(Collectors.joining("; "));
                return new BackendSelection(provider.create(), reason, warning, statuses);
            }
            passedOver.add(new ProviderStatus(provider.name(), provider.priority(), availability));
        }
        throw new IllegalStateException("No usable nn backend: "
                + passedOver.stream()
                        .map(s -> s.name() + ": " + s.availability().reason())
                        .collect(Collectors.joining("; ")));
    }

    private String names() {
        return providers.stream().map(BackendProvider::name).collect(Collectors.joining(", "));
    }
}
