package nn.mnist;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Partial downloads in flight, deleted by a shutdown hook if the JVM is interrupted (Ctrl-C) while they are. */
final class Temporaries {

    private static final Set<Path> FILES = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            for (Path file : FILES) {
                                try {
                                    Files.deleteIfExists(file);
                                } catch (IOException e) {
                                    // Nothing more can be done while the JVM exits.
                                }
                            }
                        },
                        "nn-mnist-delete-partial-downloads"));
    }

    private Temporaries() {}

    static void add(Path file) {
        FILES.add(file);
    }

    static void remove(Path file) {
        FILES.remove(file);
    }
}
