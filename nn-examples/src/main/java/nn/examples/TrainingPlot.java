package nn.examples;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import nn.core.train.Trainer;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Draws a run's loss (every iteration) and accuracies (every epoch) side by side into a PNG, with XChart. */
final class TrainingPlot {

    private TrainingPlot() {}

    static void write(Path png, double[] losses, List<Trainer.Epoch> epochs) throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYChart loss = new XYChartBuilder()
                .width(640)
                .height(420)
                .title("Training loss")
                .xAxisTitle("iteration")
                .yAxisTitle("loss")
                .build();
        double[] iterations =
                IntStream.rangeClosed(1, losses.length).asDoubleStream().toArray();
        XYSeries lossSeries = loss.addSeries("loss", iterations, losses);
        lossSeries.setMarker(SeriesMarkers.NONE);
        loss.getStyler().setLegendVisible(false);
        loss.getStyler().setXAxisDecimalPattern("#").setXAxisTickMarkSpacingHint(120);

        XYChart accuracy = new XYChartBuilder()
                .width(640)
                .height(420)
                .title("Accuracy")
                .xAxisTitle("epoch")
                .yAxisTitle("accuracy")
                .build();
        if (!epochs.isEmpty()) {
            double[] epochNumbers =
                    epochs.stream().mapToDouble(Trainer.Epoch::epoch).toArray();
            accuracy.addSeries(
                    "train",
                    epochNumbers,
                    epochs.stream().mapToDouble(Trainer.Epoch::trainAccuracy).toArray());
            accuracy.addSeries(
                    "test",
                    epochNumbers,
                    epochs.stream().mapToDouble(Trainer.Epoch::testAccuracy).toArray());
        }
        accuracy.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);

        List<Chart<?, ?>> charts = List.of(loss, accuracy);
        OutputFiles.write(
                png,
                ".tmp.png",
                temp -> BitmapEncoder.saveBitmap(charts, 1, 2, temp.toString(), BitmapEncoder.BitmapFormat.PNG));
    }
}
