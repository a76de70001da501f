package nn.core.layers;

import nn.api.Layer;
import nn.api.Tensor;

/** Sigmoid: {@code out = 1 / (1 + e^-x)}; backward: {@code dx = dout * out * (1 - out)}. */
public final class Sigmoid implements Layer {

    private final Buffers buffers = new Buffers();
    private Tensor out;

    @Override
    public Tensor forward(Tensor x) {
        out = x.sigmoid(buffers.get("out", x));
        return out;
    }

    @Override
    public Tensor backward(Tensor dout) {
        if (out == null) {
            throw new IllegalStateException("Sigmoid.backward called before forward");
        }
        // dx = dout * (1 - out) * out, built in one buffer without temporaries.
        Tensor dx = out.mul(-1.0, buffers.get("dx", out));
        dx.add(1.0, dx);
        dx.mul(out, dx);
        return dx.mul(dout, dx);
    }
}
