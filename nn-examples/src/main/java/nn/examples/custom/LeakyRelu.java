package nn.examples.custom;

import nn.api.Layer;
import nn.api.Shapes;
import nn.api.Tensor;
import org.jspecify.annotations.Nullable;

/**
 * Leaky ReLU, written against nn-api alone: {@code y = x} where {@code x > 0}, else {@code slope · x}; the
 * gradient passes where the input was positive and is scaled by {@code slope} elsewhere.
 */
public final class LeakyRelu implements Layer {

    private final double slope;
    private @Nullable Tensor mask;

    /** A leaky ReLU with this slope for negative inputs (0.01 is usual). */
    public LeakyRelu(double slope) {
        if (!(slope >= 0 && slope < 1)) {
            throw new IllegalArgumentException("The slope of a leaky ReLU must be in [0, 1), not " + slope);
        }
        this.slope = slope;
    }

    @Override
    public Tensor forward(Tensor x) {
        mask = x.greaterThan(0.0);
        return mask.where(x, x.mul(slope));
    }

    @Override
    public Tensor backward(Tensor dout) {
        Tensor mask = this.mask;
        if (mask == null) {
            throw new IllegalStateException("LeakyRelu.backward called before forward");
        }
        Shapes.requireGradientShape("LeakyRelu", mask, dout);
        return mask.where(dout, dout.mul(slope));
    }
}
