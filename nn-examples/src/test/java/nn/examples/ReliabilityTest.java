package nn.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad options, bad output paths and runs that stopped learning: one clear line each, and nothing lost. */
class ReliabilityTest {

    static String dataDir() {
        return SharedMnist.dir().toString();
    }

    /** The first line of the error output, which is all a user should need. */
    private static String error(CommandLineTest.Run run) {
        return run.err().lines().findFirst().orElse("");
    }

    @Test
    void aLearningRateThatStopsLearningEndsTheRunWithTheReason() {
        CommandLineTest.Run run = CommandLineTest.run(
                "train-mnist",
                "--data-dir",
                dataDir(),
                "--learning-rate",
                "50",
                "--iterations",
                "3000",
                "--no-progress");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(error(run))
                .startsWith("error: Training stopped learning: the mean loss of epoch 2")
                .contains("Lower the learning rate")
                .contains("--no-divergence-check");
        assertThat(run.out()).contains("epoch  2").doesNotContain("epoch  3");
    }

    @Test
    void anOutputFileHasThePermissionsOfAnyNewFileAndNoTemporaryRemains(@TempDir Path tmp) throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                Files.getFileStore(tmp).supportsFileAttributeView("posix"), "a POSIX file system");
        Path plain = Files.createFile(tmp.resolve("plain"));
        Path report = tmp.resolve("report.json");
        OutputFiles.write(report, target -> Files.writeString(target, "{}"));
        assertThat(report).hasContent("{}");
        assertThat(Files.getPosixFilePermissions(report)).isEqualTo(Files.getPosixFilePermissions(plain));
        try (Stream<Path> files = Files.list(tmp)) {
            assertThat(files).containsExactlyInAnyOrder(plain, report);
        }
    }

    @Test
    void outputsAreCheckedBeforeAnyWork(@TempDir Path tmp) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("existing"));
        CommandLineTest.Run run =
                CommandLineTest.run("train-mnist", "--data-dir", dataDir(), "--report", dir.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(error(run)).contains("--report " + dir + " is a directory").contains("report.json");
        assertThat(run.out()).doesNotContain("training");

        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        run = CommandLineTest.run(
                "train",
                "--data-dir",
                dataDir(),
                "--plot",
                file.resolve("plot.png").toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(error(run)).contains("cannot write --plot").contains("not a directory");
        assertThat(run.out()).doesNotContain("training");
    }

    @Test
    void everyOutputCreatesItsMissingDirectoriesAndLeavesNoTemporaries(@TempDir Path tmp) throws IOException {
        Path report = tmp.resolve("new/reports/run.json");
        Path plot = tmp.resolve("new/plots/run.png");
        CommandLineTest.Run run = CommandLineTest.run(
                "train-mnist",
                "--data-dir",
                dataDir(),
                "--iterations",
                "100",
                "--no-progress",
                "--report",
                report.toString(),
                "--plot",
                plot.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(report).isRegularFile();
        assertThat(plot).isRegularFile();
        try (Stream<Path> files = Files.walk(tmp)) {
            assertThat(files.map(Path::toString)).noneMatch(p -> p.contains(".tmp") || p.endsWith(".part"));
        }
    }

    @Test
    void aFailedWriteKeepsThePreviousFileAndLeavesNoTemporary(@TempDir Path tmp) throws IOException {
        Path plot = Files.writeString(tmp.resolve("plot.png"), "the previous plot");
        assertThatThrownBy(() -> OutputFiles.write(plot, ".tmp.png", temp -> {
                    Files.writeString(temp, "half a pl");
                    throw new IOException("disk full");
                }))
                .hasMessage("disk full");
        assertThat(plot).hasContent("the previous plot");
        try (Stream<Path> files = Files.list(tmp)) {
            assertThat(files).containsExactly(plot);
        }
    }

    @Test
    void conflictingOrImpossibleOptionsAreRefusedBeforeTheDataIsRead() {
        CommandLineTest.Run run =
                CommandLineTest.run("train-mnist", "--data-dir", dataDir(), "--epochs", "2", "--iterations", "10");
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("--epochs and --iterations exclude each other");

        run = CommandLineTest.run("train-mnist", "--data-dir", dataDir(), "--learning-rate", "NaN");
        assertThat(error(run))
                .isEqualTo("error: --learning-rate: The learning rate must be a positive number, not NaN");
        assertThat(run.out()).doesNotContain("training");

        run = CommandLineTest.run("train-mnist", "--data-dir", dataDir(), "--hidden", "0");
        assertThat(error(run)).isEqualTo("error: --hidden must be positive, not 0");

        run = CommandLineTest.run("train-mnist", "--data-dir", dataDir(), "--iterations", "2147483647");
        assertThat(error(run)).contains("--iterations 2147483647 is more than the 50000000 allowed");

        run = CommandLineTest.run("train-mnist", "--data-dir", dataDir(), "--epochs", "5000000");
        assertThat(error(run)).contains("--epochs").contains("at most 50000000").doesNotContain("overflow");

        run = CommandLineTest.run("train-mnist", "--data-dir", dataDir(), "--batch-size", "1000000");
        assertThat(error(run)).contains("--batch-size 1000000 is more than the 60000 allowed");
        assertThat(run.out()).doesNotContain("training");
    }

    @Test
    void theReportSaysOneThreadForTheReferenceBackend(@TempDir Path tmp) throws IOException {
        Path report = tmp.resolve("r.json");
        CommandLineTest.Run run = CommandLineTest.run(
                "train-mnist",
                "--data-dir",
                dataDir(),
                "--backend",
                "reference",
                "--iterations",
                "20",
                "--no-progress",
                "--report",
                report.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(TrainingReport.read(report).settings().threads()).isEqualTo(1);
    }
}
