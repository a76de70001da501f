package nn.bench;

import java.util.Collection;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the benchmarks with JMH's own options (a regex, {@code -p threads=1,2}, {@code -f}, {@code -wi}, and
 * {@code -h}, {@code -l}, {@code -lp}, {@code -lprof}, which JMH answers without running anything), then prints
 * each result as time per operation, GFLOP/s and the percentage of the machine's FMA peak: the float64 peak per
 * core from {@code -Dnn.peak}, else from {@link PeakBenchmark} when it ran, else {@value #MEASURED_PEAK} GFLOP/s
 * (measured on the project's machines); float32 counts twice that. GFLOP/s count the dense work (2 flops per
 * multiply-add of the full product), so a product that skips zeros can exceed 100%.
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
        Options options = new OptionsBuilder().parent(command).build();
        Collection<RunResult> results = new Runner(options).run();
        double peak = peak(results);
        System.out.println();
        System.out.println(
                "benchmark                          backend    threads  dtype    product                   shape"
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
            double flops = flops(name, shape, params.getParam("split"));
            String product = params.getParam("product") != null
                    ? params.getParam("product")
                    : params.getParam("pixels") != null
                            ? "pixels=" + params.getParam("pixels")
                                    + (params.getParam("rows") != null ? " rows=" + params.getParam("rows") : "")
                            : "";
            double gflops = flops / (micros * 1e3);
            // An operation runs on nn's threads; with JMH's own threads (-t, a group such as the core-to-core round
            // trip), each thread times its own operations, so its share is of one core.
            String nnThreads = params.getParam("threads");
            int threads = nnThreads == null ? 1 : Integer.parseInt(nnThreads);
            double machinePeak = peak * threads * ("float32".equals(params.getParam("dtype")) ? 2 : 1);
            System.out.println(String.format(
                    Locale.ROOT,
                    "%-34s %-10s %7s  %-7s  %-25s %-12s %8s  %8s  %9s",
                    name,
                    params.getParam("backend") == null ? "-" : params.getParam("backend"),
                    nnThreads == null ? Integer.toString(params.getThreads()) : nnThreads,
                    params.getParam("dtype") == null ? "-" : params.getParam("dtype"),
                    product,
                    shape,
                    // Sub-microsecond results (a core-to-core round trip) keep three digits.
                    String.format(Locale.ROOT, micros < 10 ? "%.3f" : "%.1f", micros),
                    flops > 0 ? String.format(Locale.ROOT, "%.2f", gflops) : "-",
                    flops > 0 ? String.format(Locale.ROOT, "%.1f%%", 100 * gflops / machinePeak) : "-"));
        }
    }

    /**
     * The float64 FMA peak of one core in GFLOP/s: {@code -Dnn.peak} if given, else PeakBenchmark's float64 result
     * if it ran, else {@value #MEASURED_PEAK} (measured by PeakBenchmark on the project's machines).
     */
    static double peak(Collection<RunResult> results) {
        String given = System.getProperty(PEAK);
        if (given != null) {
            return Double.parseDouble(given);
        }
        for (RunResult r : results) {
            var params = r.getParams();
            if (params.getBenchmark().endsWith("PeakBenchmark.fma") && "float64".equals(params.getParam("dtype"))) {
                double peak = flops("PeakBenchmark.fma", "", null)
                        / (r.getPrimaryResult().getScore() * 1e3);
                System.out.println(
                        String.format(Locale.ROOT, "%nmeasured FMA peak: %.1f GFLOP/s per core (float64)", peak));
                return peak;
            }
        }
        return MEASURED_PEAK;
    }

    /**
     * The float64 FMA peak of one core of the project's machines (AMD EPYC Zen 5, 2 vCPUs), in GFLOP/s, measured
     * with PeakBenchmark (58.2 to 58.5 in three runs, the same as a C loop of AVX-512 FMAs gives there; float32
     * twice that). One 512-bit FMA per cycle: not the 120 GFLOP/s of two FMA pipes.
     */
    static final double MEASURED_PEAK = 58;

    /**
     * The multiply-add work of one operation, counted as 2 flops per multiply-add; {@code split} is
     * EvaluatorBenchmark's data set ({@code test} when null).
     */
    static double flops(String benchmark, String shape, @Nullable String split) {
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
            case "EvaluatorBenchmark.evaluate" -> {
                int images = "train".equals(split) ? 60_000 : 10_000;
                return images * (layer1 + layer2) / 100;
            }
            case "PeakBenchmark.fma" -> {
                return 2.0 * PeakBenchmark.LANE_FMAS;
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
