package nn.core.gradient;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;
import java.util.random.RandomGenerator;
import nn.api.DType;
import nn.api.Layer;
import nn.api.Parameter;
import nn.api.Tensor;
import nn.core.network.Network;

/**
 * Compares backprop gradients with numerical ones (central differences, {@code h = 1e-4}), per parameter
 * and for the input. Anyone who writes a layer can call {@link #layer} on it; {@link #network} is the
 * book's check of a whole network.
 *
 * <p>Kinks: where a ReLU input lies within {@code h} of 0, the central difference straddles the kink and
 * is wrong, whatever backprop says. Such elements are recognised from the numerical side alone (the forward
 * and backward differences disagree by more than {@value #KINK_RELATIVE} of the slope), left out of the
 * mean and maximum, and counted in {@link Entry#kinks()}. A wrong backward pass cannot hide there: the test
 * looks only at the function, never at the gradient under test.
 */
public final class GradientCheck {

    /** The book's step for central differences, in float64. */
    public static final double H = 1e-4;

    /**
     * The step in float32, whose rounding (6e-8 relative) would swamp a difference over 1e-4: the error of a
     * central difference is about {@code eps·|f|/h + h²·|f'''|}, smallest near {@code h = 1e-2}.
     */
    public static final double H_FLOAT32 = 1e-2;

    /** Forward and backward differences that disagree by more than this share of the slope mark a kink. */
    public static final double KINK_RELATIVE = 1e-2;

    /** The same share in float32, whose step {@link #H_FLOAT32} is 100 times longer. */
    public static final double KINK_RELATIVE_FLOAT32 = 0.1;

    /** Slope jumps smaller than this cannot move a difference past the checks' tolerances: not kinks. */
    static final double KINK_ABSOLUTE = 1e-8;

    private GradientCheck() {}

    /**
     * The numerical gradient of {@code f} with respect to {@code x}: each element is moved by ±h in place
     * and restored, so {@code f} must read {@code x} afresh each call.
     */
    public static Tensor numericalGradient(DoubleSupplier f, Tensor x) {
        return x.backend().of(x.dtype(), numericalGradientWithKinks(f, x).grad(), x.shape());
    }

    /** The central-difference step for a dtype: {@link #H} or {@link #H_FLOAT32}. */
    public static double step(DType dtype) {
        return dtype == DType.FLOAT64 ? H : H_FLOAT32;
    }

    /**
     * Central differences as {@link #numericalGradient}, and for each element whether the function has a
     * kink within {@code h} of it.
     */
    static Numeric numericalGradientWithKinks(DoubleSupplier f, Tensor x) {
        double h = step(x.dtype());
        // Below this a slope jump is rounding noise, not a kink.
        double kinkAbsolute = x.dtype() == DType.FLOAT64 ? KINK_ABSOLUTE : 1e-3;
        // Over float32's 100× longer step a smooth curve's slopes differ by h·f'', 100× more: a kink must stand out
        // further before an element is left out.
        double kinkRelative = x.dtype() == DType.FLOAT64 ? KINK_RELATIVE : KINK_RELATIVE_FLOAT32;
        double center = f.getAsDouble();
        Tensor flatX = x.reshape(-1);
        double[] grad = new double[flatX.size()];
        boolean[] kink = new boolean[grad.length];
        for (int i = 0; i < grad.length; i++) {
            double original = flatX.get(i);
            // The steps actually taken, after rounding to the dtype (exactly ±h in float64 near most values).
            flatX.set(original + h, i);
            double up = flatX.get(i) - original;
            double plus = f.getAsDouble();
            flatX.set(original - h, i);
            double down = original - flatX.get(i);
            double minus = f.getAsDouble();
            flatX.set(original, i);
            grad[i] = x.dtype() == DType.FLOAT64 ? (plus - minus) / (2 * h) : (plus - minus) / (up + down);
            double forward = (plus - center) / (x.dtype() == DType.FLOAT64 ? h : up);
            double backward = (center - minus) / (x.dtype() == DType.FLOAT64 ? h : down);
            double jump = Math.abs(forward - backward);
            kink[i] = jump > kinkAbsolute && jump > kinkRelative * Math.max(Math.abs(forward), Math.abs(backward));
        }
        return new Numeric(grad, kink);
    }

    /** A numerical gradient and where its function has kinks (a class: a record would compare arrays by identity). */
    static final class Numeric {
        final double[] grad;
        final boolean[] kink;

        Numeric(double[] grad, boolean[] kink) {
            this.grad = grad;
            this.kink = kink;
        }

        double[] grad() {
            return grad;
        }

        boolean[] kink() {
            return kink;
        }
    }

    /**
     * Checks a layer at input {@code x}: the scalar checked is {@code Σ forward(x) · r} for a fixed random
     * {@code r} of the output's shape, whose gradient with respect to the output is {@code r}, so backward
     * is called with {@code dout = r}. Reports the input gradient as {@code x} and each parameter by name.
     */
    public static Report layer(Layer layer, Tensor x, RandomGenerator random) {
        Tensor probe = layer.forward(x);
        Tensor r = x.backend().randomNormal(random, 1.0, probe.dtype(), probe.shape());
        DoubleSupplier f = () -> layer.forward(x).mul(r).sum();

        layer.forward(x); // backward needs the forward of x just before it
        Tensor dx = layer.backward(r.copy()).copy();
        List<Entry> entries = new ArrayList<>();
        entries.add(Entry.compare("x", dx, numericalGradientWithKinks(f, x)));
        for (Parameter p : layer.parameters()) {
            layer.forward(x);
            layer.backward(r.copy());
            Tensor analytic = p.grad().copy();
            entries.add(Entry.compare(p.name(), analytic, numericalGradientWithKinks(f, p.value())));
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
            Numeric numeric = numericalGradientWithKinks(
                    () -> network.loss(x, targets), named.getValue().value());
            entries.add(Entry.compare(named.getKey(), analytic.get(i++), numeric));
        }
        return new Report(entries);
    }

    /**
     * The difference between backprop and numerical gradients of one tensor.
     *
     * @param name the parameter's name, or {@code x} for the input
     * @param meanAbsDiff the mean absolute difference over the elements away from kinks
     * @param maxAbsDiff the largest absolute difference over the elements away from kinks
     * @param kinks how many elements sat at a kink and were left out
     * @param compared how many elements were compared (the rest sat at kinks)
     */
    public record Entry(String name, double meanAbsDiff, double maxAbsDiff, int kinks, int compared) {

        static Entry compare(String name, Tensor analytic, Numeric numeric) {
            double[] a = analytic.toArray();
            double[] n = numeric.grad();
            if (a.length != n.length) {
                throw new IllegalArgumentException(
                        name + ": gradient of " + a.length + " elements against " + n.length);
            }
            double sum = 0;
            double max = 0;
            int kinks = 0;
            for (int i = 0; i < a.length; i++) {
                if (numeric.kink()[i]) {
                    kinks++;
                    continue;
                }
                double d = Math.abs(a[i] - n[i]);
                // A NaN difference must fail the check, not vanish in Math.max.
                if (Double.isNaN(d)) {
                    d = Double.POSITIVE_INFINITY;
                }
                sum += d;
                max = Math.max(max, d);
            }
            int compared = a.length - kinks;
            return new Entry(
                    name,
                    compared == 0 ? Double.NaN : sum / compared,
                    compared == 0 ? Double.NaN : max,
                    kinks,
                    compared);
        }

        @Override
        public String toString() {
            if (compared == 0) {
                return name + ": nothing compared (all " + kinks + " elements at a kink)";
            }
            return String.format("%s: mean %.3e, max %.3e over %d elements", name, meanAbsDiff, maxAbsDiff, compared)
                    + (kinks == 0 ? "" : " (" + kinks + " at a kink, left out)");
        }
    }

    /** The differences for the input and every parameter. */
    public record Report(List<Entry> entries) {

        public Report {
            entries = List.copyOf(entries);
        }

        /** The largest absolute difference of any entry; NaN when an entry compared nothing. */
        public double maxAbsDiff() {
            if (entries.stream().anyMatch(e -> e.compared() == 0)) {
                return Double.NaN;
            }
            return entries.stream().mapToDouble(Entry::maxAbsDiff).max().orElse(Double.NaN);
        }

        /** How many elements were compared, over every entry. */
        public int compared() {
            return entries.stream().mapToInt(Entry::compared).sum();
        }

        /** The entry of one name. */
        public Entry entry(String name) {
            return entries.stream()
                    .filter(e -> e.name().equals(name))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("No entry " + name + " in " + this));
        }

        /**
         * Whether every entry compared at least one element and its largest difference is within
         * {@code tolerance}: a check that compared nothing does not pass.
         */
        public boolean passes(double tolerance) {
            return !entries.isEmpty()
                    && entries.stream().allMatch(e -> e.compared() > 0 && e.maxAbsDiff() <= tolerance);
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
