package nn.examples;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The top-level command; its subcommands are the examples. */
@Command(
        name = "nn-examples",
        mixinStandardHelpOptions = true,
        version = "nn 0.1.0",
        description =
                "Examples of nn, a Java neural-network framework after \"Deep Learning from Scratch\", chapters 5 and 6.",
        subcommands = {
            BackendsCommand.class,
            AppleCommand.class,
            AppleOrangeCommand.class,
            GradientCheckCommand.class,
            TrainMnistCommand.class,
            TrainCommand.class,
            OptimizerCompareNaiveCommand.class,
            OptimizerCompareMnistCommand.class,
            WeightInitCompareCommand.class,
            BatchNormTestCommand.class,
            OverfitCommand.class,
            PredictCommand.class
        })
public final class NnCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing command; see --help for the list");
    }
}
