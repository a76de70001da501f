package nn.core.layers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nn.api.Backend;
import nn.api.DType;
import nn.api.Layer;
import nn.api.Parameter;
import nn.api.Shapes;
import nn.api.Tensor;
import org.jspecify.annotations.Nullable;

/**
 * Batch normalisation as the book's {@code BatchNormalization}: in training each feature is normalised by the
 * batch's mean and standard deviation ({@code sqrt(var + 10e-7)}), then scaled by {@code gamma} and shifted by
 * {@code beta}; the running mean and variance follow with momentum 0.9 and are used at evaluation. An input of
 * more than two axes ({@code [N, C, H, W]}) is normalised as {@code [N, C·H·W]}. The backward pass is the
 * book's, formula for formula.
 */
public final class BatchNormalization implements Layer {

    /** The book's guard inside the square root. */
    static final double EPSILON = 10e-7;

    private final Parameter gamma;
    private final Parameter beta;
    private final double momentum;
    private final Tensor runningMean;
    private final Tensor runningVar;
    private int @Nullable [] inputShape;
    private int batch;
    private @Nullable Tensor xc;
    private @Nullable Tensor xn;
    private @Nullable Tensor std;

    /** A layer with these {@code gamma} and {@code beta} ({@code [features]}) and running-average momentum. */
    public BatchNormalization(Tensor gamma, Tensor beta, double momentum) {
        if (gamma.rank() != 1 || beta.rank() != 1 || gamma.dim(0) != beta.dim(0) || gamma.dtype() != beta.dtype()) {
            throw new IllegalArgumentException("BatchNormalization needs gamma and beta of one shape [features] and "
                    + "one dtype, not " + java.util.Arrays.toString(gamma.shape()) + " " + gamma.dtype() + " and "
                    + java.util.Arrays.toString(beta.shape()) + " " + beta.dtype());
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("The momentum must be in [0, 1), not " + momentum);
        }
        this.gamma = new Parameter("gamma", gamma);
        this.beta = new Parameter("beta", beta);
        this.momentum = momentum;
        this.runningMean = gamma.backend().zeros(gamma.dtype(), gamma.shape());
        this.runningVar = gamma.backend().zeros(gamma.dtype(), gamma.shape());
    }

    /** The book's start: {@code gamma = 1}, {@code beta = 0}, momentum 0.9. */
    public static BatchNormalization initialized(Backend backend, DType dtype, int features) {
        return new BatchNormalization(backend.full(dtype, 1.0, features), backend.zeros(dtype, features), 0.9);
    }

    /** The momentum of the running averages (the book's 0.9). */
    public double momentum() {
        return momentum;
    }

    public Parameter gamma() {
        return gamma;
    }

    public Parameter beta() {
        return beta;
    }

    @Override
    public Tensor forward(Tensor x) {
        return forward(x, true);
    }

    /** Evaluation only reads the layer, so threads may share it. */
    @Override
    public boolean concurrentEvaluation() {
        return true;
    }

    @Override
    public Tensor forward(Tensor input, boolean training) {
        int @Nullable [] shape = input.rank() == 2 ? null : input.shape();
        Tensor x = input.rank() == 2 ? input : input.reshape(input.dim(0), -1);
        if (x.dim(1) != gamma.value().dim(0)) {
            throw new IllegalArgumentException(
                    "BatchNormalization of " + gamma.value().dim(0) + " features got input " + "of shape "
                            + java.util.Arrays.toString(input.shape()));
        }
        Tensor normalized;
        if (training) {
            // Only a forward pass in training mode keeps what backward needs; evaluation leaves the layer as it was.
            inputShape = shape;
            Tensor mu = x.mean(0);
            xc = x.sub(mu);
            Tensor var = xc.square().mean(0);
            std = var.add(EPSILON).sqrt();
            xn = xc.div(std);
            batch = x.dim(0);
            // Running averages outlive the step, so they are updated in place.
            runningMean.mul(momentum, runningMean).addScaled(1 - momentum, mu);
            runningVar.mul(momentum, runningVar).addScaled(1 - momentum, var);
            normalized = xn;
        } else {
            normalized = x.sub(runningMean).div(runningVar.add(EPSILON).sqrt());
        }
        Tensor out = gamma.value().mul(normalized).add(beta.value());
        return shape == null ? out : out.reshape(shape);
    }

    @Override
    public Tensor backward(Tensor doutInput) {
        Tensor xn = this.xn;
        Tensor xc = this.xc;
        Tensor std = this.std;
        if (xn == null || xc == null || std == null) {
            throw new IllegalStateException(
                    "BatchNormalization.backward called before a forward pass in training mode");
        }
        Tensor dout = doutInput.rank() == 2 ? doutInput : doutInput.reshape(doutInput.dim(0), -1);
        Shapes.requireGradientShape("BatchNormalization", xn, dout);
        dout.sum(0, beta.grad());
        xn.mul(dout).sum(0, gamma.grad());
        Tensor dxn = gamma.value().mul(dout);
        Tensor dxc = dxn.div(std);
        Tensor dstd = dxn.mul(xc).div(std.mul(std)).sum(0).neg();
        Tensor dvar = dstd.mul(0.5).div(std);
        dxc = dxc.add(xc.mul(2.0 / batch).mul(dvar));
        Tensor dmu = dxc.sum(0);
        Tensor dx = dxc.sub(dmu.div(batch));
        return inputShape == null ? dx : dx.reshape(inputShape);
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(gamma, beta);
    }

    @Override
    public Map<String, Tensor> state() {
        Map<String, Tensor> state = new LinkedHashMap<>();
        state.put("running_mean", runningMean);
        state.put("running_var", runningVar);
        return state;
    }

    /** A new layer on copies of this one's gamma, beta and running statistics. */
    @Override
    public Optional<Layer> copyForEvaluation() {
        BatchNormalization copy =
                new BatchNormalization(gamma.value().copy(), beta.value().copy(), momentum);
        copy.runningMean.assign(runningMean);
        copy.runningVar.assign(runningVar);
        return Optional.of(copy);
    }
}
