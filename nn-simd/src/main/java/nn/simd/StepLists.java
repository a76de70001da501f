package nn.simd;

import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorSpecies;
import nn.api.Tensor;
import nn.array.RowSupport;

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

    /**
     * Writes into {@code steps} the columns where one of rows {@code i .. i + 3} of a matrix is not zero, ascending,
     * from the bits {@link Tensor#assignSparseRow} recorded (the 4 rows' words ORed), and returns how many: what a
     * kernel's zero test over the 4 rows gives, without reading them.
     */
    static int rowTileSteps(RowSupport rows, int i, int[] steps) {
        long[] bits = rows.bits();
        int words = rows.words();
        int r0 = i * words;
        int count = 0;
        for (int w = 0; w < words; w++) {
            long word = bits[r0 + w] | bits[r0 + words + w] | bits[r0 + 2 * words + w] | bits[r0 + 3 * words + w];
            for (int low = 0; low < 64 && word >>> low != 0; low += 8) {
                int b = (int) (word >>> low) & 0xff;
                IntVector.fromArray(EIGHT, OFFSETS, b * 8).add(w * 64 + low).intoArray(steps, count);
                count += Integer.bitCount(b);
            }
        }
        return count;
    }

    /**
     * The step lists of the transposed product's 4-row tiles ({@code A = aᵀ}, tile t is a's columns
     * {@code firstColumn + 4t .. + 3}, {@code firstColumn} a multiple of 4), from the bits of a's rows: tile t's list,
     * {@code steps[t k ..]} of {@code counts[t]}, holds the rows of a with one of those 4 columns not zero, ascending.
     * Each row's bits, folded by 4, give its tiles directly: no pass over a and no test of a tile without one.
     */
    static void columnTileSteps(RowSupport rows, int firstColumn, int tiles, int[] steps, int[] counts) {
        java.util.Arrays.fill(counts, 0, tiles, 0);
        if (tiles == 0) {
            return;
        }
        long[] bits = rows.bits();
        int words = rows.words();
        int k = rows.rows();
        int end = firstColumn + 4 * tiles;
        int firstWord = firstColumn >>> 6;
        int lastWord = (end - 1) >>> 6;
        for (int p = 0; p < k; p++) {
            int row = p * words;
            for (int w = firstWord; w <= lastWord; w++) {
                long word = bits[row + w];
                // Bit 4j of a nibble-folded word: one of columns 64w + 4j .. + 3 is not zero.
                long nibbles = (word | word >>> 1 | word >>> 2 | word >>> 3) & NIBBLE_LOW_BITS;
                if (w == firstWord) {
                    nibbles &= -1L << (firstColumn & 63);
                }
                if (w == lastWord && (end & 63) != 0) {
                    nibbles &= -1L >>> (64 - (end & 63));
                }
                while (nibbles != 0) {
                    int t = (64 * w + Long.numberOfTrailingZeros(nibbles) - firstColumn) >>> 2;
                    steps[t * k + counts[t]++] = p;
                    nibbles &= nibbles - 1;
                }
            }
        }
    }

    /** The lowest bit of every 4: where a nibble-folded word marks a 4-column tile. */
    private static final long NIBBLE_LOW_BITS = 0x1111_1111_1111_1111L;

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
