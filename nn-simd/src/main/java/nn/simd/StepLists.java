package nn.simd;

import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Appends to a list of steps the positions whose bit is set in a lane mask, eight lanes at a time from a table of
 * offsets: one vector store and a bit count per eight lanes, no branch and no loop per step. The masks come from
 * the kernels' vector tests for non-zeros (lane r contributes {@code 2^r}, ORed as integers in either dtype). The
 * transposed products' lists, one per tile, grow a step at a time ({@link #appendStep}).
 */
final class StepLists {

    /** How far past its last step {@link #append} may write: a list of k steps needs {@code k + SLACK} ints. */
    static final int SLACK = 8;

    private static final VectorSpecies<Integer> EIGHT = IntVector.SPECIES_256;

    /** For each byte, the positions of its set bits, ascending, in a row of 8 (the rest 0). */
    private static final int[] OFFSETS = offsets();

    private StepLists() {}

    /**
     * Appends {@code first + r} for every set bit r of {@code bits} (lanes ≤ 16 bits wide) to {@code steps[count ..]},
     * ascending, and returns the new count; writes up to {@link #SLACK} ints past it.
     */
    static int append(int[] steps, int count, int first, int bits, int lanes) {
        int n = count;
        for (int low = 0; low < lanes; low += 8) {
            int b = (bits >>> low) & 0xff;
            IntVector.fromArray(EIGHT, OFFSETS, b * 8).add(first + low).intoArray(steps, n);
            n += Integer.bitCount(b);
        }
        return n;
    }

    /**
     * Appends step p to tile t's list, {@code steps[t k ..]} of {@code counts[t]} steps, when {@code nonzero} is 1:
     * written either way, counted only then, so that no branch depends on the test.
     */
    static void appendStep(int[] steps, int[] counts, int k, int t, int p, int nonzero) {
        int c = counts[t];
        steps[t * k + c] = p;
        counts[t] = c + nonzero;
    }

    /** The lane weights {@code 2^r} of a mask of {@code lanes} lanes, ORed by the float64 kernels' zero tests. */
    static long[] laneBits(int lanes) {
        long[] weights = new long[lanes];
        for (int r = 0; r < lanes; r++) {
            weights[r] = 1L << r;
        }
        return weights;
    }

    /** {@link #laneBits} as ints, for the float32 kernels (at most 16 lanes). */
    static int[] laneBitsInt(int lanes) {
        int[] weights = new int[lanes];
        for (int r = 0; r < lanes; r++) {
            weights[r] = 1 << r;
        }
        return weights;
    }

    private static int[] offsets() {
        int[] table = new int[256 * 8];
        for (int b = 0; b < 256; b++) {
            int c = 0;
            for (int r = 0; r < 8; r++) {
                if ((b >>> r & 1) != 0) {
                    table[b * 8 + c++] = r;
                }
            }
        }
        return table;
    }
}
