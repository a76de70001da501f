package nn.safetensors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import nn.api.Backend;
import nn.api.Backends;
import nn.api.DType;
import nn.api.Layer;
import nn.api.Tensor;
import nn.core.layers.SoftmaxWithLoss;
import nn.core.network.MultiLayerNet;
import nn.core.network.Network;
import nn.core.network.TwoLayerNet;
import nn.core.optim.Adam;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ModelFileTest {

    @TempDir
    Path dir;

    static Stream<Arguments> backendsAndDtypes() {
        return Stream.of("reference", "simd")
                .flatMap(b -> Stream.of(DType.FLOAT64, DType.FLOAT32).map(d -> Arguments.of(b, d)));
    }

    /** Every layer kind a model file describes: Affine, BatchNorm, ReLU or Sigmoid, Dropout. */
    private static List<Network> everyLayerKind(Backend backend, DType dtype) {
        return List.of(
                TwoLayerNet.create(backend, dtype, 12, 7, 4, new SplittableRandom(1)),
                MultiLayerNet.builder(backend, 12, 4)
                        .hidden(9, 6)
                        .activation(MultiLayerNet.Activation.SIGMOID)
                        .batchNorm(true)
                        .dropout(0.25)
                        .weightDecay(0.01)
                        .dtype(dtype)
                        .random(new SplittableRandom(2))
                        .build());
    }

    /** A few steps of training, so that BatchNorm's running statistics are not their initial values. */
    private static void train(Network net, Backend backend, DType dtype) {
        SplittableRandom random = new SplittableRandom(3);
        Tensor x = backend.randomNormal(random, 1.0, dtype, 16, 12);
        Tensor t = backend.of(dtype, random.ints(16, 0, 4).asDoubleStream().toArray(), 16);
        Adam adam = new Adam(0.01, 0.9, 0.999);
        for (int i = 0; i < 5; i++) {
            net.gradient(x, t);
            adam.update(net.parameters().values());
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("backendsAndDtypes")
    void aLoadedNetworkPredictsBitForBitWhatTheSavedOneDid(String backendName, DType dtype) throws IOException {
        Backend backend = Backends.get(backendName);
        Tensor x = backend.randomNormal(new SplittableRandom(4), 1.0, dtype, 8, 12);
        for (Network net : everyLayerKind(backend, dtype)) {
            train(net, backend, dtype);
            double[] before = net.predict(x).toArray();
            Path f = dir.resolve("model.safetensors");
            ModelFile.save(net, f);

            ModelFile file = ModelFile.read(f);
            assertThat(file.dtype()).isEqualTo(dtype);
            for (String other : new String[] {"reference", "simd"}) {
                Network loaded = file.network(Backends.get(other));
                assertThat(loaded.toString()).isEqualTo(net.toString());
                assertThat(loaded.weightDecay()).isEqualTo(net.weightDecay());
                assertThat(loaded.parameters().keySet())
                        .isEqualTo(net.parameters().keySet());
                assertThat(loaded.state().keySet()).isEqualTo(net.state().keySet());
                for (String name : net.state().keySet()) {
                    assertThat(loaded.state().get(name).toArray())
                            .containsExactly(net.state().get(name).toArray());
                }
                if (other.equals(backendName)) {
                    assertThat(loaded.predict(x).toArray())
                            .as(net + " on " + other)
                            .containsExactly(before);
                }
            }
        }
    }

    @Test
    void aFloat64ModelLoadsAsFloat32RoundedToNearest() throws IOException {
        Backend backend = Backends.get("reference");
        Network net = TwoLayerNet.create(backend, 5, 4, 3, new SplittableRandom(5));
        Path f = dir.resolve("model.safetensors");
        ModelFile.save(net, f);
        ModelFile file = ModelFile.read(f);
        assertThat(file.dtype()).isEqualTo(DType.FLOAT64);
        Network single = file.network(backend, DType.FLOAT32);
        assertThat(single.dtype()).isEqualTo(DType.FLOAT32);
        double[] w = net.parameters().get("W1").value().toArray();
        float[] rounded = new float[w.length];
        for (int i = 0; i < w.length; i++) {
            rounded[i] = (float) w[i];
        }
        assertThat(single.parameters().get("W1").value().toFloatArray()).containsExactly(rounded);
    }

    @Test
    void theMetadataDescribesTheArchitecture() throws IOException {
        Backend backend = Backends.get("reference");
        Path f = dir.resolve("model.safetensors");
        ModelFile.save(TwoLayerNet.create(backend, 784, 50, 10, new SplittableRandom(6)), f);
        Map<String, String> m = ModelFile.read(f).metadata();
        assertThat(m)
                .containsEntry("format", "nn.model/1")
                .containsEntry("nn.dtype", "float64")
                .containsEntry("nn.loss", "SoftmaxWithLoss")
                .containsEntry(
                        "nn.layers",
                        "[{\"type\":\"Affine\",\"inputs\":784,\"outputs\":50},{\"type\":\"Relu\"},"
                                + "{\"type\":\"Affine\",\"inputs\":50,\"outputs\":10}]");
        assertThat(m.get("nn.version")).isNotBlank().isNotEqualTo("unknown");
        assertThat(SafeTensors.read(f).names()).containsExactlyInAnyOrder("W1", "b1", "W2", "b2");
    }

    @Test
    void aFileMissingATensorOrHoldingAnExtraOneIsRefusedByName() throws IOException {
        Backend backend = Backends.get("reference");
        Network net = TwoLayerNet.create(backend, 5, 4, 3, new SplittableRandom(7));
        Map<String, String> metadata = ModelFile.metadataOf(net);
        Map<String, Tensor> tensors = new LinkedHashMap<>(net.tensors());
        tensors.remove("b2");
        tensors.put("extra", backend.zeros(1));
        Path f = dir.resolve("broken.safetensors");
        SafeTensors.write(f, tensors, metadata);
        assertThatThrownBy(() -> ModelFile.read(f))
                .isInstanceOf(SafeTensorsException.class)
                .hasMessageContainingAll(f.toString(), "missing [b2]", "unexpected [extra]");

        Path plain = dir.resolve("plain.safetensors");
        SafeTensors.write(plain, Map.of("W", backend.zeros(2)), Map.of());
        assertThatThrownBy(() -> ModelFile.read(plain)).hasMessageContaining("not an nn model");
    }

    @Test
    void aLayerAModelFileCannotDescribeIsRefusedBeforeAnythingIsWritten() {
        Layer custom = new Layer() {
            @Override
            public Tensor forward(Tensor x) {
                return x;
            }

            @Override
            public Tensor backward(Tensor dout) {
                return dout;
            }
        };
        Network net = new Network(List.of(custom), new SoftmaxWithLoss());
        Path f = dir.resolve("custom.safetensors");
        assertThatThrownBy(() -> ModelFile.save(net, f))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SafeTensors.write");
        assertThat(f).doesNotExist();
    }
}
