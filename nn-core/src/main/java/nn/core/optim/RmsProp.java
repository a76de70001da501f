package nn.core.optim;

import nn.api.Tensor;

/**
 * RMSprop: {@code h *= decay; h += (1-decay)*dW*dW; W -= lr*dW / (sqrt(h) + 1e-7)}. The book's defaults: lr
 * 0.01, decay rate 0.99.
 */
public final class RmsProp extends StatefulOptimizer {

    private final double decayRate;

    public RmsProp(double learningRate, double decayRate) {
        super(learningRate, "h");
        this.decayRate = fraction("decay rate", decayRate);
    }

    public RmsProp() {
        this(0.01, 0.99);
    }

    @Override
    void update(Tensor w, Tensor g, Tensor[] state) {
        Tensor h = state[0];
        h.mul(decayRate, h);
        h.add(g.mul(1 - decayRate).mul(g), h);
        w.sub(g.mul(learningRate()).div(h.sqrt().add(AdaGrad.EPSILON)), w);
    }
}
