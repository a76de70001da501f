package nn.simd;

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

    private ZeroSkipping() {}
}
