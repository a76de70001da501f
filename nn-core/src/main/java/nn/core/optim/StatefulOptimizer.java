package nn.core.optim;

import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nn.api.Parameter;
import nn.api.Tensor;

/**
 * The bookkeeping every optimizer shares: the learning rate, the step count, and per-parameter state tensors
 * made lazily (zeros of the parameter's shape and dtype, by the {@link Tensor}'s backend, so never recycled
 * by a workspace). Subclasses write only the book's update.
 */
abstract class StatefulOptimizer implements Optimizer {

    private final double learningRate;
    private final List<String> stateNames;
    private final IdentityHashMap<Parameter, Tensor[]> state = new IdentityHashMap<>();
    private long steps;

    StatefulOptimizer(double learningRate, String... stateNames) {
        this.learningRate = positive("learning rate", learningRate);
        this.stateNames = List.of(stateNames);
    }

    static double positive(String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("The " + name + " must be a positive number, not " + value);
        }
        return value;
    }

    static double fraction(String name, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException("The " + name + " must be in [0, 1), not " + value);
        }
        return value;
    }

    public final double learningRate() {
        return learningRate;
    }

    @Override
    public final long steps() {
        return steps;
    }

    @Override
    public final void update(Collection<Parameter> parameters) {
        steps++;
        beforeStep(steps);
        for (Parameter p : parameters) {
            Tensor[] slots = state.get(p);
            if (slots == null) {
                slots = new Tensor[stateNames.size()];
                for (int i = 0; i < slots.length; i++) {
                    slots[i] = p.value()
                            .backend()
                            .zeros(p.value().dtype(), p.value().shape());
                }
                state.put(p, slots);
            }
            update(p.value(), p.grad(), slots);
        }
    }

    /** Called once per step before the parameters, with the step number from 1 (Adam's bias correction). */
    void beforeStep(long step) {}

    /** The book's update of one parameter {@code w} from its gradient {@code g}, with its state tensors. */
    abstract void update(Tensor w, Tensor g, Tensor[] state);

    @Override
    public final List<String> stateNames() {
        return stateNames;
    }

    @Override
    public final void restore(Map<Parameter, Map<String, Tensor>> saved, long steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be at least 0, not " + steps);
        }
        IdentityHashMap<Parameter, Tensor[]> restored = new IdentityHashMap<>();
        for (Map.Entry<Parameter, Map<String, Tensor>> e : saved.entrySet()) {
            Tensor w = e.getKey().value();
            Tensor[] slots = new Tensor[stateNames.size()];
            for (int i = 0; i < slots.length; i++) {
                Tensor source = e.getValue().get(stateNames.get(i));
                if (source == null) {
                    throw new IllegalArgumentException(getClass().getSimpleName() + " needs state "
                            + stateNames.get(i) + " for every parameter; it is missing for one of shape "
                            + java.util.Arrays.toString(w.shape()));
                }
                slots[i] = w.backend().zeros(w.dtype(), w.shape()).assign(source.to(w.dtype()));
            }
            restored.put(e.getKey(), slots);
        }
        state.clear();
        state.putAll(restored);
        this.steps = steps;
    }

    @Override
    public final Map<String, Tensor> state(Parameter parameter) {
        Tensor[] slots = state.get(parameter);
        if (slots == null) {
            return Map.of();
        }
        Map<String, Tensor> named = new LinkedHashMap<>();
        for (int i = 0; i < slots.length; i++) {
            named.put(stateNames.get(i), slots[i]);
        }
        return named;
    }
}
