package nn.examples.custom;

import nn.api.Layer;
import nn.api.Tensor;

/**
 * A layer written outside nn-core, against nn-api alone: {@code tanh(x) = 2·sigmoid(2x) − 1}, with
 * {@code dx = dout · (1 − y²)}. It runs on every backend because it only calls {@link Tensor} operations,
 * and it reuses its output buffers across calls. The README walks through it.
 */
public final class Tanh implements Layer {

    private Tensor y;
    private Tensor dx;

    @Override
    public Tensor forward(Tensor x) {
        if (y == null || !java.util.Arrays.equals(y.shape(), x.shape()) || y.backend() != x.backend()) {
            y = x.backend().zeros(x.shape());
            dx = x.backend().zeros(x.shape());
        }
        x.mul(2.0, y).sigmoid(y).mul(2.0, y).add(-1.0, y);
        return y;
    }

    @Override
    public Tensor backward(Tensor dout) {
        y.mul(y, dx).mul(-1.0, dx).add(1.0, dx); // 1 − y²
        return dx.mul(dout, dx);
    }
}
