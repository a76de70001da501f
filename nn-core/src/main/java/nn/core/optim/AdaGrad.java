package nn.core.optim;

import nn.api.Tensor;

/** AdaGrad: {@code h += dW*dW; W -= lr*dW / (sqrt(h) + 1e-7)}. The book's default lr: 0.01. */
public final class AdaGrad extends StatefulOptimizer {

    /** The book's guard against dividing by zero. */
    static final double EPSILON = 1e-7;

    public AdaGrad(double learningRate) {
        super(learningRate, "h");
    }

    public AdaGrad() {
        this(0.01);
    }

    @Override
    void update(Tensor w, Tensor g, Tensor[] state) {
        Tensor h = state[0];
        h.add(g.mul(g), h);
        w.sub(g.mul(learningRate()).div(h.sqrt().add(EPSILON)), w);
    }
}
