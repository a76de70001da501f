package nn.safetensors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import nn.api.Backend;
import nn.api.Backends;
import nn.api.DType;
import nn.api.Tensor;
import nn.core.data.BatchSampler;
import nn.core.data.Dataset;
import nn.core.network.MultiLayerNet;
import nn.core.network.Network;
import nn.core.optim.Adam;
import nn.core.optim.Optimizer;
import nn.core.optim.Sgd;
import nn.core.train.Trainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {

    @TempDir
    Path dir;

    private final Backend backend = Backends.get("reference");

    /** Three Gaussian blobs in 6 dimensions, fixed by a seed. */
    private static final class Blobs implements Dataset {
        private final double[][] x;
        private final int[] y;

        Blobs(int n, long seed) {
            SplittableRandom r = new SplittableRandom(seed);
            x = new double[n][6];
            y = new int[n];
            for (int i = 0; i < n; i++) {
                y[i] = i % 3;
                for (int j = 0; j < 6; j++) {
                    x[i][j] = r.nextGaussian() + (j % 3 == y[i] ? 2 : 0);
                }
            }
        }

        @Override
        public int size() {
            return y.length;
        }

        @Override
        public int featureCount() {
            return 6;
        }

        @Override
        public int classCount() {
            return 3;
        }

        @Override
        public int label(int i) {
            return y[i];
        }

        @Override
        public void batch(int[] indices, int count, Tensor xs, Tensor labels) {
            double[] flat = new double[xs.size()];
            double[] l = new double[labels.size()];
            for (int k = 0; k < count; k++) {
                System.arraycopy(x[indices[k]], 0, flat, k * 6, 6);
                l[k] = y[indices[k]];
            }
            xs.assign(flat);
            labels.assign(l);
        }
    }

    private Network net(long seed) {
        return MultiLayerNet.builder(backend, 6, 3)
                .hidden(8, 8)
                .batchNorm(true)
                .dtype(DType.FLOAT64)
                .random(new SplittableRandom(seed))
                .build();
    }

    private void assertSameRun(Supplier<Optimizer> optimizer, BatchSampler.Mode sampling) throws IOException {
        Blobs train = new Blobs(120, 1);
        Blobs test = new Blobs(60, 2);
        Trainer trainer = new Trainer(backend);
        Trainer.Settings all = new Trainer.Settings(40, 10, 12, sampling);
        Trainer.Settings firstHalf = new Trainer.Settings(20, 10, 12, sampling);

        Network once = net(7);
        trainer.train(once, optimizer.get(), train, test, all, new SplittableRandom(9), new Trainer.Listener() {});

        Network first = net(7);
        Optimizer firstOptimizer = optimizer.get();
        trainer.train(
                first, firstOptimizer, train, test, firstHalf, new SplittableRandom(9), new Trainer.Listener() {});
        Path checkpoint = dir.resolve("run.safetensors");
        Checkpoint.save(checkpoint, first, firstOptimizer, 20, Map.of("seed", "9"));

        Checkpoint read = Checkpoint.read(checkpoint);
        assertThat(read.iteration()).isEqualTo(20);
        assertThat(read.settings()).containsEntry("seed", "9");
        Network second = net(7); // built as a fresh run would build it, then overwritten
        Optimizer secondOptimizer = optimizer.get();
        read.restore(second, secondOptimizer);
        assertThat(secondOptimizer.steps()).isEqualTo(20);
        trainer.resume(
                second, secondOptimizer, train, test, all, new SplittableRandom(9), new Trainer.Listener() {}, 20);

        for (String name : once.parameters().keySet()) {
            assertThat(second.parameters().get(name).value().toArray())
                    .as(name)
                    .containsExactly(once.parameters().get(name).value().toArray());
        }
        for (String name : once.state().keySet()) {
            assertThat(second.state().get(name).toArray())
                    .as(name)
                    .containsExactly(once.state().get(name).toArray());
        }
    }

    @Test
    void twentyPlusTwentyIterationsWithAdamAreExactlyFortyInOneGo() throws IOException {
        assertSameRun(() -> new Adam(0.01, 0.9, 0.999), BatchSampler.Mode.WITH_REPLACEMENT);
    }

    @Test
    void theSamplersPositionIsRestoredForShuffledEpochsToo() throws IOException {
        assertSameRun(() -> new Sgd(0.1), BatchSampler.Mode.SHUFFLED_EPOCHS);
    }

    @Test
    void theOptimizersStateIsSavedUnderTheBooksNames() throws IOException {
        Network net = net(1);
        Adam adam = new Adam(0.01, 0.9, 0.999);
        Tensor x = backend.randomNormal(new SplittableRandom(2), 1.0, DType.FLOAT64, 4, 6);
        net.gradient(x, backend.of(new double[] {0, 1, 2, 0}, 4));
        adam.update(net.parameters().values());
        Path f = dir.resolve("c.safetensors");
        Checkpoint.save(f, net, adam, 1, Map.of());
        SafeTensors read = SafeTensors.read(f);
        assertThat(read.names()).contains("W1", "optimizer.W1.m", "optimizer.W1.v", "optimizer.gamma1.m");
        assertThat(read.values("optimizer.W1.m"))
                .containsExactly(adam.state(net.parameters().get("W1")).get("m").toArray());
        assertThat(read.metadata()).containsEntry(Checkpoint.OPTIMIZER_STEPS, "1");
        // A checkpoint is a model file as well.
        assertThat(ModelFile.read(f).network(backend).parameters().keySet())
                .isEqualTo(net.parameters().keySet());
    }

    @Test
    void aModelFileIsNotACheckpoint() throws IOException {
        Path f = dir.resolve("m.safetensors");
        ModelFile.save(net(1), f);
        assertThatThrownBy(() -> Checkpoint.read(f))
                .isInstanceOf(SafeTensorsException.class)
                .hasMessageContaining("is not a checkpoint");
    }

    @Test
    void resumingTheWrongArchitectureNamesTheTensor() throws IOException {
        Path f = dir.resolve("c.safetensors");
        Checkpoint.save(f, net(1), new Sgd(0.1), 0, Map.of());
        Network other = MultiLayerNet.builder(backend, 6, 3)
                .hidden(5, 8)
                .batchNorm(true)
                .random(new SplittableRandom(1))
                .build();
        assertThatThrownBy(() -> Checkpoint.read(f).restore(other, new Sgd(0.1)))
                .isInstanceOf(SafeTensorsException.class)
                .hasMessageContainingAll("W1", "[6, 8]", "[6, 5]");
    }
}
