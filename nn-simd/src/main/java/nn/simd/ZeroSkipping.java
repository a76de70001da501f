package nn.simd;

import nn.array.RowSupport;

/**
 * When the matrix products skip the zeros of their left operand, in both dtypes. A product visits, for each tile
 * of output rows, only the steps of the shared dimension where one of the tile's rows is not zero: MNIST's
 * pixels are 81% zeros, and a tile of 4 images has a non-zero at 39% of the pixels.
 */
final class ZeroSkipping {

    /** Products with fewer multiply-adds than this never skip: finding the zeros would cost more than it saves. */
    static final long MINIMUM_WORK = 1L << 16;

    /** Every how many elements of the left operand the zero count looks at (prime: no image row aliases it). */
    static final int SAMPLE_STRIDE = 61;

    /**
     * Products that skip zeros with fewer multiply-adds than this stay on one thread. The book's first layer at
     * batch 100 (3.9 million) trained slower on two threads than on one, end to end (the series in the README),
     * while the evaluation's chunks of 1,000 images (39 million) ran 1.5× faster on two.
     */
    static final long PARALLEL_MINIMUM_WORK = 1L << 24;

    /**
     * Whether half or more of a left operand of {@code elements} is zeros, by the bits its tensor recorded of its
     * rows (exact, where the kernels' sample of every {@link #SAMPLE_STRIDE}th element guesses).
     */
    static boolean mostlyZeros(RowSupport rows, long elements) {
        return 2 * rows.nonzeros() <= elements;
    }

    private ZeroSkipping() {}
}
