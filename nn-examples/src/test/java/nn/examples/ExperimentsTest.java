package nn.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import nn.api.Backend;
import nn.api.Backends;
import nn.api.DType;
import nn.core.data.Dataset;
import nn.core.data.Subset;
import nn.core.network.MultiLayerNet;
import nn.core.network.Network;
import nn.core.optim.Adam;
import nn.core.optim.Momentum;
import nn.core.optim.Optimizer;
import nn.core.optim.Sgd;
import nn.mnist.Mnist;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ExperimentsTest {

    private static List<Network> nets(Backend backend, DType dtype, int count) {
        SplittableRandom root = new SplittableRandom(9);
        List<Network> nets = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            nets.add(MultiLayerNet.builder(backend, Mnist.PIXELS, 10)
                    .hidden(100, 100)
                    .batchNorm(n == 1)
                    .dropout(n == 2 ? 0.2 : 0)
                    .dtype(dtype)
                    .random(root.split())
                    .build());
        }
        return nets;
    }

    private static List<Optimizer> optimizers() {
        return List.of(new Sgd(0.01), new Momentum(0.01, 0.9), new Adam(0.001, 0.9, 0.999));
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void netsTrainedSideBySideOnTheThreadsLoseWhatEachLosesAlone(DType dtype) throws IOException {
        Backend backend = Backends.get();
        Dataset train = new Subset(Mnist.load(SharedMnist.dir()).train(), 1000);
        double[][] together = Experiments.trainTogether(
                backend,
                dtype,
                nets(backend, dtype, 3),
                optimizers(),
                train,
                50,
                30,
                new SplittableRandom(4),
                (s, l, i) -> {});
        List<Network> alone = nets(backend, dtype, 3);
        for (int n = 0; n < 3; n++) {
            double[][] own = Experiments.trainTogether(
                    backend,
                    dtype,
                    List.of(alone.get(n)),
                    List.of(optimizers().get(n)),
                    train,
                    50,
                    30,
                    new SplittableRandom(4),
                    (s, l, i) -> {});
            assertThat(together[n]).as("net %d", n).containsExactly(own[0]);
        }
        assertThat(together[0][29]).as("SGD learns").isLessThan(together[0][0]);
    }
}
