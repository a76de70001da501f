package nn.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import nn.core.train.Trainer;

/**
 * The JSON report of a {@code train-mnist} run, written with Jackson. Property names are snake_case:
 * {@code final_test_accuracy}, {@code train_seconds}, … Everything but the timings ({@code *_seconds},
 * {@code iterations_per_second}) is fixed by the backend and the seed. {@code first_step_seconds} is the time from
 * the JVM's start to the end of the run's first training step: the start-up a user waits through.
 * {@code median_step_seconds} is the median step of the run; {@code train_seconds} less the iterations times it is
 * what the steps before the JIT compiled them cost. {@code eval_seconds} is the time the run spent evaluating between
 * its steps; {@code background_eval_seconds} that of the evaluations that ran on a second thread beside the steps
 * (every epoch's but the last, when the backend has two threads or more), which the run did not wait for.
 * {@code warm_up_steps} counts the steps of a throwaway copy of the network taken on a second thread while the data
 * loaded (0 with {@code --no-warm-up} or on one core), which let the JIT compile the kernels before the first step.
 */
public record TrainingReport(
        String backend,
        String backendDescription,
        String jdk,
        Settings settings,
        double finalTrainAccuracy,
        double finalTestAccuracy,
        double finalLoss,
        double loadSeconds,
        int warmUpSteps,
        double firstStepSeconds,
        double trainSeconds,
        double medianStepSeconds,
        double evalSeconds,
        double backgroundEvalSeconds,
        double iterationsPerSecond,
        List<Trainer.Epoch> epochs,
        List<List<Long>> testConfusionMatrix) {

    /**
     * The run's settings. {@code network} describes it ({@code TwoLayerNet(784, 50, 10)}, or the hidden sizes,
     * activation, initialisation, BatchNorm, Dropout and weight decay of a {@code MultiLayerNet}); {@code dtype} is
     * {@code float64} or {@code float32}; {@code trainSize} is the number of training examples used.
     */
    public record Settings(
            String network,
            String optimizer,
            double learningRate,
            int iterations,
            int batchSize,
            long seed,
            String sampling,
            int iterationsPerEpoch,
            int trainSize,
            int threads,
            String dtype) {}

    static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT);

    /** Writes the report to {@code file} through a temporary file, so a reader never sees half a report. */
    public void write(Path file) throws IOException {
        OutputFiles.write(file, temp -> JSON.writeValue(temp.toFile(), this));
    }

    public static TrainingReport read(Path file) throws IOException {
        return JSON.readValue(file.toFile(), TrainingReport.class);
    }
}
