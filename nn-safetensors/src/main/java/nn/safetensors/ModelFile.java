package nn.safetensors;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.TreeSet;
import nn.api.Backend;
import nn.api.DType;
import nn.api.Layer;
import nn.api.Tensor;
import nn.core.layers.Affine;
import nn.core.layers.BatchNormalization;
import nn.core.layers.Dropout;
import nn.core.layers.Relu;
import nn.core.layers.Sigmoid;
import nn.core.layers.SoftmaxWithLoss;
import nn.core.network.Network;

/**
 * A network saved as a safetensors file: its parameters and state under the book's names ({@code W1}, {@code b1},
 * …, {@code gamma1}, {@code beta1}, {@code running_mean1}, {@code running_var1}) and, in {@code __metadata__}, what
 * rebuilds it: {@value #LAYERS} (the layers in order, as JSON: kind and sizes), {@value #LOSS}, {@value
 * #WEIGHT_DECAY}, {@value #DTYPE}, {@value #FORMAT_KEY} and {@value #VERSION}. Nothing else: NumPy reads the weights
 * with {@code numpy.frombuffer}, and {@link #network} rebuilds a network that predicts bit for bit what the
 * saved one did, on any backend.
 *
 * <p>The layers a file can describe are the book's: {@code Affine}, {@code Relu}, {@code Sigmoid}, {@code
 * BatchNormalization} and {@code Dropout}, ended by {@code SoftmaxWithLoss}.
 */
public final class ModelFile {

    /** Metadata key: what the file is, {@value #FORMAT}. */
    public static final String FORMAT_KEY = "format";

    /** This format's name and version. */
    public static final String FORMAT = "nn.model/1";

    /** Metadata key: the layers, a JSON array of objects with a {@code type} and the layer's sizes. */
    public static final String LAYERS = "nn.layers";

    /** Metadata key: the loss layer. */
    public static final String LOSS = "nn.loss";

    /** Metadata key: the L2 weight decay λ the network was built with. */
    public static final String WEIGHT_DECAY = "nn.weight_decay";

    /** Metadata key: the dtype of the saved tensors, {@code float64} or {@code float32}. */
    public static final String DTYPE = "nn.dtype";

    /** Metadata key: the version of nn that wrote the file. */
    public static final String VERSION = "nn.version";

    private static final JsonFactory JSON = new JsonFactory();

    private final Path file;
    private final SafeTensors tensors;
    private final DType dtype;
    private final List<LayerSpec> layers;
    private final double weightDecay;

    private ModelFile(Path file, SafeTensors tensors, DType dtype, List<LayerSpec> layers, double weightDecay) {
        this.file = file;
        this.tensors = tensors;
        this.dtype = dtype;
        this.layers = layers;
        this.weightDecay = weightDecay;
    }

    /** Saves {@code network} to {@code file} (atomically). */
    public static void save(Network network, Path file) throws IOException {
        SafeTensors.write(file, network.tensors(), metadataOf(network));
    }

    /** Reads a model file; {@link #network} then rebuilds the network. */
    public static ModelFile read(Path file) throws IOException {
        SafeTensors tensors = SafeTensors.read(file);
        Map<String, String> m = tensors.metadata();
        if (!FORMAT.equals(m.get(FORMAT_KEY))) {
            throw new SafeTensorsException(
                    file,
                    "is a safetensors file but not an nn model: its metadata lacks " + FORMAT_KEY + "=" + FORMAT
                            + " (it holds tensors " + tensors.names() + ")");
        }
        String loss = required(file, m, LOSS);
        if (!loss.equals("SoftmaxWithLoss")) {
            throw new SafeTensorsException(file, "ends in loss " + loss + "; nn rebuilds SoftmaxWithLoss");
        }
        DType dtype;
        double weightDecay;
        try {
            dtype = DType.parse(required(file, m, DTYPE));
            weightDecay = Double.parseDouble(required(file, m, WEIGHT_DECAY));
        } catch (IllegalArgumentException e) {
            throw new SafeTensorsException(file, "has metadata nn cannot read: " + e.getMessage());
        }
        List<LayerSpec> layers = parseLayers(file, required(file, m, LAYERS));
        ModelFile model = new ModelFile(file, tensors, dtype, layers, weightDecay);
        model.requireExactlyTheTensorsOfItsLayers();
        return model;
    }

    /** Reads {@code file} and rebuilds its network on {@code backend}, in the dtype it was saved in. */
    public static Network load(Path file, Backend backend) throws IOException {
        return read(file).network(backend);
    }

    /** The dtype the tensors were saved in. */
    public DType dtype() {
        return dtype;
    }

    /** The file's metadata. */
    public Map<String, String> metadata() {
        return tensors.metadata();
    }

    /** The network, rebuilt on {@code backend} in the dtype it was saved in. */
    public Network network(Backend backend) throws SafeTensorsException {
        return network(backend, dtype);
    }

    /**
     * The network rebuilt on {@code backend} in {@code dtype}: a float64 file loaded as float32 is rounded to
     * nearest (check {@link #dtype()} to tell the user), a float32 file loaded as float64 is exact.
     */
    public Network network(Backend backend, DType dtype) throws SafeTensorsException {
        List<Layer> built = new ArrayList<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (LayerSpec spec : layers) {
            switch (spec.type) {
                case "Affine" -> {
                    int k = counts.merge("Affine", 1, Integer::sum);
                    Tensor w = tensor("W" + k, backend, dtype, spec.inputs, spec.outputs);
                    Tensor b = tensor("b" + k, backend, dtype, spec.outputs);
                    built.add(new Affine(w, b));
                }
                case "BatchNormalization" -> {
                    int k = counts.merge("BatchNormalization", 1, Integer::sum);
                    BatchNormalization bn = new BatchNormalization(
                            tensor("gamma" + k, backend, dtype, spec.outputs),
                            tensor("beta" + k, backend, dtype, spec.outputs),
                            spec.value);
                    for (Map.Entry<String, Tensor> s : bn.state().entrySet()) {
                        s.getValue().assign(tensor(s.getKey() + k, backend, dtype, spec.outputs));
                    }
                    built.add(bn);
                }
                // Dropout masks are drawn only in training; a fixed seed keeps a loaded model's training repeatable.
                case "Dropout" -> built.add(new Dropout(spec.value, new SplittableRandom(0)));
                case "Relu" -> built.add(new Relu());
                case "Sigmoid" -> built.add(new Sigmoid());
                default ->
                    throw new SafeTensorsException(file, "names layer type " + spec.type + ", which nn does not know");
            }
        }
        return new Network(built, new SoftmaxWithLoss(), weightDecay);
    }

    private Tensor tensor(String name, Backend backend, DType dtype, int... shape) throws SafeTensorsException {
        int[] stored = tensors.entry(name).shape();
        if (!java.util.Arrays.equals(stored, shape)) {
            throw new SafeTensorsException(
                    file,
                    "holds " + name + " of shape " + java.util.Arrays.toString(stored) + ", but its layers need "
                            + java.util.Arrays.toString(shape));
        }
        return tensors.tensor(name, backend, dtype);
    }

    /** A model file holds its layers' tensors and nothing else; anything missing or extra is named. */
    private void requireExactlyTheTensorsOfItsLayers() throws SafeTensorsException {
        TreeSet<String> expected = new TreeSet<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (LayerSpec spec : layers) {
            int k = counts.merge(spec.type, 1, Integer::sum);
            if (spec.type.equals("Affine")) {
                expected.addAll(List.of("W" + k, "b" + k));
            } else if (spec.type.equals("BatchNormalization")) {
                expected.addAll(List.of("gamma" + k, "beta" + k, "running_mean" + k, "running_var" + k));
            }
        }
        TreeSet<String> missing = new TreeSet<>(expected);
        missing.removeAll(tensors.names());
        TreeSet<String> extra = new TreeSet<>(tensors.names());
        extra.removeAll(expected);
        if (tensors.metadata().containsKey(Checkpoint.ITERATION)) {
            extra.removeIf(name -> name.startsWith(Checkpoint.OPTIMIZER_TENSOR_PREFIX)); // a checkpoint's own
        }
        if (!missing.isEmpty() || !extra.isEmpty()) {
            throw new SafeTensorsException(
                    file,
                    "does not hold the tensors its layers need: "
                            + (missing.isEmpty() ? "" : "missing " + missing)
                            + (missing.isEmpty() || extra.isEmpty() ? "" : ", ")
                            + (extra.isEmpty() ? "" : "unexpected " + extra));
        }
    }

    // ---------------------------------------------------------------- describing a network

    /** The metadata that rebuilds {@code network}. */
    static Map<String, String> metadataOf(Network network) {
        if (!(network.lossLayer() instanceof SoftmaxWithLoss)) {
            throw new IllegalArgumentException("A model file describes networks ended by SoftmaxWithLoss, not "
                    + network.lossLayer().getClass().getSimpleName());
        }
        Map<String, String> m = new LinkedHashMap<>();
        m.put(FORMAT_KEY, FORMAT);
        m.put(VERSION, version());
        m.put(DTYPE, network.dtype().label());
        m.put(LAYERS, describeLayers(network.layers()));
        m.put(LOSS, "SoftmaxWithLoss");
        m.put(WEIGHT_DECAY, Double.toString(network.weightDecay()));
        return m;
    }

    private static String describeLayers(List<Layer> layers) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartArray();
            for (Layer layer : layers) {
                g.writeStartObject();
                if (layer instanceof Affine a) {
                    int[] shape = a.weight().value().shape();
                    g.writeStringField("type", "Affine");
                    g.writeNumberField("inputs", shape[0]);
                    g.writeNumberField("outputs", shape[1]);
                } else if (layer instanceof BatchNormalization bn) {
                    g.writeStringField("type", "BatchNormalization");
                    g.writeNumberField("features", bn.gamma().value().dim(0));
                    g.writeNumberField("momentum", bn.momentum());
                } else if (layer instanceof Dropout d) {
                    g.writeStringField("type", "Dropout");
                    g.writeNumberField("ratio", d.ratio());
                } else if (layer instanceof Relu) {
                    g.writeStringField("type", "Relu");
                } else if (layer instanceof Sigmoid) {
                    g.writeStringField("type", "Sigmoid");
                } else {
                    throw new IllegalArgumentException("A model file describes the book's layers (Affine, Relu, "
                            + "Sigmoid, BatchNormalization, Dropout), not "
                            + layer.getClass().getName()
                            + "; save its tensors with SafeTensors.write instead");
                }
                g.writeEndObject();
            }
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    /** One layer as the metadata describes it: its type and sizes (0 where a type has none). */
    private static final class LayerSpec {
        final String type;
        final int inputs;
        final int outputs;
        final double value;

        LayerSpec(String type, int inputs, int outputs, double value) {
            this.type = type;
            this.inputs = inputs;
            this.outputs = outputs;
            this.value = value;
        }
    }

    private static List<LayerSpec> parseLayers(Path file, String json) throws SafeTensorsException {
        List<LayerSpec> specs = new ArrayList<>();
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new SafeTensorsException(file, "has " + LAYERS + " that is not a JSON array");
            }
            while (p.nextToken() == JsonToken.START_OBJECT) {
                Map<String, String> fields = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    fields.put(name, p.getText());
                }
                specs.add(spec(file, fields));
            }
        } catch (JsonProcessingException e) {
            throw new SafeTensorsException(
                    file, "has " + LAYERS + " that is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // parsing a String does no I/O
        }
        if (specs.isEmpty()) {
            throw new SafeTensorsException(file, "has no layers in " + LAYERS);
        }
        return specs;
    }

    private static LayerSpec spec(Path file, Map<String, String> fields) throws SafeTensorsException {
        String type = fields.getOrDefault("type", "");
        try {
            return switch (type) {
                case "Affine" -> new LayerSpec(type, positive(fields, "inputs"), positive(fields, "outputs"), 0);
                case "BatchNormalization" ->
                    new LayerSpec(type, 0, positive(fields, "features"), Double.parseDouble(field(fields, "momentum")));
                case "Dropout" -> new LayerSpec(type, 0, 0, Double.parseDouble(field(fields, "ratio")));
                case "Relu", "Sigmoid" -> new LayerSpec(type, 0, 0, 0);
                default ->
                    throw new SafeTensorsException(
                            file,
                            "names layer type '" + type
                                    + "'; nn rebuilds Affine, Relu, Sigmoid, BatchNormalization and Dropout");
            };
        } catch (IllegalArgumentException e) {
            throw new SafeTensorsException(file, "describes a " + type + " layer nn cannot read: " + e.getMessage());
        }
    }

    private static String field(Map<String, String> fields, String name) {
        String v = fields.get(name);
        if (v == null) {
            throw new IllegalArgumentException("it lacks " + name);
        }
        return v;
    }

    private static int positive(Map<String, String> fields, String name) {
        int v = Integer.parseInt(field(fields, name));
        if (v < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, not " + v);
        }
        return v;
    }

    private static String required(Path file, Map<String, String> metadata, String key) throws SafeTensorsException {
        String v = metadata.get(key);
        if (v == null) {
            throw new SafeTensorsException(file, "is an nn model without " + key + " in its metadata");
        }
        return v;
    }

    /** nn's version, from the properties the build writes beside this class; read once, when first asked for. */
    static String version() {
        return Version.VALUE;
    }

    private static final class Version {
        static final String VALUE = read();

        private static String read() {
            Properties p = new Properties();
            try (InputStream in = ModelFile.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            } catch (IOException e) {
                // an unreadable resource leaves the version unknown, which is no reason to refuse to save
            }
            return p.getProperty("version", "unknown");
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "ModelFile[%s, %s, %d layers]", file, dtype.label(), layers.size());
    }
}
