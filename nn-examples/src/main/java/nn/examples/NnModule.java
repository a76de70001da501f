package nn.examples;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import jakarta.inject.Singleton;
import nn.api.Backend;
import nn.api.BackendSelection;
import nn.api.Backends;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Provides the backend: the one named with {@code --backend}, else the one {@link Backends} chooses
 * ({@code nn.backend}, {@code NN_BACKEND}, then priority). Tests bind another backend by overriding this
 * module.
 */
public class NnModule extends AbstractModule {

    private static final Logger LOG = LoggerFactory.getLogger(NnModule.class);

    @Override
    protected void configure() {
        bind(BackendChoice.class).in(Singleton.class);
    }

    @Provides
    @Singleton
    BackendSelection selection(BackendChoice choice) {
        if (choice.name().isEmpty()) {
            return Backends.selection();
        }
        String name = choice.name().get();
        BackendSelection selection = Backends.select(choice.name(), "--backend " + name);
        LOG.info("nn backend: {} — {}", selection.backend().description(), selection.reason());
        return selection;
    }

    @Provides
    MnistSource.Mirrors mnistMirrors() {
        return new MnistSource.Mirrors(nn.mnist.MnistDownloader.DEFAULT_MIRRORS);
    }

    @Provides
    @Singleton
    Backend backend(BackendSelection selection) {
        return selection.backend();
    }
}
