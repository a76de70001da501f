package nn.examples;

import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import nn.api.BackendSelection;
import nn.api.ProviderStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code backends}: what was found, what is usable, which is chosen and why. */
@Command(
        name = "backends",
        mixinStandardHelpOptions = true,
        description = "List the backends found on the class path, whether each is usable, and which is chosen and why.")
final class BackendsCommand implements Callable<Integer> {

    private final Provider<BackendSelection> selection;

    @Spec
    CommandSpec spec;

    @Mixin
    BackendOption backendOption;

    @Inject
    BackendsCommand(Provider<BackendSelection> selection) {
        this.selection = selection;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        BackendSelection chosen = selection.get();
        out.println("Backends found (highest priority first):");
        for (ProviderStatus status : chosen.providers()) {
            out.println("  " + status);
        }
        out.println("Chosen: " + chosen.backend().description() + " — " + chosen.reason());
        out.println("dtypes: every backend runs float64 (the default) and float32; choose with --dtype");
        if (chosen.hasWarning()) {
            out.println("Warning: " + chosen.warning());
        }
        out.flush();
        return 0;
    }
}
