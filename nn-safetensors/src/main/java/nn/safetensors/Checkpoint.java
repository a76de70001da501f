package nn.safetensors;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import nn.api.Parameter;
import nn.api.Tensor;
import nn.core.network.Network;
import nn.core.optim.Optimizer;

/**
 * A training run paused: the model file's tensors and metadata, plus the optimizer's state tensors (named
 * {@code optimizer.<parameter>.<state>}: {@code optimizer.W1.v}, Adam's {@code optimizer.W1.m}, …), its step
 * count and the iterations done ({@value #ITERATION}, {@value #OPTIMIZER_STEPS}), and whatever settings the
 * caller needs to start the same run again (keys under {@code nn.train.}). The sampler's position is the
 * iteration count: a resumed run draws and discards that many batches from a generator seeded as the first run's
 * was, so 5,000 + 5,000 iterations give exactly the weights of 10,000.
 *
 * <p>A checkpoint is also a model file: {@code predict} and {@link ModelFile#read} take it (the optimizer's
 * tensors are then ignored).
 */
public final class Checkpoint {

    /** Metadata key: the training iterations done. */
    public static final String ITERATION = "nn.checkpoint.iteration";

    /** Metadata key: the optimizer's update count. */
    public static final String OPTIMIZER_STEPS = "nn.optimizer.steps";

    /** Metadata key: the optimizer, as its {@code toString}. */
    public static final String OPTIMIZER = "nn.optimizer";

    /** The prefix of the caller's training settings in the metadata. */
    public static final String SETTINGS_PREFIX = "nn.train.";

    static final String OPTIMIZER_TENSOR_PREFIX = "optimizer.";

    private final Path file;
    private final SafeTensors tensors;
    private final long iteration;
    private final long optimizerSteps;
    private final Map<String, String> settings;

    private Checkpoint(
            Path file, SafeTensors tensors, long iteration, long optimizerSteps, Map<String, String> settings) {
        this.file = file;
        this.tensors = tensors;
        this.iteration = iteration;
        this.optimizerSteps = optimizerSteps;
        this.settings = settings;
    }

    /**
     * Saves the run at {@code iteration} (atomically): {@code network}'s tensors, {@code optimizer}'s state, and
     * {@code settings} (stored under {@value #SETTINGS_PREFIX}).
     */
    public static void save(
            Path file, Network network, Optimizer optimizer, long iteration, Map<String, String> settings)
            throws IOException {
        Map<String, Tensor> all = new LinkedHashMap<>(network.tensors());
        for (Map.Entry<String, Parameter> p : network.parameters().entrySet()) {
            for (Map.Entry<String, Tensor> s : optimizer.state(p.getValue()).entrySet()) {
                all.put(OPTIMIZER_TENSOR_PREFIX + p.getKey() + "." + s.getKey(), s.getValue());
            }
        }
        Map<String, String> metadata = ModelFile.metadataOf(network);
        metadata.put(ITERATION, Long.toString(iteration));
        metadata.put(OPTIMIZER, optimizer.toString());
        metadata.put(OPTIMIZER_STEPS, Long.toString(optimizer.steps()));
        for (Map.Entry<String, String> s : settings.entrySet()) {
            metadata.put(SETTINGS_PREFIX + s.getKey(), s.getValue());
        }
        SafeTensors.write(file, all, metadata);
    }

    /** Reads a checkpoint written by {@link #save}. */
    public static Checkpoint read(Path file) throws IOException {
        SafeTensors tensors = SafeTensors.read(file);
        Map<String, String> m = tensors.metadata();
        String iteration = m.get(ITERATION);
        String steps = m.get(OPTIMIZER_STEPS);
        if (iteration == null || steps == null) {
            throw new SafeTensorsException(
                    file,
                    "is not a checkpoint (its metadata lacks " + ITERATION
                            + "); resume from a file --checkpoint-every wrote");
        }
        Map<String, String> settings = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : m.entrySet()) {
            if (e.getKey().startsWith(SETTINGS_PREFIX)) {
                settings.put(e.getKey().substring(SETTINGS_PREFIX.length()), e.getValue());
            }
        }
        try {
            return new Checkpoint(file, tensors, Long.parseLong(iteration), Long.parseLong(steps), settings);
        } catch (NumberFormatException e) {
            throw new SafeTensorsException(file, "has an iteration or step count that is not a number");
        }
    }

    /** The training iterations done when it was saved. */
    public long iteration() {
        return iteration;
    }

    /** The settings saved with it (without the prefix). */
    public Map<String, String> settings() {
        return settings;
    }

    /**
     * Puts the saved run into {@code network} (a network of the same architecture, as built for a fresh run) and
     * {@code optimizer} (of the same kind): every parameter and state tensor assigned, the optimizer's state and
     * step count restored.
     */
    public void restore(Network network, Optimizer optimizer) throws SafeTensorsException {
        Map<String, Tensor> targets = network.tensors();
        for (Map.Entry<String, Tensor> t : targets.entrySet()) {
            Tensor target = t.getValue();
            int[] stored = tensors.entry(t.getKey()).shape();
            if (!Arrays.equals(stored, target.shape())) {
                throw new SafeTensorsException(
                        file,
                        "holds " + t.getKey() + " of shape " + Arrays.toString(stored) + ", but the network has "
                                + Arrays.toString(target.shape()) + ": resume with the architecture it was saved with");
            }
            target.assign(tensors.tensor(t.getKey(), target.backend(), target.dtype()));
        }
        IdentityHashMap<Parameter, Map<String, Tensor>> state = new IdentityHashMap<>();
        if (optimizerSteps > 0) {
            for (Map.Entry<String, Parameter> p : network.parameters().entrySet()) {
                Tensor w = p.getValue().value();
                Map<String, Tensor> named = new LinkedHashMap<>();
                for (String s : optimizer.stateNames()) {
                    named.put(
                            s, tensors.tensor(OPTIMIZER_TENSOR_PREFIX + p.getKey() + "." + s, w.backend(), w.dtype()));
                }
                state.put(p.getValue(), named);
            }
        }
        optimizer.restore(state, optimizerSteps);
    }
}
