package nn.core.network;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.random.RandomGenerator;
import nn.api.Backend;
import nn.api.DType;
import nn.api.Layer;
import nn.core.layers.Affine;
import nn.core.layers.BatchNormalization;
import nn.core.layers.Dropout;
import nn.core.layers.Relu;
import nn.core.layers.Sigmoid;
import nn.core.layers.SoftmaxWithLoss;
import org.jspecify.annotations.Nullable;

/**
 * The book's {@code MultiLayerNet} and {@code MultiLayerNetExtend} as a builder of {@link Network}s: any list of
 * hidden sizes, ReLU or sigmoid, a weight initialisation, weight decay, and optionally BatchNorm after each
 * hidden Affine and Dropout after each activation:
 *
 * <pre>{@code
 * Network net = MultiLayerNet.builder(backend, 784, 10).hidden(100, 100, 100, 100).init(WeightInit.HE)
 *         .batchNorm(true).dropout(0.2).random(random).build();
 * }</pre>
 *
 * Weights are drawn layer by layer in order (W1 first) from the builder's random generator; Dropout draws its
 * masks from a generator split from it after the weights.
 */
public final class MultiLayerNet {

    /** A hidden layer's activation. */
    public enum Activation {
        RELU,
        SIGMOID;

        /** {@code relu} or {@code sigmoid}, or a clear error. */
        public static Activation parse(String name) {
            String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
            return switch (n) {
                case "relu" -> RELU;
                case "sigmoid" -> SIGMOID;
                default -> throw new IllegalArgumentException("Unknown activation '" + name + "'; use relu or sigmoid");
            };
        }

        Layer create() {
            return this == RELU ? new Relu() : new Sigmoid();
        }
    }

    private MultiLayerNet() {}

    /** A builder for a net from {@code inputs} features to {@code outputs} classes. */
    public static Builder builder(Backend backend, int inputs, int outputs) {
        return new Builder(backend, inputs, outputs);
    }

    /** Collects the settings; the defaults are the book's: ReLU, He initialisation, no decay, no BatchNorm or Dropout. */
    public static final class Builder {
        private final Backend backend;
        private final int inputs;
        private final int outputs;
        private int[] hidden = {100};
        private Activation activation = Activation.RELU;
        private WeightInit init = WeightInit.HE;
        private double weightDecay;
        private double dropout;
        private boolean batchNorm;
        private DType dtype = DType.FLOAT64;
        private @Nullable RandomGenerator random;

        private Builder(Backend backend, int inputs, int outputs) {
            this.backend = Objects.requireNonNull(backend, "backend");
            if (inputs < 1 || outputs < 1) {
                throw new IllegalArgumentException(
                        "A net needs at least one input and one output, not " + inputs + " and " + outputs);
            }
            this.inputs = inputs;
            this.outputs = outputs;
        }

        /** The sizes of the hidden layers, in order (none gives a single Affine layer). */
        public Builder hidden(int... sizes) {
            for (int size : sizes) {
                if (size < 1) {
                    throw new IllegalArgumentException("Hidden layer sizes must be positive, not " + size);
                }
            }
            this.hidden = sizes.clone();
            return this;
        }

        public Builder activation(Activation activation) {
            this.activation = Objects.requireNonNull(activation, "activation");
            return this;
        }

        public Builder init(WeightInit init) {
            this.init = Objects.requireNonNull(init, "init");
            return this;
        }

        /** L2 weight decay λ (the book's {@code weight_decay_lambda}). */
        public Builder weightDecay(double lambda) {
            this.weightDecay = lambda;
            return this;
        }

        /** Dropout after each hidden activation with this ratio; 0 for none. */
        public Builder dropout(double ratio) {
            if (!(ratio >= 0 && ratio < 1)) {
                throw new IllegalArgumentException("The dropout ratio must be in [0, 1), not " + ratio);
            }
            this.dropout = ratio;
            return this;
        }

        /** BatchNorm after each hidden Affine layer. */
        public Builder batchNorm(boolean batchNorm) {
            this.batchNorm = batchNorm;
            return this;
        }

        public Builder dtype(DType dtype) {
            this.dtype = Objects.requireNonNull(dtype, "dtype");
            return this;
        }

        public Builder random(RandomGenerator random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        public Network build() {
            if (random == null) {
                throw new IllegalStateException(
                        "Give the builder a random generator (random(...)): it draws the weights");
            }
            List<Layer> layers = new ArrayList<>();
            List<Affine> affines = new ArrayList<>();
            int previous = inputs;
            for (int size : hidden) {
                affines.add(Affine.initialized(backend, dtype, previous, size, init.stdFor(previous), random));
                previous = size;
            }
            affines.add(Affine.initialized(backend, dtype, previous, outputs, init.stdFor(previous), random));
            RandomGenerator masks =
                    dropout > 0 && random instanceof RandomGenerator.SplittableGenerator s ? s.split() : random;
            for (int i = 0; i < hidden.length; i++) {
                layers.add(affines.get(i));
                if (batchNorm) {
                    layers.add(BatchNormalization.initialized(backend, dtype, hidden[i]));
                }
                layers.add(activation.create());
                if (dropout > 0) {
                    layers.add(new Dropout(dropout, masks));
                }
            }
            layers.add(affines.get(hidden.length));
            return new Network(layers, new SoftmaxWithLoss(), weightDecay);
        }
    }
}
