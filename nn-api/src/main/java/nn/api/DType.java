package nn.api;

import java.util.Locale;

/**
 * How a tensor stores its elements. Every backend supports both; an operation whose operands differ in
 * dtype is an error that names both, because a silent promotion would hide a doubled memory bill or a lost
 * half of the precision. Convert explicitly with {@link Tensor#to(DType)}.
 */
public enum DType {
    /** IEEE 754 double precision, 8 bytes: the book's NumPy default, and nn's. */
    FLOAT64(8),
    /** IEEE 754 single precision, 4 bytes: twice the SIMD lanes and half the memory traffic. */
    FLOAT32(4);

    private final int bytes;

    DType(int bytes) {
        this.bytes = bytes;
    }

    /** The size of one element in bytes. */
    public int bytes() {
        return bytes;
    }

    /** The name users write: {@code float64} or {@code float32}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The dtype named {@code float64} or {@code float32} (also {@code f64}, {@code double}, …), or a clear error. */
    public static DType parse(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return switch (n) {
            case "float64", "f64", "double" -> FLOAT64;
            case "float32", "f32", "float" -> FLOAT32;
            default -> throw new IllegalArgumentException("Unknown dtype '" + name + "'; use float64 or float32");
        };
    }

    @Override
    public String toString() {
        return label();
    }
}
