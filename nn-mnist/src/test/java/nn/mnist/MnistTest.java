package nn.mnist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import nn.api.Tensor;
import nn.reference.ReferenceBackendProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real MNIST files, from NN_MNIST_DIR (CI: ../shared/datasets/mnist). */
class MnistTest {

    static Mnist mnist;

    @BeforeAll
    static void load() throws IOException {
        mnist = Mnist.load(SharedMnist.dir());
    }

    @Test
    void hasTheBooksSizes() {
        assertThat(mnist.train().size()).isEqualTo(60_000);
        assertThat(mnist.test().size()).isEqualTo(10_000);
        assertThat(mnist.train().featureCount()).isEqualTo(784);
        assertThat(mnist.train().classCount()).isEqualTo(10);
    }

    @Test
    void firstLabelsAreTheWellKnownOnes() {
        // The first training digit is a 5, the first test digit a 7.
        assertThat(mnist.train().label(0)).isEqualTo(5);
        assertThat(mnist.test().label(0)).isEqualTo(7);
        assertThat(mnist.train().oneHot(0)).containsExactly(0, 0, 0, 0, 0, 1, 0, 0, 0, 0);
    }

    @Test
    void everyDigitOccursAboutATenthOfTheTime() {
        int[] counts = new int[10];
        for (int label : mnist.train().labels()) {
            counts[label]++;
        }
        assertThat(java.util.Arrays.stream(counts).boxed())
                .allSatisfy(c -> assertThat(c).isBetween(5000, 7000));
    }

    @Test
    void batchesAreNormalisedAndFlattened() {
        var backend = ReferenceBackendProvider.backend();
        Tensor x = backend.zeros(2, 784);
        Tensor t = backend.zeros(2);
        mnist.train().batch(new int[] {0, 7}, 2, x, t);
        assertThat(t.toArray())
                .containsExactly(mnist.train().label(0), mnist.train().label(7));
        double[] pixels = x.toArray();
        assertThat(java.util.Arrays.stream(pixels).boxed())
                .allSatisfy(p -> assertThat(p).isBetween(0.0, 1.0));
        assertThat(x.max()).isEqualTo(1.0);
        for (int p = 0; p < 784; p++) {
            assertThat(pixels[784 + p]).isEqualTo(mnist.train().pixel(7, p) / 255.0);
        }
    }

    @Test
    void everyRowOfBatchAfterBatchIsItsImageInBothDtypes() {
        // A batch reuses one row buffer for every image, clearing only the previous image's pixels: no pixel of
        // one image may leak into the next, across rows and across batches, repeated images included.
        var backend = ReferenceBackendProvider.backend();
        int[][] batches = {{7, 0, 59_999, 7}, {1, 2, 3, 4}, {0, 0, 12_345, 1}};
        for (nn.api.DType dtype : nn.api.DType.values()) {
            Tensor x = backend.full(dtype, 3, 4, 784);
            Tensor t = backend.zeros(dtype, 4);
            for (int[] batch : batches) {
                mnist.train().batch(batch, 4, x, t);
                double[] rows = x.toArray();
                for (int r = 0; r < 4; r++) {
                    for (int p = 0; p < 784; p++) {
                        double expected = mnist.train().pixel(batch[r], p) / 255.0;
                        assertThat(rows[r * 784 + p])
                                .as("%s image %d pixel %d", dtype, batch[r], p)
                                .isEqualTo(dtype == nn.api.DType.FLOAT32 ? (float) expected : expected);
                    }
                }
            }
        }
    }

    @Test
    void threadsReadingBatchesAtOnceEachGetTheirOwnImages() throws Exception {
        // Each thread has its own row buffers: batches read at once match the same batches read one by one.
        var backend = ReferenceBackendProvider.backend();
        MnistSplit train = mnist.train();
        assertThat(train.concurrentBatches()).isTrue();
        int threads = 4;
        int rounds = 50;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            java.util.List<java.util.concurrent.Future<String>> results = new java.util.ArrayList<>();
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(threads);
            for (int thread = 0; thread < threads; thread++) {
                int first = thread * 9_000;
                nn.api.DType dtype = thread % 2 == 0 ? nn.api.DType.FLOAT64 : nn.api.DType.FLOAT32;
                results.add(pool.submit(() -> {
                    Tensor x = backend.zeros(dtype, 50, 784);
                    Tensor t = backend.zeros(dtype, 50);
                    Tensor alone = backend.zeros(dtype, 1, 784);
                    Tensor aloneLabel = backend.zeros(dtype, 1);
                    int[] indices = new int[50];
                    start.countDown();
                    start.await();
                    for (int round = 0; round < rounds; round++) {
                        for (int r = 0; r < 50; r++) {
                            indices[r] = first + (round * 50 + r * 37) % 9_000;
                        }
                        train.batch(indices, 50, x, t);
                        double[] rows = x.toArray();
                        for (int r = 0; r < 50; r += 7) {
                            train.batch(new int[] {indices[r]}, 1, alone, aloneLabel);
                            if (!java.util.Arrays.equals(rows, r * 784, (r + 1) * 784, alone.toArray(), 0, 784)
                                    || t.get(r) != train.label(indices[r])) {
                                return "image " + indices[r] + " in row " + r + " of round " + round;
                            }
                        }
                    }
                    return "ok";
                }));
            }
            for (java.util.concurrent.Future<String> result : results) {
                assertThat(result.get(60, java.util.concurrent.TimeUnit.SECONDS))
                        .isEqualTo("ok");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void batchesOfBlankImagesAreZerosInBothDtypes() {
        // Blank images have no non-zero pixels at all: the batch reads from empty lists, and overwrites old rows.
        var backend = ReferenceBackendProvider.backend();
        MnistSplit blank = new MnistSplit("blank", new byte[3 * 784], new byte[] {4, 5, 6}, 784);
        for (nn.api.DType dtype : nn.api.DType.values()) {
            Tensor x = backend.full(dtype, 7, 2, 784);
            Tensor t = backend.zeros(dtype, 2);
            blank.batch(new int[] {2, 0}, 2, x, t);
            assertThat(x.toArray()).containsOnly(0.0);
            assertThat(t.toArray()).containsExactly(6.0, 4.0);
        }
    }

    @Test
    void missingFilesAreNamedWithWhereAndHow(@TempDir Path empty) throws IOException {
        Files.copy(SharedMnist.dir().resolve("t10k-labels-idx1-ubyte.gz"), empty.resolve("t10k-labels-idx1-ubyte.gz"));
        assertThatThrownBy(() -> Mnist.load(empty))
                .isInstanceOf(MissingMnistException.class)
                .hasMessageContaining("train-images-idx3-ubyte.gz")
                .hasMessageContaining("t10k-images-idx3-ubyte.gz")
                .hasMessageNotContaining("t10k-labels-idx1-ubyte.gz,")
                .hasMessageContaining(empty.toString())
                .hasMessageContaining("NN_MNIST_DIR")
                .hasMessageContaining("--data-dir");
    }

    @Test
    void mismatchedImageAndLabelCountsAreAnError(@TempDir Path dir) throws IOException {
        Path shared = SharedMnist.dir();
        for (MnistFile f : MnistFile.values()) {
            Files.copy(shared.resolve(f.gzipName()), dir.resolve(f.gzipName()));
        }
        // Test labels in place of the training labels: recognised by their checksum as the other file.
        Files.copy(
                shared.resolve("t10k-labels-idx1-ubyte.gz"),
                dir.resolve("train-labels-idx1-ubyte.gz"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThatThrownBy(() -> Mnist.load(dir))
                .isInstanceOf(IdxFormatException.class)
                .hasMessageContaining("holds the content of t10k-labels-idx1-ubyte")
                .hasMessageContaining("under each other's names");
        // Labels of no known data set, 10,000 of them for 60,000 images: the counts disagree.
        byte[] labels = new byte[8 + 10_000];
        labels[2] = 0x08;
        labels[3] = 1;
        labels[6] = (byte) (10_000 >> 8);
        labels[7] = (byte) (10_000 & 0xff);
        labels[8] = 3;
        Files.delete(dir.resolve("train-labels-idx1-ubyte.gz"));
        Files.write(dir.resolve("train-labels-idx1-ubyte"), labels);
        assertThatThrownBy(() -> Mnist.load(dir))
                .isInstanceOf(IdxFormatException.class)
                .hasMessageContaining("60000 images")
                .hasMessageContaining("10000 labels");
    }

    @Test
    void locatorPrefersTheExplicitDirectoryThenTheEnvironment() {
        assertThat(MnistLocator.resolve(Optional.of(Path.of("/a")), Optional.of("/b"))
                        .dir())
                .isEqualTo(Path.of("/a"));
        assertThat(MnistLocator.resolve(Optional.empty(), Optional.of("/b")).source())
                .isEqualTo("NN_MNIST_DIR");
        assertThat(MnistLocator.resolve(Optional.empty(), Optional.empty())
                        .dir()
                        .toString())
                .endsWith(".cache/nn/mnist");
    }
}
