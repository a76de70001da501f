package nn.core.layers;

import nn.api.BinaryLayer;
import nn.api.Tensor;
import org.jspecify.annotations.Nullable;

/** Multiplication node: {@code out = x * y}; backward swaps the inputs: {@code dx = dout * y, dy = dout * x}. */
public final class MulLayer implements BinaryLayer {

    /** A multiply node. */
    public MulLayer() {}

    private @Nullable Tensor x;
    private @Nullable Tensor y;

    @Override
    public Tensor forward(Tensor x, Tensor y) {
        this.x = x;
        this.y = y;
        return x.mul(y);
    }

    @Override
    public Gradients backward(Tensor dout) {
        Tensor x = this.x;
        Tensor y = this.y;
        if (x == null || y == null) {
            throw new IllegalStateException("MulLayer.backward called before forward");
        }
        return new Gradients(dout.mul(y), dout.mul(x));
    }
}
