package nn.core.optim;

import nn.api.Tensor;

/** Stochastic gradient descent: {@code W -= lr * dW}, in place. The book's default learning rate is 0.01. */
public final class Sgd extends StatefulOptimizer {

    public Sgd(double learningRate) {
        super(learningRate);
    }

    @Override
    void update(Tensor w, Tensor g, Tensor[] state) {
        w.addScaled(-learningRate(), g);
    }
}
