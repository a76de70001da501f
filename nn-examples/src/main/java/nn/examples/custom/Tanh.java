package nn.examples.custom;

import nn.api.Layer;
import nn.api.Shapes;
import nn.api.Tensor;
import org.jspecify.annotations.Nullable;

/**
 * A layer written outside nn-core, against nn-api alone: {@code y = tanh(x)}, {@code dx = dout · (1 − y²)}.
 * One statement per formula; inside a training step's workspace it allocates nothing after the first step,
 * and it runs on every backend and dtype because it only calls {@link Tensor} operations.
 */
public final class Tanh implements Layer {

    /** A tanh layer. */
    public Tanh() {}

    private @Nullable Tensor y;

    @Override
    public Tensor forward(Tensor x) {
        y = x.tanh();
        return y;
    }

    @Override
    public Tensor backward(Tensor dout) {
        Tensor y = this.y;
        if (y == null) {
            throw new IllegalStateException("Tanh.backward called before forward");
        }
        Shapes.requireGradientShape("Tanh", y, dout);
        return dout.mul(y.square().rsub(1.0));
    }
}
