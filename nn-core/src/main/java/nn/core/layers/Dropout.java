package nn.core.layers;

import java.util.Optional;
import java.util.random.RandomGenerator;
import nn.api.Layer;
import nn.api.Shapes;
import nn.api.Tensor;
import org.jspecify.annotations.Nullable;

/**
 * Dropout as the book writes it: in training each unit is kept where a uniform sample exceeds the ratio
 * ({@code mask = rand > ratio; out = x * mask}); at evaluation every unit is kept and scaled by
 * {@code 1 - ratio}, so that its expected value matches training. Backward: {@code dx = dout * mask}.
 */
public final class Dropout implements Layer {

    private final double ratio;
    private final RandomGenerator random;
    private @Nullable Tensor mask;

    /** Drops each unit with probability {@code ratio} (the book's default is 0.5), drawing from {@code random}. */
    public Dropout(double ratio, RandomGenerator random) {
        if (!(ratio >= 0 && ratio < 1)) {
            throw new IllegalArgumentException("The dropout ratio must be in [0, 1), not " + ratio);
        }
        this.ratio = ratio;
        this.random = random;
    }

    public double ratio() {
        return ratio;
    }

    @Override
    public Tensor forward(Tensor x) {
        return forward(x, true);
    }

    /** Evaluation only reads the layer, so threads may share it. */
    @Override
    public boolean concurrentEvaluation() {
        return true;
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        if (!training) {
            return x.mul(1.0 - ratio);
        }
        mask = x.randomUniformLike(random).greaterThan(ratio);
        return x.mul(mask);
    }

    @Override
    public Tensor backward(Tensor dout) {
        if (mask == null) {
            throw new IllegalStateException("Dropout.backward called before a forward pass in training mode");
        }
        Shapes.requireGradientShape("Dropout", mask, dout);
        return dout.mul(mask);
    }

    /** A new Dropout of the same ratio, sharing this one's random generator, which evaluation does not draw from. */
    @Override
    public Optional<Layer> copyForEvaluation() {
        return Optional.of(new Dropout(ratio, random));
    }
}
