package nn.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import nn.array.BinaryOp;
import nn.array.Kernels;
import nn.array.RowSupport;
import nn.array.UnaryOp;
import org.jspecify.annotations.Nullable;

/**
 * Every kernel on {@code double[]} with the Vector API: a sibling of the reference loops, not a subclass, so
 * the conformance suite compares two independent implementations. {@code Float32VectorKernels} is the same
 * code on {@code FloatVector}; a change here belongs there too.
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
 * <p>Every DoubleVector here is of the one species {@code S}: a second species makes the Vector API's shared methods
 * see two classes, and their traps can leave C2 without the budget to intrinsify the larger tiles (see
 * {@link #transposedTileSteps}). {@code OneSpeciesTest} checks the fields.
 */
final class Float64VectorKernels implements Kernels<double[]> {

    private static final VectorSpecies<Double> S = VectorWidth.FLOAT64;
    private static final int L = S.length();

    /**
     * The lanes of the first and second 4-lane tile in a vector (the second only at 8 lanes, 512-bit float64), for
     * {@link #transposedTileSteps}; constants, so that C2 knows their class.
     */
    private static final VectorMask<Double> TILE_LANES = VectorMask.fromLong(S, 0x0FL & laneMask());

    private static final VectorMask<Double> SECOND_TILE_LANES = VectorMask.fromLong(S, 0xF0L & laneMask());

    private static long laneMask() {
        return L >= 64 ? -1L : (1L << L) - 1;
    }

    private final Parallel parallel;

    Float64VectorKernels(Parallel parallel) {
        this.parallel = parallel;
    }

    /** The sum of a vector's lanes, lane 0 first: the same rounding in every compilation tier. */
    private static double sumLanes(DoubleVector v) {
        double s = 0;
        for (int i = 0; i < L; i++) {
            s += v.lane(i);
        }
        return s;
    }

    // ---------------------------------------------------------------- element-wise

    @Override
    public void binary(BinaryOp op, double[] a, double[] b, double[] out, int n) {
        int i = 0;
        int bound = S.loopBound(n);
        // One loop per operator, so that each loop's operation is a constant that C2 compiles to one instruction.
        switch (op) {
            case ADD -> {
                for (; i < bound; i += L) {
                    DoubleVector.fromArray(S, a, i)
                            .add(DoubleVector.fromArray(S, b, i))
                            .intoArray(out, i);
                }
            }
            case SUB -> {
                for (; i < bound; i += L) {
                    DoubleVector.fromArray(S, a, i)
                            .sub(DoubleVector.fromArray(S, b, i))
                            .intoArray(out, i);
                }
            }
            case MUL -> {
                for (; i < bound; i += L) {
                    DoubleVector.fromArray(S, a, i)
                            .mul(DoubleVector.fromArray(S, b, i))
                            .intoArray(out, i);
                }
            }
            case DIV -> {
                for (; i < bound; i += L) {
                    DoubleVector.fromArray(S, a, i)
                            .div(DoubleVector.fromArray(S, b, i))
                            .intoArray(out, i);
                }
            }
            case MAX -> {
                for (; i < bound; i += L) {
                    DoubleVector.fromArray(S, a, i)
                            .max(DoubleVector.fromArray(S, b, i))
                            .intoArray(out, i);
                }
            }
            case MIN -> {
                for (; i < bound; i += L) {
                    DoubleVector.fromArray(S, a, i)
                            .min(DoubleVector.fromArray(S, b, i))
                            .intoArray(out, i);
                }
            }
            case GREATER -> {
                DoubleVector zero = DoubleVector.zero(S);
                DoubleVector one = DoubleVector.broadcast(S, 1.0);
                for (; i < bound; i += L) {
                    VectorMask<Double> m = DoubleVector.fromArray(S, a, i)
                            .compare(VectorOperators.GT, DoubleVector.fromArray(S, b, i));
                    zero.blend(one, m).intoArray(out, i);
                }
            }
            default -> {
                // POW: the scalar loop below
            }
        }
        for (; i < n; i++) {
            out[i] = op.apply(a[i], b[i]);
        }
    }

    @Override
    public void binaryScalar(BinaryOp op, double[] a, double s, boolean scalarFirst, double[] out, int n) {
        int i = 0;
        int bound = S.loopBound(n);
        DoubleVector sv = DoubleVector.broadcast(S, s);
        switch (op) {
            case ADD -> {
                for (; i < bound; i += L) {
                    DoubleVector.fromArray(S, a, i).add(sv).intoArray(out, i);
                }
            }
            case SUB -> {
                if (scalarFirst) {
                    for (; i < bound; i += L) {
                        sv.sub(DoubleVector.fromArray(S, a, i)).intoArray(out, i);
                    }
                } else {
                    for (; i < bound; i += L) {
                        DoubleVector.fromArray(S, a, i).sub(sv).intoArray(out, i);
                    }
                }
            }
            case MUL -> {
                for (; i < bound; i += L) {
                    DoubleVector.fromArray(S, a, i).mul(sv).intoArray(out, i);
                }
            }
            case DIV -> {
                if (scalarFirst) {
                    for (; i < bound; i += L) {
                        sv.div(DoubleVector.fromArray(S, a, i)).intoArray(out, i);
                    }
                } else {
                    for (; i < bound; i += L) {
                        DoubleVector.fromArray(S, a, i).div(sv).intoArray(out, i);
                    }
                }
            }
            case MAX -> {
                for (; i < bound; i += L) {
                    DoubleVector.fromArray(S, a, i).max(sv).intoArray(out, i);
                }
            }
            case MIN -> {
                for (; i < bound; i += L) {
                    DoubleVector.fromArray(S, a, i).min(sv).intoArray(out, i);
                }
            }
            case GREATER -> {
                DoubleVector zero = DoubleVector.zero(S);
                DoubleVector one = DoubleVector.broadcast(S, 1.0);
                // A constant comparison in each loop: a variable one is not intrinsified and boxes every vector.
                if (scalarFirst) {
                    for (; i < bound; i += L) {
                        zero.blend(one, DoubleVector.fromArray(S, a, i).compare(VectorOperators.LT, sv))
                                .intoArray(out, i);
                    }
                } else {
                    for (; i < bound; i += L) {
                        zero.blend(one, DoubleVector.fromArray(S, a, i).compare(VectorOperators.GT, sv))
                                .intoArray(out, i);
                    }
                }
            }
            default -> {
                // POW: the scalar loop below
            }
        }
        for (; i < n; i++) {
            out[i] = scalarFirst ? op.apply(s, a[i]) : op.apply(a[i], s);
        }
    }

    @Override
    public void binaryRow(BinaryOp op, double[] a, double[] row, boolean rowFirst, double[] out, int rows, int cols) {
        if (op == BinaryOp.ADD && cols >= L) {
            // The bias add: out[r, :] = a[r, :] + row.
            int bound = S.loopBound(cols);
            for (int r = 0; r < rows; r++) {
                int base = r * cols;
                int c = 0;
                for (; c < bound; c += L) {
                    DoubleVector.fromArray(S, a, base + c)
                            .add(DoubleVector.fromArray(S, row, c))
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
                out[base + c] = rowFirst ? op.apply(row[c], a[base + c]) : op.apply(a[base + c], row[c]);
            }
        }
    }

    @Override
    public void axpy(double alpha, double[] x, double[] y, int n) {
        int i = 0;
        int bound = S.loopBound(n);
        DoubleVector av = DoubleVector.broadcast(S, alpha);
        for (; i < bound; i += L) {
            DoubleVector.fromArray(S, x, i)
                    .fma(av, DoubleVector.fromArray(S, y, i))
                    .intoArray(y, i);
        }
        for (; i < n; i++) {
            y[i] = Math.fma(alpha, x[i], y[i]);
        }
    }

    @Override
    public void unary(UnaryOp op, double[] a, double[] out, int n) {
        int i = 0;
        int bound = S.loopBound(n);
        // Exactly rounded operations are vectorised; exp, log, sigmoid and tanh use Math (see the class comment).
        switch (op) {
            case SQUARE -> {
                for (; i < bound; i += L) {
                    DoubleVector v = DoubleVector.fromArray(S, a, i);
                    v.mul(v).intoArray(out, i);
                }
            }
            case SQRT -> {
                for (; i < bound; i += L) {
                    DoubleVector.fromArray(S, a, i).sqrt().intoArray(out, i);
                }
            }
            case ABS -> {
                for (; i < bound; i += L) {
                    DoubleVector.fromArray(S, a, i).abs().intoArray(out, i);
                }
            }
            case NEG -> {
                for (; i < bound; i += L) {
                    DoubleVector.fromArray(S, a, i).neg().intoArray(out, i);
                }
            }
            default -> {}
        }
        for (; i < n; i++) {
            out[i] = op.apply(a[i]);
        }
    }

    @Override
    public void where(double[] mask, double[] a, double[] b, double[] out, int n) {
        int i = 0;
        int bound = S.loopBound(n);
        for (; i < bound; i += L) {
            VectorMask<Double> m = DoubleVector.fromArray(S, mask, i).compare(VectorOperators.NE, 0.0);
            DoubleVector.fromArray(S, b, i)
                    .blend(DoubleVector.fromArray(S, a, i), m)
                    .intoArray(out, i);
        }
        for (; i < n; i++) {
            out[i] = mask[i] != 0 ? a[i] : b[i];
        }
    }

    // ---------------------------------------------------------------- matrix products

    @Override
    public void matmul(double[] a, @Nullable RowSupport aRows, double[] b, double[] out, int m, int k, int n) {
        // A(i, p) = a[i * k + p]
        gemm(a, k, 1, b, out, m, k, n, skipsZeros(aRows, a, m * k, b, k * n, m, k, n), aRows);
    }

    @Override
    public void transposeMatmul(double[] a, @Nullable RowSupport aRows, double[] b, double[] out, int m, int k, int n) {
        // A = aᵀ for a [k, m]: A(i, p) = a[p * m + i]
        gemm(a, 1, m, b, out, m, k, n, skipsZeros(aRows, a, k * m, b, k * n, m, k, n), aRows);
    }

    @Override
    public void matmulTranspose(double[] a, double[] b, double[] out, int m, int k, int n) {
        // a · bᵀ for b [n, k]: bᵀ copied once into [k, n] rows, so that the product runs on the same tiles as the
        // others (k·n copies against m·k·n multiply-adds).
        double[] bt = Scratch.doubles(TRANSPOSED, k * n);
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
    private static final VectorSpecies<Long> BITS = S.withLanes(long.class);

    /**
     * Lanes of 0 and of {@code 2^r}, made once: made in the method that uses them, C2 left {@code broadcast} to
     * its slow Java path there (10% of a training run's samples on two threads).
     */
    private static final LongVector ZEROS = LongVector.zero(BITS);

    private static final LongVector LANE_BITS = LongVector.fromArray(BITS, StepLists.laneBits(L), 0);

    /** The steps of the shared dimension a row tile visits, per thread. */
    private static final ThreadLocal<Scratch> STEPS = ThreadLocal.withInitial(Scratch::new);

    /**
     * {@code c = A · b} with {@code A(i, p) = a[i * rowStride + p * colStride]}, split by rows across threads. With
     * {@code skipZeros}, each row tile visits only the steps {@code p} where one of its rows of A is not zero.
     */
    void gemm(
            double[] a,
            int rowStride,
            int colStride,
            double[] b,
            double[] c,
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
            double[] a,
            int rowStride,
            int colStride,
            double[] b,
            double[] c,
            int m,
            int k,
            int n,
            boolean skipZeros,
            @Nullable RowSupport aRows) {
        double[] wide = Scratch.doubles(PADDED_B, k * L);
        double[] result = Scratch.doubles(PADDED_C, m * L);
        for (int p = 0; p < k; p++) {
            System.arraycopy(b, p * n, wide, p * L, n);
            java.util.Arrays.fill(wide, p * L + n, p * L + L, 0.0);
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
            @Nullable RowSupport aRows, double[] a, int aCount, double[] b, int bCount, int m, int k, int n) {
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
    private static boolean isFinite(double[] b, int count) {
        // Four sums, not one: a single chain of adds waited on each add's latency (W is 39,200 elements).
        DoubleVector acc0 = DoubleVector.zero(S);
        DoubleVector acc1 = acc0;
        DoubleVector acc2 = acc0;
        DoubleVector acc3 = acc0;
        int i = 0;
        for (; i + 4 * L <= count; i += 4 * L) {
            acc0 = acc0.add(DoubleVector.fromArray(S, b, i).mul(0.0));
            acc1 = acc1.add(DoubleVector.fromArray(S, b, i + L).mul(0.0));
            acc2 = acc2.add(DoubleVector.fromArray(S, b, i + 2 * L).mul(0.0));
            acc3 = acc3.add(DoubleVector.fromArray(S, b, i + 3 * L).mul(0.0));
        }
        for (; i + L <= count; i += L) {
            acc0 = acc0.add(DoubleVector.fromArray(S, b, i).mul(0.0));
        }
        double s = sumLanes(acc0.add(acc1).add(acc2.add(acc3)));
        for (; i < count; i++) {
            s += b[i] * 0.0;
        }
        return s == 0;
    }

    private static void gemmRows(
            double[] a,
            int rs,
            int cs,
            double[] b,
            double[] c,
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
    private static int nonzeroSteps(double[] a, int rs, int cs, int k, int i, int rows, int[] steps) {
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
                    LongVector bits = DoubleVector.fromArray(S, a, a0 + p)
                            .reinterpretAsLongs()
                            .or(DoubleVector.fromArray(S, a, a0 + rs + p).reinterpretAsLongs())
                            .or(DoubleVector.fromArray(S, a, a0 + 2 * rs + p).reinterpretAsLongs())
                            .or(DoubleVector.fromArray(S, a, a0 + 3 * rs + p).reinterpretAsLongs());
                    VectorMask<Long> nonzero =
                            bits.lanewise(VectorOperators.LSHL, 1).compare(VectorOperators.NE, 0L);
                    int mask = (int) ZEROS.blend(LANE_BITS, nonzero).reduceLanes(VectorOperators.OR);
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
                count += nonzero(Double.doubleToRawLongBits(a[a0 + p * cs]));
            }
        }
        return count;
    }

    /**
     * The steps of every 4-row tile of {@code A = aᵀ} (A's rows {@code rowStart + 4t .. + 3} are adjacent in a's
     * row p): tile t's steps go to {@code steps[t k ..]} and their number to {@code counts[t]}. One pass over a's
     * rows in memory order, one 4-lane test per tile and step, no branch on its outcome. The tests use the kernels'
     * one species {@code S}, several tiles to a vector, not a 4-lane species of their own: a second DoubleVector species
     * made the Vector API's shared methods see two classes, and the class-check traps that followed used up C2's
     * budget of traps while it compiled the largest tiles: in 1 JMH fork in 8, the 4×7 tile's 28 stores failed to
     * intrinsify ({@code -XX:+PrintIntrinsics}) and kept every sum as an object, and the step ran 10× slower.
     */
    private static void transposedTileSteps(
            double[] a, int cs, int k, int rowStart, int tiles, int[] steps, int[] counts) {
        java.util.Arrays.fill(counts, 0, tiles, 0);
        for (int p = 0; p < k; p++) {
            int base = p * cs + rowStart;
            int t = 0;
            if (L == 4 || L == 8) {
                // L / 4 tiles to a compare, each tile's lanes picked by a constant mask (all lanes at 4 lanes).
                for (; t + L / 4 <= tiles; t += L / 4) {
                    VectorMask<Double> nonzero =
                            DoubleVector.fromArray(S, a, base + 4 * t).compare(VectorOperators.NE, 0.0);
                    StepLists.appendStep(
                            steps, counts, k, t, p, nonzero.and(TILE_LANES).anyTrue() ? 1 : 0);
                    if (L == 8) {
                        StepLists.appendStep(
                                steps,
                                counts,
                                k,
                                t + 1,
                                p,
                                nonzero.and(SECOND_TILE_LANES).anyTrue() ? 1 : 0);
                    }
                }
            }
            for (; t < tiles; t++) { // the tiles left over, and vector widths the loop above does not cover
                StepLists.appendStep(steps, counts, k, t, p, nonzero(a, base + 4 * t, 1));
            }
        }
    }

    /** 1 if one of {@code a[o]}, {@code a[o + rs]}, {@code a[o + 2 rs]}, {@code a[o + 3 rs]} is not ±0, else 0. */
    private static int nonzero(double[] a, int o, int rs) {
        return nonzero(Double.doubleToRawLongBits(a[o])
                | Double.doubleToRawLongBits(a[o + rs])
                | Double.doubleToRawLongBits(a[o + 2 * rs])
                | Double.doubleToRawLongBits(a[o + 3 * rs]));
    }

    /**
     * 1 if {@code bits} are not those of ±0 (a NaN counts as non-zero), else 0; in arithmetic, because a branch
     * on it would be mispredicted at every other pixel of an image's edge, which made finding the steps cost more
     * than half of what skipping them saved.
     */
    private static int nonzero(long bits) {
        long magnitude = bits << 1;
        return (int) ((magnitude | -magnitude) >>> 63);
    }

    // The tiles: 4 (or 1, or 8) rows of c by 1, 2, 3, 4 or 7 vectors, summing over the steps p in
    // steps[0 .. count), or over every p in [0, count) when steps is null (C2 compiles the loop once for each case:
    // the test is invariant).

    private static void tile4x4(
            double[] a,
            int rs,
            int cs,
            double[] b,
            double[] c,
            int @Nullable [] steps,
            int count,
            int n,
            int i,
            int j0,
            int j1,
            int j2,
            int j3) {
        DoubleVector c00 = DoubleVector.zero(S);
        DoubleVector c01 = c00;
        DoubleVector c02 = c00;
        DoubleVector c03 = c00;
        DoubleVector c10 = c00;
        DoubleVector c11 = c00;
        DoubleVector c12 = c00;
        DoubleVector c13 = c00;
        DoubleVector c20 = c00;
        DoubleVector c21 = c00;
        DoubleVector c22 = c00;
        DoubleVector c23 = c00;
        DoubleVector c30 = c00;
        DoubleVector c31 = c00;
        DoubleVector c32 = c00;
        DoubleVector c33 = c00;
        int a0 = i * rs;
        for (int q = 0; q < count; q++) {
            int p = steps == null ? q : steps[q];
            int bo = p * n;
            int ao = a0 + p * cs;
            DoubleVector b0 = DoubleVector.fromArray(S, b, bo + j0);
            DoubleVector b1 = DoubleVector.fromArray(S, b, bo + j1);
            DoubleVector b2 = DoubleVector.fromArray(S, b, bo + j2);
            DoubleVector b3 = DoubleVector.fromArray(S, b, bo + j3);
            DoubleVector x = DoubleVector.broadcast(S, a[ao]);
            c00 = b0.fma(x, c00);
            c01 = b1.fma(x, c01);
            c02 = b2.fma(x, c02);
            c03 = b3.fma(x, c03);
            x = DoubleVector.broadcast(S, a[ao + rs]);
            c10 = b0.fma(x, c10);
            c11 = b1.fma(x, c11);
            c12 = b2.fma(x, c12);
            c13 = b3.fma(x, c13);
            x = DoubleVector.broadcast(S, a[ao + 2 * rs]);
            c20 = b0.fma(x, c20);
            c21 = b1.fma(x, c21);
            c22 = b2.fma(x, c22);
            c23 = b3.fma(x, c23);
            x = DoubleVector.broadcast(S, a[ao + 3 * rs]);
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
            double[] a,
            int rs,
            int cs,
            double[] b,
            double[] c,
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
        DoubleVector c00 = DoubleVector.zero(S);
        DoubleVector c01 = c00;
        DoubleVector c02 = c00;
        DoubleVector c03 = c00;
        DoubleVector c04 = c00;
        DoubleVector c05 = c00;
        DoubleVector c06 = c00;
        DoubleVector c10 = c00;
        DoubleVector c11 = c00;
        DoubleVector c12 = c00;
        DoubleVector c13 = c00;
        DoubleVector c14 = c00;
        DoubleVector c15 = c00;
        DoubleVector c16 = c00;
        DoubleVector c20 = c00;
        DoubleVector c21 = c00;
        DoubleVector c22 = c00;
        DoubleVector c23 = c00;
        DoubleVector c24 = c00;
        DoubleVector c25 = c00;
        DoubleVector c26 = c00;
        DoubleVector c30 = c00;
        DoubleVector c31 = c00;
        DoubleVector c32 = c00;
        DoubleVector c33 = c00;
        DoubleVector c34 = c00;
        DoubleVector c35 = c00;
        DoubleVector c36 = c00;
        int a0 = i * rs;
        for (int q = 0; q < count; q++) {
            int p = steps == null ? q : steps[q];
            int bo = p * n;
            int ao = a0 + p * cs;
            DoubleVector x0 = DoubleVector.broadcast(S, a[ao]);
            DoubleVector x1 = DoubleVector.broadcast(S, a[ao + rs]);
            DoubleVector x2 = DoubleVector.broadcast(S, a[ao + 2 * rs]);
            DoubleVector x3 = DoubleVector.broadcast(S, a[ao + 3 * rs]);
            DoubleVector bv;
            bv = DoubleVector.fromArray(S, b, bo + j0);
            c00 = bv.fma(x0, c00);
            c10 = bv.fma(x1, c10);
            c20 = bv.fma(x2, c20);
            c30 = bv.fma(x3, c30);
            bv = DoubleVector.fromArray(S, b, bo + j1);
            c01 = bv.fma(x0, c01);
            c11 = bv.fma(x1, c11);
            c21 = bv.fma(x2, c21);
            c31 = bv.fma(x3, c31);
            bv = DoubleVector.fromArray(S, b, bo + j2);
            c02 = bv.fma(x0, c02);
            c12 = bv.fma(x1, c12);
            c22 = bv.fma(x2, c22);
            c32 = bv.fma(x3, c32);
            bv = DoubleVector.fromArray(S, b, bo + j3);
            c03 = bv.fma(x0, c03);
            c13 = bv.fma(x1, c13);
            c23 = bv.fma(x2, c23);
            c33 = bv.fma(x3, c33);
            bv = DoubleVector.fromArray(S, b, bo + j4);
            c04 = bv.fma(x0, c04);
            c14 = bv.fma(x1, c14);
            c24 = bv.fma(x2, c24);
            c34 = bv.fma(x3, c34);
            bv = DoubleVector.fromArray(S, b, bo + j5);
            c05 = bv.fma(x0, c05);
            c15 = bv.fma(x1, c15);
            c25 = bv.fma(x2, c25);
            c35 = bv.fma(x3, c35);
            bv = DoubleVector.fromArray(S, b, bo + j6);
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
            double[] a,
            int rs,
            int cs,
            double[] b,
            double[] c,
            int @Nullable [] steps,
            int count,
            int n,
            int i,
            int j0,
            int j1,
            int j2) {
        DoubleVector c00 = DoubleVector.zero(S);
        DoubleVector c01 = c00;
        DoubleVector c02 = c00;
        DoubleVector c10 = c00;
        DoubleVector c11 = c00;
        DoubleVector c12 = c00;
        DoubleVector c20 = c00;
        DoubleVector c21 = c00;
        DoubleVector c22 = c00;
        DoubleVector c30 = c00;
        DoubleVector c31 = c00;
        DoubleVector c32 = c00;
        int a0 = i * rs;
        for (int q = 0; q < count; q++) {
            int p = steps == null ? q : steps[q];
            int bo = p * n;
            int ao = a0 + p * cs;
            DoubleVector b0 = DoubleVector.fromArray(S, b, bo + j0);
            DoubleVector b1 = DoubleVector.fromArray(S, b, bo + j1);
            DoubleVector b2 = DoubleVector.fromArray(S, b, bo + j2);
            DoubleVector x = DoubleVector.broadcast(S, a[ao]);
            c00 = b0.fma(x, c00);
            c01 = b1.fma(x, c01);
            c02 = b2.fma(x, c02);
            x = DoubleVector.broadcast(S, a[ao + rs]);
            c10 = b0.fma(x, c10);
            c11 = b1.fma(x, c11);
            c12 = b2.fma(x, c12);
            x = DoubleVector.broadcast(S, a[ao + 2 * rs]);
            c20 = b0.fma(x, c20);
            c21 = b1.fma(x, c21);
            c22 = b2.fma(x, c22);
            x = DoubleVector.broadcast(S, a[ao + 3 * rs]);
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
            double[] a,
            int rs,
            int cs,
            double[] b,
            double[] c,
            int @Nullable [] steps,
            int count,
            int n,
            int i,
            int j0,
            int j1) {
        DoubleVector c00 = DoubleVector.zero(S);
        DoubleVector c01 = c00;
        DoubleVector c10 = c00;
        DoubleVector c11 = c00;
        DoubleVector c20 = c00;
        DoubleVector c21 = c00;
        DoubleVector c30 = c00;
        DoubleVector c31 = c00;
        int a0 = i * rs;
        for (int q = 0; q < count; q++) {
            int p = steps == null ? q : steps[q];
            int bo = p * n;
            int ao = a0 + p * cs;
            DoubleVector b0 = DoubleVector.fromArray(S, b, bo + j0);
            DoubleVector b1 = DoubleVector.fromArray(S, b, bo + j1);
            DoubleVector x = DoubleVector.broadcast(S, a[ao]);
            c00 = b0.fma(x, c00);
            c01 = b1.fma(x, c01);
            x = DoubleVector.broadcast(S, a[ao + rs]);
            c10 = b0.fma(x, c10);
            c11 = b1.fma(x, c11);
            x = DoubleVector.broadcast(S, a[ao + 2 * rs]);
            c20 = b0.fma(x, c20);
            c21 = b1.fma(x, c21);
            x = DoubleVector.broadcast(S, a[ao + 3 * rs]);
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
    private static void tile8x1(double[] a, int rs, int cs, double[] b, double[] c, int count, int n, int i, int j) {
        DoubleVector c0 = DoubleVector.zero(S);
        DoubleVector c1 = c0;
        DoubleVector c2 = c0;
        DoubleVector c3 = c0;
        DoubleVector c4 = c0;
        DoubleVector c5 = c0;
        DoubleVector c6 = c0;
        DoubleVector c7 = c0;
        int a0 = i * rs;
        for (int p = 0; p < count; p++) {
            int ao = a0 + p * cs;
            DoubleVector bv = DoubleVector.fromArray(S, b, p * n + j);
            c0 = bv.fma(DoubleVector.broadcast(S, a[ao]), c0);
            c1 = bv.fma(DoubleVector.broadcast(S, a[ao + rs]), c1);
            c2 = bv.fma(DoubleVector.broadcast(S, a[ao + 2 * rs]), c2);
            c3 = bv.fma(DoubleVector.broadcast(S, a[ao + 3 * rs]), c3);
            c4 = bv.fma(DoubleVector.broadcast(S, a[ao + 4 * rs]), c4);
            c5 = bv.fma(DoubleVector.broadcast(S, a[ao + 5 * rs]), c5);
            c6 = bv.fma(DoubleVector.broadcast(S, a[ao + 6 * rs]), c6);
            c7 = bv.fma(DoubleVector.broadcast(S, a[ao + 7 * rs]), c7);
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
            double[] a,
            int rs,
            int cs,
            double[] b,
            double[] c,
            int @Nullable [] steps,
            int count,
            int n,
            int i,
            int j) {
        DoubleVector c0 = DoubleVector.zero(S);
        DoubleVector c1 = c0;
        DoubleVector c2 = c0;
        DoubleVector c3 = c0;
        int a0 = i * rs;
        for (int q = 0; q < count; q++) {
            int p = steps == null ? q : steps[q];
            int ao = a0 + p * cs;
            DoubleVector bv = DoubleVector.fromArray(S, b, p * n + j);
            c0 = bv.fma(DoubleVector.broadcast(S, a[ao]), c0);
            c1 = bv.fma(DoubleVector.broadcast(S, a[ao + rs]), c1);
            c2 = bv.fma(DoubleVector.broadcast(S, a[ao + 2 * rs]), c2);
            c3 = bv.fma(DoubleVector.broadcast(S, a[ao + 3 * rs]), c3);
        }
        int o = i * n + j;
        c0.intoArray(c, o);
        c1.intoArray(c, o + n);
        c2.intoArray(c, o + 2 * n);
        c3.intoArray(c, o + 3 * n);
    }

    private static void tile1x1(
            double[] a,
            int rs,
            int cs,
            double[] b,
            double[] c,
            int @Nullable [] steps,
            int count,
            int n,
            int i,
            int j) {
        DoubleVector acc = DoubleVector.zero(S);
        int a0 = i * rs;
        for (int q = 0; q < count; q++) {
            int p = steps == null ? q : steps[q];
            acc = DoubleVector.fromArray(S, b, p * n + j).fma(DoubleVector.broadcast(S, a[a0 + p * cs]), acc);
        }
        acc.intoArray(c, i * n + j);
    }

    // ---------------------------------------------------------------- reductions

    @Override
    public double sum(double[] a, int n) {
        DoubleVector s0 = DoubleVector.zero(S);
        DoubleVector s1 = s0;
        int i = 0;
        for (; i + 2 * L <= n; i += 2 * L) {
            s0 = s0.add(DoubleVector.fromArray(S, a, i));
            s1 = s1.add(DoubleVector.fromArray(S, a, i + L));
        }
        double s = sumLanes(s0.add(s1));
        for (; i < n; i++) {
            s += a[i];
        }
        return s;
    }

    @Override
    public double max(double[] a, int n) {
        return extreme(a, 0, n, true);
    }

    @Override
    public double min(double[] a, int n) {
        return extreme(a, 0, n, false);
    }

    /** The maximum of {@code a[from, from + n)}, {@code n > 0}; NaN wins, as in Math.max. */
    private static double extreme(double[] a, int from, int n, boolean max) {
        // Each branch has its operators as constants: a variable operator is not intrinsified and boxes.
        return max ? largest(a, from, n) : smallest(a, from, n);
    }

    private static double largest(double[] a, int from, int n) {
        int i = 0;
        double r = a[from];
        if (n >= L) {
            DoubleVector m = DoubleVector.fromArray(S, a, from);
            for (i = L; i + L <= n; i += L) {
                m = m.max(DoubleVector.fromArray(S, a, from + i));
            }
            r = m.reduceLanes(VectorOperators.MAX);
        }
        for (; i < n; i++) {
            r = Math.max(r, a[from + i]);
        }
        return r;
    }

    private static double smallest(double[] a, int from, int n) {
        int i = 0;
        double r = a[from];
        if (n >= L) {
            DoubleVector m = DoubleVector.fromArray(S, a, from);
            for (i = L; i + L <= n; i += L) {
                m = m.min(DoubleVector.fromArray(S, a, from + i));
            }
            r = m.reduceLanes(VectorOperators.MIN);
        }
        for (; i < n; i++) {
            r = Math.min(r, a[from + i]);
        }
        return r;
    }

    @Override
    public void sumAxis(double[] a, double[] out, int outer, int length, int inner) {
        // Sum the rows of each [length, inner] block: db = Σ_rows dout. Each output is summed row by row.
        int bound = S.loopBound(inner);
        for (int o = 0; o < outer; o++) {
            int base = o * length * inner;
            int j = 0;
            for (; j < bound; j += L) {
                DoubleVector s = DoubleVector.zero(S);
                for (int l = 0; l < length; l++) {
                    s = s.add(DoubleVector.fromArray(S, a, base + l * inner + j));
                }
                s.intoArray(out, o * inner + j);
            }
            for (; j < inner; j++) {
                double s = 0;
                for (int l = 0; l < length; l++) {
                    s += a[base + l * inner + j];
                }
                out[o * inner + j] = s;
            }
        }
    }

    @Override
    public void maxAxis(double[] a, double[] out, int outer, int length, int inner) {
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
                DoubleVector m = DoubleVector.fromArray(S, a, base + j);
                for (int l = 1; l < length; l++) {
                    m = m.max(DoubleVector.fromArray(S, a, base + l * inner + j));
                }
                m.intoArray(out, o * inner + j);
            }
            for (; j < inner; j++) {
                double m = a[base + j];
                for (int l = 1; l < length; l++) {
                    m = Math.max(m, a[base + l * inner + j]);
                }
                out[o * inner + j] = m;
            }
        }
    }

    // ---------------------------------------------------------------- softmax and cross-entropy

    @Override
    public void softmaxRows(double[] a, double[] out, int rows, int cols) {
        int bound = S.loopBound(cols);
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            double max = extreme(a, base, cols, true);
            double sum = 0;
            for (int c = 0; c < cols; c++) {
                double e = Math.exp(a[base + c] - max);
                out[base + c] = e;
                sum += e;
            }
            DoubleVector total = DoubleVector.broadcast(S, sum);
            int c = 0;
            for (; c < bound; c += L) {
                DoubleVector.fromArray(S, out, base + c).div(total).intoArray(out, base + c);
            }
            for (; c < cols; c++) {
                out[base + c] /= sum;
            }
        }
    }

    @Override
    public double crossEntropy(double[] p, double[] t, int rows, int cols) {
        double s = 0;
        for (int i = 0; i < rows * cols; i++) {
            s += t[i] * Math.log(p[i] + LOG_GUARD);
        }
        return -s / rows;
    }

    @Override
    public double crossEntropyIndices(double[] p, double[] labels, int rows, int cols) {
        double s = 0;
        for (int r = 0; r < rows; r++) {
            s += Math.log(p[r * cols + (int) labels[r]] + LOG_GUARD);
        }
        return -s / rows;
    }
}
