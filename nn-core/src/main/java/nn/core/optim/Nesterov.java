package nn.core.optim;

import nn.api.Tensor;

/**
 * Nesterov's accelerated gradient in the book's formulation: {@code W += m*m*v; W -= (1+m)*lr*dW; v *= m;
 * v -= lr*dW}. The book's defaults: lr 0.01, momentum 0.9.
 */
public final class Nesterov extends StatefulOptimizer {

    private final double momentum;

    public Nesterov(double learningRate, double momentum) {
        super(learningRate, "v");
        this.momentum = fraction("momentum", momentum);
    }

    public Nesterov() {
        this(0.01, 0.9);
    }

    @Override
    void update(Tensor w, Tensor g, Tensor[] state) {
        Tensor v = state[0];
        w.addScaled(momentum * momentum, v);
        w.addScaled(-(1 + momentum) * learningRate(), g);
        v.mul(momentum, v);
        v.addScaled(-learningRate(), g);
    }
}
