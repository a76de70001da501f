package nn.simd;

import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector width the SIMD kernels use: the platform's preferred one, or the width forced by the system
 * property {@value #PROPERTY} (128, 256 or 512), as Lucene's {@code tests.vectorsize}: the conformance suite
 * runs at every width on any machine, so the tail loops of narrower and wider vectors are exercised too. A
 * width the hardware lacks still computes correctly, only slower.
 */
final class VectorWidth {

    /** The system property that forces the vector width in bits. */
    static final String PROPERTY = "nn.simd.vectorBits";

    static final int BITS = bits(System.getProperty(PROPERTY));

    static final VectorSpecies<Double> FLOAT64 = VectorSpecies.of(double.class, VectorShape.forBitSize(BITS));

    static final VectorSpecies<Float> FLOAT32 = VectorSpecies.of(float.class, VectorShape.forBitSize(BITS));

    private VectorWidth() {}

    /** The preferred width, or the forced one when {@code value} is set; anything else is a clear error. */
    static int bits(String value) {
        if (value == null || value.isBlank()) {
            return VectorShape.preferredShape().vectorBitSize();
        }
        return switch (value.trim()) {
            case "128" -> 128;
            case "256" -> 256;
            case "512" -> 512;
            default ->
                throw new IllegalArgumentException(
                        "-D" + PROPERTY + "=" + value + " is not a vector width; use 128, 256 or 512");
        };
    }
}
