package nn.core.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import nn.api.Backend;
import nn.api.Parameter;
import nn.reference.ReferenceBackendProvider;
import org.junit.jupiter.api.Test;

/**
 * The first three updates of every optimizer on a two-element parameter with known gradients, against the
 * book's formulas written out here in plain double arithmetic, element by element.
 */
class OptimizersTest {

    private final Backend backend = ReferenceBackendProvider.backend();

    /** The gradient at step t (1, 2, 3): different signs and magnitudes, so that no state is trivial. */
    private static double[] gradient(int t) {
        return new double[] {0.5 * t, -0.25 / t};
    }

    private static final double[] START = {1.0, -2.0};

    /** Runs three updates and returns the parameter after each. */
    private double[][] run(Optimizer optimizer) {
        Parameter p = new Parameter("W", backend.of(START, 2));
        double[][] after = new double[3][];
        for (int t = 1; t <= 3; t++) {
            p.grad().assign(gradient(t));
            optimizer.update(List.of(p));
            after[t - 1] = p.value().toArray();
        }
        assertThat(optimizer.steps()).isEqualTo(3);
        return after;
    }

    private static void assertClose(double[][] expected, double[][] actual) {
        for (int t = 0; t < 3; t++) {
            for (int i = 0; i < 2; i++) {
                assertThat(actual[t][i])
                        .as("step %d, element %d", t + 1, i)
                        .isCloseTo(expected[t][i], org.assertj.core.data.Offset.offset(1e-15));
            }
        }
    }

    @Test
    void sgd() {
        double lr = 0.01;
        double[] w = START.clone();
        double[][] expected = new double[3][];
        for (int t = 1; t <= 3; t++) {
            double[] g = gradient(t);
            for (int i = 0; i < 2; i++) {
                w[i] -= lr * g[i];
            }
            expected[t - 1] = w.clone();
        }
        assertClose(expected, run(new Sgd(lr)));
        assertThat(run(new Sgd(lr))[0][0]).isEqualTo(0.995);
    }

    @Test
    void momentum() {
        double lr = 0.01;
        double m = 0.9;
        double[] w = START.clone();
        double[] v = new double[2];
        double[][] expected = new double[3][];
        for (int t = 1; t <= 3; t++) {
            double[] g = gradient(t);
            for (int i = 0; i < 2; i++) {
                v[i] = m * v[i] - lr * g[i];
                w[i] += v[i];
            }
            expected[t - 1] = w.clone();
        }
        Momentum optimizer = new Momentum();
        assertClose(expected, run(optimizer));
        Parameter p = new Parameter("W", backend.zeros(2));
        assertThat(optimizer.state(p)).isEmpty();
    }

    @Test
    void nesterov() {
        double lr = 0.01;
        double m = 0.9;
        double[] w = START.clone();
        double[] v = new double[2];
        double[][] expected = new double[3][];
        for (int t = 1; t <= 3; t++) {
            double[] g = gradient(t);
            for (int i = 0; i < 2; i++) {
                w[i] += m * m * v[i];
                w[i] -= (1 + m) * lr * g[i];
                v[i] *= m;
                v[i] -= lr * g[i];
            }
            expected[t - 1] = w.clone();
        }
        assertClose(expected, run(new Nesterov()));
    }

    @Test
    void adaGrad() {
        double lr = 0.01;
        double[] w = START.clone();
        double[] h = new double[2];
        double[][] expected = new double[3][];
        for (int t = 1; t <= 3; t++) {
            double[] g = gradient(t);
            for (int i = 0; i < 2; i++) {
                h[i] += g[i] * g[i];
                w[i] -= lr * g[i] / (Math.sqrt(h[i]) + 1e-7);
            }
            expected[t - 1] = w.clone();
        }
        assertClose(expected, run(new AdaGrad()));
    }

    @Test
    void rmsProp() {
        double lr = 0.01;
        double decay = 0.99;
        double[] w = START.clone();
        double[] h = new double[2];
        double[][] expected = new double[3][];
        for (int t = 1; t <= 3; t++) {
            double[] g = gradient(t);
            for (int i = 0; i < 2; i++) {
                h[i] *= decay;
                h[i] += (1 - decay) * g[i] * g[i];
                w[i] -= lr * g[i] / (Math.sqrt(h[i]) + 1e-7);
            }
            expected[t - 1] = w.clone();
        }
        assertClose(expected, run(new RmsProp()));
    }

    @Test
    void adamWithTheBooksBiasCorrectedLearningRate() {
        double lr = 0.001;
        double b1 = 0.9;
        double b2 = 0.999;
        double[] w = START.clone();
        double[] m = new double[2];
        double[] v = new double[2];
        double[][] expected = new double[3][];
        for (int t = 1; t <= 3; t++) {
            double[] g = gradient(t);
            double lrT = lr * Math.sqrt(1.0 - Math.pow(b2, t)) / (1.0 - Math.pow(b1, t));
            for (int i = 0; i < 2; i++) {
                m[i] += (1 - b1) * (g[i] - m[i]);
                v[i] += (1 - b2) * (g[i] * g[i] - v[i]);
                w[i] -= lrT * m[i] / (Math.sqrt(v[i]) + 1e-7);
            }
            expected[t - 1] = w.clone();
        }
        Adam adam = new Adam();
        assertClose(expected, run(adam));
        // Adam's first step moves every weight by about lr, whatever the gradient's scale.
        assertThat(run(new Adam())[0][0]).isCloseTo(1.0 - 0.001, org.assertj.core.data.Offset.offset(1e-8));
    }

    @Test
    void stateIsPerParameterLazyAndVisible() {
        Adam adam = new Adam();
        Parameter a = new Parameter("W", backend.of(new double[] {1, 2}, 2));
        Parameter b = new Parameter("b", backend.of(new double[] {3}, 1));
        assertThat(adam.state(a)).isEmpty();
        a.grad().assign(new double[] {1, 1});
        b.grad().assign(new double[] {2});
        adam.update(List.of(a, b));
        assertThat(adam.state(a)).containsOnlyKeys("m", "v");
        // m = (1 - beta1) * (g - 0), with 1 - 0.9 as double arithmetic gives it.
        assertThat(adam.state(a).get("m").toArray()).containsExactly(1 - 0.9, 1 - 0.9);
        assertThat(adam.state(b).get("v").shape()).containsExactly(1);
        assertThat(new Sgd(0.1).state(a)).isEmpty();
    }

    @Test
    void byNameWithTheBooksDefaults() {
        assertThat(Optimizers.create("Adam", null, 0.9, 0.99, 0.9, 0.999)).isInstanceOf(Adam.class);
        assertThat(((Sgd) Optimizers.create("sgd", null, 0.9, 0.99, 0.9, 0.999)).learningRate())
                .isEqualTo(0.01);
        assertThat(((Adam) Optimizers.create("adam", null, 0.9, 0.99, 0.9, 0.999)).learningRate())
                .isEqualTo(0.001);
        assertThatThrownBy(() -> Optimizers.create("lbfgs", null, 0.9, 0.99, 0.9, 0.999))
                .hasMessageContaining("Unknown optimizer 'lbfgs'")
                .hasMessageContaining(Optimizers.NAMES);
        assertThatThrownBy(() -> new Momentum(0.01, 1.5))
                .hasMessageContaining("momentum")
                .hasMessageContaining("[0, 1)");
    }
}
