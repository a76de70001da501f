package nn.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** gradient-check and train-mnist through the command line's code path, on the real MNIST files. */
class MnistCommandsTest {

    static String dataDir() {
        return SharedMnist.dir().toString();
    }

    @Test
    void gradientCheckIsBelowOneMillionthForEveryParameter() {
        CommandLineTest.Run run = CommandLineTest.run("gradient-check", "--data-dir", dataDir());
        assertThat(run.exitCode()).as(run.err()).isZero();
        Map<String, Double> values = new java.util.LinkedHashMap<>();
        for (String line : run.out().lines().toList()) {
            String[] parts = line.split(":", 2);
            if (parts.length == 2 && parts[0].matches("[Wb][12]")) {
                values.put(parts[0], Double.parseDouble(parts[1].trim().split("\\s+", -1)[0]));
            }
        }
        assertThat(values.keySet()).containsExactly("W1", "b1", "W2", "b2");
        assertThat(values.values())
                .allSatisfy(v -> assertThat(v).isLessThan(1e-6).isGreaterThanOrEqualTo(0));
        assertThat(run.out()).contains("OK");
    }

    @Test
    void shortRunReportsEverythingAndIsReproducible(@TempDir Path tmp) throws IOException {
        String[] args = {"train-mnist", "--data-dir", dataDir(), "--iterations", "1200", "--seed", "7", "--no-progress"
        };
        Path first = tmp.resolve("first.json");
        Path second = tmp.resolve("second.json");
        Path png = tmp.resolve("curves.png");
        CommandLineTest.Run run =
                CommandLineTest.run(concat(args, "--report", first.toString(), "--plot", png.toString()));
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .containsPattern("epoch  1 \\| train_acc: 0\\.\\d{4} \\| test_acc: 0\\.\\d{4}")
                .contains("epoch  2 |")
                .contains("final ")
                .contains("train ");
        // The second run without the warm-up beside the load: a warm-up changes nothing but the timings.
        assertThat(CommandLineTest.run(concat(args, "--report", second.toString(), "--no-warm-up"))
                        .exitCode())
                .isZero();

        JsonNode a = TrainingReport.JSON.readTree(first.toFile());
        JsonNode b = TrainingReport.JSON.readTree(second.toFile());
        for (String key : List.of(
                "backend",
                "settings",
                "final_train_accuracy",
                "final_test_accuracy",
                "train_seconds",
                "eval_seconds",
                "background_eval_seconds",
                "iterations_per_second",
                "epochs")) {
            assertThat(a.has(key)).as(key).isTrue();
        }
        assertThat(a.get("epochs")).hasSize(2);
        JsonNode epoch = a.get("epochs").get(1);
        assertThat(List.of("epoch", "train_accuracy", "test_accuracy", "loss"))
                .allSatisfy(k -> assertThat(epoch.has(k)).isTrue());
        assertThat(a.get("final_test_accuracy").asDouble()).isGreaterThan(0.9);
        assertThat(a.get("settings").get("iterations").asInt()).isEqualTo(1200);
        assertThat(a.get("settings").get("seed").asLong()).isEqualTo(7);
        assertThat(a.get("train_seconds").asDouble()).isPositive();

        // Same seed, same backend: the same report, timings aside.
        assertThat(b.get("warm_up_steps").asInt()).isZero();
        assertThat(a.get("warm_up_steps").asInt()).isNotNegative();
        assertThat(withoutTimings(b)).isEqualTo(withoutTimings(a));

        var image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isGreaterThan(1000);
    }

    @Test
    void anotherSeedGivesAnotherRun(@TempDir Path tmp) throws IOException {
        Path a = tmp.resolve("a.json");
        Path b = tmp.resolve("b.json");
        String[] args = {"train-mnist", "--data-dir", dataDir(), "--iterations", "100", "--no-progress", "--report"};
        assertThat(CommandLineTest.run(concat(args, a.toString(), "--seed", "1"))
                        .exitCode())
                .isZero();
        assertThat(CommandLineTest.run(concat(args, b.toString(), "--seed", "2"))
                        .exitCode())
                .isZero();
        assertThat(TrainingReport.read(a).finalLoss())
                .isNotEqualTo(TrainingReport.read(b).finalLoss());
    }

    @Test
    void shuffledEpochsAreChosenAsTheReadmeWritesIt(@TempDir Path tmp) throws IOException {
        Path report = tmp.resolve("r.json");
        CommandLineTest.Run run = CommandLineTest.run(
                "train-mnist",
                "--data-dir",
                dataDir(),
                "--iterations",
                "50",
                "--sampling",
                "shuffled_epochs",
                "--no-progress",
                "--report",
                report.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(TrainingReport.read(report).settings().sampling()).isEqualTo("shuffled_epochs");
    }

    @Test
    void epochsAndTheConfusionMatrix(@TempDir Path tmp) throws IOException {
        Path report = tmp.resolve("r.json");
        CommandLineTest.Run run = CommandLineTest.run(
                "train-mnist",
                "--data-dir",
                dataDir(),
                "--epochs",
                "1",
                "--batch-size",
                "200",
                "--confusion-matrix",
                "--no-progress",
                "--report",
                report.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        TrainingReport r = TrainingReport.read(report);
        assertThat(r.settings().iterations()).isEqualTo(300);
        assertThat(r.epochs()).hasSize(1);
        java.util.List<java.util.List<Long>> m = r.testConfusionMatrix();
        assertThat(m.stream()
                        .flatMap(java.util.List::stream)
                        .mapToLong(Long::longValue)
                        .sum())
                .isEqualTo(10_000);
        long diagonal = 0;
        for (int i = 0; i < 10; i++) {
            diagonal += m.get(i).get(i);
        }
        assertThat(diagonal / 10_000.0).isEqualTo(r.finalTestAccuracy());
        assertThat(run.out()).contains("test confusion matrix").contains("true\\pred");
    }

    @Test
    void missingDataThatCannotBeDownloadedIsAClearError(@TempDir Path empty) {
        // A mirror on the loopback address that refuses connections: no traffic leaves the machine.
        var offline = com.google.inject.util.Modules.override(new NnModule())
                .with(new com.google.inject.AbstractModule() {
                    @Override
                    protected void configure() {
                        bind(MnistSource.Mirrors.class)
                                .toInstance(new MnistSource.Mirrors(
                                        List.of(java.net.URI.create("http://127.0.0.1:9/mnist/"))));
                    }
                });
        CommandLineTest.Run run = CommandLineTest.run(
                offline, "train-mnist", "--data-dir", empty.toString(), "--iterations", "1", "--download");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err())
                .contains(
                        "MNIST files missing",
                        "train-images-idx3-ubyte.gz",
                        empty.toString(),
                        "NN_MNIST_DIR",
                        "127.0.0.1:9: connection refused")
                .doesNotContain("null");
        // One line per file and a short summary, not one long line.
        assertThat(run.err().lines().filter(l -> l.contains("connection refused")))
                .hasSize(4);
        assertThat(run.err().lines()).allSatisfy(l -> assertThat(l.length()).isLessThan(200));
        assertThat(empty.toFile().list()).as("nothing half-downloaded is left").isEmpty();

        // Without --download an explicit directory is never downloaded into.
        run = CommandLineTest.run(offline, "train-mnist", "--data-dir", empty.toString(), "--iterations", "1");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err())
                .contains("MNIST files missing")
                .contains("add --download")
                .doesNotContain("refused");
        run = CommandLineTest.run(
                offline, "train-mnist", "--data-dir", empty.resolve("nowhere").toString());
        assertThat(run.err()).contains("does not exist").contains("--download");
        assertThat(empty.resolve("nowhere")).doesNotExist();
    }

    @Test
    void anEntryThatIsNoFileIsNamedAsWhatItIs(@TempDir Path dir) throws IOException {
        java.nio.file.Files.createDirectories(dir.resolve("train-images-idx3-ubyte.gz"));
        CommandLineTest.Run run = CommandLineTest.run("train-mnist", "--data-dir", dir.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("train-images-idx3-ubyte.gz is a directory");
        java.nio.file.Files.delete(dir.resolve("train-images-idx3-ubyte.gz"));
        java.nio.file.Files.createSymbolicLink(dir.resolve("train-images-idx3-ubyte.gz"), dir.resolve("gone"));
        run = CommandLineTest.run("train-mnist", "--data-dir", dir.toString());
        assertThat(run.err()).contains("is a broken symbolic link");
    }

    @Test
    void fashionMnistTrainsAndIsNotCalledMnist() {
        java.nio.file.Path fashion = SharedMnist.dir().resolveSibling("fashion-mnist");
        CommandLineTest.Run run = CommandLineTest.run(
                "train-mnist", "--data-dir", fashion.toString(), "--iterations", "600", "--no-progress");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("epoch  1").doesNotContain("digit");
        assertThat(run.out()).containsPattern("test_acc: 0\\.[5-9]");
    }

    private static JsonNode withoutTimings(JsonNode report) {
        var copy = report.deepCopy();
        Iterator<String> names = copy.fieldNames();
        List<String> timing = new java.util.ArrayList<>();
        names.forEachRemaining(n -> {
            if (n.endsWith("_seconds") || n.equals("iterations_per_second") || n.equals("warm_up_steps")) {
                timing.add(n);
            }
        });
        ((com.fasterxml.jackson.databind.node.ObjectNode) copy).remove(timing);
        return copy;
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
