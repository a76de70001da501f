package nn.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A layer of a network, as in chapter 5 of "Deep Learning from Scratch": {@link #forward} computes the
 * output and keeps what {@link #backward} needs; {@code backward} takes the gradient of the loss with
 * respect to the output and returns the gradient with respect to the input, storing the gradients of the
 * layer's own parameters in their {@link Parameter#grad()}.
 *
 * <p>A layer written against this interface alone runs on every backend: it uses only {@link Tensor}
 * operations and takes its backend from its input ({@code x.backend()}).
 *
 * <p>Write {@code forward} and {@code backward} as the book's formulas, with the plain (returning) operations;
 * inside an open {@link Workspace} their results are recycled step after step, so the layer needs no buffers
 * of its own. A result is valid until the next step; copy it to keep it.
 */
public interface Layer {

    /** The output for input {@code x}, in training mode. */
    Tensor forward(Tensor x);

    /**
     * The output for input {@code x}; {@code training} is the book's {@code train_flg}: false at evaluation and
     * prediction, where Dropout keeps every unit and BatchNorm uses its running statistics. Layers that behave
     * the same either way need not override it. The built-in layers keep what backward needs only in training
     * mode, so that an evaluation between a forward and a backward pass changes no gradient (and costs no mask
     * nobody reads); a layer that keeps state should do the same.
     */
    default Tensor forward(Tensor x, boolean training) {
        return forward(x);
    }

    /**
     * Whether several threads may run {@code forward(x, false)} on this layer at once: true when evaluation only
     * reads the layer (its parameters and state) and keeps nothing, as every built-in layer's does. An evaluator
     * then runs a data set's chunks on all of a backend's threads, sharing one network; false, the default, makes
     * it evaluate one chunk at a time.
     */
    default boolean concurrentEvaluation() {
        return false;
    }

    /**
     * A new layer that evaluates ({@code forward(x, false)}) as this one does now, on its own copies of the
     * parameters and state: a snapshot that one thread can evaluate while another trains this layer on. Its
     * {@link #parameters()} and {@link #state()} must match this layer's in order, names and shapes (a trainer
     * copies the values again into the same snapshot later). Empty, the default, when the layer cannot make one;
     * a trainer then evaluates between its steps. Meant for evaluation alone: a copy need not train as this layer
     * does (Dropout's shares its random generator).
     */
    default Optional<Layer> copyForEvaluation() {
        return Optional.empty();
    }

    /** The gradient with respect to the input of the last {@link #forward}, given that of the output. */
    Tensor backward(Tensor dout);

    /**
     * The backward pass of the first layer of a network, whose input gradient nobody reads: computes the
     * parameter gradients as {@link #backward(Tensor)} does, and may skip the input gradient (Affine skips
     * its largest product). By default it calls {@code backward} and drops the result.
     */
    default void backwardParametersOnly(Tensor dout) {
        backward(dout);
    }

    /** The trainable parameters, in a fixed order; empty for a layer without any. */
    default List<Parameter> parameters() {
        return List.of();
    }

    /**
     * Tensors the layer keeps that are not trained but belong to the model, by name (BatchNorm's
     * {@code running_mean} and {@code running_var}); updated in place, so a saved copy restores the layer.
     */
    default Map<String, Tensor> state() {
        return Map.of();
    }
}
