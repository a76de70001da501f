package nn.api;

import java.util.Objects;

/**
 * Whether a backend can run in this JVM; when it cannot, the reason says why and how to fix it.
 *
 * @param usable whether {@link BackendProvider#create()} may be called
 * @param reason for a usable backend what it runs on, otherwise why not and how to enable it
 */
public record Availability(boolean usable, String reason) {

    public Availability {
        Objects.requireNonNull(reason, "reason");
    }

    public static Availability usable(String detail) {
        return new Availability(true, detail);
    }

    public static Availability unusable(String reason) {
        return new Availability(false, reason);
    }
}
