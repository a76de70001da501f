package nn.examples;

import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import nn.mnist.MissingMnistException;
import nn.mnist.Mnist;
import nn.mnist.MnistDownloader;
import nn.mnist.MnistFile;
import nn.mnist.MnistLocator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds MNIST ({@code --data-dir}, else {@code NN_MNIST_DIR}, else {@code ~/.cache/nn/mnist}), downloads what
 * is missing with a progress bar, and loads it, saying where from and how long it took.
 */
public class MnistSource {

    private static final Logger LOG = LoggerFactory.getLogger(MnistSource.class);

    /**
     * The mirrors to download from, bound in {@link NnModule}; tests bind loopback servers instead.
     *
     * @param uris base addresses, tried in order
     */
    public record Mirrors(List<URI> uris) {
        public Mirrors {
            uris = List.copyOf(uris);
        }
    }

    private final Mirrors mirrors;

    @Inject
    public MnistSource(Mirrors mirrors) {
        this.mirrors = mirrors;
    }

    /**
     * The data set and how long loading took.
     *
     * @param mnist the data
     * @param dir where it was read from
     * @param loadSeconds the time to read and decode the four files (after any download)
     */
    public record Loaded(Mnist mnist, Path dir, double loadSeconds) {}

    public Loaded load(DataDirOption dataDir, PrintWriter out) throws IOException {
        return load(dataDir, out, TrainingSession.interactive());
    }

    /** As {@link #load(DataDirOption, PrintWriter)}; {@code progress} false logs downloads instead of drawing bars. */
    public Loaded load(DataDirOption dataDir, PrintWriter out, boolean progress) throws IOException {
        return load(dataDir.get(), dataDir.download(), out, progress);
    }

    /**
     * Loads MNIST from the directory chosen by {@link MnistLocator}. An explicit {@code --data-dir} must exist and
     * is downloaded into only when {@code download} is true; the environment's directory and the default cache
     * are filled with what is missing.
     */
    public Loaded load(Optional<Path> dataDir, boolean download, PrintWriter out, boolean progress) throws IOException {
        if (dataDir.isPresent() && dataDir.get().toString().isBlank()) {
            throw new IllegalArgumentException("--data-dir is empty; give the directory that holds the MNIST files");
        }
        MnistLocator.Location location = MnistLocator.resolve(dataDir);
        Path dir = location.dir();
        boolean explicit = dataDir.isPresent();
        if (explicit && !download) {
            if (!Files.exists(dir)) {
                throw new IllegalArgumentException("--data-dir " + dir + " does not exist; point it at the directory "
                        + "that holds the four MNIST files, or add --download to fetch them into it");
            }
            if (!Files.isDirectory(dir)) {
                throw new IllegalArgumentException("--data-dir " + dir + " is a file, not a directory");
            }
        }
        for (MnistFile f : MnistFile.values()) {
            Optional<String> problem = f.problem(dir);
            if (problem.isPresent()) {
                throw new IllegalArgumentException(problem.get() + "; put the MNIST file there (gzip or raw)");
            }
        }
        List<MnistFile> missing = java.util.Arrays.stream(MnistFile.values())
                .filter(f -> f.locate(dir).isEmpty())
                .toList();
        if (!missing.isEmpty() && explicit && !download) {
            throw new MissingMnistException(dir, missing, "Or add --download to fetch them into it.");
        }
        if (!missing.isEmpty()) {
            out.println("MNIST is not in " + dir + " (" + location.source() + "); downloading it");
            out.flush();
            new MnistDownloader(mirrors.uris(), progress ? new BarProgress() : new LogProgress()).ensure(dir);
        }
        long start = System.nanoTime();
        Mnist mnist = Mnist.load(dir);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (mnist.isMnist()) {
            LOG.info(
                    "MNIST loaded from {} ({}) in {} s; checksums verified",
                    dir,
                    location.source(),
                    String.format("%.2f", seconds));
        } else {
            LOG.warn(
                    "{} loaded from {} ({}) in {} s: its checksums are not MNIST's, so it is trained as it is",
                    mnist.name(),
                    dir,
                    location.source(),
                    String.format("%.2f", seconds));
        }
        return new Loaded(mnist, dir, seconds);
    }

    /** Logs each file's download, for a redirected output or --no-progress: no escape codes. */
    private static final class LogProgress implements MnistDownloader.Progress {
        @Override
        public void started(MnistFile file, URI source, long totalBytes) {
            LOG.info("downloading {}", source);
        }

        @Override
        public void finished(MnistFile file, Path target) {
            LOG.info("{} verified (SHA-256) and saved as {}", file.gzipName(), target);
        }

        @Override
        public void failed(MnistFile file, URI source, String reason) {
            LOG.warn("{} from {} failed: {}", file.gzipName(), source, reason);
        }
    }

    /** Shows each file's download as a progress bar on standard error. */
    private static final class BarProgress implements MnistDownloader.Progress {
        private @Nullable ProgressBar bar;

        @Override
        public void started(MnistFile file, URI source, long totalBytes) {
            LOG.info("downloading {}", source);
            bar = new ProgressBarBuilder()
                    .setTaskName(file.gzipName())
                    .setInitialMax(Math.max(totalBytes, 0))
                    .setUnit(" KiB", 1024)
                    .showSpeed()
                    .build();
        }

        @Override
        public void advanced(MnistFile file, long bytesSoFar) {
            ProgressBar bar = this.bar;
            if (bar != null) {
                bar.stepTo(bytesSoFar);
            }
        }

        @Override
        public void finished(MnistFile file, Path target) {
            close();
            LOG.info("{} verified (SHA-256) and saved as {}", file.gzipName(), target);
        }

        @Override
        public void failed(MnistFile file, URI source, String reason) {
            close();
            LOG.warn("{} from {} failed: {}", file.gzipName(), source, reason);
        }

        private void close() {
            if (bar != null) {
                bar.close();
                bar = null;
            }
        }
    }
}
