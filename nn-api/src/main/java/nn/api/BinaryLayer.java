package nn.api;

/**
 * A node with two inputs, such as the book's MulLayer and AddLayer: {@code forward(x, y)}, then
 * {@code backward(dout)} gives the gradients with respect to both inputs.
 */
public interface BinaryLayer {

    /** The output for inputs {@code x} and {@code y}. */
    Tensor forward(Tensor x, Tensor y);

    /** The gradients with respect to {@code x} and {@code y} of the last forward pass. */
    Gradients backward(Tensor dout);

    /**
     * The gradients of a two-input node.
     *
     * @param dx the gradient with respect to the first input
     * @param dy the gradient with respect to the second input
     */
    record Gradients(Tensor dx, Tensor dy) {}
}
