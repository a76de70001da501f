package nn.bench;

import java.util.SplittableRandom;
import nn.core.data.Dataset;
import nn.core.metrics.Evaluator;
import nn.core.network.Network;
import nn.core.network.TwoLayerNet;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * One evaluation of MNIST's 10,000 test images (or, with {@code -p split=train}, its 60,000 training images) as the
 * trainer runs it: the {@link Evaluator} reading the images from their bytes and predicting them with the book's
 * 784-50-10 net, on all of the backend's threads. The book's run makes 17 evaluations of both.
 */
public class EvaluatorBenchmark extends NnBenchmark {

    /** Which of MNIST's two sets to evaluate. */
    @Param({"test"})
    public String split;

    private Network net;
    private Dataset data;
    private Evaluator evaluator;

    @Setup
    public void setUp(BackendState state) {
        net = TwoLayerNet.create(state.get(), state.dtype(), 784, 50, 10, new SplittableRandom(1));
        data = switch (split) {
            case "test" -> Pixels.mnist().test();
            case "train" -> Pixels.mnist().train();
            default -> throw new IllegalArgumentException("split is test or train, not " + split);
        };
        evaluator = new Evaluator(state.get(), Evaluator.DEFAULT_CHUNK);
    }

    @Benchmark
    public double evaluate() {
        return evaluator.accuracy(net, data);
    }
}
