package nn.examples;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The backend the user named on the command line ({@code --backend}), if any; read when the backend is
 * first needed, so that an option parsed after start-up still counts.
 */
public final class BackendChoice {

    private volatile @Nullable String name;

    public Optional<String> name() {
        return Optional.ofNullable(name).filter(n -> !n.isBlank());
    }

    public void set(String name) {
        this.name = name;
    }
}
