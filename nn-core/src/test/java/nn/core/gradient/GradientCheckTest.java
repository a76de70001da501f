package nn.core.gradient;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import nn.api.Backend;
import nn.api.Layer;
import nn.api.Tensor;
import nn.core.layers.Relu;
import nn.core.layers.Sigmoid;
import nn.reference.ReferenceBackendProvider;
import org.junit.jupiter.api.Test;

class GradientCheckTest {

    private final Backend backend = ReferenceBackendProvider.backend();

    @Test
    void centralDifferencesOfASquare() {
        Tensor x = backend.of(new double[] {-1.5, 0.25, 3}, 3);
        Tensor grad = GradientCheck.numericalGradient(() -> x.mul(x).sum(), x);
        assertThat(grad.toArray())
                .containsExactly(new double[] {-3, 0.5, 6}, org.assertj.core.data.Offset.offset(1e-8));
        assertThat(x.toArray()).as("x is restored").containsExactly(-1.5, 0.25, 3);
    }

    /** The sigmoid of some published notes: exp(x) where exp(-x) belongs. */
    static final class SigmoidWithSignBug implements Layer {
        private Tensor out;

        @Override
        public Tensor forward(Tensor x) {
            out = x.sigmoid();
            return out;
        }

        @Override
        public Tensor backward(Tensor dout) {
            // d/dx of 1/(1+exp(x)) is -y(1-y), not y(1-y): the bug makes the backward pass disagree.
            Tensor wrong = out.mul(-1.0).add(1.0).mul(out).mul(-1.0);
            return dout.mul(wrong);
        }
    }

    /** A ReLU that masks by the incoming gradient instead of the forward input. */
    static final class ReluWithWrongMask implements Layer {
        @Override
        public Tensor forward(Tensor x) {
            return x.maximum(0);
        }

        @Override
        public Tensor backward(Tensor dout) {
            return dout.mul(dout.greaterThan(0));
        }
    }

    @Test
    void theBooksLayersPassAndTheirKnownBugsFail() {
        SplittableRandom random = new SplittableRandom(3);
        Tensor x = backend.of(new double[] {-1.2, -0.4, 0.3, 0.9, 1.7, -2.2}, 2, 3);
        assertThat(GradientCheck.layer(new Sigmoid(), x, random).maxAbsDiff()).isLessThan(1e-8);
        assertThat(GradientCheck.layer(new SigmoidWithSignBug(), x, random).maxAbsDiff())
                .isGreaterThan(1e-2);
        assertThat(GradientCheck.layer(new Relu(), x, random).maxAbsDiff()).isLessThan(1e-8);
        assertThat(GradientCheck.layer(new ReluWithWrongMask(), x, random).maxAbsDiff())
                .isGreaterThan(1e-2);
    }

    @Test
    void anInputAtTheReluKinkIsCountedAndLeftOut() {
        Tensor x = backend.of(new double[] {-1, 5e-5, 2}, 1, 3);
        GradientCheck.Report report = GradientCheck.layer(new Relu(), x, new SplittableRandom(1));
        GradientCheck.Entry input = report.entry("x");
        assertThat(input.kinks()).isEqualTo(1);
        assertThat(input.maxAbsDiff()).isLessThan(1e-8);
        assertThat(input.toString()).contains("1 at a kink");
    }

    @Test
    void aWrongGradientAtAKinkFreePointIsNeverExcused() {
        Tensor x = backend.of(new double[] {-1, 0.5, 2}, 1, 3);
        GradientCheck.Entry input = GradientCheck.layer(new ReluWithWrongMask(), x, new SplittableRandom(2))
                .entry("x");
        assertThat(input.kinks()).isZero();
    }

    /** y = x² with a backward pass that returns 0: wrong everywhere. */
    static final class SquareWithZeroGradient implements Layer {
        @Override
        public Tensor forward(Tensor x) {
            return x.square();
        }

        @Override
        public Tensor backward(Tensor dout) {
            return dout.mul(0.0);
        }
    }

    @Test
    void aCheckThatComparedNothingDoesNotPass() {
        // On inputs of magnitude 1e-3 the curvature of x² over ±h looks like a kink at every element, so every one
        // is left out; the check must then fail, not pass with a mean of 0.
        Tensor x = backend.of(new double[] {1e-3, -2e-3, 1.5e-3, -1e-3}, 2, 2);
        GradientCheck.Report report = GradientCheck.layer(new SquareWithZeroGradient(), x, new SplittableRandom(1));
        assertThat(report.entry("x").compared()).isZero();
        assertThat(report.passes(1e-7)).isFalse();
        assertThat(report.maxAbsDiff()).isNaN();
        assertThat(report.toString()).contains("nothing compared");
        GradientCheck.Report good =
                GradientCheck.layer(new Sigmoid(), backend.of(new double[] {0.5, -1}, 1, 2), new SplittableRandom(2));
        assertThat(good.passes(1e-7)).isTrue();
        assertThat(good.compared()).isEqualTo(2);
        assertThat(good.toString()).contains("over 2 elements");
    }

    @Test
    void layersRefuseAGradientOfAnotherShapeNamingBoth() {
        Relu relu = new Relu();
        relu.forward(backend.zeros(2, 3));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> relu.backward(backend.zeros(3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Relu.backward")
                .hasMessageContaining("[3]")
                .hasMessageContaining("[2, 3]");
        Sigmoid sigmoid = new Sigmoid();
        sigmoid.forward(backend.zeros(2, 3));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> sigmoid.backward(backend.zeros(1, 3)))
                .hasMessageContaining("[1, 3]")
                .hasMessageContaining("[2, 3]");
        nn.core.layers.Affine affine = nn.core.layers.Affine.initialized(backend, 3, 2, 1, new SplittableRandom(1));
        affine.forward(backend.zeros(4, 3));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> affine.backward(backend.zeros(4, 3)))
                .hasMessageContaining("[4, 3]")
                .hasMessageContaining("[4, 2]");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new nn.core.layers.SoftmaxWithLoss().output())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("before forward");
    }
}
