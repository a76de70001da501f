package nn.api;

/**
 * What the diagnostics know of one provider found on the class path.
 *
 * @param name the provider's name
 * @param priority the provider's priority
 * @param availability whether it is usable, and why not
 */
public record ProviderStatus(String name, int priority, Availability availability) {

    @Override
    public String toString() {
        return String.format(
                "%-10s priority %3d  %s  %s",
                name, priority, availability.usable() ? "usable  " : "unusable", availability.reason());
    }
}
