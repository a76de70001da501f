package nn.core.network;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import nn.api.DType;
import nn.api.Layer;
import nn.api.LossLayer;
import nn.api.Parameter;
import nn.api.Tensor;

/**
 * An ordered sequence of layers of any depth, ended by a loss layer. {@link #gradient} runs one forward
 * pass and one backward pass and returns the loss of that same forward pass, so that training never
 * computes the loss twice. The first layer is told that its input gradient is not needed.
 */
public final class Network {

    private final List<Layer> layers;
    private final LossLayer lossLayer;
    private final Map<String, Parameter> parameters;
    private final Map<String, Tensor> state;
    private final double weightDecay;
    private final List<Parameter> decayed;

    public Network(List<? extends Layer> layers, LossLayer lossLayer) {
        this(layers, lossLayer, 0);
    }

    /**
     * A network with L2 weight decay {@code lambda}, as the book's {@code MultiLayerNet}: the loss gains
     * {@code ½·λ·ΣW²} over every weight matrix (parameters named {@code W}, not biases or BatchNorm's), and each
     * weight's gradient {@code λ·W}.
     */
    public Network(List<? extends Layer> layers, LossLayer lossLayer, double weightDecay) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("A network needs at least one layer");
        }
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new IllegalArgumentException("The weight decay must be a number ≥ 0, not " + weightDecay);
        }
        this.layers = List.copyOf(layers);
        this.lossLayer = Objects.requireNonNull(lossLayer, "lossLayer");
        this.parameters = Collections.unmodifiableMap(nameParameters(this.layers));
        this.state = Collections.unmodifiableMap(nameState(this.layers));
        this.weightDecay = weightDecay;
        List<Parameter> weights = new ArrayList<>();
        for (Layer layer : this.layers) {
            for (Parameter p : layer.parameters()) {
                if (p.name().equals("W")) {
                    weights.add(p);
                }
            }
        }
        this.decayed = weightDecay == 0 ? List.of() : List.copyOf(weights);
    }

    /**
     * Names each parameter by its own name and how many parameters of that name came before, from 1: the book's
     * {@code W1, b1, W2, b2} for Affine layers and {@code gamma1, beta1} for the first BatchNorm.
     */
    private static Map<String, Parameter> nameParameters(List<Layer> layers) {
        Map<String, Parameter> named = new LinkedHashMap<>();
        Map<String, Integer> counts = new HashMap<>();
        for (Layer layer : layers) {
            for (Parameter p : layer.parameters()) {
                String name = p.name() + counts.merge(p.name(), 1, Integer::sum);
                if (named.putIfAbsent(name, p) != null) {
                    throw new IllegalArgumentException("Two parameters named " + name + " in one network");
                }
            }
        }
        return named;
    }

    /** Names each layer's state as its parameters are named: {@code running_mean1}, … */
    private static Map<String, Tensor> nameState(List<Layer> layers) {
        Map<String, Tensor> named = new LinkedHashMap<>();
        Map<String, Integer> counts = new HashMap<>();
        for (Layer layer : layers) {
            for (Map.Entry<String, Tensor> e : layer.state().entrySet()) {
                named.put(e.getKey() + counts.merge(e.getKey(), 1, Integer::sum), e.getValue());
            }
        }
        return named;
    }

    /** The weight decay λ (0 for none). */
    public double weightDecay() {
        return weightDecay;
    }

    /** Every layer's non-trained state by name ({@code running_mean1}, {@code running_var1}, …). */
    public Map<String, Tensor> state() {
        return state;
    }

    /**
     * Every tensor that makes the model, by name: each parameter's value ({@code W1, b1, …}), then each layer's state
     * ({@code running_mean1, …}). What a model file holds and what {@link #copyValuesTo} copies.
     */
    public Map<String, Tensor> tensors() {
        Map<String, Tensor> all = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> p : parameters.entrySet()) {
            all.put(p.getKey(), p.getValue().value());
        }
        all.putAll(state);
        return Collections.unmodifiableMap(all);
    }

    public List<Layer> layers() {
        return layers;
    }

    public LossLayer lossLayer() {
        return lossLayer;
    }

    /** The trainable parameters by name ({@code W1, b1, …}), in layer order. */
    public Map<String, Parameter> parameters() {
        return parameters;
    }

    /** The dtype of the parameters (float64 for a network without any), which inputs must have. */
    public DType dtype() {
        return parameters.isEmpty()
                ? DType.FLOAT64
                : parameters.values().iterator().next().value().dtype();
    }

    /** The scores for {@code x} in evaluation mode: every layer's forward pass, without the loss layer. */
    public Tensor predict(Tensor x) {
        return forward(x, false);
    }

    /** Whether several threads may run {@link #predict} at once: every layer says so. */
    public boolean concurrentEvaluation() {
        for (Layer layer : layers) {
            if (!layer.concurrentEvaluation()) {
                return false;
            }
        }
        return true;
    }

    /** Every layer's forward pass in the given mode (the book's {@code train_flg}), without the loss layer. */
    public Tensor forward(Tensor x, boolean training) {
        Tensor out = x;
        // Indexed loops here and below (random-access lists): an iterator is an allocation per pass unless C2 removes
        // it.
        for (int i = 0; i < layers.size(); i++) {
            out = layers.get(i).forward(out, training);
        }
        return out;
    }

    /**
     * The loss of {@code x} against {@code targets} (one forward pass, in training mode), with the weight decay
     * term {@code ½·λ·ΣW²}.
     */
    public double loss(Tensor x, Tensor targets) {
        double loss = lossLayer.forward(forward(x, true), targets);
        for (int i = 0; i < decayed.size(); i++) {
            loss += 0.5 * weightDecay * decayed.get(i).value().square().sum();
        }
        return loss;
    }

    /**
     * One forward and one backward pass: fills every parameter's gradient and returns the loss of the
     * forward pass.
     */
    public double gradient(Tensor x, Tensor targets) {
        double loss = loss(x, targets);
        Tensor dout = lossLayer.backward();
        for (int i = layers.size() - 1; i > 0; i--) {
            dout = layers.get(i).backward(dout);
        }
        layers.get(0).backwardParametersOnly(dout);
        for (int i = 0; i < decayed.size(); i++) {
            Parameter w = decayed.get(i);
            w.grad().addScaled(weightDecay, w.value());
        }
        return loss;
    }

    /**
     * A network that evaluates as this one does now, on its own copies of the parameters and state: a snapshot
     * that one thread can evaluate while another trains this network on. Empty when a layer cannot copy itself
     * ({@link Layer#copyForEvaluation()}). The copy predicts; it has no loss to train on.
     */
    public Optional<Network> copyForEvaluation() {
        List<Layer> copies = new ArrayList<>();
        for (Layer layer : layers) {
            Optional<Layer> copy = layer.copyForEvaluation();
            if (copy.isEmpty()) {
                return Optional.empty();
            }
            copies.add(copy.get());
        }
        Network copy = new Network(copies, NO_LOSS, weightDecay);
        copyValuesTo(copy);
        return Optional.of(copy);
    }

    /**
     * Copies every parameter's value and every state tensor into {@code copy}, a network made by
     * {@link #copyForEvaluation()}, so that it evaluates as this network does now.
     */
    public void copyValuesTo(Network copy) {
        Map<String, Tensor> from = tensors();
        Map<String, Tensor> to = copy.tensors();
        if (!to.keySet().equals(from.keySet())) {
            throw new IllegalArgumentException("Cannot copy the values of " + this + " into " + copy
                    + ": their parameters or state differ; make the copy with copyForEvaluation()");
        }
        for (Map.Entry<String, Tensor> e : from.entrySet()) {
            Objects.requireNonNull(to.get(e.getKey())).assign(e.getValue());
        }
    }

    /** The loss layer of an evaluation copy, which predicts and never trains. */
    private static final LossLayer NO_LOSS = new LossLayer() {
        @Override
        public double forward(Tensor scores, Tensor targets) {
            throw noLoss();
        }

        @Override
        public Tensor backward(double dout) {
            throw noLoss();
        }

        @Override
        public Tensor output() {
            throw noLoss();
        }

        private UnsupportedOperationException noLoss() {
            return new UnsupportedOperationException(
                    "This network is a copy for evaluation and has no loss: train the network it was copied from");
        }
    };

    /** The fraction of rows of {@code x} whose highest score is at {@code labels} (class indices). */
    public double accuracy(Tensor x, int[] labels) {
        int[] predicted = predict(x).argmax(1);
        if (predicted.length != labels.length) {
            throw new IllegalArgumentException(predicted.length + " predictions against " + labels.length + " labels");
        }
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            if (predicted[i] == labels[i]) {
                correct++;
            }
        }
        return labels.length == 0 ? 0.0 : (double) correct / labels.length;
    }

    @Override
    public String toString() {
        List<String> names = new ArrayList<>();
        for (Layer layer : layers) {
            names.add(layer.getClass().getSimpleName());
        }
        names.add(lossLayer.getClass().getSimpleName());
        return "Network" + names + " " + parameters.values();
    }
}
