package nn.core.optim;

import java.util.Collection;
import nn.api.Parameter;

/** Stochastic gradient descent: {@code w -= learningRate * dw}, in place. */
public final class Sgd implements Optimizer {

    private final double learningRate;

    public Sgd(double learningRate) {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("The learning rate must be a positive number, not " + learningRate);
        }
        this.learningRate = learningRate;
    }

    public double learningRate() {
        return learningRate;
    }

    @Override
    public void update(Collection<Parameter> parameters) {
        for (Parameter p : parameters) {
            p.value().addScaled(-learningRate, p.grad());
        }
    }
}
