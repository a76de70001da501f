package nn.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import nn.array.BinaryOp;
import nn.array.Kernels;
import nn.array.RowSupport;
import nn.array.UnaryOp;
import org.jspecify.annotations.Nullable;

/**
 * Every kernel on {@code float[]} with the Vector API, twice the lanes of float64: the same code as
 * {@code Float64VectorKernels} on {@code FloatVector} (a change there belongs here too). Sums accumulate in
 * float, as NumPy's float32 products do; the conformance suite allows for that against the reference, which
 * accumulates in double.
 *
 * <p>Matrix products are register-blocked: a 4-row by 4-vector tile of the output lives in 16 accumulators
 * while the shared dimension streams past, so each step loads 4 vectors of B and 4 scalars of A for 16 FMAs;
 * the remaining 1 to 3 vectors of a row get a 4-by-1, 4-by-2 or 4-by-3 tile, a row of exactly 7 vectors one 4-by-7
 * tile, and a row of one vector 8-by-1 tiles (more independent sums against the FMA latency). The last
 * {@code n mod L} columns are one more vector that ends at column {@code n} and overlaps columns already done,
 * which it rewrites with the same bits; a product narrower than one vector runs on rows padded with zeros to one
 * vector. (Masked tiles made matmul 1.4× slower on JDK 17, whose masked loads and stores are not fully
 * intrinsified.) {@code a · bᵀ} copies bᵀ once and runs on the same tiles. When the left operand is mostly zeros
 * (MNIST's pixels), each row tile visits only the steps where one of its rows is not zero: see
 * {@link #skipsZeros} for why that changes no value. Every output element is summed in the same order (one FMA per
 * step of the shared dimension) whatever the tiling and the number of threads, so results never depend on
 * {@code nn.threads}.
 *
 * <p>Results must not depend on whether C2 has compiled a loop yet, so that one seed gives one result: a
 * floating-point {@code reduceLanes(ADD)} and the transcendental {@code lanewise} operations may round
 * differently when intrinsified than when interpreted, so sums over lanes use {@link #sumLanes} (a fixed
 * order) and {@code exp}, {@code log}, {@code tanh} use {@link Math}, whose results HotSpot keeps the same in
 * every tier. Only methods that exist unchanged from JDK 17 to 25 are used.
 *
 * <p>Every FloatVector here is of the one species {@code S}: a second species makes the Vector API's shared methods
 * see two classes, and their traps can leave C2 without the budget to intrinsify the larger tiles (see
 * {@link #transposedTileSteps}). {@code OneSpeciesTest} checks the fields.
 */
final class Float32VectorKernels implements Kernels<float[]> {

    private static final VectorSpecies<Float> S = VectorWidth.FLOAT32;
    private static final int L = S.length();

    /**
     * The lanes of the first to fourth 4-lane tile in a vector (all four at 16 lanes, 512-bit float32; the first two
     * at 8 lanes; the first at 4), for {@link #transposedTileSteps}; constants, so that C2 knows their class.
     */
    private static final VectorMask<Float> TILE_LANES = VectorMask.fromLong(S, 0x000FL & laneMask());

    private static final VectorMask<Float> SECOND_TILE_LANES = VectorMask.fromLong(S, 0x00F0L & laneMask());

    private static final VectorMask<Float> THIRD_TILE_LANES = VectorMask.fromLong(S, 0x0F00L & laneMask());

    private static final VectorMask<Float> FOURTH_TILE_LANES = VectorMask.fromLong(S, 0xF000L & laneMask());

    private static long laneMask() {
        return L >= 64 ? -1L : (1L << L) - 1;
    }

    private final Parallel parallel;

    Float32VectorKernels(Parallel parallel) {
        this.parallel = parallel;
    }

    /** The sum of a vector's lanes, lane 0 first: the same rounding in every compilation tier. */
    private static float sumLanes(FloatVector v) {
        float s = 0;
        for (int i = 0; i < L; i++) {
            s += v.lane(i);
        }
        return s;
    }

    // ---------------------------------------------------------------- element-wise

    @Override
    public void binary(BinaryOp op, float[] a, float[] b, float[] out, int n) {
        int i = 0;
        int bound = S.loopBound(n);
        // One loop per operator, so that each loop's operation is a constant that C2 compiles to one instruction.
        switch (op) {
            case ADD -> {
                for (; i < bound; i += L) {
                    FloatVector.fromArray(S, a, i)
                            .add(FloatVector.fromArray(S, b, i))
                            .intoArray(out, i);
                }
            }
            case SUB -> {
                for (; i < bound; i += L) {
                    FloatVector.fromArray(S, a, i)
                            .sub(FloatVector.fromArray(S, b, i))
                            .intoArray(out, i);
                }
            }
            case MUL -> {
                for (; i < bound; i += L) {
                    FloatVector.fromArray(S, a, i)
                            .mul(FloatVector.fromArray(S, b, i))
                            .intoArray(out, i);
                }
            }
            case DIV -> {
                for (; i < bound; i += L) {
                    FloatVector.fromArray(S, a, i)
                            .div(FloatVector.fromArray(S, b, i))
                            .intoArray(out, i);
                }
            }
            case MAX -> {
                for (; i < bound; i += L) {
                    FloatVector.fromArray(S, a, i)
                            .max(FloatVector.fromArray(S, b, i))
                            .intoArray(out, i);
                }
            }
            case MIN -> {
                for (; i < bound; i += L) {
                    FloatVector.fromArray(S, a, i)
                            .min(FloatVector.fromArray(S, b, i))
                            .intoArray(out, i);
                }
            }
            case GREATER -> {
                FloatVector zero = FloatVector.zero(S);
                FloatVector one = FloatVector.broadcast(S, 1f);
                for (; i < bound; i += L) {
                    VectorMask<Float> m =
                            FloatVector.fromArray(S, a, i).compare(VectorOperators.GT, FloatVector.fromArray(S, b, i));
                    zero.blend(one, m).intoArray(out, i);
                }
            }
            default -> {
                // POW: the scalar loop below
            }
        }
        for (; i < n; i++) {
            out[i] = (float) op.apply(a[i], b[i]);
        }
    }

    @Override
    public void binaryScalar(BinaryOp op, float[] a, double s, boolean scalarFirst, float[] out, int n) {
        int i = 0;
        int bound = S.loopBound(n);
        float f = (float) s;
        FloatVector sv = FloatVector.broadcast(S, f);
        switch (op) {
            case ADD -> {
                for (; i < bound; i += L) {
                    FloatVector.fromArray(S, a, i).add(sv).intoArray(out, i);
                }
            }
            case SUB -> {
                if (scalarFirst) {
                    for (; i < bound; i += L) {
                        sv.sub(FloatVector.fromArray(S, a, i)).intoArray(out, i);
                    }
                } else {
                    for (; i < bound; i += L) {
                        FloatVector.fromArray(S, a, i).sub(sv).intoArray(out, i);
                    }
                }
            }
            case MUL -> {
                for (; i < bound; i += L) {
                    FloatVector.fromArray(S, a, i).mul(sv).intoArray(out, i);
                }
            }
            case DIV -> {
                if (scalarFirst) {
                    for (; i < bound; i += L) {
                        sv.div(FloatVector.fromArray(S, a, i)).intoArray(out, i);
                    }
                } else {
                    for (; i < bound; i += L) {
                        FloatVector.fromArray(S, a, i).div(sv).intoArray(out, i);
                    }
                }
            }
            case MAX -> {
                for (; i < bound; i += L) {
                    FloatVector.fromArray(S, a, i).max(sv).intoArray(out, i);
                }
            }
            case MIN -> {
                for (; i < bound; i += L) {
                    FloatVector.fromArray(S, a, i).min(sv).intoArray(out, i);
                }
            }
            case GREATER -> {
                FloatVector zero = FloatVector.zero(S);
                FloatVector one = FloatVector.broadcast(S, 1f);
                // A constant comparison in each loop: a variable one is not intrinsified and boxes every vector.
                if (scalarFirst) {
                    for (; i < bound; i += L) {
                        zero.blend(one, FloatVector.fromArray(S, a, i).compare(VectorOperators.LT, sv))
                                .intoArray(out, i);
                    }
                } else {
                    for (; i < bound; i += L) {
                        zero.blend(one, FloatVector.fromArray(S, a, i).compare(VectorOperators.GT, sv))
                                .intoArray(out, i);
                    }
                }
            }
            default -> {
                // POW: the scalar loop below
            }
        }
        for (; i < n; i++) {
            out[i] = (float) (scalarFirst ? op.apply(f, a[i]) : op.apply(a[i], f));
        }
    }

    @Override
    public void binaryRow(BinaryOp op, float[] a, float[] row, boolean rowFirst, float[] out, int rows, int cols) {
        if (op == BinaryOp.ADD && cols >= L) {
            // The bias add: out[r, :] = a[r, :] + row.
            int bound = S.loopBound(cols);
            for (int r = 0; r < rows; r++) {
                int base = r * cols;
                int c = 0;
                for (; c < bound; c += L) {
                    FloatVector.fromArray(S, a, base + c)
                            .add(FloatVector.fromArray(S, row, c))
                            .intoArray(out, base + c);
                }
                for (; c < cols; c++) {
                    out[base + c] = a[base + c] + row[c];
                }
            }
            return;
        }
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            for (int c = 0; c < cols; c++) {
                out[base + c] = (float) (rowFirst ? op.apply(row[c], a[base + c]) : op.apply(a[base + c], row[c]));
            }
        }
    }

    @Override
    public void axpy(double alpha, float[] x, float[] y, int n) {
        int i = 0;
        int bound = S.loopBound(n);
        float f = (float) alpha;
        FloatVector av = FloatVector.broadcast(S, f);
        for (; i < bound; i += L) {
            FloatVector.fromArray(S, x, i)
                    .fma(av, FloatVector.fromArray(S, y, i))
                    .intoArray(y, i);
        }
        for (; i < n; i++) {
            y[i] = Math.fma(f, x[i], y[i]);
        }
    }

    @Override
    public void unary(UnaryOp op, float[] a, float[] out, int n) {
        int i = 0;
        int bound = S.loopBound(n);
        // Exactly rounded operations are vectorised; exp, log, sigmoid and tanh use Math (see the class comment).
        switch (op) {
            case SQUARE -> {
                for (; i < bound; i += L) {
                    FloatVector v = FloatVector.fromArray(S, a, i);
                    v.mul(v).intoArray(out, i);
                }
            }
            case SQRT -> {
                for (; i < bound; i += L) {
                    FloatVector.fromArray(S, a, i).sqrt().intoArray(out, i);
                }
            }
            case ABS -> {
                for (; i < bound; i += L) {
                    FloatVector.fromArray(S, a, i).abs().intoArray(out, i);
                }
            }
            case NEG -> {
                for (; i < bound; i += L) {
                    FloatVector.fromArray(S, a, i).neg().intoArray(out, i);
                }
            }
            default -> {}
        }
        for (; i < n; i++) {
            out[i] = (float) op.apply(a[i]);
        }
    }

    @Override
    public void where(float[] mask, float[] a, float[] b, float[] out, int n) {
        int i = 0;
        int bound = S.loopBound(n);
        for (; i < bound; i += L) {
            VectorMask<Float> m = FloatVector.fromArray(S, mask, i).compare(VectorOperators.NE, 0f);
            FloatVector.fromArray(S, b, i)
                    .blend(FloatVector.fromArray(S, a, i), m)
                    .intoArray(out, i);
        }
        for (; i < n; i++) {
            out[i] = mask[i] != 0 ? a[i] : b[i];
        }
    }

    // ---------------------------------------------------------------- matrix products

    @Override
    public void matmul(float[] a, @Nullable RowSupport aRows, float[] b, float[] out, int m, int k, int n) {
        // A(i, p) = a[i * k + p]
        gemm(a, k, 1, b, out, m, k, n, skipsZeros(aRows, a, m * k, b, k * n, m, k, n), aRows);
    }

    @Override
    public void transposeMatmul(float[] a, @Nullable RowSupport aRows, float[] b, float[] out, int m, int k, int n) {
        // A = aᵀ for a [k, m]: A(i, p) = a[p * m + i]
        gemm(a, 1, m, b, out, m, k, n, skipsZeros(aRows, a, k * m, b, k * n, m, k, n), aRows);
    }

    @Override
    public void matmulTranspose(float[] a, float[] b, float[] out, int m, int k, int n) {
        // a · bᵀ for b [n, k]: bᵀ copied once into [k, n] rows, so that the product runs on the same tiles as the
        // others (k·n copies against m·k·n multiply-adds).
        float[] bt = Scratch.floats(TRANSPOSED, k * n);
        for (int j = 0; j < n; j++) {
            int from = j * k;
            for (int p = 0; p < k; p++) {
                bt[p * n + j] = b[from + p];
            }
        }
        gemm(a, k, 1, bt, out, m, k, n, skipsZeros(null, a, m * k, bt, k * n, m, k, n), null);
    }

    /** The transposed right operand of {@link #matmulTranspose}, per thread. */
    private static final ThreadLocal<Scratch> TRANSPOSED = ThreadLocal.withInitial(Scratch::new);

    /** Every tile's steps and their numbers, for a transposed left operand, per thread. */
    private static final ThreadLocal<Scratch> TILE_STEPS = ThreadLocal.withInitial(Scratch::new);

    private static final ThreadLocal<Scratch> TILE_COUNTS = ThreadLocal.withInitial(Scratch::new);

    /** Vectors of a's bits, as many lanes as S: the zero tests work on bits, with no floating-point compare. */
    private static final VectorSpecies<Integer> BITS = S.withLanes(int.class);

    /**
     * Lanes of 0 and of {@code 2^r}, made once: made in the method that uses them, C2 left {@code broadcast} to
     * its slow Java path there (10% of a training run's samples on two threads).
     */
    private static final IntVector ZEROS = IntVector.zero(BITS);

    private static final IntVector LANE_BITS = IntVector.fromArray(BITS, StepLists.laneBitsInt(L), 0);

    /** The steps of the shared dimension a row tile visits, per thread. */
    private static final ThreadLocal<Scratch> STEPS = ThreadLocal.withInitial(Scratch::new);

    /**
     * {@code c = A · b} with {@code A(i, p) = a[i * rowStride + p * colStride]}, split by rows across threads. With
     * {@code skipZeros}, each row tile visits only the steps {@code p} where one of its rows of A is not zero.
     */
    void gemm(
            float[] a,
            int rowStride,
            int colStride,
            float[] b,
            float[] c,
            int m,
            int k,
            int n,
            boolean skipZeros,
            @Nullable RowSupport aRows) {
        if (n < L) {
            gemmPadded(a, rowStride, colStride, b, c, m, k, n, skipZeros, aRows);
            return;
        }
        long minimumWork = skipZeros ? ZeroSkipping.PARALLEL_MINIMUM_WORK : Parallel.PARALLEL_THRESHOLD;
        if (!parallel.splits(m, k, n, minimumWork)) {
            gemmRows(a, rowStride, colStride, b, c, k, n, 0, m, skipZeros, aRows);
            return;
        }
        // Blocks of whole row tiles, handed to the threads as they come free.
        int blocks = (m + BLOCK_ROWS - 1) / BLOCK_ROWS;
        parallel.forEach(blocks, block -> {
            int start = block * BLOCK_ROWS;
            gemmRows(a, rowStride, colStride, b, c, k, n, start, Math.min(m, start + BLOCK_ROWS), skipZeros, aRows);
        });
    }

    /** Rows of a product per parallel task: 4 row tiles, about 16 µs of the book's first layer. */
    private static final int BLOCK_ROWS = 16;

    /** The right operand and the result of a product narrower than a vector, padded with zeros, per thread. */
    private static final ThreadLocal<Scratch> PADDED_B = ThreadLocal.withInitial(Scratch::new);

    private static final ThreadLocal<Scratch> PADDED_C = ThreadLocal.withInitial(Scratch::new);

    /**
     * A product fewer than {@code L} columns wide, on vectors: b's rows copied into rows one vector wide (zeros
     * after column n), the product computed L wide, and its first n columns copied out. The zero columns cost
     * {@code L - n} lanes per FMA, where a scalar loop would read b's columns with a stride.
     */
    private void gemmPadded(
            float[] a,
            int rowStride,
            int colStride,
            float[] b,
            float[] c,
            int m,
            int k,
            int n,
            boolean skipZeros,
            @Nullable RowSupport aRows) {
        float[] wide = Scratch.floats(PADDED_B, k * L);
        float[] result = Scratch.floats(PADDED_C, m * L);
        for (int p = 0; p < k; p++) {
            System.arraycopy(b, p * n, wide, p * L, n);
            java.util.Arrays.fill(wide, p * L + n, p * L + L, 0f);
        }
        gemm(a, rowStride, colStride, wide, result, m, k, L, skipZeros, aRows);
        for (int i = 0; i < m; i++) {
            System.arraycopy(result, i * L, c, i * n, n);
        }
    }

    /**
     * Whether a product should skip the zeros of its left operand: when it is large (at least
     * {@link ZeroSkipping#MINIMUM_WORK} multiply-adds), half or more of {@code a} is zeros (counted in the bits {@code
     * aRows} holds, else by a sample; MNIST's
     * pixels are 81% zeros), and {@code b} is finite.
     * Skipping changes no value of the result, so only the speed depends on this guess: a zero term's FMA adds
     * {@code ±0}, which leaves a sum that is not zero as it is; only an infinite or NaN {@code b} would turn it into
     * NaN, and then nothing is skipped. The one difference is a zero's sign: a sum is {@code -0} only after a product
     * rounds to {@code -0} (an underflow), and a later zero term would have made it {@code +0}.
     */
    private static boolean skipsZeros(
            @Nullable RowSupport aRows, float[] a, int aCount, float[] b, int bCount, int m, int k, int n) {
        if ((long) m * k * n < ZeroSkipping.MINIMUM_WORK) {
            return false;
        }
        if (aRows != null) {
            return ZeroSkipping.mostlyZeros(aRows, aCount) && isFinite(b, bCount);
        }
        int zeros = 0;
        int samples = 0;
        for (int i = 0; i < aCount; i += ZeroSkipping.SAMPLE_STRIDE) {
            zeros += a[i] == 0 ? 1 : 0;
            samples++;
        }
        return 2 * zeros >= samples && isFinite(b, bCount);
    }

    /** Whether every element is finite: {@code x · 0} is NaN exactly for the infinities and NaN. */
    private static boolean isFinite(float[] b, int count) {
        // Four sums, not one: a single chain of adds waited on each add's latency (W is 39,200 elements).
        FloatVector acc0 = FloatVector.zero(S);
        FloatVector acc1 = acc0;
        FloatVector acc2 = acc0;
        FloatVector acc3 = acc0;
        int i = 0;
        for (; i + 4 * L <= count; i += 4 * L) {
            acc0 = acc0.add(FloatVector.fromArray(S, b, i).mul(0f));
            acc1 = acc1.add(FloatVector.fromArray(S, b, i + L).mul(0f));
            acc2 = acc2.add(FloatVector.fromArray(S, b, i + 2 * L).mul(0f));
            acc3 = acc3.add(FloatVector.fromArray(S, b, i + 3 * L).mul(0f));
        }
        for (; i + L <= count; i += L) {
            acc0 = acc0.add(FloatVector.fromArray(S, b, i).mul(0f));
        }
        float s = sumLanes(acc0.add(acc1).add(acc2.add(acc3)));
        for (; i < count; i++) {
            s += b[i] * 0f;
        }
        return s == 0;
    }

    private static void gemmRows(
            float[] a,
            int rs,
            int cs,
            float[] b,
            float[] c,
            int k,
            int n,
            int rowStart,
            int rowEnd,
            boolean skipZeros,
            @Nullable RowSupport aRows) {
        int[] steps = Scratch.ints(STEPS, k + StepLists.SLACK);
        // The bits a's tensor recorded of its rows, when they are the steps (A = aᵀ, below) or A's rows (cs = 1).
        RowSupport columnBits =
                skipZeros && aRows != null && rs == 1 && cs == aRows.columns() && aRows.rows() == k ? aRows : null;
        RowSupport rowBits = skipZeros && aRows != null && cs == 1 && rs == k && aRows.columns() == k ? aRows : null;
        int count = k;
        int fullVectors = n / L;
        int vectors = fullVectors + (n % L == 0 ? 0 : 1);
        // A transposed operand (rows adjacent at each step) gets every tile's steps in one pass over a's rows.
        boolean allAtOnce = skipZeros && rs == 1;
        int tiles = (rowEnd - rowStart) / 4;
        int[] tileSteps = allAtOnce ? Scratch.ints(TILE_STEPS, tiles * k) : steps;
        int[] tileCounts = allAtOnce ? Scratch.ints(TILE_COUNTS, tiles) : steps;
        if (allAtOnce) {
            if (columnBits != null && rowStart % 4 == 0) {
                StepLists.columnTileSteps(columnBits, rowStart, tiles, tileSteps, tileCounts);
            } else {
                transposedTileSteps(a, cs, k, rowStart, tiles, tileSteps, tileCounts);
            }
        }
        int i = rowStart;
        if (vectors == 1 && !skipZeros) {
            for (; i + 8 <= rowEnd; i += 8) {
                tile8x1(a, rs, cs, b, c, k, n, i, column(0, fullVectors, n));
            }
        }
        for (; i + 4 <= rowEnd; i += 4) {
            if (allAtOnce) {
                int tile = (i - rowStart) / 4;
                count = tileCounts[tile];
                System.arraycopy(tileSteps, tile * k, steps, 0, count);
            } else if (rowBits != null) {
                count = StepLists.rowTileSteps(rowBits, i, steps);
            } else if (skipZeros) {
                count = nonzeroSteps(a, rs, cs, k, i, 4, steps);
            }
            int[] visited = skipZeros ? steps : null;
            int t = 0;
            if (vectors == 7) {
                tile4x7(
                        a,
                        rs,
                        cs,
                        b,
                        c,
                        visited,
                        count,
                        n,
                        i,
                        column(0, fullVectors, n),
                        column(1, fullVectors, n),
                        column(2, fullVectors, n),
                        column(3, fullVectors, n),
                        column(4, fullVectors, n),
                        column(5, fullVectors, n),
                        column(6, fullVectors, n));
                t = 7;
            }
            for (; t + 4 <= vectors; t += 4) {
                tile4x4(
                        a,
                        rs,
                        cs,
                        b,
                        c,
                        visited,
                        count,
                        n,
                        i,
                        column(t, fullVectors, n),
                        column(t + 1, fullVectors, n),
                        column(t + 2, fullVectors, n),
                        column(t + 3, fullVectors, n));
            }
            switch (vectors - t) {
                case 3 ->
                    tile4x3(
                            a,
                            rs,
                            cs,
                            b,
                            c,
                            visited,
                            count,
                            n,
                            i,
                            column(t, fullVectors, n),
                            column(t + 1, fullVectors, n),
                            column(t + 2, fullVectors, n));
                case 2 ->
                    tile4x2(
                            a,
                            rs,
                            cs,
                            b,
                            c,
                            visited,
                            count,
                            n,
                            i,
                            column(t, fullVectors, n),
                            column(t + 1, fullVectors, n));
                case 1 -> tile4x1(a, rs, cs, b, c, visited, count, n, i, column(t, fullVectors, n));
                default -> {}
            }
        }
        for (; i < rowEnd; i++) {
            if (skipZeros) {
                count = nonzeroSteps(a, rs, cs, k, i, 1, steps);
            }
            int[] visited = skipZeros ? steps : null;
            for (int t = 0; t < vectors; t++) {
                tile1x1(a, rs, cs, b, c, visited, count, n, i, column(t, fullVectors, n));
            }
        }
    }

    /**
     * The first column of vector block {@code t}: the last block of a row that is not a whole number of vectors
     * ends at column {@code n} and overlaps the one before, recomputing a few columns to the same bits (the same
     * FMAs in the same order). Masked tails were 1.4× slower on JDK 17, whose masked loads are not intrinsified.
     */
    private static int column(int t, int fullVectors, int n) {
        return t < fullVectors ? t * L : n - L;
    }

    /**
     * Writes into {@code steps} the {@code p} where one of the rows {@code i .. i + rows - 1} of A is not zero,
     * ascending, and returns how many; without a branch per step, whose outcome would be unpredictable.
     */
    private static int nonzeroSteps(float[] a, int rs, int cs, int k, int i, int rows, int[] steps) {
        int count = 0;
        int a0 = i * rs;
        if (rows == 4) {
            int p = 0;
            if (cs == 1) {
                // The steps of a row are adjacent: one vector covers L steps of the 4 rows. Their bits ORed and
                // shifted past the sign are not zero exactly where one of the rows is not ±0 (NaN counts as not
                // zero, as in the scalar test below); the lanes' weights 2^r ORed give a mask of bits, whose steps a
                // table appends. Bits, not a floating-point compare and a sum of the weights, and no branch on an
                // all-zero run (mispredicted at an image's edges): 1.4-1.6× faster in a harness on MNIST batches.
                for (; p + L <= k; p += L) {
                    IntVector bits = FloatVector.fromArray(S, a, a0 + p)
                            .reinterpretAsInts()
                            .or(FloatVector.fromArray(S, a, a0 + rs + p).reinterpretAsInts())
                            .or(FloatVector.fromArray(S, a, a0 + 2 * rs + p).reinterpretAsInts())
                            .or(FloatVector.fromArray(S, a, a0 + 3 * rs + p).reinterpretAsInts());
                    VectorMask<Integer> nonzero =
                            bits.lanewise(VectorOperators.LSHL, 1).compare(VectorOperators.NE, 0);
                    int mask = ZEROS.blend(LANE_BITS, nonzero).reduceLanes(VectorOperators.OR);
                    count = StepLists.append(steps, count, p, mask, L);
                }
            }
            for (; p < k; p++) {
                steps[count] = p;
                count += nonzero(a, a0 + p * cs, rs);
            }
        } else {
            for (int p = 0; p < k; p++) {
                steps[count] = p;
                count += nonzero(Float.floatToRawIntBits(a[a0 + p * cs]));
            }
        }
        return count;
    }

    /**
     * The steps of every 4-row tile of {@code A = aᵀ} (A's rows {@code rowStart + 4t .. + 3} are adjacent in a's
     * row p): tile t's steps go to {@code steps[t k ..]} and their number to {@code counts[t]}. One pass over a's
     * rows in memory order, one 4-lane test per tile and step, no branch on its outcome. The tests use the kernels'
     * one species {@code S}, several tiles to a vector, not a 4-lane species of their own: a second FloatVector species
     * made the Vector API's shared methods see two classes, and the class-check traps that followed used up C2's
     * budget of traps while it compiled the largest tiles: in 1 JMH fork in 8, the 4×7 tile's 28 stores failed to
     * intrinsify ({@code -XX:+PrintIntrinsics}) and kept every sum as an object, and the step ran 10× slower.
     */
    private static void transposedTileSteps(
            float[] a, int cs, int k, int rowStart, int tiles, int[] steps, int[] counts) {
        java.util.Arrays.fill(counts, 0, tiles, 0);
        for (int p = 0; p < k; p++) {
            int base = p * cs + rowStart;
            int t = 0;
            if (L == 4 || L == 8 || L == 16) {
                // L / 4 tiles to a compare, each tile's lanes picked by a constant mask (all lanes at 4 lanes).
                for (; t + L / 4 <= tiles; t += L / 4) {
                    VectorMask<Float> nonzero =
                            FloatVector.fromArray(S, a, base + 4 * t).compare(VectorOperators.NE, 0f);
                    StepLists.appendStep(
                            steps, counts, k, t, p, nonzero.and(TILE_LANES).anyTrue() ? 1 : 0);
                    if (L >= 8) {
                        StepLists.appendStep(
                                steps,
                                counts,
                                k,
                                t + 1,
                                p,
                                nonzero.and(SECOND_TILE_LANES).anyTrue() ? 1 : 0);
                    }
                    if (L == 16) {
                        StepLists.appendStep(
                                steps,
                                counts,
                                k,
                                t + 2,
                                p,
                                nonzero.and(THIRD_TILE_LANES).anyTrue() ? 1 : 0);
                        StepLists.appendStep(
                                steps,
                                counts,
                                k,
                                t + 3,
                                p,
                                nonzero.and(FOURTH_TILE_LANES).anyTrue() ? 1 : 0);
                    }
                }
            }
            for (; t < tiles; t++) { // the tiles left over, and vector widths the loop above does not cover
                StepLists.appendStep(steps, counts, k, t, p, nonzero(a, base + 4 * t, 1));
            }
        }
    }

    /** 1 if one of {@code a[o]}, {@code a[o + rs]}, {@code a[o + 2 rs]}, {@code a[o + 3 rs]} is not ±0, else 0. */
    private static int nonzero(float[] a, int o, int rs) {
        return nonzero(Float.floatToRawIntBits(a[o])
                | Float.floatToRawIntBits(a[o + rs])
                | Float.floatToRawIntBits(a[o + 2 * rs])
                | Float.floatToRawIntBits(a[o + 3 * rs]));
    }

    /**
     * 1 if {@code bits} are not those of ±0 (a NaN counts as non-zero), else 0; in arithmetic, because a branch
     * on it would be mispredicted at every other pixel of an image's edge, which made finding the steps cost more
     * than half of what skipping them saved.
     */
    private static int nonzero(int bits) {
        int magnitude = bits << 1;
        return (magnitude | -magnitude) >>> 31;
    }

    // The tiles: 4 (or 1, or 8) rows of c by 1, 2, 3, 4 or 7 vectors, summing over the steps p in
    // steps[0 .. count), or over every p in [0, count) when steps is null (C2 compiles the loop once for each case:
    // the test is invariant).

    private static void tile4x4(
            float[] a,
            int rs,
            int cs,
            float[] b,
            float[] c,
            int @Nullable [] steps,
            int count,
            int n,
            int i,
            int j0,
            int j1,
            int j2,
            int j3) {
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c01 = c00;
        FloatVector c02 = c00;
        FloatVector c03 = c00;
        FloatVector c10 = c00;
        FloatVector c11 = c00;
        FloatVector c12 = c00;
        FloatVector c13 = c00;
        FloatVector c20 = c00;
        FloatVector c21 = c00;
        FloatVector c22 = c00;
        FloatVector c23 = c00;
        FloatVector c30 = c00;
        FloatVector c31 = c00;
        FloatVector c32 = c00;
        FloatVector c33 = c00;
        int a0 = i * rs;
        for (int q = 0; q < count; q++) {
            int p = steps == null ? q : steps[q];
            int bo = p * n;
            int ao = a0 + p * cs;
            FloatVector b0 = FloatVector.fromArray(S, b, bo + j0);
            FloatVector b1 = FloatVector.fromArray(S, b, bo + j1);
            FloatVector b2 = FloatVector.fromArray(S, b, bo + j2);
            FloatVector b3 = FloatVector.fromArray(S, b, bo + j3);
            FloatVector x = FloatVector.broadcast(S, a[ao]);
            c00 = b0.fma(x, c00);
            c01 = b1.fma(x, c01);
            c02 = b2.fma(x, c02);
            c03 = b3.fma(x, c03);
            x = FloatVector.broadcast(S, a[ao + rs]);
            c10 = b0.fma(x, c10);
            c11 = b1.fma(x, c11);
            c12 = b2.fma(x, c12);
            c13 = b3.fma(x, c13);
            x = FloatVector.broadcast(S, a[ao + 2 * rs]);
            c20 = b0.fma(x, c20);
            c21 = b1.fma(x, c21);
            c22 = b2.fma(x, c22);
            c23 = b3.fma(x, c23);
            x = FloatVector.broadcast(S, a[ao + 3 * rs]);
            c30 = b0.fma(x, c30);
            c31 = b1.fma(x, c31);
            c32 = b2.fma(x, c32);
            c33 = b3.fma(x, c33);
        }
        int o = i * n;
        c00.intoArray(c, o + j0);
        c01.intoArray(c, o + j1);
        c02.intoArray(c, o + j2);
        c03.intoArray(c, o + j3);
        o += n;
        c10.intoArray(c, o + j0);
        c11.intoArray(c, o + j1);
        c12.intoArray(c, o + j2);
        c13.intoArray(c, o + j3);
        o += n;
        c20.intoArray(c, o + j0);
        c21.intoArray(c, o + j1);
        c22.intoArray(c, o + j2);
        c23.intoArray(c, o + j3);
        o += n;
        c30.intoArray(c, o + j0);
        c31.intoArray(c, o + j1);
        c32.intoArray(c, o + j2);
        c33.intoArray(c, o + j3);
    }

    /**
     * 4 rows by 7 vectors (28 accumulators): a row of 7 vectors (the book's 50 hidden units in float64) in one pass
     * over the steps, where a 4×4 and a 4×3 tile passed over them twice and broadcast each of A's elements twice
     * (x·W on MNIST batches, float64: 13-20% faster, a throwaway harness over the same step lists).
     */
    private static void tile4x7(
            float[] a,
            int rs,
            int cs,
            float[] b,
            float[] c,
            int @Nullable [] steps,
            int count,
            int n,
            int i,
            int j0,
            int j1,
            int j2,
            int j3,
            int j4,
            int j5,
            int j6) {
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c01 = c00;
        FloatVector c02 = c00;
        FloatVector c03 = c00;
        FloatVector c04 = c00;
        FloatVector c05 = c00;
        FloatVector c06 = c00;
        FloatVector c10 = c00;
        FloatVector c11 = c00;
        FloatVector c12 = c00;
        FloatVector c13 = c00;
        FloatVector c14 = c00;
        FloatVector c15 = c00;
        FloatVector c16 = c00;
        FloatVector c20 = c00;
        FloatVector c21 = c00;
        FloatVector c22 = c00;
        FloatVector c23 = c00;
        FloatVector c24 = c00;
        FloatVector c25 = c00;
        FloatVector c26 = c00;
        FloatVector c30 = c00;
        FloatVector c31 = c00;
        FloatVector c32 = c00;
        FloatVector c33 = c00;
        FloatVector c34 = c00;
        FloatVector c35 = c00;
        FloatVector c36 = c00;
        int a0 = i * rs;
        for (int q = 0; q < count; q++) {
            int p = steps == null ? q : steps[q];
            int bo = p * n;
            int ao = a0 + p * cs;
            FloatVector x0 = FloatVector.broadcast(S, a[ao]);
            FloatVector x1 = FloatVector.broadcast(S, a[ao + rs]);
            FloatVector x2 = FloatVector.broadcast(S, a[ao + 2 * rs]);
            FloatVector x3 = FloatVector.broadcast(S, a[ao + 3 * rs]);
            FloatVector bv;
            bv = FloatVector.fromArray(S, b, bo + j0);
            c00 = bv.fma(x0, c00);
            c10 = bv.fma(x1, c10);
            c20 = bv.fma(x2, c20);
            c30 = bv.fma(x3, c30);
            bv = FloatVector.fromArray(S, b, bo + j1);
            c01 = bv.fma(x0, c01);
            c11 = bv.fma(x1, c11);
            c21 = bv.fma(x2, c21);
            c31 = bv.fma(x3, c31);
            bv = FloatVector.fromArray(S, b, bo + j2);
            c02 = bv.fma(x0, c02);
            c12 = bv.fma(x1, c12);
            c22 = bv.fma(x2, c22);
            c32 = bv.fma(x3, c32);
            bv = FloatVector.fromArray(S, b, bo + j3);
            c03 = bv.fma(x0, c03);
            c13 = bv.fma(x1, c13);
            c23 = bv.fma(x2, c23);
            c33 = bv.fma(x3, c33);
            bv = FloatVector.fromArray(S, b, bo + j4);
            c04 = bv.fma(x0, c04);
            c14 = bv.fma(x1, c14);
            c24 = bv.fma(x2, c24);
            c34 = bv.fma(x3, c34);
            bv = FloatVector.fromArray(S, b, bo + j5);
            c05 = bv.fma(x0, c05);
            c15 = bv.fma(x1, c15);
            c25 = bv.fma(x2, c25);
            c35 = bv.fma(x3, c35);
            bv = FloatVector.fromArray(S, b, bo + j6);
            c06 = bv.fma(x0, c06);
            c16 = bv.fma(x1, c16);
            c26 = bv.fma(x2, c26);
            c36 = bv.fma(x3, c36);
        }
        int o = i * n;
        c00.intoArray(c, o + j0);
        c01.intoArray(c, o + j1);
        c02.intoArray(c, o + j2);
        c03.intoArray(c, o + j3);
        c04.intoArray(c, o + j4);
        c05.intoArray(c, o + j5);
        c06.intoArray(c, o + j6);
        o += n;
        c10.intoArray(c, o + j0);
        c11.intoArray(c, o + j1);
        c12.intoArray(c, o + j2);
        c13.intoArray(c, o + j3);
        c14.intoArray(c, o + j4);
        c15.intoArray(c, o + j5);
        c16.intoArray(c, o + j6);
        o += n;
        c20.intoArray(c, o + j0);
        c21.intoArray(c, o + j1);
        c22.intoArray(c, o + j2);
        c23.intoArray(c, o + j3);
        c24.intoArray(c, o + j4);
        c25.intoArray(c, o + j5);
        c26.intoArray(c, o + j6);
        o += n;
        c30.intoArray(c, o + j0);
        c31.intoArray(c, o + j1);
        c32.intoArray(c, o + j2);
        c33.intoArray(c, o + j3);
        c34.intoArray(c, o + j4);
        c35.intoArray(c, o + j5);
        c36.intoArray(c, o + j6);
    }

    private static void tile4x3(
            float[] a,
            int rs,
            int cs,
            float[] b,
            float[] c,
            int @Nullable [] steps,
            int count,
            int n,
            int i,
            int j0,
            int j1,
            int j2) {
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c01 = c00;
        FloatVector c02 = c00;
        FloatVector c10 = c00;
        FloatVector c11 = c00;
        FloatVector c12 = c00;
        FloatVector c20 = c00;
        FloatVector c21 = c00;
        FloatVector c22 = c00;
        FloatVector c30 = c00;
        FloatVector c31 = c00;
        FloatVector c32 = c00;
        int a0 = i * rs;
        for (int q = 0; q < count; q++) {
            int p = steps == null ? q : steps[q];
            int bo = p * n;
            int ao = a0 + p * cs;
            FloatVector b0 = FloatVector.fromArray(S, b, bo + j0);
            FloatVector b1 = FloatVector.fromArray(S, b, bo + j1);
            FloatVector b2 = FloatVector.fromArray(S, b, bo + j2);
            FloatVector x = FloatVector.broadcast(S, a[ao]);
            c00 = b0.fma(x, c00);
            c01 = b1.fma(x, c01);
            c02 = b2.fma(x, c02);
            x = FloatVector.broadcast(S, a[ao + rs]);
            c10 = b0.fma(x, c10);
            c11 = b1.fma(x, c11);
            c12 = b2.fma(x, c12);
            x = FloatVector.broadcast(S, a[ao + 2 * rs]);
            c20 = b0.fma(x, c20);
            c21 = b1.fma(x, c21);
            c22 = b2.fma(x, c22);
            x = FloatVector.broadcast(S, a[ao + 3 * rs]);
            c30 = b0.fma(x, c30);
            c31 = b1.fma(x, c31);
            c32 = b2.fma(x, c32);
        }
        int o = i * n;
        c00.intoArray(c, o + j0);
        c01.intoArray(c, o + j1);
        c02.intoArray(c, o + j2);
        o += n;
        c10.intoArray(c, o + j0);
        c11.intoArray(c, o + j1);
        c12.intoArray(c, o + j2);
        o += n;
        c20.intoArray(c, o + j0);
        c21.intoArray(c, o + j1);
        c22.intoArray(c, o + j2);
        o += n;
        c30.intoArray(c, o + j0);
        c31.intoArray(c, o + j1);
        c32.intoArray(c, o + j2);
    }

    private static void tile4x2(
            float[] a,
            int rs,
            int cs,
            float[] b,
            float[] c,
            int @Nullable [] steps,
            int count,
            int n,
            int i,
            int j0,
            int j1) {
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c01 = c00;
        FloatVector c10 = c00;
        FloatVector c11 = c00;
        FloatVector c20 = c00;
        FloatVector c21 = c00;
        FloatVector c30 = c00;
        FloatVector c31 = c00;
        int a0 = i * rs;
        for (int q = 0; q < count; q++) {
            int p = steps == null ? q : steps[q];
            int bo = p * n;
            int ao = a0 + p * cs;
            FloatVector b0 = FloatVector.fromArray(S, b, bo + j0);
            FloatVector b1 = FloatVector.fromArray(S, b, bo + j1);
            FloatVector x = FloatVector.broadcast(S, a[ao]);
            c00 = b0.fma(x, c00);
            c01 = b1.fma(x, c01);
            x = FloatVector.broadcast(S, a[ao + rs]);
            c10 = b0.fma(x, c10);
            c11 = b1.fma(x, c11);
            x = FloatVector.broadcast(S, a[ao + 2 * rs]);
            c20 = b0.fma(x, c20);
            c21 = b1.fma(x, c21);
            x = FloatVector.broadcast(S, a[ao + 3 * rs]);
            c30 = b0.fma(x, c30);
            c31 = b1.fma(x, c31);
        }
        int o = i * n;
        c00.intoArray(c, o + j0);
        c01.intoArray(c, o + j1);
        o += n;
        c10.intoArray(c, o + j0);
        c11.intoArray(c, o + j1);
        o += n;
        c20.intoArray(c, o + j0);
        c21.intoArray(c, o + j1);
        o += n;
        c30.intoArray(c, o + j0);
        c31.intoArray(c, o + j1);
    }

    /**
     * 8 rows by one vector, over every step: for products one vector wide (the MNIST net's 10-column layer), where
     * the 4 sums of {@link #tile4x1} left the FMA unit waiting on each FMA's latency (float32 100×50·50×10 at 21%
     * of peak).
     */
    private static void tile8x1(float[] a, int rs, int cs, float[] b, float[] c, int count, int n, int i, int j) {
        FloatVector c0 = FloatVector.zero(S);
        FloatVector c1 = c0;
        FloatVector c2 = c0;
        FloatVector c3 = c0;
        FloatVector c4 = c0;
        FloatVector c5 = c0;
        FloatVector c6 = c0;
        FloatVector c7 = c0;
        int a0 = i * rs;
        for (int p = 0; p < count; p++) {
            int ao = a0 + p * cs;
            FloatVector bv = FloatVector.fromArray(S, b, p * n + j);
            c0 = bv.fma(FloatVector.broadcast(S, a[ao]), c0);
            c1 = bv.fma(FloatVector.broadcast(S, a[ao + rs]), c1);
            c2 = bv.fma(FloatVector.broadcast(S, a[ao + 2 * rs]), c2);
            c3 = bv.fma(FloatVector.broadcast(S, a[ao + 3 * rs]), c3);
            c4 = bv.fma(FloatVector.broadcast(S, a[ao + 4 * rs]), c4);
            c5 = bv.fma(FloatVector.broadcast(S, a[ao + 5 * rs]), c5);
            c6 = bv.fma(FloatVector.broadcast(S, a[ao + 6 * rs]), c6);
            c7 = bv.fma(FloatVector.broadcast(S, a[ao + 7 * rs]), c7);
        }
        int o = i * n + j;
        c0.intoArray(c, o);
        c1.intoArray(c, o + n);
        c2.intoArray(c, o + 2 * n);
        c3.intoArray(c, o + 3 * n);
        c4.intoArray(c, o + 4 * n);
        c5.intoArray(c, o + 5 * n);
        c6.intoArray(c, o + 6 * n);
        c7.intoArray(c, o + 7 * n);
    }

    private static void tile4x1(
            float[] a, int rs, int cs, float[] b, float[] c, int @Nullable [] steps, int count, int n, int i, int j) {
        FloatVector c0 = FloatVector.zero(S);
        FloatVector c1 = c0;
        FloatVector c2 = c0;
        FloatVector c3 = c0;
        int a0 = i * rs;
        for (int q = 0; q < count; q++) {
            int p = steps == null ? q : steps[q];
            int ao = a0 + p * cs;
            FloatVector bv = FloatVector.fromArray(S, b, p * n + j);
            c0 = bv.fma(FloatVector.broadcast(S, a[ao]), c0);
            c1 = bv.fma(FloatVector.broadcast(S, a[ao + rs]), c1);
            c2 = bv.fma(FloatVector.broadcast(S, a[ao + 2 * rs]), c2);
            c3 = bv.fma(FloatVector.broadcast(S, a[ao + 3 * rs]), c3);
        }
        int o = i * n + j;
        c0.intoArray(c, o);
        c1.intoArray(c, o + n);
        c2.intoArray(c, o + 2 * n);
        c3.intoArray(c, o + 3 * n);
    }

    private static void tile1x1(
            float[] a, int rs, int cs, float[] b, float[] c, int @Nullable [] steps, int count, int n, int i, int j) {
        FloatVector acc = FloatVector.zero(S);
        int a0 = i * rs;
        for (int q = 0; q < count; q++) {
            int p = steps == null ? q : steps[q];
            acc = FloatVector.fromArray(S, b, p * n + j).fma(FloatVector.broadcast(S, a[a0 + p * cs]), acc);
        }
        acc.intoArray(c, i * n + j);
    }

    // ---------------------------------------------------------------- reductions

    @Override
    public double sum(float[] a, int n) {
        // The contract sums in double; a float total of many elements would drift from it.
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += a[i];
        }
        return s;
    }

    @Override
    public double max(float[] a, int n) {
        return extreme(a, 0, n, true);
    }

    @Override
    public double min(float[] a, int n) {
        return extreme(a, 0, n, false);
    }

    /** The maximum of {@code a[from, from + n)}, {@code n > 0}; NaN wins, as in Math.max. */
    private static float extreme(float[] a, int from, int n, boolean max) {
        // Each branch has its operators as constants: a variable operator is not intrinsified and boxes.
        return max ? largest(a, from, n) : smallest(a, from, n);
    }

    private static float largest(float[] a, int from, int n) {
        int i = 0;
        float r = a[from];
        if (n >= L) {
            FloatVector m = FloatVector.fromArray(S, a, from);
            for (i = L; i + L <= n; i += L) {
                m = m.max(FloatVector.fromArray(S, a, from + i));
            }
            r = m.reduceLanes(VectorOperators.MAX);
        }
        for (; i < n; i++) {
            r = Math.max(r, a[from + i]);
        }
        return r;
    }

    private static float smallest(float[] a, int from, int n) {
        int i = 0;
        float r = a[from];
        if (n >= L) {
            FloatVector m = FloatVector.fromArray(S, a, from);
            for (i = L; i + L <= n; i += L) {
                m = m.min(FloatVector.fromArray(S, a, from + i));
            }
            r = m.reduceLanes(VectorOperators.MIN);
        }
        for (; i < n; i++) {
            r = Math.min(r, a[from + i]);
        }
        return r;
    }

    @Override
    public void sumAxis(float[] a, float[] out, int outer, int length, int inner) {
        // Sum the rows of each [length, inner] block: db = Σ_rows dout. Each output is summed row by row.
        int bound = S.loopBound(inner);
        for (int o = 0; o < outer; o++) {
            int base = o * length * inner;
            int j = 0;
            for (; j < bound; j += L) {
                FloatVector s = FloatVector.zero(S);
                for (int l = 0; l < length; l++) {
                    s = s.add(FloatVector.fromArray(S, a, base + l * inner + j));
                }
                s.intoArray(out, o * inner + j);
            }
            for (; j < inner; j++) {
                float s = 0;
                for (int l = 0; l < length; l++) {
                    s += a[base + l * inner + j];
                }
                out[o * inner + j] = s;
            }
        }
    }

    @Override
    public void maxAxis(float[] a, float[] out, int outer, int length, int inner) {
        if (inner == 1) {
            for (int o = 0; o < outer; o++) {
                out[o] = extreme(a, o * length, length, true);
            }
            return;
        }
        int bound = S.loopBound(inner);
        for (int o = 0; o < outer; o++) {
            int base = o * length * inner;
            int j = 0;
            for (; j < bound; j += L) {
                FloatVector m = FloatVector.fromArray(S, a, base + j);
                for (int l = 1; l < length; l++) {
                    m = m.max(FloatVector.fromArray(S, a, base + l * inner + j));
                }
                m.intoArray(out, o * inner + j);
            }
            for (; j < inner; j++) {
                float m = a[base + j];
                for (int l = 1; l < length; l++) {
                    m = Math.max(m, a[base + l * inner + j]);
                }
                out[o * inner + j] = m;
            }
        }
    }

    // ---------------------------------------------------------------- softmax and cross-entropy

    @Override
    public void softmaxRows(float[] a, float[] out, int rows, int cols) {
        int bound = S.loopBound(cols);
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            float max = extreme(a, base, cols, true);
            float sum = 0;
            for (int c = 0; c < cols; c++) {
                float e = (float) Math.exp(a[base + c] - max);
                out[base + c] = e;
                sum += e;
            }
            FloatVector total = FloatVector.broadcast(S, sum);
            int c = 0;
            for (; c < bound; c += L) {
                FloatVector.fromArray(S, out, base + c).div(total).intoArray(out, base + c);
            }
            for (; c < cols; c++) {
                out[base + c] /= sum;
            }
        }
    }

    @Override
    public double crossEntropy(float[] p, float[] t, int rows, int cols) {
        double s = 0;
        for (int i = 0; i < rows * cols; i++) {
            s += t[i] * Math.log(p[i] + LOG_GUARD);
        }
        return -s / rows;
    }

    @Override
    public double crossEntropyIndices(float[] p, float[] labels, int rows, int cols) {
        double s = 0;
        for (int r = 0; r < rows; r++) {
            s += Math.log(p[r * cols + (int) labels[r]] + LOG_GUARD);
        }
        return -s / rows;
    }
}
