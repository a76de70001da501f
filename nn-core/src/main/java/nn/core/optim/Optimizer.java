package nn.core.optim;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import nn.api.Parameter;
import nn.api.Tensor;

/**
 * Updates parameters in place from their gradients, after each backward pass, as the book's
 * {@code common/optimizer.py}. State (momentum, squared-gradient sums, Adam's moments) is kept per parameter,
 * created on its first update, and readable through {@link #state} so that it can be saved and restored.
 */
public interface Optimizer {

    /** One step: every parameter updated from its gradient. */
    void update(Collection<Parameter> parameters);

    /** The state kept for one parameter, by the book's names ({@code v}, {@code h}, {@code m}); empty if none. */
    default Map<String, Tensor> state(Parameter parameter) {
        return Map.of();
    }

    /** The number of updates made so far. */
    long steps();

    /** The names of the state tensors kept per parameter, in the book's words ({@code v}; {@code m}, {@code v}). */
    default List<String> stateNames() {
        return List.of();
    }

    /**
     * Continues from a saved run: {@code state} holds, for a parameter, its tensors by {@link #stateNames} (as
     * {@link #state} returned them; copied, never kept), and {@code steps} the updates made so far, so that the
     * next update is exactly the one the saved run would have made.
     */
    void restore(Map<Parameter, Map<String, Tensor>> state, long steps);
}
