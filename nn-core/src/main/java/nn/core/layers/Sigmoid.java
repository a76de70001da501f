package nn.core.layers;

import java.util.Optional;
import nn.api.Layer;
import nn.api.Shapes;
import nn.api.Tensor;
import org.jspecify.annotations.Nullable;

/** Sigmoid: {@code out = 1 / (1 + e^-x)}; backward: {@code dx = dout * (1 - out) * out}. */
public final class Sigmoid implements Layer {

    /** A sigmoid layer. */
    public Sigmoid() {}

    private @Nullable Tensor out;

    @Override
    public Tensor forward(Tensor x) {
        return forward(x, true);
    }

    /** Evaluation only reads the layer, so threads may share it. */
    @Override
    public boolean concurrentEvaluation() {
        return true;
    }

    /** Only a forward pass in training mode keeps its output for backward. */
    @Override
    public Tensor forward(Tensor x, boolean training) {
        Tensor y = x.sigmoid();
        if (training) {
            out = y;
        }
        return y;
    }

    @Override
    public Tensor backward(Tensor dout) {
        if (out == null) {
            throw new IllegalStateException("Sigmoid.backward called before a forward pass in training mode");
        }
        Shapes.requireGradientShape("Sigmoid", out, dout);
        return dout.mul(out.rsub(1.0)).mul(out);
    }

    /** A new Sigmoid: it has nothing to copy. */
    @Override
    public Optional<Layer> copyForEvaluation() {
        return Optional.of(new Sigmoid());
    }
}
