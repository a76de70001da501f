package nn.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import nn.api.Backend;
import nn.api.Backends;
import nn.api.DType;
import nn.core.network.Network;
import nn.mnist.IdxFile;
import nn.safetensors.ModelFile;
import nn.safetensors.SafeTensors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Models that last, through the command line on the real MNIST: train-mnist --save, --checkpoint-every and
 * --resume, predict on IDX and image files, and the files read and written by NumPy alone.
 */
class ModelCommandsTest {

    @TempDir
    static Path dir;

    private static Path whole;
    private static Path resumed;
    private static Path testImages;

    @BeforeAll
    static void trainOnceAndInTwoHalves() {
        String data = SharedMnist.dir().toString();
        testImages = SharedMnist.dir().resolve("t10k-images-idx3-ubyte.gz");
        whole = dir.resolve("whole.safetensors");
        resumed = dir.resolve("resumed.safetensors");
        Path checkpoint = dir.resolve("half.safetensors");
        CommandLineTest.Run once =
                CommandLineTest.run("train-mnist", "--data-dir", data, "--no-progress", "--save", whole.toString());
        assertThat(once.exitCode()).as(once.err()).isZero();
        assertThat(once.out()).contains("model saved to " + whole);
        CommandLineTest.Run first = CommandLineTest.run(
                "train-mnist",
                "--data-dir",
                data,
                "--no-progress",
                "--iterations",
                "5000",
                "--checkpoint-every",
                "5000",
                "--checkpoint",
                checkpoint.toString());
        assertThat(first.exitCode()).as(first.err()).isZero();
        CommandLineTest.Run second = CommandLineTest.run(
                "train-mnist",
                "--data-dir",
                data,
                "--no-progress",
                "--resume",
                checkpoint.toString(),
                "--save",
                resumed.toString());
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(second.out()).contains("resuming from " + checkpoint + " after iteration 5000");
    }

    @Test
    void fiveThousandPlusFiveThousandIterationsGiveExactlyTheWeightsOfTenThousand() throws IOException {
        SafeTensors a = SafeTensors.read(whole);
        SafeTensors b = SafeTensors.read(resumed);
        for (String name : List.of("W1", "b1", "W2", "b2")) {
            assertThat(b.values(name)).as(name).containsExactly(a.values(name));
        }
        assertThat(Files.mismatch(whole, resumed)).isEqualTo(-1L);
    }

    @Test
    void aLoadedModelPredictsWhatTheBookPredicts() throws IOException {
        Network net = ModelFile.load(whole, Backends.get());
        double accuracy = new nn.core.metrics.Evaluator(Backends.get(), 1000)
                .accuracy(net, nn.mnist.Mnist.load(SharedMnist.dir()).test());
        assertThat(accuracy).isGreaterThan(0.965);
    }

    // ---------------------------------------------------------------- NumPy, both ways

    private static Path script(String name) {
        try {
            return Path.of(
                    ModelCommandsTest.class.getResource("/interop/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs python3; fails (not skips) when python3 or NumPy is missing: every machine here has both. */
    private static String python(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("python3"));
        command.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("python3 is needed for the NumPy interoperability test: " + e.getMessage(), e);
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("python3 %s:%n%s", args[0], output).isZero();
        return output;
    }

    /** The probabilities {@code net} gives the first {@code n} test images, as nn computes them. */
    private static double[] probabilities(Network net, Backend backend, int n) throws IOException {
        byte[] pixels = IdxFile.read(testImages).data();
        double[] x = new double[n * 784];
        for (int i = 0; i < x.length; i++) {
            x[i] = (pixels[i] & 0xff) / 255.0;
        }
        return net.predict(backend.of(DType.FLOAT64, x, n, 784)).softmax().toArray();
    }

    @Test
    void numpyReadsTheModelAndItsPredictionsAgreeToOneTrillionth() throws Exception {
        Backend backend = Backends.get();
        Network net = ModelFile.load(whole, backend);
        Path expected = dir.resolve("nn-probabilities.safetensors");
        SafeTensors.write(
                expected,
                Map.of("probabilities", backend.of(DType.FLOAT64, probabilities(net, backend, 1000), 1000, 10)),
                Map.of());
        String out = python(
                script("numpy_predict.py").toString(), whole.toString(), expected.toString(), testImages.toString());
        assertThat(out).startsWith("OK 1000 images").contains("classes agree");
    }

    @Test
    void nnLoadsAModelNumpyWroteAndPredictsWhatNumpyDoes() throws Exception {
        Path model = dir.resolve("numpy-model.safetensors");
        Path expected = dir.resolve("numpy-probabilities.safetensors");
        python(
                script("numpy_write.py").toString(),
                model.toString(),
                expected.toString(),
                testImages.toString(),
                "1000");
        for (String name : List.of("reference", "simd")) {
            Backend backend = Backends.get(name);
            Network net = ModelFile.load(model, backend);
            double[] mine = probabilities(net, backend, 1000);
            double[] numpy = SafeTensors.read(expected).values("probabilities");
            for (int i = 0; i < mine.length; i++) {
                assertThat(mine[i])
                        .as("%s, element %d", name, i)
                        .isCloseTo(numpy[i], org.assertj.core.data.Offset.offset(1e-12));
            }
        }
    }

    // ---------------------------------------------------------------- predict

    @Test
    void theCommittedDigitsAreTheOnesTheTestDraws() throws IOException {
        for (int d = 0; d < 10; d++) {
            BufferedImage committed = ImageIO.read(digit(d).toFile());
            Raster drawn = DigitDrawings.draw(d).getData();
            int[] a = committed.getData().getPixels(0, 0, DigitDrawings.SIZE, DigitDrawings.SIZE, (int[]) null);
            int[] b = drawn.getPixels(0, 0, DigitDrawings.SIZE, DigitDrawings.SIZE, (int[]) null);
            assertThat(a).as("digit %d (regenerate with DigitDrawings.main)", d).containsExactly(b);
        }
    }

    private static Path digit(int d) {
        return script("../digits/" + d + ".png").normalize();
    }

    @Test
    void predictClassifiesHandDrawnDigits() {
        List<String> args = new ArrayList<>(List.of("predict", "--model", whole.toString(), "--top", "3"));
        for (int d = 0; d < 10; d++) {
            args.add(digit(d).toString());
        }
        CommandLineTest.Run run = CommandLineTest.run(args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(10);
        int right = 0;
        for (int d = 0; d < 10; d++) {
            String[] fields = lines.get(d).split("\\s+", -1);
            // "7.png: 7  7 0.9904 9 0.0068 2 0.0010": the name, the class, then the top 3 classes and probabilities
            assertThat(fields[0]).isEqualTo(d + ".png:");
            assertThat(fields).hasSize(8);
            double p1 = Double.parseDouble(fields[3]);
            double p2 = Double.parseDouble(fields[5]);
            double p3 = Double.parseDouble(fields[7]);
            assertThat(p1).isBetween(0.0, 1.0).isGreaterThanOrEqualTo(p2);
            assertThat(p2).isGreaterThanOrEqualTo(p3);
            assertThat(fields[2]).isEqualTo(fields[1]);
            right += fields[1].equals(Integer.toString(d)) ? 1 : 0;
        }
        assertThat(right).as(run.out()).isGreaterThanOrEqualTo(9);
    }

    @Test
    void anMnistDigitSavedAsAPictureIsClassifiedAsItsIdxOriginal() throws IOException {
        // MNIST's first ten test digits, inverted (black on white) and enlarged 4 times, as a phone photo would be.
        byte[] pixels = IdxFile.read(testImages).data();
        List<String> args = new ArrayList<>(List.of("predict", "--model", whole.toString(), "--top", "1"));
        for (int i = 0; i < 10; i++) {
            BufferedImage image = new BufferedImage(112, 112, BufferedImage.TYPE_BYTE_GRAY);
            for (int y = 0; y < 112; y++) {
                for (int x = 0; x < 112; x++) {
                    int v = pixels[i * 784 + (y / 4) * 28 + x / 4] & 0xff;
                    image.getRaster().setSample(x, y, 0, 255 - v);
                }
            }
            Path png = dir.resolve("mnist-" + i + ".png");
            ImageIO.write(image, "png", png.toFile());
            args.add(png.toString());
        }
        CommandLineTest.Run pictures = CommandLineTest.run(args.toArray(String[]::new));
        CommandLineTest.Run idx = CommandLineTest.run(
                "predict", "--model", whole.toString(), "--top", "1", "--limit", "10", testImages.toString());
        assertThat(pictures.exitCode()).as(pictures.err()).isZero();
        assertThat(idx.exitCode()).as(idx.err()).isZero();
        List<String> fromPictures =
                pictures.out().lines().map(l -> l.split("\\s+", -1)[1]).toList();
        List<String> fromIdx =
                idx.out().lines().map(l -> l.split("\\s+", -1)[1]).toList();
        assertThat(fromIdx).hasSize(10);
        long agreeing = java.util.stream.IntStream.range(0, 10)
                .filter(i -> fromPictures.get(i).equals(fromIdx.get(i)))
                .count();
        assertThat(agreeing).as("%s%n%s", pictures.out(), idx.out()).isGreaterThanOrEqualTo(9);
    }

    @Test
    void predictSaysWhenItConvertsTheModel() {
        CommandLineTest.Run run = CommandLineTest.run(
                "predict", "--model", whole.toString(), "--dtype", "float32", "--limit", "2", testImages.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("holds float64 weights, converted to float32");
        assertThat(run.out().lines().filter(l -> l.startsWith("t10k-images-idx3-ubyte.gz[")))
                .hasSize(2);
    }

    @Test
    void predictRefusesWhatItCannotReadInOneLine() throws IOException {
        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "not a picture");
        CommandLineTest.Run run = CommandLineTest.run("predict", "--model", whole.toString(), text.toString());
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err().strip())
                .contains(text.toString())
                .contains("not an image")
                .doesNotContain("Exception");
        assertThat(run.err().strip().lines()).hasSize(1);

        CommandLineTest.Run noModel = CommandLineTest.run("predict", "--model", text.toString(), text.toString());
        assertThat(noModel.exitCode()).isNotZero();
        assertThat(noModel.err()).contains(text.toString()).doesNotContain("Exception");
    }
}
