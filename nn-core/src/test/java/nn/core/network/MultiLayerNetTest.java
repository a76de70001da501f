package nn.core.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.SplittableRandom;
import nn.api.Backend;
import nn.api.DType;
import nn.api.Layer;
import nn.api.Tensor;
import nn.core.gradient.GradientCheck;
import nn.core.layers.Affine;
import nn.core.layers.BatchNormalization;
import nn.core.layers.Dropout;
import nn.core.layers.Relu;
import nn.core.layers.Sigmoid;
import nn.core.layers.SoftmaxWithLoss;
import nn.core.optim.Sgd;
import nn.reference.ReferenceBackendProvider;
import org.junit.jupiter.api.Test;

class MultiLayerNetTest {

    private final Backend backend = ReferenceBackendProvider.backend();

    @Test
    void buildsTheBooksLayersWithTheBooksNames() {
        Network net = MultiLayerNet.builder(backend, 6, 3)
                .hidden(5, 4)
                .batchNorm(true)
                .dropout(0.2)
                .random(new SplittableRandom(1))
                .build();
        assertThat(net.layers())
                .extracting(l -> (Object) l.getClass())
                .containsExactly(
                        Affine.class,
                        BatchNormalization.class,
                        Relu.class,
                        Dropout.class,
                        Affine.class,
                        BatchNormalization.class,
                        Relu.class,
                        Dropout.class,
                        Affine.class);
        assertThat(net.parameters().keySet())
                .containsExactly("W1", "b1", "gamma1", "beta1", "W2", "b2", "gamma2", "beta2", "W3", "b3");
        assertThat(net.state().keySet())
                .containsExactly("running_mean1", "running_var1", "running_mean2", "running_var2");
        Network plain = MultiLayerNet.builder(backend, 6, 3)
                .hidden(5)
                .activation(MultiLayerNet.Activation.SIGMOID)
                .random(new SplittableRandom(1))
                .build();
        assertThat(plain.layers())
                .extracting(l -> (Object) l.getClass())
                .containsExactly(Affine.class, Sigmoid.class, Affine.class);
    }

    @Test
    void initialisationsHaveTheirStandardDeviations() {
        for (WeightInit init : new WeightInit[] {WeightInit.HE, WeightInit.XAVIER, WeightInit.std(0.01)}) {
            Network net = MultiLayerNet.builder(backend, 784, 10)
                    .hidden(400)
                    .init(init)
                    .random(new SplittableRandom(2))
                    .build();
            double[] w1 = net.parameters().get("W1").value().toArray();
            double rms = Math.sqrt(
                    java.util.Arrays.stream(w1).map(v -> v * v).average().orElseThrow());
            assertThat(rms)
                    .as(init.toString())
                    .isCloseTo(init.stdFor(784), org.assertj.core.data.Percentage.withPercentage(1));
        }
        assertThat(WeightInit.HE.stdFor(784)).isEqualTo(Math.sqrt(2.0 / 784));
        assertThat(WeightInit.parse("relu")).isEqualTo(WeightInit.HE);
        assertThat(WeightInit.parse("sigmoid")).isEqualTo(WeightInit.XAVIER);
        assertThat(WeightInit.parse("0.01").stdFor(5)).isEqualTo(0.01);
        assertThatThrownBy(() -> WeightInit.parse("glorot")).hasMessageContaining("use he (relu), xavier (sigmoid)");
    }

    @Test
    void weightDecayAddsHalfLambdaTimesTheSquaredWeightsToTheLoss() {
        SplittableRandom random = new SplittableRandom(3);
        Network plain = MultiLayerNet.builder(backend, 4, 3)
                .hidden(5)
                .random(new SplittableRandom(4))
                .build();
        Network decayed = MultiLayerNet.builder(backend, 4, 3)
                .hidden(5)
                .weightDecay(0.1)
                .random(new SplittableRandom(4))
                .build();
        Tensor x = backend.randomNormal(random, 1, 6, 4);
        Tensor t = backend.of(new double[] {0, 1, 2, 0, 1, 2}, 6);
        double squares = decayed.parameters().get("W1").value().square().sum()
                + decayed.parameters().get("W2").value().square().sum();
        assertThat(decayed.loss(x, t))
                .isCloseTo(plain.loss(x, t) + 0.5 * 0.1 * squares, org.assertj.core.data.Offset.offset(1e-12));
        plain.gradient(x, t);
        decayed.gradient(x, t);
        Tensor expected = plain.parameters()
                .get("W1")
                .grad()
                .add(decayed.parameters().get("W1").value().mul(0.1));
        assertThat(decayed.parameters().get("W1").grad().toArray())
                .containsExactly(expected.toArray(), org.assertj.core.data.Offset.offset(1e-15));
        assertThat(decayed.parameters().get("b1").grad().toArray())
                .containsExactly(plain.parameters().get("b1").grad().toArray());
    }

    /** The book's gradient_check of MultiLayerNetExtend with BatchNorm and weight decay, in float64. */
    @Test
    void gradientCheckOfTheExtendedNetWithBatchNorm() {
        SplittableRandom random = new SplittableRandom(5);
        Network net = MultiLayerNet.builder(backend, 8, 4)
                .hidden(6, 5)
                .batchNorm(true)
                .weightDecay(0.05)
                .init(WeightInit.HE)
                .random(random)
                .build();
        Tensor x = backend.randomNormal(random, 1, 7, 8);
        Tensor t = backend.of(new double[] {0, 1, 2, 3, 0, 1, 2}, 7);
        GradientCheck.Report report = GradientCheck.network(net, x, t);
        assertThat(report.entries()).extracting(GradientCheck.Entry::name).contains("gamma1", "beta2", "W3");
        assertThat(report.entries())
                .allSatisfy(
                        e -> assertThat(e.meanAbsDiff()).as(report.toString()).isLessThanOrEqualTo(1e-6));
    }

    @Test
    void predictionRunsInEvaluationMode() {
        Network net = MultiLayerNet.builder(backend, 4, 3)
                .hidden(8)
                .dropout(0.5)
                .batchNorm(true)
                .dtype(DType.FLOAT32)
                .random(new SplittableRandom(6))
                .build();
        Tensor x = backend.randomNormal(new SplittableRandom(7), 1, DType.FLOAT32, 5, 4);
        // Dropout draws a new mask in every training pass; evaluation is deterministic.
        assertThat(net.predict(x).toArray()).containsExactly(net.predict(x).toArray());
        assertThat(net.forward(x, true).toArray())
                .isNotEqualTo(net.forward(x, true).toArray());
        assertThat(net.dtype()).isEqualTo(DType.FLOAT32);
    }

    /** A snapshot predicts as its network did when it was taken, whatever the network learns after it. */
    @Test
    void aCopyForEvaluationIsASnapshotThatCopyValuesToBringsUpToDate() {
        SplittableRandom random = new SplittableRandom(8);
        Network net = MultiLayerNet.builder(backend, 6, 3)
                .hidden(7, 5)
                .batchNorm(true)
                .dropout(0.3)
                .weightDecay(0.01)
                .random(random)
                .build();
        Tensor x = backend.randomNormal(random, 1, 9, 6);
        Tensor t = backend.of(new double[] {0, 1, 2, 0, 1, 2, 0, 1, 2}, 9);
        Sgd sgd = new Sgd(0.1);
        net.gradient(x, t); // BatchNorm's running statistics move off their start
        sgd.update(net.parameters().values());
        double[] then = net.predict(x).toArray();

        Network copy = net.copyForEvaluation().orElseThrow();

        assertThat(copy.predict(x).toArray()).containsExactly(then);
        assertThat(copy.parameters().keySet())
                .containsExactlyElementsOf(net.parameters().keySet());
        assertThat(copy.state().keySet()).containsExactlyElementsOf(net.state().keySet());
        net.gradient(x, t);
        sgd.update(net.parameters().values());
        double[] now = net.predict(x).toArray();
        assertThat(now).isNotEqualTo(then);
        assertThat(copy.predict(x).toArray()).containsExactly(then);
        net.copyValuesTo(copy);
        assertThat(copy.predict(x).toArray()).containsExactly(now);
        assertThatThrownBy(() -> copy.gradient(x, t))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("copy for evaluation");
    }

    @Test
    void valuesAreCopiedOnlyIntoANetworkOfTheSameParameters() {
        Network net = MultiLayerNet.builder(backend, 6, 3)
                .hidden(7)
                .random(new SplittableRandom(1))
                .build();
        Network other = MultiLayerNet.builder(backend, 6, 3)
                .hidden(7, 5)
                .random(new SplittableRandom(1))
                .build();
        assertThatThrownBy(() -> net.copyValuesTo(other))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("their parameters or state differ")
                .hasMessageContaining("copyForEvaluation");
    }

    @Test
    void aNetworkWithALayerThatCannotCopyItselfHasNoCopy() {
        Layer plain = new Layer() {
            @Override
            public Tensor forward(Tensor x) {
                return x;
            }

            @Override
            public Tensor backward(Tensor dout) {
                return dout;
            }
        };
        Network net = new Network(List.of(new Relu(), plain), new SoftmaxWithLoss());
        assertThat(net.copyForEvaluation()).isEmpty();
        assertThat(new Network(List.of(new Relu()), new SoftmaxWithLoss()).copyForEvaluation())
                .isPresent();
    }
}
