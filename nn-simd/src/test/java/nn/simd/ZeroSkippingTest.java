package nn.simd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The products that skip the zeros of their left operand give the same values as the ones that do not, in both
 * dtypes and for any thread count (the same bits, but for the sign of a zero after an underflow): the choice
 * between them is a guess about speed only.
 */
class ZeroSkippingTest {

    /** m, k, n, and the share of a that is zero. */
    @ParameterizedTest
    @CsvSource({
        "100, 784, 50, 0.81",
        "784, 100, 50, 0.81",
        "37, 129, 23, 0.6",
        "9, 301, 5, 0.9",
        "64, 64, 64, 0.5",
        "5, 7, 3, 0.7",
        "101, 200, 100, 0.99"
    })
    void skippingZerosChangesNoBit(int m, int k, int n, double zeroShare) {
        SplittableRandom random = new SplittableRandom(m * 7919L + k * 31L + n);
        double[] a = mostlyZeros(random, m * k, zeroShare);
        double[] b = gaussian(random, k * n);
        double[] at = mostlyZeros(random, k * m, zeroShare);
        for (int threads : new int[] {1, 2, 3}) {
            Float64VectorKernels f64 = new Float64VectorKernels(new Parallel(threads));
            assertThat(product(f64, a, k, 1, b, m, k, n, true))
                    .containsExactly(product(f64, a, k, 1, b, m, k, n, false));
            assertThat(product(f64, at, 1, m, b, m, k, n, true))
                    .containsExactly(product(f64, at, 1, m, b, m, k, n, false));
            assertThat(product(f64, a, k, 1, b, m, k, n, true))
                    .containsExactly(product(new Float64VectorKernels(new Parallel(1)), a, k, 1, b, m, k, n, false));

            Float32VectorKernels f32 = new Float32VectorKernels(new Parallel(threads));
            float[] af = floats(a);
            float[] bf = floats(b);
            float[] atf = floats(at);
            assertThat(product(f32, af, k, 1, bf, m, k, n, true))
                    .containsExactly(product(f32, af, k, 1, bf, m, k, n, false));
            assertThat(product(f32, atf, 1, m, bf, m, k, n, true))
                    .containsExactly(product(f32, atf, 1, m, bf, m, k, n, false));
        }
    }

    @ParameterizedTest
    @CsvSource({"100, 784, 50", "784, 100, 50", "30, 40, 20"})
    void anInfiniteOrNaNRightOperandTurnsZeroTermsIntoNaNAsWithoutSkipping(int m, int k, int n) {
        SplittableRandom random = new SplittableRandom(3);
        double[] a = mostlyZeros(random, m * k, 0.9);
        double[] b = gaussian(random, k * n);
        // A row of a that is all zeros, against an infinity in b: 0 · ∞ is NaN, which a skip would have lost.
        java.util.Arrays.fill(a, 0, k, 0.0);
        b[n + 1] = Double.POSITIVE_INFINITY;
        b[2 * n] = Double.NaN;
        Float64VectorKernels f64 = new Float64VectorKernels(new Parallel(1));
        double[] out = new double[m * n];
        f64.matmul(a, null, b, out, m, k, n);
        assertThat(out[1]).isNaN();
        assertThat(out[0]).isNaN();
        assertThat(out).containsExactly(product(f64, a, k, 1, b, m, k, n, false));
    }

    /**
     * One infinity anywhere in b turns the skip off (the finiteness test sums b · 0 in four interleaved sums, then
     * single vectors, then scalars): each position below lies in a different one of them, in both dtypes.
     */
    @ParameterizedTest
    @CsvSource({"100, 784, 50", "40, 41, 43"})
    void anInfinityAnywhereInTheRightOperandIsSeen(int m, int k, int n) {
        SplittableRandom random = new SplittableRandom(7);
        double[] a = mostlyZeros(random, m * k, 0.9);
        java.util.Arrays.fill(a, 0, k, 0.0); // row 0 all zeros: its outputs are NaN only if nothing is skipped
        float[] af = floats(a);
        int size = k * n;
        Float64VectorKernels f64 = new Float64VectorKernels(new Parallel(1));
        Float32VectorKernels f32 = new Float32VectorKernels(new Parallel(1));
        for (int position : new int[] {0, 9, 18, 27, 36, 45, 54, 63, size / 2, size - 20, size - 9, size - 1}) {
            double[] b = gaussian(random, size);
            b[position] = Double.POSITIVE_INFINITY;
            float[] bf = floats(b);
            double[] out = new double[m * n];
            f64.matmul(a, null, b, out, m, k, n);
            assertThat(out[position % n])
                    .as("float64, infinity at %d", position)
                    .isNaN();
            assertSameValues(out, product(f64, a, k, 1, b, m, k, n, false));
            float[] outf = new float[m * n];
            f32.matmul(af, null, bf, outf, m, k, n);
            assertThat(outf[position % n])
                    .as("float32, infinity at %d", position)
                    .isNaN();
            assertSameValues(outf, product(f32, af, k, 1, bf, m, k, n, false));
        }
    }

    /**
     * The zero tests read bits: a NaN, an infinity or the smallest subnormal (one bit set), alone in a row of
     * zeros of the left operand, is a step to visit in both dtypes, so the product keeps what the dense one gives.
     * Only the sign of a zero may differ: a product can underflow to -0, which the dense sum's later {@code +0}
     * terms turn into +0 and a skip leaves as it is.
     */
    @ParameterizedTest
    @CsvSource({"100, 784, 50", "784, 100, 50", "12, 37, 9"})
    void aNaNAnInfinityOrASubnormalAmongZerosIsNeverSkipped(int m, int k, int n) {
        SplittableRandom random = new SplittableRandom(m + k + n);
        double[] a = mostlyZeros(random, m * k, 0.95);
        double[] at = mostlyZeros(random, k * m, 0.95);
        float[] af = floats(a);
        float[] atf = floats(at);
        double[] special = {Double.NaN, Double.NEGATIVE_INFINITY, Double.MIN_VALUE, -Double.MIN_VALUE};
        float[] specialFloat = {Float.NaN, Float.NEGATIVE_INFINITY, Float.MIN_VALUE, -Float.MIN_VALUE};
        for (int s = 0; s < special.length; s++) {
            // Row s of A all zeros but one, at the end (where the vector tests give way to scalar ones) or inside.
            int p = s % 2 == 0 ? k - 1 - s : 3 * s;
            for (int q = 0; q < k; q++) {
                a[s * k + q] = 0.0;
                af[s * k + q] = 0f;
                at[q * m + s] = 0.0;
                atf[q * m + s] = 0f;
            }
            a[s * k + p] = special[s];
            af[s * k + p] = specialFloat[s];
            at[p * m + s] = special[s];
            atf[p * m + s] = specialFloat[s];
        }
        double[] b = gaussian(random, k * n);
        float[] bf = floats(b);
        Float64VectorKernels f64 = new Float64VectorKernels(new Parallel(1));
        Float32VectorKernels f32 = new Float32VectorKernels(new Parallel(1));
        double[] dense = product(f64, a, k, 1, b, m, k, n, false);
        assertSameValues(product(f64, a, k, 1, b, m, k, n, true), dense);
        assertSameValues(product(f64, at, 1, m, b, m, k, n, true), product(f64, at, 1, m, b, m, k, n, false));
        assertSameValues(product(f32, af, k, 1, bf, m, k, n, true), product(f32, af, k, 1, bf, m, k, n, false));
        assertSameValues(product(f32, atf, 1, m, bf, m, k, n, true), product(f32, atf, 1, m, bf, m, k, n, false));
        // What a skip would have lost: NaN in row 0, and the subnormal's products (not all 0) in row 2.
        assertThat(dense[0]).isNaN();
        assertThat(java.util.Arrays.copyOfRange(dense, 2 * n, 3 * n)).isNotEqualTo(new double[n]);
    }

    /** The same bits (any NaN equal to any NaN), or zeros of either sign. */
    private static void assertSameValues(double[] actual, double[] expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < actual.length; i++) {
            if (!(actual[i] == 0 && expected[i] == 0)) {
                assertThat(Double.doubleToLongBits(actual[i]))
                        .as("element %d: %s against %s", i, actual[i], expected[i])
                        .isEqualTo(Double.doubleToLongBits(expected[i]));
            }
        }
    }

    private static void assertSameValues(float[] actual, float[] expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < actual.length; i++) {
            if (!(actual[i] == 0 && expected[i] == 0)) {
                assertThat(Float.floatToIntBits(actual[i]))
                        .as("element %d: %s against %s", i, actual[i], expected[i])
                        .isEqualTo(Float.floatToIntBits(expected[i]));
            }
        }
    }

    private static double[] product(
            Float64VectorKernels kernels, double[] a, int rs, int cs, double[] b, int m, int k, int n, boolean skip) {
        double[] c = new double[m * n];
        java.util.Arrays.fill(c, 99); // every element must be written
        kernels.gemm(a, rs, cs, b, c, m, k, n, skip, null);
        return c;
    }

    private static float[] product(
            Float32VectorKernels kernels, float[] a, int rs, int cs, float[] b, int m, int k, int n, boolean skip) {
        float[] c = new float[m * n];
        java.util.Arrays.fill(c, 99);
        kernels.gemm(a, rs, cs, b, c, m, k, n, skip, null);
        return c;
    }

    /** Values in [0, 1) and their negatives, with zeros (a few of them -0.0) at {@code zeroShare} of the places. */
    private static double[] mostlyZeros(SplittableRandom random, int size, double zeroShare) {
        double[] a = new double[size];
        for (int i = 0; i < size; i++) {
            double u = random.nextDouble();
            a[i] = u < zeroShare ? (u < zeroShare / 10 ? -0.0 : 0.0) : random.nextDouble() - 0.5;
        }
        return a;
    }

    private static double[] gaussian(SplittableRandom random, int size) {
        double[] b = new double[size];
        for (int i = 0; i < size; i++) {
            b[i] = random.nextGaussian();
        }
        return b;
    }

    private static float[] floats(double[] a) {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            f[i] = (float) a[i];
        }
        return f;
    }
}
