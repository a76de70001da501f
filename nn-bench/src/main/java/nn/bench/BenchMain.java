package nn.bench;

import java.util.Collection;
import java.util.Locale;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the benchmarks (JMH's usual options apply: a regex, {@code -p threads=1,2}, {@code -f}, {@code -wi},
 * …) and then prints each result as time per operation and GFLOP/s.
 */
public final class BenchMain {

    private BenchMain() {}

    public static void main(String[] args) throws Exception {
        Options options =
                new OptionsBuilder().parent(new CommandLineOptions(args)).build();
        Collection<RunResult> results = new Runner(options).run();
        System.out.println();
        System.out.println(
                "benchmark                          backend    threads  dtype    shape         µs/op     GFLOP/s");
        for (RunResult r : results) {
            var params = r.getParams();
            String name = params.getBenchmark().replaceFirst("^nn\\.bench\\.", "");
            String shape = params.getParam("shape") == null ? "" : params.getParam("shape");
            double micros = r.getPrimaryResult().getScore();
            if (!r.getPrimaryResult().getScoreUnit().startsWith("us")) {
                throw new RunnerException(
                        "expected µs/op, got " + r.getPrimaryResult().getScoreUnit());
            }
            double flops = flops(name, shape);
            System.out.println(String.format(
                    Locale.ROOT,
                    "%-34s %-10s %7s  %-7s  %-12s %8.1f  %9s",
                    name,
                    params.getParam("backend"),
                    params.getParam("threads"),
                    params.getParam("dtype"),
                    shape,
                    micros,
                    flops > 0 ? String.format(Locale.ROOT, "%.2f", flops / (micros * 1e3)) : "-"));
        }
    }

    /** The multiply-add work of one operation, counted as 2 flops per multiply-add. */
    static double flops(String benchmark, String shape) {
        double layer1 = 2.0 * 100 * 784 * 50;
        double layer2 = 2.0 * 100 * 50 * 10;
        switch (benchmark) {
            case "MatmulBenchmark.matmul" -> {
                String[] mkn = shape.split("x", -1);
                return 2.0 * Long.parseLong(mkn[0]) * Long.parseLong(mkn[1]) * Long.parseLong(mkn[2]);
            }
            case "AffineBenchmark.forward" -> {
                return layer1;
            }
            case "AffineBenchmark.backward" -> {
                return 2 * layer1;
            }
            case "TrainingStepBenchmark.step" -> {
                // forward of both layers, dW of both, dx of the second only
                return 2 * layer1 + 3 * layer2;
            }
            default -> {
                return 0;
            }
        }
    }
}
