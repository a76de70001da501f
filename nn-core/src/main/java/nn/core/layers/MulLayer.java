package nn.core.layers;

import nn.api.BinaryLayer;
import nn.api.Tensor;

/** Multiplication node: {@code out = x * y}; backward swaps the inputs: {@code dx = dout * y, dy = dout * x}. */
public final class MulLayer implements BinaryLayer {

    /** A multiply node. */
    public MulLayer() {}

    private Tensor x;
    private Tensor y;

    @Override
    public Tensor forward(Tensor x, Tensor y) {
        this.x = x;
        this.y = y;
        return x.mul(y);
    }

    @Override
    public Gradients backward(Tensor dout) {
        if (x == null) {
            throw new IllegalStateException("MulLayer.backward called before forward");
        }
        return new Gradients(dout.mul(y), dout.mul(x));
    }
}
