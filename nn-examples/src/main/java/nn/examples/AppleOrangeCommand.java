package nn.examples;

import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code apple-orange}: the book's apple and orange purchase, forward and backward. */
@Command(
        name = "apple-orange",
        mixinStandardHelpOptions = true,
        description = "Buy 2 apples at 100 and 3 oranges at 150 with tax 1.1: the price (715) and its gradients "
                + "(110, 2.2, 3.3, 165, 650).")
final class AppleOrangeCommand implements Callable<Integer> {

    private final Provider<ApplePurchase> purchase;

    @Spec
    CommandSpec spec;

    @Mixin
    BackendOption backendOption;

    @Inject
    AppleOrangeCommand(Provider<ApplePurchase> purchase) {
        this.purchase = purchase;
    }

    @Override
    public Integer call() {
        ApplePurchase.AppleOrangeResult r = purchase.get().applesAndOranges();
        PrintWriter out = spec.commandLine().getOut();
        out.println("price: " + r.price());
        out.println("dApple_num: " + r.dAppleNum());
        out.println("dApple: " + r.dApple());
        out.println("dOrange: " + r.dOrange());
        out.println("dOrange_num: " + r.dOrangeNum());
        out.println("dTax: " + r.dTax());
        out.flush();
        return 0;
    }
}
