package nn.examples;

import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.util.List;
import nn.api.Backend;
import nn.core.network.WeightInit;
import nn.core.optim.Sgd;
import picocli.CommandLine.Command;

/**
 * {@code weight-init-compare}: the book's {@code weight_init_compare.py}: 5-layer, 100-unit ReLU nets started
 * with std 0.01, Xavier and He weights, trained with SGD (lr 0.01) on the same batches.
 */
@Command(
        name = "weight-init-compare",
        mixinStandardHelpOptions = true,
        description = "Weight initialisation on MNIST: std 0.01, Xavier and He on 5-layer 100-unit ReLU nets with "
                + "SGD, as weight_init_compare.py.")
final class WeightInitCompareCommand extends OptimizerCompareMnistCommand {

    @Inject
    WeightInitCompareCommand(Provider<Backend> backend, MnistSource source) {
        super(backend, source);
    }

    @Override
    List<Contestant> contestants() {
        return List.of(
                new Contestant("std=0.01", WeightInit.std(0.01), () -> new Sgd(0.01)),
                new Contestant("Xavier", WeightInit.XAVIER, () -> new Sgd(0.01)),
                new Contestant("He", WeightInit.HE, () -> new Sgd(0.01)));
    }

    @Override
    String title() {
        return "Weight initialisation on MNIST (5-layer, 100 units, ReLU, SGD)";
    }

    @Override
    double weightInitScale() {
        return 2.5;
    }
}
