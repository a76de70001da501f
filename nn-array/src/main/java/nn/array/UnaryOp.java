package nn.array;

/** The element-wise functions of one operand; {@link #apply} is the definition every kernel must match. */
public enum UnaryOp {
    EXP,
    LOG,
    SIGMOID,
    TANH,
    SQRT,
    SQUARE,
    ABS,
    SIGN,
    NEG;

    public double apply(double a) {
        return switch (this) {
            case EXP -> Math.exp(a);
            case LOG -> Math.log(a);
            case SIGMOID -> 1.0 / (1.0 + Math.exp(-a));
            case TANH -> Math.tanh(a);
            case SQRT -> Math.sqrt(a);
            case SQUARE -> a * a;
            case ABS -> Math.abs(a);
            // signum keeps NaN and the sign of zero; NumPy's sign gives 0 for ±0, which compares equal.
            case SIGN -> Math.signum(a);
            case NEG -> -a;
            default -> throw new AssertionError(this);
        };
    }

    // Made once: operations pass the label along on every call, and a hot path must not allocate.
    private final String label = name().toLowerCase(java.util.Locale.ROOT);

    /** The name in messages: {@code exp}, {@code tanh}, … */
    public String label() {
        return label;
    }
}
