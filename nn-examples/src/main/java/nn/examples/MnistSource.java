package nn.examples;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import jakarta.inject.Inject;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import nn.mnist.Mnist;
import nn.mnist.MnistDownloader;
import nn.mnist.MnistFile;
import nn.mnist.MnistLocator;
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
    public record Loaded(Mnist mnist, Path dir, double loadSeconds) {
    }

    public Loaded load(Optional<Path> dataDir, PrintWriter out) throws IOException {
        return load(dataDir, out, System.console() != null);
    }

    /** As {@link #load(Optional, PrintWriter)}; {@code progress} false logs each download instead of drawing a bar. */
    public Loaded load(Optional<Path> dataDir, PrintWriter out, boolean progress) throws IOException {
        MnistLocator.Location location = MnistLocator.resolve(dataDir);
        Path dir = location.dir();
        boolean complete = java.util.Arrays.stream(MnistFile.values()).allMatch(f -> f.locate(dir).isPresent());
        if (!complete) {
            out.println("MNIST is not in " + dir + " (" + location.source() + "); downloading it");
            out.flush();
            new MnistDownloader(mirrors.uris(), progress ? new BarProgress() : new LogProgress()).ensure(dir);
        }
        long start = System.nanoTime();
        Mnist mnist = Mnist.load(dir);
        double seconds = (System.nanoTime() - start) / 1e9;
        LOG.info("MNIST loaded from {} ({}) in {} s", dir, location.source(), String.format("%.2f", seconds));
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
        private ProgressBar bar;

        @Override
        public void started(MnistFile file, URI source, long totalBytes) {
            LOG.info("downloading {}", source);
            bar = new ProgressBarBuilder().setTaskName(file.gzipName()).setInitialMax(Math.max(totalBytes, 0))
                    .setUnit(" KiB", 1024).showSpeed().build();
        }

        @Override
        public void advanced(MnistFile file, long bytesSoFar) {
            bar.stepTo(bytesSoFar);
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
