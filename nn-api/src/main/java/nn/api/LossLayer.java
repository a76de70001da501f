package nn.api;

/**
 * A layer that ends a network with a scalar loss, such as SoftmaxWithLoss.
 */
public interface LossLayer {

    /** The loss of {@code scores} against {@code targets} (one-hot rows, or class indices). */
    double forward(Tensor scores, Tensor targets);

    /** The gradient with respect to the scores, for {@code dout = 1}. */
    default Tensor backward() {
        return backward(1.0);
    }

    /** The gradient with respect to the scores of the last forward pass, scaled by {@code dout}. */
    Tensor backward(double dout);

    /** The output of the last forward pass before the loss (for SoftmaxWithLoss, the probabilities). */
    Tensor output();
}
