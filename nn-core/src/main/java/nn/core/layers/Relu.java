package nn.core.layers;

import java.util.Optional;
import nn.api.Layer;
import nn.api.Shapes;
import nn.api.Tensor;
import org.jspecify.annotations.Nullable;

/**
 * ReLU: {@code out = max(x, 0)}. The mask {@code x > 0} is taken from the forward input and applied to
 * {@code dout} in backward, so the gradient is {@code dout} where the input was positive and 0 elsewhere. Only a
 * forward pass in training mode makes the mask: evaluation has no backward to use it.
 */
public final class Relu implements Layer {

    /** A ReLU layer. */
    public Relu() {}

    private @Nullable Tensor mask;

    @Override
    public Tensor forward(Tensor x) {
        return forward(x, true);
    }

    /** Evaluation only reads the layer, so threads may share it. */
    @Override
    public boolean concurrentEvaluation() {
        return true;
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        if (training) {
            mask = x.greaterThan(0.0);
        }
        // max(x, 0) rather than x * mask, which would give -0.0 for negative inputs.
        return x.maximum(0.0);
    }

    @Override
    public Tensor backward(Tensor dout) {
        if (mask == null) {
            throw new IllegalStateException("Relu.backward called before a forward pass in training mode");
        }
        Shapes.requireGradientShape("Relu", mask, dout);
        return dout.mul(mask);
    }

    /** A new Relu: it has nothing to copy. */
    @Override
    public Optional<Layer> copyForEvaluation() {
        return Optional.of(new Relu());
    }
}
