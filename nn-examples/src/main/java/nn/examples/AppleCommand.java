package nn.examples;

import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code apple}: the book's apple purchase, forward and backward. */
@Command(
        name = "apple",
        mixinStandardHelpOptions = true,
        description = "Buy 2 apples at 100 with tax 1.1: the price (220) and its gradients (2.2, 110, 200).")
final class AppleCommand implements Callable<Integer> {

    private final Provider<ApplePurchase> purchase;

    @Spec
    CommandSpec spec;

    @Mixin
    BackendOption backendOption;

    @Inject
    AppleCommand(Provider<ApplePurchase> purchase) {
        this.purchase = purchase;
    }

    @Override
    public Integer call() {
        ApplePurchase.AppleResult r = purchase.get().apples();
        PrintWriter out = spec.commandLine().getOut();
        out.println("price: " + r.price());
        out.println("dApple: " + r.dApple());
        out.println("dApple_num: " + r.dAppleNum());
        out.println("dTax: " + r.dTax());
        out.flush();
        return 0;
    }
}
