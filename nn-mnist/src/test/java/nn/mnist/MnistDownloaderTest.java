package nn.mnist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The downloader against HTTP servers on the loopback address that serve the real files, or bad ones. */
class MnistDownloaderTest {

    private final List<HttpServer> servers = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private final MnistDownloader.Progress progress = new MnistDownloader.Progress() {
        @Override
        public void failed(MnistFile file, URI source, String reason) {
            failures.add(file.gzipName() + ": " + reason);
        }
    };

    @TempDir
    Path cache;

    /** A mirror that serves {@code transform} of the real file asked for, or 404 for other names. */
    private URI mirror(UnaryOperator<byte[]> transform) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/mnist/", exchange -> {
            String name = exchange.getRequestURI().getPath().substring("/mnist/".length());
            Path file = SharedMnist.dir().resolve(name);
            if (!Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            byte[] body = transform.apply(Files.readAllBytes(file));
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        servers.add(server);
        return URI.create("http://" + server.getAddress().getAddress().getHostAddress() + ":"
                + server.getAddress().getPort() + "/mnist/");
    }

    @AfterEach
    void stopServers() {
        servers.forEach(s -> s.stop(0));
    }

    private List<String> cacheContents() throws IOException {
        try (Stream<Path> files = Files.list(cache)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void downloadsVerifiesAndLoadsAllFourFiles() throws IOException {
        Mnist mnist = new MnistDownloader(List.of(mirror(UnaryOperator.identity())), progress).ensure(cache);
        assertThat(mnist.train().size()).isEqualTo(60_000);
        assertThat(cacheContents())
                .containsExactly(
                        "t10k-images-idx3-ubyte.gz",
                        "t10k-labels-idx1-ubyte.gz",
                        "train-images-idx3-ubyte.gz",
                        "train-labels-idx1-ubyte.gz");
        assertThat(failures).isEmpty();
    }

    @Test
    void truncatedDownloadIsDiscardedAndTheNextMirrorUsed() throws IOException {
        URI truncating = mirror(bytes -> Arrays.copyOf(bytes, bytes.length / 2));
        URI good = mirror(UnaryOperator.identity());
        Path file = new MnistDownloader(List.of(truncating, good), progress).download(MnistFile.TEST_LABELS, cache);
        assertThat(file.getFileName().toString()).isEqualTo("t10k-labels-idx1-ubyte.gz");
        MnistDownloader.verify(MnistFile.TEST_LABELS, file);
        assertThat(failures).singleElement().asString().contains("truncated");
        assertThat(cacheContents()).containsExactly("t10k-labels-idx1-ubyte.gz");
    }

    @Test
    void wrongFileFailsItsChecksumAndLeavesNothingBehind() throws IOException {
        // Serves valid gzip of the wrong content: the training labels under every name.
        URI wrong = mirror(bytes -> {
            try {
                return Files.readAllBytes(SharedMnist.dir().resolve("train-labels-idx1-ubyte.gz"));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        MnistDownloader downloader = new MnistDownloader(List.of(wrong), progress);
        assertThatThrownBy(() -> downloader.download(MnistFile.TEST_LABELS, cache))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("checksum mismatch")
                .hasMessageContaining(MnistFile.TEST_LABELS.sha256());
        assertThat(cacheContents()).isEmpty();
    }

    @Test
    void unreachableMirrorsGiveAnErrorThatSaysWhatIsMissingAndHowToProvideIt() throws IOException {
        URI notFound = mirror(bytes -> bytes).resolve("../nothing-here/");
        MnistDownloader downloader =
                new MnistDownloader(List.of(notFound, URI.create("http://127.0.0.1:9/mnist/")), progress);
        assertThatThrownBy(() -> downloader.ensure(cache))
                .isInstanceOf(MissingMnistException.class)
                .hasMessageContaining("train-images-idx3-ubyte.gz")
                .hasMessageContaining("HTTP 404")
                .hasMessageContaining("NN_MNIST_DIR")
                .hasMessageContaining(cache.toString());
        assertThat(cacheContents()).isEmpty();
    }
}
