package nn.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import nn.api.Backends;
import nn.core.optim.Optimizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code train} command and the book's chapter-6 experiments, through the command line, on real MNIST. */
class Chapter6CommandsTest {

    static String dataDir() {
        return SharedMnist.dir().toString();
    }

    @Test
    void theNaiveComparisonFollowsTheBooksFormulasAndDraws(@TempDir Path tmp) throws IOException {
        Path png = tmp.resolve("naive.png");
        CommandLineTest.Run run = CommandLineTest.run("optimizer-compare-naive", "--plot", png.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        // SGD (lr 0.95) from (-7, 2) with gradient (x/10, 2y): (-7 + 0.665, 2 - 3.8).
        assertThat(run.out()).containsPattern("\\n\\s+1 \\|  -6\\.33500,  -1\\.80000 \\|");
        assertThat(run.out().lines().filter(l -> l.matches("\\s*\\d+ \\|.*"))).hasSize(31);
        assertThat(ImageIO.read(png.toFile()).getWidth()).isGreaterThan(500);
        // Every optimizer ends much nearer the minimum than it started, the same way every time.
        for (Optimizer optimizer : OptimizerCompareNaiveCommand.optimizers().values()) {
            double[][] path = OptimizerCompareNaiveCommand.trajectory(Backends.get(), optimizer);
            double[] end = path[OptimizerCompareNaiveCommand.STEPS];
            assertThat(Math.hypot(end[0], end[1]))
                    .as(optimizer.getClass().getSimpleName())
                    .isLessThan(1.0);
        }
        assertThat(OptimizerCompareNaiveCommand.trajectory(Backends.get(), new nn.core.optim.Adam(0.3, 0.9, 0.999)))
                .isDeepEqualTo(OptimizerCompareNaiveCommand.trajectory(
                        Backends.get(), new nn.core.optim.Adam(0.3, 0.9, 0.999)));
    }

    /** The book's floor: a 5-layer He/Adam net reaches 0.97 in 5 epochs (its NumPy code: 0.9728 and 0.9746). */
    @Test
    void aFiveLayerNetWithHeAndAdamReaches97PercentInFiveEpochs(@TempDir Path tmp) throws IOException {
        Path report = tmp.resolve("train.json");
        CommandLineTest.Run run = CommandLineTest.run(
                "train",
                "--data-dir",
                dataDir(),
                "--hidden",
                "100,100,100,100",
                "--init",
                "he",
                "--optimizer",
                "adam",
                "--epochs",
                "5",
                "--no-progress",
                "--report",
                report.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        TrainingReport r = TrainingReport.read(report);
        assertThat(r.finalTestAccuracy()).isGreaterThanOrEqualTo(0.97);
        assertThat(r.epochs()).hasSize(5);
        assertThat(r.settings().optimizer()).isEqualTo("adam");
        assertThat(r.settings().learningRate()).isEqualTo(0.001);
        assertThat(r.settings().network()).contains("[100, 100, 100, 100]", "init he");
    }

    /** The book's initialisation experiment: std 0.01 and SGD (lr 0.01) leave a 5-layer net near chance. */
    @Test
    void withStd001AndSgdTheDeepNetStaysNearChance() {
        CommandLineTest.Run run = CommandLineTest.run(
                "train",
                "--data-dir",
                dataDir(),
                "--init",
                "0.01",
                "--optimizer",
                "sgd",
                "--lr",
                "0.01",
                "--epochs",
                "2",
                "--no-progress");
        assertThat(run.exitCode()).as(run.err()).isZero();
        Matcher m = Pattern.compile("final    \\| train_acc: ([0-9.]+) \\| test_acc: ([0-9.]+)")
                .matcher(run.out());
        assertThat(m.find()).as(run.out()).isTrue();
        assertThat(Double.parseDouble(m.group(2))).isLessThan(0.2);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"reference, float64", "reference, float32", "simd, float64", "simd, float32"})
    void batchNormDropoutAndAdamTrainWithoutNaNOnEveryBackendAndDtype(String backend, String dtype) {
        if (Backends.providers().stream()
                .noneMatch(p -> p.name().equals(backend) && p.availability().usable())) {
            return;
        }
        CommandLineTest.Run run = CommandLineTest.run(
                "train",
                "--data-dir",
                dataDir(),
                "--backend",
                backend,
                "--dtype",
                dtype,
                "--hidden",
                "100,100,100,100,100,100",
                "--batchnorm",
                "--dropout",
                "0.2",
                "--optimizer",
                "adam",
                // One epoch of 200 steps on 20,000 images: one evaluation, so the reference backend takes seconds.
                "--iterations",
                "200",
                "--train-size",
                "20000",
                "--no-progress");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("batchnorm, dropout 0.2")
                .contains("in " + dtype)
                .doesNotContain("NaN");
        Matcher m = Pattern.compile("final    \\| train_acc: ([0-9.]+) \\| test_acc: ([0-9.]+)")
                .matcher(run.out());
        assertThat(m.find()).isTrue();
        assertThat(Double.parseDouble(m.group(2))).isGreaterThan(0.8);
    }

    @Test
    void theMnistComparisonsPrintEveryHundredStepsAndDraw(@TempDir Path tmp) throws IOException {
        for (String command : List.of("optimizer-compare-mnist", "weight-init-compare")) {
            Path png = tmp.resolve(command + ".png");
            CommandLineTest.Run run = CommandLineTest.run(
                    command, "--data-dir", dataDir(), "--iterations", "200", "--plot", png.toString());
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out())
                    .contains("===== iteration: 100 =====")
                    .contains("===== iteration: 200 =====")
                    .contains("smoothed loss at the end:");
            assertThat(ImageIO.read(png.toFile()).getWidth()).isGreaterThan(500);
        }
    }

    @Test
    void batchNormTestAndOverfitRunAndDraw(@TempDir Path tmp) throws IOException {
        Path bn = tmp.resolve("bn.png");
        CommandLineTest.Run run = CommandLineTest.run(
                "batch-norm-test",
                "--data-dir",
                dataDir(),
                "--scales",
                "2",
                "--epochs",
                "2",
                "--train-size",
                "300",
                "--plot",
                bn.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("1.00e+00 |").contains("1.00e-04 |");
        assertThat(ImageIO.read(bn.toFile())).isNotNull();

        Path overfit = tmp.resolve("overfit.png");
        run = CommandLineTest.run(
                "overfit",
                "--data-dir",
                dataDir(),
                "--regularization",
                "dropout",
                "--epochs",
                "3",
                "--plot",
                overfit.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("dropout 0.2")
                .contains("epoch: 3, train acc:")
                .contains("final gap");
        assertThat(ImageIO.read(overfit.toFile())).isNotNull();
        run = CommandLineTest.run("overfit", "--data-dir", dataDir(), "--regularization", "lasso");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("Unknown --regularization 'lasso'; use none, weight-decay or dropout");
    }

    @Test
    void conflictingOrUnknownOptionsAreRefusedBeforeAnyWork() {
        CommandLineTest.Run run =
                CommandLineTest.run("train", "--data-dir", dataDir(), "--epochs", "1", "--iterations", "10");
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("--epochs and --iterations exclude each other");
        run = CommandLineTest.run("train", "--data-dir", dataDir(), "--optimizer", "lbfgs");
        assertThat(run.err()).contains("Unknown optimizer 'lbfgs'").doesNotContain("MNIST loaded");
        assertThat(run.out()).doesNotContain("MNIST loaded");
        run = CommandLineTest.run("train", "--data-dir", dataDir(), "--init", "glorot");
        assertThat(run.err()).contains("Unknown weight initialisation 'glorot'");
    }
}
