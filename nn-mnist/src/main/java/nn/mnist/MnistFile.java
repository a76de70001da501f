package nn.mnist;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The four files of MNIST, with the SHA-256 of each decompressed file (the same values as
 * {@code SHA256SUMS.raw}): content is verified, not the archive, because gzip bytes differ between mirrors.
 */
public enum MnistFile {
    TRAIN_IMAGES("train-images-idx3-ubyte", "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db"),
    TRAIN_LABELS("train-labels-idx1-ubyte", "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5"),
    TEST_IMAGES("t10k-images-idx3-ubyte", "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7"),
    TEST_LABELS("t10k-labels-idx1-ubyte", "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2");

    private final String fileName;
    private final String sha256;

    MnistFile(String fileName, String sha256) {
        this.fileName = fileName;
        this.sha256 = sha256;
    }

    /** The decompressed file's name. */
    public String fileName() {
        return fileName;
    }

    /** The name of the gzip file that mirrors serve and the cache keeps. */
    public String gzipName() {
        return fileName + ".gz";
    }

    /** The SHA-256 of the decompressed content, lower-case hex. */
    public String sha256() {
        return sha256;
    }

    /** The file in {@code dir}, gzip first, then raw; empty when neither is there. */
    public Optional<Path> locate(Path dir) {
        Path gz = dir.resolve(gzipName());
        if (Files.isRegularFile(gz)) {
            return Optional.of(gz);
        }
        Path raw = dir.resolve(fileName);
        return Files.isRegularFile(raw) ? Optional.of(raw) : Optional.empty();
    }
}
