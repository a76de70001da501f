package nn.core.optim;

import nn.api.Tensor;

/**
 * Adam in the book's form: with {@code lr_t = lr * sqrt(1 - beta2^t) / (1 - beta1^t)} at step {@code t},
 * {@code m += (1-beta1)*(dW - m); v += (1-beta2)*(dW² - v); W -= lr_t*m / (sqrt(v) + 1e-7)}. The book's
 * defaults: lr 0.001, beta1 0.9, beta2 0.999.
 */
public final class Adam extends StatefulOptimizer {

    private final double beta1;
    private final double beta2;
    private double lrT;

    public Adam(double learningRate, double beta1, double beta2) {
        super(learningRate, "m", "v");
        this.beta1 = fraction("beta1", beta1);
        this.beta2 = fraction("beta2", beta2);
    }

    public Adam() {
        this(0.001, 0.9, 0.999);
    }

    @Override
    void beforeStep(long step) {
        lrT = learningRate() * Math.sqrt(1.0 - Math.pow(beta2, (double) step)) / (1.0 - Math.pow(beta1, (double) step));
    }

    @Override
    void update(Tensor w, Tensor g, Tensor[] state) {
        Tensor m = state[0];
        Tensor v = state[1];
        m.add(g.sub(m).mul(1 - beta1), m);
        v.add(g.square().sub(v).mul(1 - beta2), v);
        w.sub(m.mul(lrT).div(v.sqrt().add(AdaGrad.EPSILON)), w);
    }
}
