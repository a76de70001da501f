package nn.core.layers;

import nn.api.BinaryLayer;
import nn.api.Tensor;

/** Addition node: {@code out = x + y}; backward passes {@code dout} on to both inputs unchanged. */
public final class AddLayer implements BinaryLayer {

    /** An add node. */
    public AddLayer() {}

    @Override
    public Tensor forward(Tensor x, Tensor y) {
        return x.add(y);
    }

    @Override
    public Gradients backward(Tensor dout) {
        return new Gradients(dout.copy(), dout.copy());
    }
}
