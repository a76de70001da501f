package nn.core.network;

import java.util.Locale;

/**
 * How the weights of a layer with {@code n} inputs are drawn: {@code std · N(0, 1)} with a fixed {@code std}
 * (the book's 0.01), Xavier's {@code sqrt(1/n)} (the book's "sigmoid"), or He's {@code sqrt(2/n)} (the book's
 * "relu"). Biases start at zero.
 *
 * @param name {@code std}, {@code xavier} or {@code he}
 * @param std the fixed standard deviation, for {@code std}
 */
public record WeightInit(String name, double std) {

    public static final WeightInit XAVIER = new WeightInit("xavier", Double.NaN);
    public static final WeightInit HE = new WeightInit("he", Double.NaN);

    public WeightInit {
        if (name.equals("std") && !(std > 0 && Double.isFinite(std))) {
            throw new IllegalArgumentException("A weight standard deviation must be a positive number, not " + std);
        }
    }

    /** A fixed standard deviation, such as the book's 0.01. */
    public static WeightInit std(double std) {
        return new WeightInit("std", std);
    }

    /**
     * By name as the book's {@code weight_init_std}: {@code he} or {@code relu}, {@code xavier} or {@code sigmoid},
     * or a number.
     */
    public static WeightInit parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        switch (t) {
            case "he", "relu" -> {
                return HE;
            }
            case "xavier", "sigmoid" -> {
                return XAVIER;
            }
            default -> {
                try {
                    return std(Double.parseDouble(t));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("Unknown weight initialisation '" + text
                            + "'; use he (relu), xavier (sigmoid) or a standard deviation such as 0.01");
                }
            }
        }
    }

    /** The standard deviation for a layer with {@code inputs} inputs. */
    public double stdFor(int inputs) {
        return switch (name) {
            case "xavier" -> Math.sqrt(1.0 / inputs);
            case "he" -> Math.sqrt(2.0 / inputs);
            default -> std;
        };
    }

    @Override
    public String toString() {
        return name.equals("std") ? Double.toString(std) : name;
    }
}
