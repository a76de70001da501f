package nn.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import nn.api.DType;
import nn.api.Tensor;

/** Comparisons for the conformance suite. */
public final class Approx {

    /** float64 backends must agree with the reference within this, relative to the larger magnitude (or 1). */
    public static final double CONFORMANCE = 1e-12;

    /**
     * float32 backends within this: a few units of float's 6e-8 rounding, with room for sums accumulated in
     * float (the reference accumulates in double).
     */
    public static final double CONFORMANCE_FLOAT32 = 2e-5;

    /** The agreement asked for a dtype. */
    public static double tolerance(DType dtype) {
        return dtype == DType.FLOAT64 ? CONFORMANCE : CONFORMANCE_FLOAT32;
    }

    private Approx() {}

    /** Same shape, and every element within {@code tolerance · max(1, max |expected|)}. */
    public static void assertTensorClose(Tensor expected, Tensor actual, double tolerance) {
        assertArrayEquals(expected.shape(), actual.shape(), "shape");
        assertArrayClose(expected.toArray(), actual.toArray(), tolerance);
    }

    /** Every element within {@code tolerance · max(1, max |expected|)}; NaN matches NaN only. */
    public static void assertArrayClose(double[] expected, double[] actual, double tolerance) {
        if (expected.length != actual.length) {
            fail("length " + actual.length + " instead of " + expected.length);
        }
        double scale = 1;
        for (double e : expected) {
            if (Double.isFinite(e)) {
                scale = Math.max(scale, Math.abs(e));
            }
        }
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i];
            double a = actual[i];
            boolean same = Double.isNaN(e)
                    ? Double.isNaN(a)
                    : Double.isInfinite(e) ? e == a : Math.abs(e - a) <= tolerance * scale;
            if (!same) {
                fail("element " + i + ": expected " + e + " but was " + a + " (tolerance " + tolerance * scale
                        + ")\nexpected " + head(expected) + "\nactual   " + head(actual));
            }
        }
    }

    private static String head(double[] values) {
        return Arrays.toString(Arrays.copyOf(values, Math.min(values.length, 12)));
    }
}
