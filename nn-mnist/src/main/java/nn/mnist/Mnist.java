package nn.mnist;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The MNIST data set: 60,000 training and 10,000 test images of 28×28 pixels with their labels; or another data
 * set in its format (Fashion-MNIST, recognised by its checksums, or any other), which trains the same way.
 *
 * @param train the training split
 * @param test the test split
 * @param name what the files hold: {@code MNIST}, {@code Fashion-MNIST}, or an unrecognised data set
 */
public record Mnist(MnistSplit train, MnistSplit test, String name) {

    /** Whether the four files are exactly the published MNIST (checked by SHA-256 while reading). */
    public boolean isMnist() {
        return name.equals("MNIST");
    }

    public static final int ROWS = 28;
    public static final int COLUMNS = 28;
    public static final int PIXELS = ROWS * COLUMNS;

    /**
     * Reads the four files from {@code dir} (each gzip or raw). Fails with {@link MissingMnistException} naming
     * every missing file, or {@link IdxFormatException} naming a file whose content is wrong.
     */
    public static Mnist load(Path dir) throws IOException {
        List<MnistFile> missing = new ArrayList<>();
        for (MnistFile f : MnistFile.values()) {
            if (f.locate(dir).isEmpty()) {
                missing.add(f);
            }
        }
        if (!missing.isEmpty()) {
            for (MnistFile f : missing) {
                java.util.Optional<String> problem = f.problem(dir);
                if (problem.isPresent()) {
                    throw new IdxFormatException(problem.get());
                }
            }
            throw new MissingMnistException(dir, missing, List.of());
        }
        Map<MnistFile, IdxFile> files = new EnumMap<>(MnistFile.class);
        Map<MnistFile, Path> paths = new EnumMap<>(MnistFile.class);
        for (MnistFile f : MnistFile.values()) {
            Path path = f.locate(dir).orElseThrow();
            IdxFile file = IdxFile.read(path);
            requireUnderItsOwnName(f, path, file.sha256());
            paths.put(f, path);
            files.put(f, file);
        }
        String name = recognise(files);
        return new Mnist(
                split("train", paths, files, MnistFile.TRAIN_IMAGES, MnistFile.TRAIN_LABELS),
                split("test", paths, files, MnistFile.TEST_IMAGES, MnistFile.TEST_LABELS),
                name);
    }

    /** A file whose content is another of the four (of MNIST or Fashion-MNIST) is under the wrong name. */
    private static void requireUnderItsOwnName(MnistFile expected, Path path, String sha256) throws IdxFormatException {
        for (MnistFile other : MnistFile.values()) {
            if (other != expected && (sha256.equals(other.sha256()) || sha256.equals(other.fashionSha256()))) {
                throw new IdxFormatException(path + " holds the content of " + other.fileName() + ", not of "
                        + expected.fileName() + ": the files are under each other's names; rename them");
            }
        }
    }

    /** MNIST or Fashion-MNIST when all four checksums match, else an unrecognised data set. */
    private static String recognise(Map<MnistFile, IdxFile> files) {
        boolean mnist = true;
        boolean fashion = true;
        for (MnistFile f : MnistFile.values()) {
            String sha256 = Objects.requireNonNull(files.get(f)).sha256();
            mnist &= sha256.equals(f.sha256());
            fashion &= sha256.equals(f.fashionSha256());
        }
        return mnist ? "MNIST" : fashion ? "Fashion-MNIST" : "an unrecognised data set in MNIST's format";
    }

    private static MnistSplit split(
            String name,
            Map<MnistFile, Path> paths,
            Map<MnistFile, IdxFile> files,
            MnistFile imagesFile,
            MnistFile labelsFile)
            throws IOException {
        Path imagesPath = Objects.requireNonNull(paths.get(imagesFile));
        Path labelsPath = Objects.requireNonNull(paths.get(labelsFile));
        IdxFile images = Objects.requireNonNull(files.get(imagesFile));
        IdxFile labels = Objects.requireNonNull(files.get(labelsFile));
        if (images.dimensions().length != 3 || images.dimensions()[1] != ROWS || images.dimensions()[2] != COLUMNS) {
            throw new IdxFormatException(imagesPath + ": dimensions " + Arrays.toString(images.dimensions())
                    + " are not [count, 28, 28] images");
        }
        if (labels.dimensions().length != 1) {
            throw new IdxFormatException(
                    labelsPath + ": dimensions " + Arrays.toString(labels.dimensions()) + " are not [count] labels");
        }
        if (images.dimensions()[0] != labels.dimensions()[0]) {
            throw new IdxFormatException(imagesPath + " holds " + images.dimensions()[0] + " images but " + labelsPath
                    + " holds " + labels.dimensions()[0] + " labels");
        }
        byte[] labelBytes = labels.data();
        for (int i = 0; i < labelBytes.length; i++) {
            if (labelBytes[i] < 0 || labelBytes[i] >= MnistSplit.CLASSES) {
                throw new IdxFormatException(
                        labelsPath + ": label " + i + " is " + (labelBytes[i] & 0xff) + ", not a class from 0 to 9");
            }
        }
        return new MnistSplit(name, images.data(), labelBytes, PIXELS);
    }
}
