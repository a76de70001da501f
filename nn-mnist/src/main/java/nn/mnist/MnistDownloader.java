package nn.mnist;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.zip.GZIPInputStream;

/**
 * Fetches the MNIST files that are missing from a directory. Mirrors are tried in turn; each download goes
 * to a temporary file beside the target, its decompressed content is checked against the known SHA-256, and
 * only a verified file is moved into place (atomically where the file system can). A truncated or wrong
 * download is deleted and the next mirror tried, so the directory never holds a bad file.
 */
public final class MnistDownloader {

    /** Public MNIST mirrors, tried in order. */
    public static final List<URI> DEFAULT_MIRRORS = List.of(
            URI.create("https://ossci-datasets.s3.amazonaws.com/mnist/"),
            URI.create("https://storage.googleapis.com/cvdf-datasets/mnist/"),
            URI.create("http://yann.lecun.com/exdb/mnist/"));

    /** Told how a download goes: for a progress bar or log lines. */
    public interface Progress {
        /** A file starts; {@code totalBytes} is -1 when the server does not say. */
        default void started(MnistFile file, URI source, long totalBytes) {}

        default void advanced(MnistFile file, long bytesSoFar) {}

        default void finished(MnistFile file, Path target) {}

        default void failed(MnistFile file, URI source, String reason) {}
    }

    private final List<URI> mirrors;
    private final HttpClient client;
    private final Progress progress;

    public MnistDownloader(List<URI> mirrors, Progress progress) {
        if (mirrors.isEmpty()) {
            throw new IllegalArgumentException("At least one mirror is needed");
        }
        this.mirrors = List.copyOf(mirrors);
        this.progress = Objects.requireNonNull(progress, "progress");
        this.client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(20))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    public MnistDownloader(Progress progress) {
        this(DEFAULT_MIRRORS, progress);
    }

    /**
     * Downloads every MNIST file missing from {@code dir} (creating it) and loads the data set. Fails with
     * {@link MissingMnistException} listing what is missing, where, and what each mirror said.
     */
    public Mnist ensure(Path dir) throws IOException {
        List<MnistFile> missing = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (MnistFile file : MnistFile.values()) {
            if (file.locate(dir).isPresent()) {
                continue;
            }
            try {
                Files.createDirectories(dir);
                download(file, dir);
            } catch (IOException e) {
                missing.add(file);
                failures.add(e.getMessage());
            }
        }
        if (!missing.isEmpty()) {
            throw new MissingMnistException(dir, missing, failures);
        }
        return Mnist.load(dir);
    }

    /** Downloads one file from the first mirror that serves it correctly, into {@code dir}. */
    public Path download(MnistFile file, Path dir) throws IOException {
        List<String> reasons = new ArrayList<>();
        for (URI mirror : mirrors) {
            URI source = mirror.resolve(file.gzipName());
            try {
                Path target = fetchVerified(file, source, dir);
                progress.finished(file, target);
                return target;
            } catch (IOException e) {
                String reason = describe(e, source);
                reasons.add(source.getAuthority() + ": " + reason);
                progress.failed(file, source, reason);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("Interrupted while downloading " + file.gzipName(), e);
            }
        }
        throw new IOException(file.gzipName() + ": " + String.join("; ", reasons));
    }

    /** What went wrong with one download, in a few words: never {@code null}, never a stack trace. */
    static String describe(Throwable e, URI source) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.UnknownHostException
                    || t instanceof java.nio.channels.UnresolvedAddressException) {
                return "unknown host " + source.getHost() + " (no network, or no DNS)";
            }
            if (t instanceof java.net.http.HttpTimeoutException || t instanceof java.net.SocketTimeoutException) {
                return "timed out";
            }
            if (t instanceof java.net.ConnectException) {
                return "connection refused";
            }
            if (t instanceof java.nio.file.AccessDeniedException) {
                return "permission denied writing " + t.getMessage();
            }
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    private Path fetchVerified(MnistFile file, URI source, Path dir) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(source)
                .timeout(Duration.ofMinutes(5))
                .GET()
                .build();
        HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        Path temp = Files.createTempFile(dir, file.gzipName() + ".", ".part");
        Temporaries.add(temp);
        try {
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw new IOException("HTTP " + response.statusCode());
                }
                long total =
                        response.headers().firstValueAsLong("Content-Length").orElse(-1);
                progress.started(file, source, total);
                try (OutputStream out = Files.newOutputStream(temp)) {
                    byte[] buffer = new byte[1 << 16];
                    long sofar = 0;
                    for (int n; (n = body.read(buffer)) > 0; ) {
                        out.write(buffer, 0, n);
                        sofar += n;
                        progress.advanced(file, sofar);
                    }
                }
            }
            verify(file, temp);
            Path target = dir.resolve(file.gzipName());
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return target;
        } finally {
            Files.deleteIfExists(temp);
            Temporaries.remove(temp);
        }
    }

    /** Checks the SHA-256 of the decompressed content of {@code gz} against the known value. */
    static void verify(MnistFile file, Path gz) throws IOException {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This JVM has no SHA-256", e);
        }
        try (InputStream in = new DigestInputStream(new GZIPInputStream(Files.newInputStream(gz), 1 << 16), sha256)) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (java.io.EOFException e) {
            throw new IOException("the download is truncated (the gzip stream ends early)", e);
        } catch (java.util.zip.ZipException e) {
            throw new IOException("the download is not valid gzip data (" + e.getMessage() + ")", e);
        }
        String actual = HexFormat.of().formatHex(sha256.digest());
        if (!actual.equals(file.sha256())) {
            throw new IOException(
                    "checksum mismatch: the content's SHA-256 is " + actual + ", expected " + file.sha256());
        }
    }
}
