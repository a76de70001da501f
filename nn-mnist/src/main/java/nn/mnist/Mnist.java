package nn.mnist;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The MNIST data set: 60,000 training and 10,000 test images of 28×28 pixels with their labels.
 *
 * @param train the training split
 * @param test the test split
 */
public record Mnist(MnistSplit train, MnistSplit test) {

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
            throw new MissingMnistException(dir, missing, List.of());
        }
        return new Mnist(split("train", dir, MnistFile.TRAIN_IMAGES, MnistFile.TRAIN_LABELS),
                split("test", dir, MnistFile.TEST_IMAGES, MnistFile.TEST_LABELS));
    }

    private static MnistSplit split(String name, Path dir, MnistFile imagesFile, MnistFile labelsFile) throws IOException {
        Path imagesPath = imagesFile.locate(dir).orElseThrow();
        Path labelsPath = labelsFile.locate(dir).orElseThrow();
        IdxFile images = IdxFile.read(imagesPath);
        IdxFile labels = IdxFile.read(labelsPath);
        if (images.dimensions().length != 3 || images.dimensions()[1] != ROWS || images.dimensions()[2] != COLUMNS) {
            throw new IdxFormatException(imagesPath + ": dimensions " + Arrays.toString(images.dimensions())
                    + " are not [count, 28, 28] images");
        }
        if (labels.dimensions().length != 1) {
            throw new IdxFormatException(labelsPath + ": dimensions " + Arrays.toString(labels.dimensions())
                    + " are not [count] labels");
        }
        if (images.dimensions()[0] != labels.dimensions()[0]) {
            throw new IdxFormatException(imagesPath + " holds " + images.dimensions()[0] + " images but " + labelsPath
                    + " holds " + labels.dimensions()[0] + " labels");
        }
        byte[] labelBytes = labels.data();
        for (int i = 0; i < labelBytes.length; i++) {
            if (labelBytes[i] < 0 || labelBytes[i] >= MnistSplit.CLASSES) {
                throw new IdxFormatException(labelsPath + ": label " + i + " is " + (labelBytes[i] & 0xff)
                        + ", not a digit 0-9");
            }
        }
        return new MnistSplit(name, images.data(), labelBytes, PIXELS);
    }
}
