package nn.core.optim;

import java.util.Locale;

/** Optimizers by name, with the book's defaults: {@code sgd}, {@code momentum}, {@code nesterov}, {@code adagrad}, {@code rmsprop}, {@code adam}. */
public final class Optimizers {

    /** The names {@link #create} knows. */
    public static final String NAMES = "sgd, momentum, nesterov, adagrad, rmsprop, adam";

    private Optimizers() {}

    /** The book's default learning rate of an optimizer. */
    public static double defaultLearningRate(String name) {
        return normalize(name).equals("adam") ? 0.001 : 0.01;
    }

    /**
     * The optimizer of this name; {@code learningRate} null takes the book's default. {@code momentum} is used by
     * Momentum and Nesterov, {@code decayRate} by RMSprop, {@code beta1} and {@code beta2} by Adam.
     */
    public static Optimizer create(
            String name, Double learningRate, double momentum, double decayRate, double beta1, double beta2) {
        String n = normalize(name);
        double lr = learningRate == null ? defaultLearningRate(n) : learningRate;
        return switch (n) {
            case "sgd" -> new Sgd(lr);
            case "momentum" -> new Momentum(lr, momentum);
            case "nesterov" -> new Nesterov(lr, momentum);
            case "adagrad" -> new AdaGrad(lr);
            case "rmsprop" -> new RmsProp(lr, decayRate);
            case "adam" -> new Adam(lr, beta1, beta2);
            default -> throw new IllegalArgumentException("Unknown optimizer '" + name + "'; use one of " + NAMES);
        };
    }

    private static String normalize(String name) {
        return name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    }
}
