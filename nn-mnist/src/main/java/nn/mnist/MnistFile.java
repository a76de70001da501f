package nn.mnist;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The four files of MNIST, with the SHA-256 of each decompressed file (the same values as
 * {@code SHA256SUMS.raw}): content is verified, not the archive, because gzip bytes differ between mirrors.
 */
public enum MnistFile {
    TRAIN_IMAGES(
            "train-images-idx3-ubyte",
            "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
            "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888"),
    TRAIN_LABELS(
            "train-labels-idx1-ubyte",
            "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
            "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9"),
    TEST_IMAGES(
            "t10k-images-idx3-ubyte",
            "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
            "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b"),
    TEST_LABELS(
            "t10k-labels-idx1-ubyte",
            "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2",
            "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34");

    private final String fileName;
    private final String sha256;
    private final String fashionSha256;

    MnistFile(String fileName, String sha256, String fashionSha256) {
        this.fileName = fileName;
        this.sha256 = sha256;
        this.fashionSha256 = fashionSha256;
    }

    /** The SHA-256 of the same file of Fashion-MNIST, which shares MNIST's format and names. */
    public String fashionSha256() {
        return fashionSha256;
    }

    /**
     * What is wrong with the entry where this file should be in {@code dir}, or empty when it is a readable
     * file or simply absent: a directory, a broken link, an unreadable file are named as such.
     */
    public Optional<String> problem(Path dir) {
        for (Path p : new Path[] {dir.resolve(gzipName()), dir.resolve(fileName)}) {
            if (Files.isDirectory(p)) {
                return Optional.of(p + " is a directory, not the " + fileName + " file");
            }
            if (Files.isSymbolicLink(p) && !Files.exists(p)) {
                return Optional.of(p + " is a broken symbolic link");
            }
            if (Files.isRegularFile(p) && !Files.isReadable(p)) {
                return Optional.of(p + " cannot be read: permission denied");
            }
        }
        return Optional.empty();
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
