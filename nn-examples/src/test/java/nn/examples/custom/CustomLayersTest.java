package nn.examples.custom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import nn.api.Backend;
import nn.api.Backends;
import nn.api.DType;
import nn.api.Layer;
import nn.api.Tensor;
import nn.api.Workspace;
import nn.core.gradient.GradientCheck;
import nn.core.layers.Affine;
import nn.core.layers.SoftmaxWithLoss;
import nn.core.network.Network;
import nn.core.optim.Sgd;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Layers from outside nn-core (Tanh, LeakyRelu) on every usable backend and in every dtype: values, the
 * gradient check, learning XOR inside a network, and no allocation per step after the first.
 */
class CustomLayersTest {

    static List<Arguments> backendsAndDtypes() {
        List<Arguments> cases = new ArrayList<>();
        Backends.providers().stream().filter(p -> p.availability().usable()).forEach(p -> {
            for (DType dtype : DType.values()) {
                cases.add(Arguments.of(p.name(), dtype));
            }
        });
        return cases;
    }

    private static double gradientTolerance(DType dtype) {
        return dtype == DType.FLOAT64 ? 1e-7 : 2e-3;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("backendsAndDtypes")
    void tanhValuesAndGradientCheck(String backendName, DType dtype) {
        Backend backend = Backends.get(backendName);
        Tensor x = backend.of(dtype, new double[] {-1, 0, 0.5, 2, -3, 1e-9}, 2, 3);
        double[] y = new Tanh().forward(x).toArray();
        double[] input = x.toArray();
        for (int i = 0; i < y.length; i++) {
            // Relative accuracy, near zero too (where 2·sigmoid(2x) − 1 would lose every digit).
            assertThat(Math.abs(y[i] - Math.tanh(input[i])))
                    .isLessThanOrEqualTo(Math.abs(Math.tanh(input[i])) * (dtype == DType.FLOAT64 ? 1e-15 : 1e-7));
        }
        GradientCheck.Report report = GradientCheck.layer(
                new Tanh(), backend.randomNormal(new SplittableRandom(1), 1, dtype, 5, 7), new SplittableRandom(2));
        assertThat(report.maxAbsDiff()).as(report.toString()).isLessThan(gradientTolerance(dtype));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("backendsAndDtypes")
    void leakyReluValuesAndGradientCheck(String backendName, DType dtype) {
        Backend backend = Backends.get(backendName);
        LeakyRelu leaky = new LeakyRelu(0.1);
        Tensor y = leaky.forward(backend.of(dtype, new double[] {-2, -0.5, 0, 3}, 4));
        var within = org.assertj.core.data.Offset.offset(dtype == DType.FLOAT64 ? 1e-16 : 1e-7);
        assertThat(y.toArray()).containsExactly(new double[] {-0.2, -0.05, 0, 3}, within);
        assertThat(leaky.backward(backend.of(dtype, new double[] {1, 1, 1, 1}, 4))
                        .toArray())
                .containsExactly(new double[] {0.1, 0.1, 0.1, 1.0}, within);
        // Inputs kept away from the kink at 0, which ±h would straddle.
        Tensor x = backend.randomNormal(new SplittableRandom(3), 1, dtype, 6, 5);
        Tensor away = x.greaterThan(0).where(x.add(0.05), x.sub(0.05));
        GradientCheck.Report report = GradientCheck.layer(new LeakyRelu(0.1), away, new SplittableRandom(4));
        assertThat(report.maxAbsDiff()).as(report.toString()).isLessThan(gradientTolerance(dtype));
        assertThatThrownBy(() -> new LeakyRelu(1.5)).hasMessageContaining("[0, 1)");
    }

    @SuppressWarnings("try") // the workspace scope frames the step; its body need not name it
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("backendsAndDtypes")
    void bothPlugIntoANetworkAndLearnXor(String backendName, DType dtype) {
        Backend backend = Backends.get(backendName);
        for (Layer activation : List.of(new Tanh(), new LeakyRelu(0.01))) {
            SplittableRandom random = new SplittableRandom(3);
            Network net = new Network(
                    List.of(
                            Affine.initialized(backend, dtype, 2, 8, 0.5, random),
                            activation,
                            Affine.initialized(backend, dtype, 8, 2, 0.5, random)),
                    new SoftmaxWithLoss());
            Tensor x = backend.of(dtype, new double[] {0, 0, 0, 1, 1, 0, 1, 1}, 4, 2);
            Tensor t = backend.of(dtype, new double[] {0, 1, 1, 0}, 4);
            double before = net.loss(x, t);
            Sgd sgd = new Sgd(0.5);
            Workspace workspace = new Workspace();
            for (int i = 0; i < 2000; i++) {
                try (Workspace.Scope step = workspace.open()) {
                    net.gradient(x, t);
                    sgd.update(net.parameters().values());
                }
            }
            assertThat(net.loss(x, t)).as(activation.getClass().getSimpleName()).isLessThan(before / 10);
            assertThat(net.accuracy(x, new int[] {0, 1, 1, 0})).isEqualTo(1.0);
        }
    }

    @SuppressWarnings("try") // the workspace scope frames the step; its body need not name it
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("backendsAndDtypes")
    void noAllocationPerStepAfterTheFirst(String backendName, DType dtype) {
        Backend backend = Backends.get(backendName);
        // The reference's loops allocate nothing even interpreted; vector code allocates until C2 compiles it,
        // so the measured steps come after a warm-up long enough for that.
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (Layer layer : List.of(new Tanh(), new LeakyRelu(0.01))) {
            Tensor x = backend.randomNormal(new SplittableRandom(5), 1, dtype, 32, 64);
            Tensor dout = backend.randomNormal(new SplittableRandom(6), 1, dtype, 32, 64);
            Workspace workspace = new Workspace();
            Runnable step = () -> {
                try (Workspace.Scope scope = workspace.open()) {
                    layer.forward(x);
                    layer.backward(dout);
                }
            };
            for (int i = 0; i < 20_000; i++) {
                step.run();
            }
            // On a busy machine C2 may still be compiling after the warm-up: the steady state is the best of up to
            // 20 rounds of 1,000 steps, and a step that allocates in every round fails.
            long allowed = 64; // bytes per step: less than one boxed vector
            long perStep = Long.MAX_VALUE;
            for (int round = 0; round < 20 && perStep >= allowed; round++) {
                long before = threads.getCurrentThreadAllocatedBytes();
                for (int i = 0; i < 1_000; i++) {
                    step.run();
                }
                perStep = Math.min(perStep, (threads.getCurrentThreadAllocatedBytes() - before) / 1_000);
            }
            assertThat(perStep)
                    .as(layer.getClass().getSimpleName() + " bytes per step")
                    .isLessThan(allowed);
        }
    }
}
