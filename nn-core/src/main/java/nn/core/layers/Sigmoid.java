package nn.core.layers;

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
        out = x.sigmoid();
        return out;
    }

    @Override
    public Tensor backward(Tensor dout) {
        if (out == null) {
            throw new IllegalStateException("Sigmoid.backward called before forward");
        }
        Shapes.requireGradientShape("Sigmoid", out, dout);
        return dout.mul(out.rsub(1.0)).mul(out);
    }
}
