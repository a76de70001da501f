package nn.core.network;

import java.util.List;
import java.util.random.RandomGenerator;
import nn.api.Backend;
import nn.core.layers.Affine;
import nn.core.layers.Relu;
import nn.core.layers.SoftmaxWithLoss;

/** The book's two-layer net: Affine → ReLU → Affine, then SoftmaxWithLoss. */
public final class TwoLayerNet {

    /** The book's {@code weight_init_std}. */
    public static final double WEIGHT_INIT_STD = 0.01;

    private TwoLayerNet() {
    }

    /** Weights {@code 0.01 · N(0, 1)} drawn from {@code random} (W1 first, then W2), biases zero. */
    public static Network create(Backend backend, int inputSize, int hiddenSize, int outputSize,
            RandomGenerator random) {
        return new Network(List.of(
                Affine.initialized(backend, inputSize, hiddenSize, WEIGHT_INIT_STD, random),
                new Relu(),
                Affine.initialized(backend, hiddenSize, outputSize, WEIGHT_INIT_STD, random)),
                new SoftmaxWithLoss());
    }
}
