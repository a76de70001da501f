package nn.conformance;

import static nn.conformance.Approx.assertArrayClose;
import static nn.conformance.Approx.assertTensorClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import nn.api.Backend;
import nn.api.BinaryLayer.Gradients;
import nn.api.DType;
import nn.api.Layer;
import nn.api.Parameter;
import nn.api.Tensor;
import nn.api.Workspace;
import nn.core.gradient.GradientCheck;
import nn.core.layers.AddLayer;
import nn.core.layers.Affine;
import nn.core.layers.BatchNormalization;
import nn.core.layers.Dropout;
import nn.core.layers.MulLayer;
import nn.core.layers.Relu;
import nn.core.layers.Sigmoid;
import nn.core.layers.SoftmaxWithLoss;
import nn.core.network.Network;
import nn.core.network.TwoLayerNet;
import nn.reference.ReferenceBackendProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The book's layers on the backend under test: forward and backward against values worked out by hand,
 * gradient checks on random inputs of several shapes, and agreement with the reference backend.
 */
public abstract class LayerConformanceTest {

    /** For the kit's nested classes to extend. */
    protected LayerConformanceTest() {}

    /** Backprop and central differences with h = 1e-4 agree to about this on smooth layers. */
    static final double GRADIENT_TOLERANCE = 1e-7;

    /**
     * The loss guards {@code log(y + 1e-7)} as the book does, while its gradient is the exact {@code (y - t) / n};
     * the two differ by about {@code 1e-7 / y}, so checks through the loss allow that much.
     */
    static final double LOSS_GRADIENT_TOLERANCE = 1e-6;

    /**
     * In float32 the numerical side is the weak one: central differences over h = 1e-2 (see
     * {@link GradientCheck#H_FLOAT32}) agree with backprop to about this.
     */
    static final double GRADIENT_TOLERANCE_FLOAT32 = 2e-3;

    /** The backend under test. */
    protected abstract Backend backend();

    /** The dtype under test. */
    protected abstract DType dtype();

    protected final Backend reference = ReferenceBackendProvider.backend();

    protected double tol() {
        return Approx.tolerance(dtype());
    }

    protected double gradientTolerance() {
        return dtype() == DType.FLOAT64 ? GRADIENT_TOLERANCE : GRADIENT_TOLERANCE_FLOAT32;
    }

    protected double lossGradientTolerance() {
        return dtype() == DType.FLOAT64 ? LOSS_GRADIENT_TOLERANCE : GRADIENT_TOLERANCE_FLOAT32;
    }

    protected Tensor t(double[] values, int... shape) {
        return backend().of(dtype(), values, shape);
    }

    /** Values worked out by hand, within the dtype's rounding. */
    protected void assertValues(double[] expected, Tensor actual) {
        assertThat(actual.dtype()).isEqualTo(dtype());
        assertArrayClose(expected, actual.toArray(), tol());
    }

    private Tensor random(SplittableRandom random, int... shape) {
        double[] values = new double[nn.api.Shapes.size(shape)];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextDouble(-2, 2);
        }
        return t(values, shape);
    }

    /** Random values kept at least {@code gap} away from 0, so that ReLU's kink is out of reach of ±h. */
    private Tensor randomAwayFromZero(SplittableRandom random, double gap, int... shape) {
        double[] values = random(random, shape).toArray();
        for (int i = 0; i < values.length; i++) {
            values[i] = Math.copySign(Math.abs(values[i]) + gap, values[i]);
        }
        return t(values, shape);
    }

    // ---------------------------------------------------------------- Mul and Add

    @Test
    void mulLayerSwapsItsInputsInBackward() {
        MulLayer mul = new MulLayer();
        assertValues(new double[] {6, 10}, mul.forward(t(new double[] {2, 5}, 2), t(new double[] {3, 2}, 2)));
        Gradients g = mul.backward(t(new double[] {1, 10}, 2));
        assertValues(new double[] {3, 20}, g.dx());
        assertValues(new double[] {2, 50}, g.dy());
    }

    @Test
    void addLayerPassesTheGradientToBoth() {
        AddLayer add = new AddLayer();
        assertValues(new double[] {5, 7}, add.forward(t(new double[] {2, 3}, 2), t(new double[] {3, 4}, 2)));
        Gradients g = add.backward(t(new double[] {1.5, -1}, 2));
        assertValues(new double[] {1.5, -1}, g.dx());
        assertValues(new double[] {1.5, -1}, g.dy());
    }

    // ---------------------------------------------------------------- ReLU and Sigmoid

    @Test
    void reluMasksByTheForwardInput() {
        Relu relu = new Relu();
        Tensor x = t(new double[] {1, -0.5, -2, 3, 0}, 5);
        assertValues(new double[] {1, 0, 0, 3, 0}, relu.forward(x));
        // The gradient passes where the input was positive, whatever the sign of dout.
        assertValues(new double[] {-1, 0, 0, 4, 0}, relu.backward(t(new double[] {-1, 2, 3, 4, 5}, 5)));
    }

    @Test
    void reluAtEvaluationGivesTheSameOutputAndLeavesTheTrainingMask() {
        Relu relu = new Relu();
        relu.forward(t(new double[] {1, -0.5, -2, 3, 0}, 5), true);
        assertValues(new double[] {0, 2, 0, 0, 0.5}, relu.forward(t(new double[] {-1, 2, -3, -4, 0.5}, 5), false));
        // backward belongs to the last forward in training mode, not to the evaluation after it.
        assertValues(new double[] {-1, 0, 0, 4, 0}, relu.backward(t(new double[] {-1, 2, 3, 4, 5}, 5)));
        IllegalStateException early =
                assertThrows(IllegalStateException.class, () -> new Relu().backward(t(new double[] {1}, 1)));
        assertEquals("Relu.backward called before a forward pass in training mode", early.getMessage());
        Relu evaluatedOnly = new Relu();
        evaluatedOnly.forward(t(new double[] {1}, 1), false);
        assertThrows(IllegalStateException.class, () -> evaluatedOnly.backward(t(new double[] {1}, 1)));
    }

    /**
     * An evaluation between a training forward pass and its backward pass changes nothing: every layer keeps only
     * what a forward pass in training mode computed, so the gradients are those of a layer that never evaluated.
     */
    @Test
    void anEvaluationBetweenForwardAndBackwardChangesNoGradient() {
        SplittableRandom random = new SplittableRandom(12);
        Tensor x = random(random, 4, 6);
        Tensor other = random(random, 3, 6);
        Tensor dout = random(random, 4, 6);
        Tensor w = random(random, 6, 6);
        Tensor b = random(random, 6);
        List<java.util.function.Supplier<Layer>> layers = List.of(
                Relu::new,
                Sigmoid::new,
                () -> new Affine(w.copy(), b.copy()),
                () -> new Dropout(0.4, new SplittableRandom(5)),
                () -> new BatchNormalization(b.add(1.5), b.copy(), 0.9));
        for (java.util.function.Supplier<Layer> make : layers) {
            Layer evaluated = make.get();
            Layer plain = make.get();
            evaluated.forward(x, true);
            evaluated.forward(other, false);
            Tensor dx = evaluated.backward(dout).copy();
            plain.forward(x, true);
            Tensor expected = plain.backward(dout).copy();
            assertTensorClose(expected, dx, 0);
            for (int p = 0; p < plain.parameters().size(); p++) {
                assertTensorClose(
                        plain.parameters().get(p).grad(),
                        evaluated.parameters().get(p).grad(),
                        0);
            }
        }
    }

    /** One of each built-in layer of 6 features in and out, with random weights. */
    private List<Layer> builtInLayers(SplittableRandom random) {
        Tensor w = random(random, 6, 6);
        Tensor b = random(random, 6);
        return List.of(
                new Relu(),
                new Sigmoid(),
                new Affine(w, b),
                new Dropout(0.4, new SplittableRandom(5)),
                new BatchNormalization(b.add(1.5), b.copy(), 0.9));
    }

    @Test
    @SuppressWarnings("try") // each task's workspace scope frames its forward pass
    void everyBuiltInLayerMayBeEvaluatedByTheBackendsThreadsAtOnce() {
        SplittableRandom random = new SplittableRandom(13);
        List<Layer> layers = builtInLayers(random);
        int tasks = 12;
        Tensor[] inputs = new Tensor[tasks];
        for (int t = 0; t < tasks; t++) {
            inputs[t] = random(random, 40 + t, 6);
        }
        for (Layer layer : layers) {
            assertThat(layer.concurrentEvaluation())
                    .as(layer.getClass().getSimpleName())
                    .isTrue();
            layer.forward(inputs[0], true);
            double[][] alone = new double[tasks][];
            for (int t = 0; t < tasks; t++) {
                alone[t] = layer.forward(inputs[t], false).toArray();
            }
            double[][] atOnce = new double[tasks][];
            Workspace[] workspaces = new Workspace[backend().threads()];
            for (int i = 0; i < workspaces.length; i++) {
                workspaces[i] = new Workspace();
            }
            backend().forEachTask(tasks, (thread, task) -> {
                for (int repeat = 0; repeat < 20; repeat++) {
                    try (Workspace.Scope scope = workspaces[thread].open()) {
                        atOnce[task] = layer.forward(inputs[task], false).toArray();
                    }
                }
            });
            for (int t = 0; t < tasks; t++) {
                assertThat(atOnce[t])
                        .as("%s, input %d", layer.getClass().getSimpleName(), t)
                        .containsExactly(alone[t]);
            }
        }
    }

    @Test
    void everyBuiltInLayerCopiesItselfForEvaluation() {
        SplittableRandom random = new SplittableRandom(17);
        List<Layer> layers = builtInLayers(random);
        Tensor x = random(random, 30, 6);
        Tensor dout = random(random, 30, 6);
        for (Layer layer : layers) {
            String name = layer.getClass().getSimpleName();
            layer.forward(x, true); // BatchNorm's running statistics move off their start
            double[] then = layer.forward(x, false).toArray();

            Layer copy = layer.copyForEvaluation().orElseThrow();

            assertThat(copy).as(name).isNotSameAs(layer).isInstanceOf(layer.getClass());
            assertThat(copy.forward(x, false).toArray()).as(name).containsExactly(then);
            assertThat(copy.parameters())
                    .as(name)
                    .extracting(
                            p -> p.name() + java.util.Arrays.toString(p.value().shape()))
                    .containsExactlyElementsOf(layer.parameters().stream()
                            .map(p -> p.name()
                                    + java.util.Arrays.toString(p.value().shape()))
                            .toList());
            assertThat(copy.state().keySet())
                    .as(name)
                    .containsExactlyElementsOf(layer.state().keySet());
            // Training the layer on leaves the copy as it was: it owns its values.
            layer.forward(x, true);
            layer.backward(dout);
            for (Parameter p : layer.parameters()) {
                p.value().addScaled(-0.5, p.grad());
            }
            if (!layer.parameters().isEmpty()) {
                assertThat(layer.forward(x, false).toArray()).as(name).isNotEqualTo(then);
            }
            assertThat(copy.forward(x, false).toArray()).as(name).containsExactly(then);
        }
    }

    @Test
    void sigmoidUsesExpOfMinusX() {
        Sigmoid sigmoid = new Sigmoid();
        Tensor y = sigmoid.forward(t(new double[] {0, 2}, 2));
        double s2 = 1 / (1 + Math.exp(-2));
        assertArrayClose(new double[] {0.5, s2}, y.toArray(), tol());
        Tensor dx = sigmoid.backward(t(new double[] {1, 2}, 2));
        assertArrayClose(new double[] {0.25, 2 * s2 * (1 - s2)}, dx.toArray(), tol());
    }

    // ---------------------------------------------------------------- Affine

    @Test
    void affineByHand() {
        Affine affine = new Affine(t(new double[] {1, 2, 3, 4, 5, 6}, 3, 2), t(new double[] {0.5, -1}, 2));
        Tensor x = t(new double[] {1, 0, 2, 0, 1, 1}, 2, 3);
        // x·W = [[1+10, 2+12], [3+5, 4+6]] = [[11, 14], [8, 10]]; plus b
        assertValues(new double[] {11.5, 13, 8.5, 9}, affine.forward(x));
        Tensor dout = t(new double[] {1, 2, 3, 4}, 2, 2);
        // dx = dout·Wᵀ: W rows (1,2), (3,4), (5,6)
        assertValues(new double[] {5, 11, 17, 11, 25, 39}, affine.backward(dout));
        // dW = xᵀ·dout: x columns (1,0), (0,1), (2,1)
        assertValues(new double[] {1, 2, 3, 4, 5, 8}, affine.weight().grad());
        assertValues(new double[] {4, 6}, affine.bias().grad());
    }

    @Test
    void affineFlattensHigherRankInputAndRestoresItsShape() {
        SplittableRandom random = new SplittableRandom(3);
        Affine affine = Affine.initialized(backend(), dtype(), 6, 4, 1.0, random);
        Tensor x = random(random, 2, 2, 3);
        assertArrayEquals(new int[] {2, 4}, affine.forward(x).shape());
        assertArrayEquals(
                new int[] {2, 2, 3}, affine.backward(random(random, 2, 4)).shape());
    }

    @Test
    void affineCanSkipTheInputGradient() {
        SplittableRandom random = new SplittableRandom(4);
        Affine affine = Affine.initialized(backend(), dtype(), 3, 2, 1.0, random);
        Tensor x = random(random, 5, 3);
        Tensor dout = random(random, 5, 2);
        affine.forward(x);
        affine.backwardParametersOnly(dout);
        double[] dW = affine.weight().grad().toArray();
        double[] db = affine.bias().grad().toArray();
        assertThat(dW).isNotEqualTo(new double[6]);
        affine.forward(x);
        affine.backward(dout);
        assertThat(affine.weight().grad().toArray()).containsExactly(dW);
        assertThat(affine.bias().grad().toArray()).containsExactly(db);
    }

    @Test
    void affineShapeMismatchNamesBothShapes() {
        Affine affine = new Affine(backend().zeros(dtype(), 3, 2), backend().zeros(dtype(), 2));
        assertThat(assertThrows(
                                IllegalArgumentException.class,
                                () -> affine.forward(backend().zeros(dtype(), 4, 5)))
                        .getMessage())
                .contains("[4, 5]", "[3, 2]");
    }

    // ---------------------------------------------------------------- SoftmaxWithLoss

    @Test
    void softmaxWithLossByHand() {
        SoftmaxWithLoss loss = new SoftmaxWithLoss();
        Tensor scores = t(new double[] {0, 0, Math.log(2), 1, 1, 1}, 2, 3);
        Tensor oneHot = t(new double[] {0, 0, 1, 1, 0, 0}, 2, 3);
        double expected = -(Math.log(0.5 + 1e-7) + Math.log(1.0 / 3 + 1e-7)) / 2;
        assertEquals(expected, loss.forward(scores, oneHot), tol());
        assertArrayClose(
                new double[] {0.25, 0.25, 0.5, 1.0 / 3, 1.0 / 3, 1.0 / 3},
                loss.output().toArray(),
                tol());
        // (y - t) / batch
        assertArrayClose(
                new double[] {0.125, 0.125, -0.25, -1.0 / 3, 1.0 / 6, 1.0 / 6},
                loss.backward().toArray(),
                tol());
    }

    @Test
    void softmaxWithLossTakesClassIndicesToo() {
        SplittableRandom random = new SplittableRandom(5);
        Tensor scores = random(random, 4, 3);
        Tensor labels = t(new double[] {2, 0, 1, 1}, 4);
        Tensor oneHot = t(new double[] {0, 0, 1, 1, 0, 0, 0, 1, 0, 0, 1, 0}, 4, 3);
        SoftmaxWithLoss a = new SoftmaxWithLoss();
        SoftmaxWithLoss b = new SoftmaxWithLoss();
        assertEquals(a.forward(scores, oneHot), b.forward(scores, labels), tol());
        assertTensorClose(a.backward(), b.backward(), tol());
    }

    @Test
    void softmaxWithLossGivesNaNForNaNScores() {
        SoftmaxWithLoss loss = new SoftmaxWithLoss();
        assertThat(loss.forward(t(new double[] {Double.NaN, 1}, 1, 2), t(new double[] {1}, 1)))
                .isNaN();
    }

    @ParameterizedTest(name = "batch {0}, classes {1}")
    @CsvSource({"1, 1", "1, 2", "2, 3", "5, 10", "7, 4"})
    void softmaxWithLossGradientCheck(int batch, int classes) {
        SplittableRandom random = new SplittableRandom(batch * 100L + classes);
        // Moderate scores keep every probability far above the guard (see LOSS_GRADIENT_TOLERANCE).
        Tensor scores = random(random, batch, classes).mul(0.5);
        double[] labels = new double[batch];
        for (int i = 0; i < batch; i++) {
            labels[i] = random.nextInt(classes);
        }
        Tensor targets = t(labels, batch);
        SoftmaxWithLoss loss = new SoftmaxWithLoss();
        loss.forward(scores, targets);
        Tensor analytic = loss.backward().copy();
        Tensor numeric = GradientCheck.numericalGradient(() -> loss.forward(scores, targets), scores);
        assertTensorClose(numeric, analytic, lossGradientTolerance());
    }

    // ---------------------------------------------------------------- gradient checks of the one-input layers

    @ParameterizedTest(name = "[{0}, {1}] → {2}")
    @CsvSource({"1, 1, 1", "2, 3, 4", "3, 7, 5", "5, 13, 1", "4, 1, 9", "11, 6, 10"})
    void affineGradientCheck(int batch, int inputs, int outputs) {
        SplittableRandom random = new SplittableRandom(batch * 1000L + inputs * 10L + outputs);
        Affine affine = Affine.initialized(backend(), dtype(), inputs, outputs, 1.0, random);
        affine.bias().value().assign(random(random, outputs));
        GradientCheck.Report report = GradientCheck.layer(affine, random(random, batch, inputs), random);
        assertThat(report.entries()).extracting(GradientCheck.Entry::name).containsExactly("x", "W", "b");
        assertThat(report.maxAbsDiff()).as(report.toString()).isLessThan(gradientTolerance());
    }

    @ParameterizedTest(name = "[{0}, {1}]")
    @CsvSource({"1, 1", "2, 3", "5, 7", "13, 1"})
    void reluAndSigmoidGradientCheck(int rows, int cols) {
        SplittableRandom random = new SplittableRandom(rows * 17L + cols);
        for (Layer layer : List.of(new Relu(), new Sigmoid())) {
            Tensor x = randomAwayFromZero(random, 1e-2, rows, cols);
            GradientCheck.Report report = GradientCheck.layer(layer, x, random);
            assertThat(report.maxAbsDiff()).as(layer + " " + report).isLessThan(gradientTolerance());
        }
    }

    @Test
    void twoLayerNetGradientCheck() {
        SplittableRandom random = new SplittableRandom(7);
        Network net = TwoLayerNet.create(backend(), dtype(), 13, 7, 3, random);
        // Larger weights than the book's 0.01 make the check meaningful on small inputs, yet keep every
        // probability well above the loss's 1e-7 guard.
        for (var p : net.parameters().values()) {
            p.value().assign(random(random, p.value().shape()).mul(0.2));
        }
        Tensor x = random(random, 4, 13);
        Tensor t = t(new double[] {0, 2, 1, 2}, 4);
        GradientCheck.Report report = GradientCheck.network(net, x, t);
        assertThat(report.entries()).extracting(GradientCheck.Entry::name).containsExactly("W1", "b1", "W2", "b2");
        assertThat(report.entries())
                .allSatisfy(
                        e -> assertThat(e.meanAbsDiff()).as(report.toString()).isLessThan(gradientTolerance()));
        assertThat(report.maxAbsDiff()).as(report.toString()).isLessThan(lossGradientTolerance());
    }

    // ---------------------------------------------------------------- Dropout and BatchNormalization (chapter 6)

    /** Gives the same uniform samples on every pass of {@code size} draws: a fixed Dropout mask. */
    static final class Replaying implements java.util.random.RandomGenerator {
        private final double[] values;
        private int next;

        Replaying(long seed, int size) {
            values = new SplittableRandom(seed).doubles(size).toArray();
        }

        @Override
        public long nextLong() {
            return Double.doubleToLongBits(nextDouble());
        }

        @Override
        public double nextDouble() {
            return values[next++ % values.length];
        }
    }

    @Test
    void dropoutKeepsUnitsAboveTheRatioAndScalesAtEvaluation() {
        Tensor x = t(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Replaying random = new Replaying(1, 6);
        double[] samples = random.values.clone();
        Dropout dropout = new Dropout(0.5, random);
        double[] expected = new double[6];
        for (int i = 0; i < 6; i++) {
            expected[i] = samples[i] > 0.5 ? i + 1 : 0;
        }
        assertValues(expected, dropout.forward(x, true));
        double[] dx = dropout.backward(t(new double[] {1, 1, 1, 1, 1, 1}, 2, 3)).toArray();
        for (int i = 0; i < 6; i++) {
            assertEquals(samples[i] > 0.5 ? 1.0 : 0.0, dx[i]);
        }
        assertValues(new double[] {0.5, 1, 1.5, 2, 2.5, 3}, dropout.forward(x, false));
        assertThat(assertThrows(IllegalArgumentException.class, () -> new Dropout(1.0, random))
                        .getMessage())
                .contains("[0, 1)");
    }

    @Test
    void dropoutDrawsTheSameMaskOnEveryBackendForOneSeed() {
        Tensor x = random(new SplittableRandom(8), 7, 9);
        Tensor mine = new Dropout(0.3, new SplittableRandom(9)).forward(x, true);
        Tensor oracle =
                new Dropout(0.3, new SplittableRandom(9)).forward(reference.of(dtype(), x.toArray(), 7, 9), true);
        assertTensorClose(oracle, mine, 0);
    }

    @ParameterizedTest(name = "[{0}, {1}]")
    @CsvSource({"1, 1", "3, 4", "6, 5"})
    void dropoutGradientCheckWithAFixedMask(int rows, int cols) {
        Dropout dropout = new Dropout(0.4, new Replaying(rows * 10L + cols, rows * cols));
        GradientCheck.Report report = GradientCheck.layer(
                dropout, random(new SplittableRandom(rows), rows, cols), new SplittableRandom(cols));
        assertThat(report.maxAbsDiff()).as(report.toString()).isLessThan(gradientTolerance());
    }

    @Test
    void batchNormByHand() {
        BatchNormalization bn = BatchNormalization.initialized(backend(), dtype(), 2);
        Tensor x = t(new double[] {1, 2, 3, 6}, 2, 2);
        // mu = [2, 4], xc = [[-1, -2], [1, 2]], var = [1, 4], std = sqrt(var + 1e-6)
        double s0 = Math.sqrt(1 + 10e-7);
        double s1 = Math.sqrt(4 + 10e-7);
        assertValues(new double[] {-1 / s0, -2 / s1, 1 / s0, 2 / s1}, bn.forward(x, true));
        assertValues(new double[] {0.2, 0.4}, Objects.requireNonNull(bn.state().get("running_mean")));
        assertValues(new double[] {0.1, 0.4}, Objects.requireNonNull(bn.state().get("running_var")));
        // Evaluation uses the running statistics: (x - 0.1·mu) / sqrt(0.1·var + 1e-6).
        assertValues(
                new double[] {
                    (1 - 0.2) / Math.sqrt(0.1 + 10e-7),
                    (2 - 0.4) / Math.sqrt(0.4 + 10e-7),
                    (3 - 0.2) / Math.sqrt(0.1 + 10e-7),
                    (6 - 0.4) / Math.sqrt(0.4 + 10e-7)
                },
                bn.forward(x, false));
        bn.forward(x, true);
        bn.backward(t(new double[] {1, 0, 2, 1}, 2, 2));
        assertValues(new double[] {3, 1}, bn.beta().grad());
        // dgamma = Σ xn·dout = -1/s0 + 2/s0, 0 + 2/s1
        assertValues(new double[] {1 / s0, 2 / s1}, bn.gamma().grad());
    }

    @ParameterizedTest(name = "[{0}, {1}]")
    @CsvSource({"3, 1", "4, 3", "7, 5", "10, 2"})
    void batchNormGradientCheck(int batch, int features) {
        SplittableRandom random = new SplittableRandom(batch * 31L + features);
        BatchNormalization bn =
                new BatchNormalization(random(random, features).add(1.5), random(random, features), 0.9);
        GradientCheck.Report report = GradientCheck.layer(bn, random(random, batch, features), random);
        assertThat(report.entries()).extracting(GradientCheck.Entry::name).containsExactly("x", "gamma", "beta");
        assertThat(report.maxAbsDiff())
                .as(report.toString())
                .isLessThan(dtype() == DType.FLOAT64 ? 1e-6 : GRADIENT_TOLERANCE_FLOAT32 * 5);
    }

    @Test
    void batchNormOfFourDimensionalInputKeepsItsShape() {
        BatchNormalization bn = BatchNormalization.initialized(backend(), dtype(), 2 * 3 * 3);
        Tensor x = random(new SplittableRandom(4), 4, 2, 3, 3);
        assertArrayEquals(new int[] {4, 2, 3, 3}, bn.forward(x, true).shape());
        assertArrayEquals(
                new int[] {4, 2, 3, 3},
                bn.backward(random(new SplittableRandom(5), 4, 2, 3, 3)).shape());
    }

    @Test
    void batchNormAndDropoutMatchTheReference() {
        SplittableRandom data = new SplittableRandom(21);
        double[] xs = random(data, 16, 6).toArray();
        double[] ds = random(data, 16, 6).toArray();
        double[] gs = random(data, 6).add(1).toArray();
        double[] bs = random(data, 6).toArray();
        Tensor[] out = new Tensor[2];
        Tensor[] dx = new Tensor[2];
        Backend[] backends = {backend(), reference};
        for (int i = 0; i < 2; i++) {
            Backend b = backends[i];
            BatchNormalization bn = new BatchNormalization(b.of(dtype(), gs, 6), b.of(dtype(), bs, 6), 0.9);
            Dropout dropout = new Dropout(0.25, new SplittableRandom(3));
            out[i] = dropout.forward(bn.forward(b.of(dtype(), xs, 16, 6), true), true)
                    .copy();
            dx[i] = bn.backward(dropout.backward(b.of(dtype(), ds, 16, 6))).copy();
        }
        assertTensorClose(out[1], out[0], tol());
        assertTensorClose(dx[1], dx[0], tol() * 10);
    }

    // ---------------------------------------------------------------- agreement with the reference

    @ParameterizedTest(name = "batch {0}, {1}-{2}-{3}")
    @CsvSource({"1, 1, 1, 1", "3, 5, 4, 2", "100, 784, 50, 10", "17, 33, 9, 10"})
    void trainingStepMatchesTheReference(int batch, int inputs, int hidden, int outputs) {
        Network mine = TwoLayerNet.create(backend(), dtype(), inputs, hidden, outputs, new SplittableRandom(11));
        Network oracle = TwoLayerNet.create(reference, dtype(), inputs, hidden, outputs, new SplittableRandom(11));
        SplittableRandom data = new SplittableRandom(12);
        double[] xs = new double[batch * inputs];
        double[] labels = new double[batch];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = data.nextDouble();
        }
        for (int i = 0; i < batch; i++) {
            labels[i] = data.nextInt(outputs);
        }
        double loss = mine.gradient(t(xs, batch, inputs), t(labels, batch));
        double expectedLoss =
                oracle.gradient(reference.of(dtype(), xs, batch, inputs), reference.of(dtype(), labels, batch));
        assertArrayClose(new double[] {expectedLoss}, new double[] {loss}, tol());
        for (String name : oracle.parameters().keySet()) {
            assertTensorClose(
                    oracle.parameters().get(name).grad(),
                    Objects.requireNonNull(mine.parameters().get(name), name).grad(),
                    tol());
        }
    }
}
