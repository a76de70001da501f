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
 * Runs the benchmarks with JMH's own options (a regex, {@code -p threads=1,2}, {@code -f}, {@code -wi}, and
 * {@code -h}, {@code -l}, {@code -lp}, {@code -lprof}, which JMH answers without running anything), then prints
 * each result as time per operation, GFLOP/s and the percentage of the machine's peak: {@code -Dnn.peak=120}
 * GFLOP/s per core in float64 (twice that in float32), the FMA peak measured on the project's machines (AMD EPYC
 * Zen 5, AVX-512); give your own machine's.
 */
public final class BenchMain {

    /** The property that gives the float64 FMA peak per core, in GFLOP/s. */
    public static final String PEAK = "nn.peak";

    private BenchMain() {}

    public static void main(String[] args) throws Exception {
        CommandLineOptions command = new CommandLineOptions(args);
        if (command.shouldHelp()
                || command.shouldList()
                || command.shouldListWithParams()
                || command.shouldListProfilers()
                || command.shouldListResultFormats()) {
            org.openjdk.jmh.Main.main(args); // JMH answers these itself, running nothing
            return;
        }
        double peak = Double.parseDouble(System.getProperty(PEAK, "120"));
        Options options = new OptionsBuilder().parent(command).build();
        Collection<RunResult> results = new Runner(options).run();
        System.out.println();
        System.out.println("benchmark                          backend    threads  dtype    product          shape"
                + "          µs/op   GFLOP/s  share of peak");
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
            String product = params.getParam("product") == null ? "" : params.getParam("product");
            double gflops = flops / (micros * 1e3);
            int threads = Integer.parseInt(params.getParam("threads"));
            double machinePeak = peak * threads * ("float32".equals(params.getParam("dtype")) ? 2 : 1);
            System.out.println(String.format(
                    Locale.ROOT,
                    "%-34s %-10s %7s  %-7s  %-16s %-12s %8.1f  %8s  %9s",
                    name,
                    params.getParam("backend"),
                    params.getParam("threads"),
                    params.getParam("dtype"),
                    product,
                    shape,
                    micros,
                    flops > 0 ? String.format(Locale.ROOT, "%.2f", gflops) : "-",
                    flops > 0 ? String.format(Locale.ROOT, "%.1f%%", 100 * gflops / machinePeak) : "-"));
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
            case "EvaluationBenchmark.predict" -> {
                return EvaluationBenchmark.CHUNK * (layer1 + layer2) / 100;
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
