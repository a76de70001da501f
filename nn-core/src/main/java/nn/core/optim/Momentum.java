package nn.core.optim;

import nn.api.Tensor;

/** Momentum SGD: {@code v = momentum*v - lr*dW; W += v}. The book's defaults: lr 0.01, momentum 0.9. */
public final class Momentum extends StatefulOptimizer {

    private final double momentum;

    public Momentum(double learningRate, double momentum) {
        super(learningRate, "v");
        this.momentum = fraction("momentum", momentum);
    }

    public Momentum() {
        this(0.01, 0.9);
    }

    @Override
    void update(Tensor w, Tensor g, Tensor[] state) {
        Tensor v = state[0];
        v.mul(momentum, v).addScaled(-learningRate(), g);
        w.add(v, w);
    }
}
