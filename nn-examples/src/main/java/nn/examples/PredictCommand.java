package nn.examples;

import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import nn.api.Backend;
import nn.api.DType;
import nn.api.Tensor;
import nn.core.network.Network;
import nn.mnist.IdxFile;
import nn.safetensors.ModelFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code predict}: classifies images with a saved model. */
@Command(
        name = "predict",
        mixinStandardHelpOptions = true,
        description = "Classify images with a model saved by train-mnist --save (or a checkpoint): IDX image files "
                + "(MNIST's own, gzipped or not) and ordinary images (PNG, JPEG), made greyscale, scaled and centred "
                + "as MNIST's digits are. Prints each image's class and the top probabilities.")
final class PredictCommand implements Callable<Integer> {

    private final Provider<Backend> backend;

    @Spec
    CommandSpec spec;

    @Mixin
    BackendOption backendOption;

    @Option(names = "--model", required = true, paramLabel = "FILE.safetensors", description = "The saved model.")
    Path model;

    @Option(
            names = "--top",
            paramLabel = "K",
            defaultValue = "3",
            description = "Print the K most probable classes (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(
            names = "--limit",
            paramLabel = "N",
            defaultValue = "10",
            description = "Classify the first N images of an IDX file (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(
            names = "--dtype",
            converter = DTypeConverter.class,
            paramLabel = "DTYPE",
            description = "Compute in float64 or float32 (default: the dtype the model was saved in).")
    DType dtype;

    @Parameters(paramLabel = "IMAGE", arity = "1..*", description = "IDX files and image files to classify.")
    List<Path> images;

    @Inject
    PredictCommand(Provider<Backend> backend) {
        this.backend = backend;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        TrainingSession.requirePositive("--top", top);
        TrainingSession.requirePositive("--limit", limit);
        for (Path image : images) {
            if (!Files.isRegularFile(image)) {
                throw new IllegalArgumentException(image + ": no such file");
            }
        }
        ModelFile file = ModelFile.read(model);
        DType computeIn = dtype == null ? file.dtype() : dtype;
        if (computeIn != file.dtype()) {
            out.printf(
                    Locale.ROOT,
                    "note: %s holds %s weights, converted to %s%s%n",
                    model,
                    file.dtype(),
                    computeIn,
                    computeIn == DType.FLOAT32 ? " (rounded to nearest)" : " (exactly)");
        }
        Backend b = backend.get();
        Network net = file.network(b, computeIn);
        int features = net.parameters().get("W1") == null
                ? 784
                : net.parameters().get("W1").value().dim(0);
        for (Path image : images) {
            List<String> names = new ArrayList<>();
            List<double[]> inputs = new ArrayList<>();
            if (isIdx(image)) {
                IdxFile idx = IdxFile.read(image);
                int[] dims = idx.dimensions();
                int pixels = dims.length == 3 ? dims[1] * dims[2] : -1;
                if (pixels != features) {
                    throw new IllegalArgumentException(image + ": IDX images of shape "
                            + java.util.Arrays.toString(dims) + " do not fit a model of " + features + " inputs");
                }
                byte[] data = idx.data();
                for (int i = 0; i < Math.min(limit, dims[0]); i++) {
                    double[] x = new double[pixels];
                    for (int p = 0; p < pixels; p++) {
                        x[p] = (data[i * pixels + p] & 0xff) / 255.0;
                    }
                    names.add(image.getFileName() + "[" + i + "]");
                    inputs.add(x);
                }
            } else {
                if (features != DigitImage.SIDE * DigitImage.SIDE) {
                    throw new IllegalArgumentException(
                            "the model takes " + features + " inputs; image files become 28 × 28 = 784");
                }
                names.add(image.getFileName().toString());
                inputs.add(DigitImage.read(image));
            }
            double[] batch = new double[inputs.size() * features];
            for (int i = 0; i < inputs.size(); i++) {
                System.arraycopy(inputs.get(i), 0, batch, i * features, features);
            }
            Tensor x = b.of(computeIn, batch, inputs.size(), features);
            double[] probabilities = net.predict(x).softmax().toArray();
            int classes = probabilities.length / inputs.size();
            for (int i = 0; i < inputs.size(); i++) {
                out.println(line(names.get(i), probabilities, i * classes, classes));
            }
        }
        out.flush();
        return 0;
    }

    /** {@code name: class  c1 p1  c2 p2 …}, the top K classes by probability. */
    private String line(String name, double[] p, int offset, int classes) {
        Integer[] order = new Integer[classes];
        for (int c = 0; c < classes; c++) {
            order[c] = c;
        }
        java.util.Arrays.sort(order, (a, c) -> Double.compare(p[offset + c], p[offset + a]));
        StringBuilder s = new StringBuilder(name).append(": ").append(order[0]).append(' ');
        for (int k = 0; k < Math.min(top, classes); k++) {
            s.append(String.format(Locale.ROOT, " %d %.4f", order[k], p[offset + order[k]]));
        }
        return s.toString();
    }

    /** IDX files start with two zero bytes; gzipped ones with gzip's magic number. */
    private static boolean isIdx(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(2);
            return head.length == 2
                    && ((head[0] == 0 && head[1] == 0) || ((head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b));
        }
    }
}
