package nn.core.network;

import java.util.List;
import java.util.random.RandomGenerator;
import nn.api.Backend;
import nn.api.DType;
import nn.core.layers.Affine;
import nn.core.layers.Relu;
import nn.core.layers.SoftmaxWithLoss;

/** The book's two-layer net: Affine → ReLU → Affine, then SoftmaxWithLoss. */
public final class TwoLayerNet {

    /** The book's {@code weight_init_std}. */
    public static final double WEIGHT_INIT_STD = 0.01;

    private TwoLayerNet() {}

    /** Weights {@code 0.01 · N(0, 1)} drawn from {@code random} (W1 first, then W2), biases zero; float64. */
    public static Network create(
            Backend backend, int inputSize, int hiddenSize, int outputSize, RandomGenerator random) {
        return create(backend, DType.FLOAT64, inputSize, hiddenSize, outputSize, random);
    }

    /**
     * The same net in {@code dtype}: the weights are drawn in double and rounded, so a float32 net starts from
     * the float64 net's weights rounded.
     */
    public static Network create(
            Backend backend, DType dtype, int inputSize, int hiddenSize, int outputSize, RandomGenerator random) {
        return new Network(
                List.of(
                        Affine.initialized(backend, dtype, inputSize, hiddenSize, WEIGHT_INIT_STD, random),
                        new Relu(),
                        Affine.initialized(backend, dtype, hiddenSize, outputSize, WEIGHT_INIT_STD, random)),
                new SoftmaxWithLoss());
    }
}
