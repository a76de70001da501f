package nn.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;

import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import nn.api.Backend;
import nn.api.DType;
import nn.api.Tensor;
import nn.core.network.Network;
import nn.core.network.TwoLayerNet;
import nn.core.optim.Optimizer;
import nn.core.optim.Sgd;
import nn.reference.ReferenceBackendProvider;
import org.junit.jupiter.api.Test;

class WarmUpTest {

    private final Backend backend = ReferenceBackendProvider.backend();

    /** Four rows of 4 features and their classes (of 3). */
    private Tensor x() {
        Tensor x = backend.zeros(DType.FLOAT64, 4, 4);
        for (int r = 0; r < 4; r++) {
            x.set(1.0, r, r);
        }
        return x;
    }

    private Tensor labels() {
        Tensor t = backend.zeros(DType.FLOAT64, 4);
        for (int r = 0; r < 4; r++) {
            t.set(r % 3, r);
        }
        return t;
    }

    private static void awaitUntil(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            Thread.sleep(1);
        }
    }

    @Test
    void stepsTheThrowawayNetworkUpToItsLimit() throws InterruptedException {
        Network net = TwoLayerNet.create(backend, 4, 8, 3, new SplittableRandom(1));
        double[] before = net.parameters().get("W1").value().toArray();

        WarmUp warmUp = WarmUp.start(net, new Sgd(0.5), x(), labels(), 20);
        awaitUntil(() -> warmUp.seconds() > 0, "the warm-up to end");
        warmUp.close();

        assertThat(warmUp.steps()).isEqualTo(20);
        assertThat(net.parameters().get("W1").value().toArray()).isNotEqualTo(before);
    }

    @Test
    void closeStopsItAfterTheStepUnderWay() throws InterruptedException {
        Network net = TwoLayerNet.create(backend, 4, 8, 3, new SplittableRandom(1));
        WarmUp warmUp = WarmUp.start(net, new Sgd(0.5), x(), labels(), Integer.MAX_VALUE);
        awaitUntil(() -> warmUp.steps() > 0, "a first step");

        warmUp.close();
        int stepsAtClose = warmUp.steps();
        double[] weightsAtClose = net.parameters().get("W1").value().toArray();
        Thread.sleep(50);

        assertThat(stepsAtClose).isPositive().isLessThan(Integer.MAX_VALUE);
        assertThat(warmUp.steps()).isEqualTo(stepsAtClose);
        assertThat(net.parameters().get("W1").value().toArray()).isEqualTo(weightsAtClose);
        assertThat(warmUp.seconds()).isPositive();
    }

    @Test
    void aFailedStepIsThrownByClose() throws InterruptedException {
        Network net = TwoLayerNet.create(backend, 4, 8, 3, new SplittableRandom(1));
        Optimizer failing = mock(Optimizer.class);
        IllegalStateException failure = new IllegalStateException("the update failed");
        doThrow(failure).when(failing).update(any());

        WarmUp warmUp = WarmUp.start(net, failing, x(), labels(), 5);
        awaitUntil(() -> warmUp.seconds() > 0, "the warm-up to end");

        assertThat(warmUp.steps()).isZero();
        assertThatThrownBy(warmUp::close).isSameAs(failure);
    }

    @Test
    void noneTakesNoStep() {
        WarmUp none = WarmUp.none();
        none.close();
        assertThat(none.steps()).isZero();
        assertThat(none.seconds()).isZero();
    }

    @Test
    void aNegativeLimitIsRefused() {
        Network net = TwoLayerNet.create(backend, 4, 8, 3, new SplittableRandom(1));
        assertThatThrownBy(() -> WarmUp.start(net, new Sgd(0.5), x(), labels(), -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("A warm-up's steps must be at least 0, not -1");
    }
}
