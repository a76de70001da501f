package nn.examples;

import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import nn.api.Backend;
import nn.api.Parameter;
import nn.core.optim.AdaGrad;
import nn.core.optim.Adam;
import nn.core.optim.Momentum;
import nn.core.optim.Optimizer;
import nn.core.optim.Sgd;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code optimizer-compare-naive}: the book's {@code optimizer_compare_naive.py}. Each optimizer minimises
 * {@code f(x, y) = x²/20 + y²} from {@code (-7, 2)} for 30 steps, with the book's learning rates; the trajectories
 * are printed and drawn.
 */
@Command(
        name = "optimizer-compare-naive",
        mixinStandardHelpOptions = true,
        description = "The optimizers on f(x, y) = x²/20 + y² from (-7, 2), as optimizer_compare_naive.py: each "
                + "trajectory printed, and drawn with --plot.")
final class OptimizerCompareNaiveCommand implements Callable<Integer> {

    /** The book's step count. */
    static final int STEPS = 30;

    private final Provider<Backend> backend;

    @Spec
    CommandSpec spec;

    @Mixin
    BackendOption backendOption;

    @Inject
    OptimizerCompareNaiveCommand(Provider<Backend> backend) {
        this.backend = backend;
    }

    @Option(names = "--plot", paramLabel = "FILE.png", description = "Draw the four trajectories into this PNG.")
    Path plot;

    /** The four optimizers with the book's learning rates for this function. */
    static Map<String, Optimizer> optimizers() {
        Map<String, Optimizer> optimizers = new LinkedHashMap<>();
        optimizers.put("SGD", new Sgd(0.95));
        optimizers.put("Momentum", new Momentum(0.1, 0.9));
        optimizers.put("AdaGrad", new AdaGrad(1.5));
        optimizers.put("Adam", new Adam(0.3, 0.9, 0.999));
        return optimizers;
    }

    /** The positions visited, the start first: {@code [STEPS + 1][2]}. */
    static double[][] trajectory(Backend backend, Optimizer optimizer) {
        Parameter x = new Parameter("x", backend.of(new double[] {-7.0}, 1));
        Parameter y = new Parameter("y", backend.of(new double[] {2.0}, 1));
        double[][] path = new double[STEPS + 1][];
        for (int i = 0; i < STEPS; i++) {
            double xi = x.value().get(0);
            double yi = y.value().get(0);
            path[i] = new double[] {xi, yi};
            // df/dx = x/10, df/dy = 2y
            x.grad().set(xi / 10.0, 0);
            y.grad().set(2.0 * yi, 0);
            optimizer.update(List.of(x, y));
        }
        path[STEPS] = new double[] {x.value().get(0), y.value().get(0)};
        return path;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        OutputFiles.check("--plot", plot);
        Map<String, double[][]> paths = new LinkedHashMap<>();
        Backend b = backend.get();
        optimizers().forEach((name, optimizer) -> paths.put(name, trajectory(b, optimizer)));
        StringBuilder header = new StringBuilder("step");
        for (String name : paths.keySet()) {
            header.append(String.format(Locale.ROOT, " | %-21s", name + " (x, y)"));
        }
        out.println(header);
        for (int i = 0; i <= STEPS; i++) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%4d", i));
            for (double[][] path : paths.values()) {
                row.append(String.format(Locale.ROOT, " | %9.5f, %9.5f", path[i][0], path[i][1]));
            }
            out.println(row);
        }
        out.flush();
        if (plot != null) {
            List<XYChart> charts = new ArrayList<>();
            for (Map.Entry<String, double[][]> e : paths.entrySet()) {
                XYChart chart = new XYChartBuilder()
                        .width(420)
                        .height(320)
                        .title(e.getKey())
                        .xAxisTitle("x")
                        .yAxisTitle("y")
                        .build();
                double[][] path = e.getValue();
                double[] xs = new double[path.length];
                double[] ys = new double[path.length];
                for (int i = 0; i < path.length; i++) {
                    xs[i] = path[i][0];
                    ys[i] = path[i][1];
                }
                XYSeries series = chart.addSeries("path", xs, ys);
                series.setMarker(SeriesMarkers.CIRCLE);
                XYSeries minimum = chart.addSeries("minimum", new double[] {0}, new double[] {0});
                minimum.setMarker(SeriesMarkers.CROSS);
                chart.getStyler()
                        .setXAxisMin(-10.0)
                        .setXAxisMax(10.0)
                        .setYAxisMin(-10.0)
                        .setYAxisMax(10.0)
                        .setLegendVisible(false);
                charts.add(chart);
            }
            Experiments.writePng(plot, charts, 2, 2);
            out.println("plot written to " + plot);
            out.flush();
        }
        return 0;
    }
}
