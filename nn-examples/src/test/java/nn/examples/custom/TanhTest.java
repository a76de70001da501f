package nn.examples.custom;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import nn.api.Backend;
import nn.api.Backends;
import nn.api.Tensor;
import nn.core.gradient.GradientCheck;
import nn.core.layers.Affine;
import nn.core.layers.SoftmaxWithLoss;
import nn.core.network.Network;
import nn.core.optim.Sgd;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A layer from outside nn-core passes the gradient check and trains inside a network, on every backend. */
class TanhTest {

    static List<String> backends() {
        return Backends.providers().stream().filter(p -> p.availability().usable()).map(p -> p.name()).toList();
    }

    @ParameterizedTest
    @MethodSource("backends")
    void valuesAndGradientCheck(String backendName) {
        Backend backend = Backends.get(backendName);
        Tensor x = backend.of(new double[] {-1, 0, 0.5, 2, -3, 0.1}, 2, 3);
        Tanh tanh = new Tanh();
        double[] y = tanh.forward(x).toArray();
        double[] input = x.toArray();
        for (int i = 0; i < y.length; i++) {
            assertThat(y[i]).isCloseTo(Math.tanh(input[i]), org.assertj.core.data.Offset.offset(1e-15));
        }
        GradientCheck.Report report = GradientCheck.layer(new Tanh(), backend.randomNormal(new SplittableRandom(1), 1, 5, 7),
                new SplittableRandom(2));
        assertThat(report.maxAbsDiff()).as(report.toString()).isLessThan(1e-7);
    }

    @ParameterizedTest
    @MethodSource("backends")
    void plugsIntoANetworkAndLearns(String backendName) {
        Backend backend = Backends.get(backendName);
        SplittableRandom random = new SplittableRandom(3);
        Network net = new Network(List.of(Affine.initialized(backend, 2, 8, 0.5, random), new Tanh(),
                Affine.initialized(backend, 8, 2, 0.5, random)), new SoftmaxWithLoss());
        // XOR, which no linear model separates.
        Tensor x = backend.of(new double[] {0, 0, 0, 1, 1, 0, 1, 1}, 4, 2);
        Tensor t = backend.of(new double[] {0, 1, 1, 0}, 4);
        double before = net.loss(x, t);
        Sgd sgd = new Sgd(0.5);
        for (int i = 0; i < 2000; i++) {
            net.gradient(x, t);
            sgd.update(net.parameters().values());
        }
        assertThat(net.loss(x, t)).isLessThan(before / 10);
        assertThat(net.accuracy(x, new int[] {0, 1, 1, 0})).isEqualTo(1.0);
        assertThat(GradientCheck.network(net, x, t).maxAbsDiff()).isLessThan(1e-6);
    }
}
