package nn.core.gradient;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;
import java.util.random.RandomGenerator;
import nn.api.Layer;
import nn.api.Parameter;
import nn.api.Tensor;
import nn.core.network.Network;

/**
 * Compares backprop gradients with numerical ones (central differences, {@code h = 1e-4}), per parameter
 * and for the input. Anyone who writes a layer can call {@link #layer} on it; {@link #network} is the
 * book's check of a whole network.
 */
public final class GradientCheck {

    /** The book's step for central differences. */
    public static final double H = 1e-4;

    private GradientCheck() {
    }

    /**
     * The numerical gradient of {@code f} with respect to {@code x}: each element is moved by ±h in place
     * and restored, so {@code f} must read {@code x} afresh each call.
     */
    public static Tensor numericalGradient(DoubleSupplier f, Tensor x) {
        Tensor grad = x.backend().zeros(x.shape());
        Tensor flatX = x.reshape(-1);
        Tensor flatGrad = grad.reshape(-1);
        for (int i = 0; i < flatX.size(); i++) {
            double original = flatX.get(i);
            flatX.set(original + H, i);
            double plus = f.getAsDouble();
            flatX.set(original - H, i);
            double minus = f.getAsDouble();
            flatX.set(original, i);
            flatGrad.set((plus - minus) / (2 * H), i);
        }
        return grad;
    }

    /**
     * Checks a layer at input {@code x}: the scalar checked is {@code Σ forward(x) · r} for a fixed random
     * {@code r} of the output's shape, whose gradient with respect to the output is {@code r}, so backward
     * is called with {@code dout = r}. Reports the input gradient as {@code x} and each parameter by name.
     */
    public static Report layer(Layer layer, Tensor x, RandomGenerator random) {
        Tensor probe = layer.forward(x);
        Tensor r = x.backend().randomNormal(random, 1.0, probe.shape());
        DoubleSupplier f = () -> layer.forward(x).mul(r).sum();

        f.getAsDouble();
        Tensor dx = layer.backward(r.copy()).copy();
        List<Entry> entries = new ArrayList<>();
        entries.add(Entry.compare("x", dx, numericalGradient(f, x)));
        for (Parameter p : layer.parameters()) {
            f.getAsDouble();
            layer.backward(r.copy());
            Tensor analytic = p.grad().copy();
            entries.add(Entry.compare(p.name(), analytic, numericalGradient(f, p.value())));
        }
        return new Report(entries);
    }

    /** The book's check: backprop against numerical gradients of the network's loss, per parameter. */
    public static Report network(Network network, Tensor x, Tensor targets) {
        network.gradient(x, targets);
        Map<String, Parameter> parameters = network.parameters();
        List<Tensor> analytic = new ArrayList<>();
        for (Parameter p : parameters.values()) {
            analytic.add(p.grad().copy());
        }
        List<Entry> entries = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, Parameter> named : parameters.entrySet()) {
            Tensor numeric = numericalGradient(() -> network.loss(x, targets), named.getValue().value());
            entries.add(Entry.compare(named.getKey(), analytic.get(i++), numeric));
        }
        return new Report(entries);
    }

    /**
     * The difference between backprop and numerical gradients of one tensor.
     *
     * @param name the parameter's name, or {@code x} for the input
     * @param meanAbsDiff the mean absolute difference, element by element
     * @param maxAbsDiff the largest absolute difference
     */
    public record Entry(String name, double meanAbsDiff, double maxAbsDiff) {

        static Entry compare(String name, Tensor analytic, Tensor numeric) {
            double[] a = analytic.toArray();
            double[] n = numeric.toArray();
            if (a.length != n.length) {
                throw new IllegalArgumentException(name + ": gradient of " + a.length + " elements against "
                        + n.length);
            }
            double sum = 0;
            double max = 0;
            for (int i = 0; i < a.length; i++) {
                double d = Math.abs(a[i] - n[i]);
                // A NaN difference must fail the check, not vanish in Math.max.
                if (Double.isNaN(d)) {
                    d = Double.POSITIVE_INFINITY;
                }
                sum += d;
                max = Math.max(max, d);
            }
            return new Entry(name, a.length == 0 ? 0 : sum / a.length, max);
        }

        @Override
        public String toString() {
            return String.format("%s: mean %.3e, max %.3e", name, meanAbsDiff, maxAbsDiff);
        }
    }

    /** The differences for the input and every parameter. */
    public record Report(List<Entry> entries) {

        public Report {
            entries = List.copyOf(entries);
        }

        /** The largest absolute difference of any entry. */
        public double maxAbsDiff() {
            return entries.stream().mapToDouble(Entry::maxAbsDiff).max().orElse(0);
        }

        /** The entry of one name. */
        public Entry entry(String name) {
            return entries.stream().filter(e -> e.name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("No entry " + name + " in " + this));
        }

        /** Whether every entry's largest difference is within {@code tolerance}. */
        public boolean passes(double tolerance) {
            return maxAbsDiff() <= tolerance;
        }

        @Override
        public String toString() {
            StringBuilder s = new StringBuilder();
            for (Entry e : entries) {
                s.append(e).append('\n');
            }
            return s.toString();
        }
    }
}
