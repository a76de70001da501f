package nn.core.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.SplittableRandom;
import nn.api.Backend;
import nn.api.Layer;
import nn.api.LossLayer;
import nn.api.Tensor;
import nn.reference.ReferenceBackendProvider;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

class NetworkTest {

    private final Backend backend = ReferenceBackendProvider.backend();

    @Test
    void forwardRunsInOrderAndBackwardInReverseOrder() {
        Layer first = mock(Layer.class);
        Layer second = mock(Layer.class);
        LossLayer loss = mock(LossLayer.class);
        Tensor x = backend.zeros(1, 2);
        Tensor h = backend.zeros(1, 2);
        Tensor scores = backend.zeros(1, 2);
        Tensor t = backend.zeros(1);
        Tensor dScores = backend.zeros(1, 2);
        Tensor dh = backend.zeros(1, 2);
        when(first.forward(x, true)).thenReturn(h);
        when(second.forward(h, true)).thenReturn(scores);
        when(loss.forward(scores, t)).thenReturn(0.75);
        when(loss.backward()).thenReturn(dScores);
        when(second.backward(dScores)).thenReturn(dh);

        double value = new Network(List.of(first, second), loss).gradient(x, t);

        assertThat(value).isEqualTo(0.75);
        InOrder order = inOrder(first, second, loss);
        order.verify(first).forward(x, true);
        order.verify(second).forward(h, true);
        order.verify(loss).forward(scores, t);
        order.verify(loss).backward();
        order.verify(second).backward(dScores);
        // The first layer's input gradient is nobody's business: it is told so.
        order.verify(first).backwardParametersOnly(dh);
        order.verifyNoMoreInteractions();
    }

    @Test
    void lossOfGradientIsTheLossOfItsForwardPass() {
        Network net = TwoLayerNet.create(backend, 4, 3, 2, new SplittableRandom(1));
        Tensor x = backend.of(new double[] {1, 2, 3, 4, 0, 1, 0, 1}, 2, 4);
        Tensor t = backend.of(new double[] {1, 0}, 2);
        assertThat(net.gradient(x, t)).isEqualTo(net.loss(x, t));
    }

    @Test
    void parametersAreNamedAsInTheBook() {
        Network net = TwoLayerNet.create(backend, 784, 50, 10, new SplittableRandom(1));
        assertThat(net.parameters().keySet()).containsExactly("W1", "b1", "W2", "b2");
        assertThat(net.parameters().get("W1").value().shape()).containsExactly(784, 50);
        assertThat(net.parameters().get("b2").value().toArray()).containsOnly(0.0);
        double[] w1 = net.parameters().get("W1").value().toArray();
        double mean = java.util.Arrays.stream(w1).map(v -> v * v).average().orElseThrow();
        assertThat(Math.sqrt(mean)).as("std of W1").isBetween(0.0095, 0.0105);
    }

    @Test
    void accuracyCountsRowsWhoseTopScoreIsTheLabel() {
        Layer identity = mock(Layer.class);
        Tensor scores = backend.of(new double[] {0.1, 0.9, 0.8, 0.2, 0.3, 0.7}, 3, 2);
        when(identity.forward(any(), eq(false))).thenReturn(scores);
        Network net = new Network(List.of(identity), mock(LossLayer.class));
        assertThat(net.accuracy(scores, new int[] {1, 0, 0})).isEqualTo(2.0 / 3);
    }

    @Test
    void emptyNetworkIsRejected() {
        assertThatThrownBy(() -> new Network(List.of(), mock(LossLayer.class))).hasMessageContaining("at least one");
    }

    @Test
    void sameSeedGivesTheSameNetwork() {
        Network a = TwoLayerNet.create(backend, 5, 4, 3, new SplittableRandom(9));
        Network b = TwoLayerNet.create(backend, 5, 4, 3, new SplittableRandom(9));
        assertThat(a.parameters().get("W2").value().toArray())
                .containsExactly(b.parameters().get("W2").value().toArray());
    }
}
