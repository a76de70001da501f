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
        switch (this) {
            case EXP:
                return Math.exp(a);
            case LOG:
                return Math.log(a);
            case SIGMOID:
                return 1.0 / (1.0 + Math.exp(-a));
            case TANH:
                return Math.tanh(a);
            case SQRT:
                return Math.sqrt(a);
            case SQUARE:
                return a * a;
            case ABS:
                return Math.abs(a);
            // signum keeps NaN and the sign of zero; NumPy's sign gives 0 for ±0, which compares equal.
            case SIGN:
                return Math.signum(a);
            case NEG:
                return -a;
            default:
                throw new AssertionError(this);
        }
    }

    // Made once: operations pass the label along on every call, and a hot path must not allocate.
    private final String label = name().toLowerCase(java.util.Locale.ROOT);

    /** The name in messages: {@code exp}, {@code tanh}, … */
    public String label() {
        return label;
    }
}
