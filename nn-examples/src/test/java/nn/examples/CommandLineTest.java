package nn.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import com.google.inject.util.Modules;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import nn.api.Backend;
import nn.api.BackendSelection;
import nn.reference.ReferenceBackendProvider;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The examples through the same code path as {@code java -jar nn-examples.jar <command>}. */
class CommandLineTest {

    /** What one command printed, and its exit code. */
    record Run(int exitCode, String out, String err) {

        /** The {@code name: value} lines of the output. */
        Map<String, Double> values() {
            Map<String, Double> values = new LinkedHashMap<>();
            for (String line : out.lines().toList()) {
                String[] parts = line.split(": ", 2);
                if (parts.length == 2) {
                    values.put(parts[0], Double.parseDouble(parts[1]));
                }
            }
            return values;
        }
    }

    static Run run(com.google.inject.Module module, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine(module);
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    static Run run(String... args) {
        return run(new NnModule(), args);
    }

    @Test
    void applePrintsTheBooksNumbers() {
        Run run = run("apple");
        assertThat(run.exitCode()).isZero();
        Map<String, Double> v = run.values();
        assertThat(v.keySet()).containsExactly("price", "dApple", "dApple_num", "dTax");
        assertThat(v.get("price")).isCloseTo(220, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(v.get("dApple")).isCloseTo(2.2, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(v.get("dApple_num")).isCloseTo(110, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(v.get("dTax")).isCloseTo(200, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void appleOrangePrintsTheBooksNumbersInTheBooksOrder() {
        Run run = run("apple-orange");
        assertThat(run.exitCode()).isZero();
        Map<String, Double> v = run.values();
        assertThat(v.keySet()).containsExactly("price", "dApple_num", "dApple", "dOrange", "dOrange_num", "dTax");
        double[] expected = {715, 110, 2.2, 3.3, 165, 650};
        int i = 0;
        for (double value : v.values()) {
            assertThat(value).isCloseTo(expected[i++], org.assertj.core.data.Offset.offset(1e-9));
        }
        // Printed as Java prints doubles, digit for digit like the book's Python.
        assertThat(run.out()).contains("price: 715.0000000000001", "dOrange: 3.3000000000000003", "dTax: 650.0");
    }

    @Test
    void backendsShowsEveryProviderAndTheChoice() {
        Run run = run("backends");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("reference", "usable", "Chosen: ");
    }

    @Test
    void backendOptionChoosesExplicitly() {
        Run run = run("backends", "--backend", "reference");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Chosen: reference", "--backend reference");
    }

    @Test
    void unknownBackendIsAnErrorThatListsTheAvailableOnes() {
        Run run = run("apple", "--backend", "cuda");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("Unknown nn backend 'cuda'", "reference");
    }

    @Test
    void aTestCanBindAnotherBackend() {
        Backend oracle = ReferenceBackendProvider.backend();
        BackendSelection fixed = new BackendSelection(oracle, "bound by a test", "", java.util.List.of());
        Run run = run(
                Modules.override(new NnModule()).with(new AbstractModule() {
                    @Override
                    protected void configure() {
                        bind(BackendSelection.class).toInstance(fixed);
                    }
                }),
                "backends");
        assertThat(run.out()).contains("bound by a test");
    }

    @Test
    void noCommandIsAUsageError() {
        Run run = run();
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Missing command");
    }

    @Test
    void fileSystemErrorsSayWhatHappenedNotJustThePath() {
        assertThat(Main.userMessage(new java.nio.file.AccessDeniedException("/data/x.gz")))
                .isEqualTo("/data/x.gz: permission denied");
        assertThat(Main.userMessage(new java.nio.file.NoSuchFileException("/data/y")))
                .isEqualTo("/data/y: no such file or directory");
        assertThat(Main.userMessage(new com.google.inject.ProvisionException(
                        "wrapped", new IllegalArgumentException("the real reason"))))
                .isEqualTo("the real reason");
        assertThat(Main.userMessage(new IllegalStateException())).isEqualTo("IllegalStateException");
    }
}
