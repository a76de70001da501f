package nn.core.layers;

import nn.api.LossLayer;
import nn.api.Tensor;

/**
 * Softmax followed by the cross-entropy loss, as one layer because together their gradient is simply
 * {@code (y - t) / batch}. Softmax subtracts each row's maximum before {@code exp}; the loss guards each
 * log as {@code log(y + 1e-7)}. Targets are one-hot rows {@code [batch, classes]} or class indices
 * {@code [batch]}.
 */
public final class SoftmaxWithLoss implements LossLayer {

    private final Buffers buffers = new Buffers();
    private Tensor y;
    private Tensor t;

    @Override
    public double forward(Tensor scores, Tensor targets) {
        if (scores.rank() != 2) {
            throw new IllegalArgumentException("SoftmaxWithLoss needs scores [batch, classes], not shape "
                    + java.util.Arrays.toString(scores.shape()));
        }
        y = scores.softmax(buffers.get("y", scores));
        t = targets;
        return y.crossEntropy(targets);
    }

    @Override
    public Tensor backward(double dout) {
        if (y == null) {
            throw new IllegalStateException("SoftmaxWithLoss.backward called before forward");
        }
        int batch = y.dim(0);
        Tensor dx = buffers.get("dx", y);
        if (t.rank() == 2) {
            y.sub(t, dx);
        } else {
            // Class indices: y - onehot(t) is y with 1 taken off at each row's label.
            dx.assign(y);
            for (int row = 0; row < batch; row++) {
                int label = (int) t.get(row);
                dx.set(dx.get(row, label) - 1.0, row, label);
            }
        }
        return dx.mul(dout / batch, dx);
    }

    @Override
    public Tensor output() {
        return y;
    }
}
