package nn.core.layers;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import nn.api.Backend;
import nn.api.DType;
import nn.api.Layer;
import nn.api.Parameter;
import nn.api.Tensor;
import org.jspecify.annotations.Nullable;

/**
 * The fully connected layer {@code out = x · W + b}, with {@code W [inputs, outputs]} and {@code b [outputs]}.
 * Backward: {@code dx = dout · Wᵀ}, {@code dW = xᵀ · dout}, {@code db = Σ_rows dout}. An input of more than
 * two axes is flattened to {@code [batch, inputs]} and its gradient given back in the input's shape.
 */
public final class Affine implements Layer {

    private final Parameter weight;
    private final Parameter bias;
    private @Nullable Tensor x;
    private int @Nullable [] inputShape;

    /** An Affine layer with the given weights {@code [inputs, outputs]} and bias {@code [outputs]}. */
    public Affine(Tensor weight, Tensor bias) {
        if (weight.rank() != 2 || bias.rank() != 1 || bias.dim(0) != weight.dim(1)) {
            throw new IllegalArgumentException("Affine needs W [inputs, outputs] and b [outputs]; got W "
                    + Arrays.toString(weight.shape()) + " and b " + Arrays.toString(bias.shape()));
        }
        if (weight.dtype() != bias.dtype()) {
            throw new IllegalArgumentException(
                    "Affine needs W and b of one dtype, not " + weight.dtype() + " and " + bias.dtype());
        }
        this.weight = new Parameter("W", weight);
        this.bias = new Parameter("b", bias);
    }

    /** The book's initialisation in float64: {@code W = std · N(0, 1)}, {@code b = 0}. */
    public static Affine initialized(Backend backend, int inputs, int outputs, double std, RandomGenerator random) {
        return initialized(backend, DType.FLOAT64, inputs, outputs, std, random);
    }

    /** The book's initialisation in {@code dtype}: {@code W = std · N(0, 1)} (drawn in double), {@code b = 0}. */
    public static Affine initialized(
            Backend backend, DType dtype, int inputs, int outputs, double std, RandomGenerator random) {
        return new Affine(backend.randomNormal(random, std, dtype, inputs, outputs), backend.zeros(dtype, outputs));
    }

    public Parameter weight() {
        return weight;
    }

    public Parameter bias() {
        return bias;
    }

    @Override
    public Tensor forward(Tensor input) {
        return forward(input, true);
    }

    /** Evaluation only reads the layer, so threads may share it. */
    @Override
    public boolean concurrentEvaluation() {
        return true;
    }

    /** Only a forward pass in training mode keeps its input for backward: evaluation leaves the layer as it was. */
    @Override
    public Tensor forward(Tensor input, boolean training) {
        Tensor flat = input.rank() == 2 ? input : input.reshape(input.dim(0), -1);
        Tensor w = weight.value();
        if (flat.dim(1) != w.dim(0)) {
            throw new IllegalArgumentException("Affine: input of shape " + Arrays.toString(input.shape())
                    + " does not fit W of shape " + Arrays.toString(w.shape()) + " (" + flat.dim(1)
                    + " features against " + w.dim(0) + " inputs)");
        }
        if (training) {
            // Only an input of another rank needs its shape back in backward.
            inputShape = input.rank() == 2 ? null : input.shape();
            x = flat;
        }
        return flat.matmul(w).add(bias.value());
    }

    @Override
    public Tensor backward(Tensor dout) {
        parameterGradients(dout);
        Tensor dx = dout.matmulTranspose(weight.value());
        return inputShape == null ? dx : dx.reshape(inputShape);
    }

    @Override
    public void backwardParametersOnly(Tensor dout) {
        parameterGradients(dout);
    }

    /** dW = xᵀ·dout and db = Σ dout over the batch, into the parameters' gradients. */
    private void parameterGradients(Tensor dout) {
        if (x == null) {
            throw new IllegalStateException("Affine.backward called before a forward pass in training mode");
        }
        if (dout.rank() != 2
                || dout.dim(0) != x.dim(0)
                || dout.dim(1) != weight.value().dim(1)) {
            throw new IllegalArgumentException("Affine.backward: dout has shape " + Arrays.toString(dout.shape())
                    + ", but the output of the last forward pass has shape [" + x.dim(0) + ", "
                    + weight.value().dim(1)
                    + "]");
        }
        x.transposeMatmul(dout, weight.grad());
        dout.sum(0, bias.grad());
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(weight, bias);
    }

    /** A new Affine layer on copies of this one's weights and bias. */
    @Override
    public Optional<Layer> copyForEvaluation() {
        return Optional.of(new Affine(weight.value().copy(), bias.value().copy()));
    }
}
