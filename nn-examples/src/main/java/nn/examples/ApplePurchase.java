package nn.examples;

import jakarta.inject.Inject;
import nn.api.Backend;
import nn.api.BinaryLayer.Gradients;
import nn.core.layers.AddLayer;
import nn.core.layers.MulLayer;

/** The book's computational graphs of buying apples (and oranges), built from MulLayer and AddLayer. */
public final class ApplePurchase {

    private final Backend backend;

    @Inject
    public ApplePurchase(Backend backend) {
        this.backend = backend;
    }

    /** 2 apples at 100 with tax 1.1: the price and its gradients. */
    public AppleResult apples() {
        MulLayer mulApple = new MulLayer();
        MulLayer mulTax = new MulLayer();

        double applePrice =
                mulApple.forward(backend.scalar(100), backend.scalar(2)).item();
        double price =
                mulTax.forward(backend.scalar(applePrice), backend.scalar(1.1)).item();

        Gradients dTax = mulTax.backward(backend.scalar(1));
        Gradients dApple = mulApple.backward(dTax.dx());
        return new AppleResult(
                price, dApple.dx().item(), dApple.dy().item(), dTax.dy().item());
    }

    /** 2 apples at 100 and 3 oranges at 150 with tax 1.1: the price and its gradients. */
    public AppleOrangeResult applesAndOranges() {
        MulLayer mulApple = new MulLayer();
        MulLayer mulOrange = new MulLayer();
        AddLayer addFruit = new AddLayer();
        MulLayer mulTax = new MulLayer();

        var applePrice = mulApple.forward(backend.scalar(100), backend.scalar(2));
        var orangePrice = mulOrange.forward(backend.scalar(150), backend.scalar(3));
        var allPrice = addFruit.forward(applePrice, orangePrice);
        double price = mulTax.forward(allPrice, backend.scalar(1.1)).item();

        Gradients dTax = mulTax.backward(backend.scalar(1));
        Gradients dFruit = addFruit.backward(dTax.dx());
        Gradients dOrange = mulOrange.backward(dFruit.dy());
        Gradients dApple = mulApple.backward(dFruit.dx());
        return new AppleOrangeResult(
                price,
                dApple.dy().item(),
                dApple.dx().item(),
                dOrange.dx().item(),
                dOrange.dy().item(),
                dTax.dy().item());
    }

    /** The price of apples and its gradients with respect to each input. */
    public record AppleResult(double price, double dApple, double dAppleNum, double dTax) {}

    /** The price of apples and oranges and its gradients with respect to each input. */
    public record AppleOrangeResult(
            double price, double dAppleNum, double dApple, double dOrange, double dOrangeNum, double dTax) {}
}
