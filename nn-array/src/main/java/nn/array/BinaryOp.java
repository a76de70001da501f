package nn.array;

/**
 * The element-wise operations of two operands. {@link #apply} is the definition every kernel must match; a
 * float32 kernel computes it in double and rounds once, which for {@code + - * /} is the correctly rounded
 * float result.
 */
public enum BinaryOp {
    ADD,
    SUB,
    MUL,
    DIV,
    MAX,
    MIN,
    POW,
    GREATER;

    public double apply(double a, double b) {
        switch (this) {
            case ADD:
                return a + b;
            case SUB:
                return a - b;
            case MUL:
                return a * b;
            case DIV:
                return a / b;
            // Math.max and Math.min propagate NaN, as NumPy's maximum and minimum do.
            case MAX:
                return Math.max(a, b);
            case MIN:
                return Math.min(a, b);
            case POW:
                return Math.pow(a, b);
            case GREATER:
                return a > b ? 1.0 : 0.0;
            default:
                throw new AssertionError(this);
        }
    }

    // Made once: operations pass the label along on every call, and a hot path must not allocate.
    private final String label = name().toLowerCase(java.util.Locale.ROOT);

    /** The name in messages: {@code add}, {@code greater}, … */
    public String label() {
        return label;
    }
}
