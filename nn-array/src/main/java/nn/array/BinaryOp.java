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
        return switch (this) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> a / b;
            // Math.max and Math.min propagate NaN, as NumPy's maximum and minimum do.
            case MAX -> Math.max(a, b);
            case MIN -> Math.min(a, b);
            case POW -> Math.pow(a, b);
            case GREATER -> a > b ? 1.0 : 0.0;
            default -> throw new AssertionError(this);
        };
    }

    // Made once: operations pass the label along on every call, and a hot path must not allocate.
    private final String label = name().toLowerCase(java.util.Locale.ROOT);

    /** The name in messages: {@code add}, {@code greater}, … */
    public String label() {
        return label;
    }
}
