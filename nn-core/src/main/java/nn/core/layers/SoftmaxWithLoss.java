package nn.core.layers;

import nn.api.LossLayer;
import nn.api.Tensor;
import org.jspecify.annotations.Nullable;

/**
 * Softmax followed by the cross-entropy loss, as one layer because together their gradient is simply
 * {@code (y - t) / batch}. Softmax subtracts each row's maximum before {@code exp}; the loss guards each
 * log as {@code log(y + 1e-7)}. Targets are one-hot rows {@code [batch, classes]} or class indices
 * {@code [batch]}.
 */
public final class SoftmaxWithLoss implements LossLayer {

    /** A softmax-with-loss layer. */
    public SoftmaxWithLoss() {}

    private @Nullable Tensor y;
    private @Nullable Tensor t;

    @Override
    public double forward(Tensor scores, Tensor targets) {
        if (scores.rank() != 2) {
            throw new IllegalArgumentException("SoftmaxWithLoss needs scores [batch, classes], not shape "
                    + java.util.Arrays.toString(scores.shape()));
        }
        y = scores.softmax();
        t = targets.rank() == 2 ? targets : targets.oneHot(scores.dim(1));
        return y.crossEntropy(targets);
    }

    @Override
    public Tensor backward(double dout) {
        Tensor y = this.y;
        Tensor t = this.t;
        if (y == null || t == null) {
            throw new IllegalStateException("SoftmaxWithLoss.backward called before forward");
        }
        return y.sub(t).mul(dout / y.dim(0));
    }

    @Override
    public Tensor output() {
        if (y == null) {
            throw new IllegalStateException("SoftmaxWithLoss.output() called before forward: there is no output yet");
        }
        return y;
    }
}
