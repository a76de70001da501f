package nn.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import nn.array.BinaryOp;
import nn.array.Kernels;
import nn.array.UnaryOp;

/**
 * Every kernel on {@code double[]} with the Vector API: a sibling of the reference loops, not a subclass, so
 * the conformance suite compares two independent implementations. {@code Float32VectorKernels} is the same
 * code on {@code FloatVector}; a change here belongs there too.
 *
 * <p>Matrix products are register-blocked: a 4-row by 3-vector tile of the output lives in 12 accumulators
 * while the shared dimension streams past, so each step loads 3 vectors of B and 4 scalars of A for 12 FMAs.
 * Narrower column blocks use 1-vector tiles. The last {@code n mod L} columns get one more vector tile that
 * ends at column {@code n} and overlaps columns already done, which it rewrites with the same bits; only an
 * output narrower than one vector falls back to scalar FMAs, which round exactly as the lanes do. (Masked
 * tiles made matmul 1.4× slower on JDK 17, whose masked loads and stores are not fully intrinsified.) Every
 * output element is summed in the same order
 * (one FMA per step of the shared dimension) whatever the tiling and the number of threads, so results never
 * depend on {@code nn.threads}.
 *
 * <p>Results must not depend on whether C2 has compiled a loop yet, so that one seed gives one result: a
 * floating-point {@code reduceLanes(ADD)} and the transcendental {@code lanewise} operations may round
 * differently when intrinsified than when interpreted, so sums over lanes use {@link #sumLanes} (a fixed
 * order) and {@code exp}, {@code log}, {@code tanh} use {@link Math}, whose results HotSpot keeps the same in
 * every tier. Only methods that exist unchanged from JDK 17 to 25 are used.
 */
final class Float64VectorKernels implements Kernels<double[]> {

    private static final VectorSpecies<Double> S = VectorWidth.FLOAT64;
    private static final int L = S.length();

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
    public void matmul(double[] a, double[] b, double[] out, int m, int k, int n) {
        // A(i, p) = a[i * k + p]
        gemm(a, k, 1, b, out, m, k, n);
    }

    @Override
    public void transposeMatmul(double[] a, double[] b, double[] out, int m, int k, int n) {
        // A = aᵀ for a [k, m]: A(i, p) = a[p * m + i]
        gemm(a, 1, m, b, out, m, k, n);
    }

    /** {@code c = A · b} with {@code A(i, p) = a[i * rowStride + p * colStride]}, split by rows across threads. */
    private void gemm(double[] a, int rowStride, int colStride, double[] b, double[] c, int m, int k, int n) {
        int chunks = parallel.chunks(m, k, n);
        if (chunks == 1) {
            gemmRows(a, rowStride, colStride, b, c, k, n, 0, m);
            return;
        }
        // Chunk boundaries on multiples of 4 rows keep the row tiles whole.
        int rowsPerChunk = ((m + chunks - 1) / chunks + 3) & ~3;
        parallel.run(chunks, chunk -> {
            int start = Math.min(m, chunk * rowsPerChunk);
            int end = Math.min(m, start + rowsPerChunk);
            gemmRows(a, rowStride, colStride, b, c, k, n, start, end);
        });
    }

    private static void gemmRows(
            double[] a, int rs, int cs, double[] b, double[] c, int k, int n, int rowStart, int rowEnd) {
        int i = rowStart;
        for (; i + 4 <= rowEnd; i += 4) {
            int j = 0;
            for (; j + 3 * L <= n; j += 3 * L) {
                tile4x3(a, rs, cs, b, c, k, n, i, j);
            }
            for (; j + L <= n; j += L) {
                tile4x1(a, rs, cs, b, c, k, n, i, j);
            }
            if (j < n && n >= L) {
                // The last n mod L columns: one more vector tile ending at column n, which recomputes a few
                // columns already written, to the same bits (same FMAs in the same order).
                tile4x1(a, rs, cs, b, c, k, n, i, n - L);
                j = n;
            }
            for (; j < n; j++) {
                for (int r = 0; r < 4; r++) {
                    scalarDot(a, rs, cs, b, c, k, n, i + r, j);
                }
            }
        }
        for (; i < rowEnd; i++) {
            int j = 0;
            for (; j + L <= n; j += L) {
                tile1x1(a, rs, cs, b, c, k, n, i, j);
            }
            if (j < n && n >= L) {
                tile1x1(a, rs, cs, b, c, k, n, i, n - L);
                j = n;
            }
            for (; j < n; j++) {
                scalarDot(a, rs, cs, b, c, k, n, i, j);
            }
        }
    }

    private static void tile4x3(double[] a, int rs, int cs, double[] b, double[] c, int k, int n, int i, int j) {
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
        int a1 = a0 + rs;
        int a2 = a1 + rs;
        int a3 = a2 + rs;
        for (int p = 0; p < k; p++) {
            int bo = p * n + j;
            int ao = p * cs;
            DoubleVector b0 = DoubleVector.fromArray(S, b, bo);
            DoubleVector b1 = DoubleVector.fromArray(S, b, bo + L);
            DoubleVector b2 = DoubleVector.fromArray(S, b, bo + 2 * L);
            DoubleVector x = DoubleVector.broadcast(S, a[a0 + ao]);
            c00 = b0.fma(x, c00);
            c01 = b1.fma(x, c01);
            c02 = b2.fma(x, c02);
            x = DoubleVector.broadcast(S, a[a1 + ao]);
            c10 = b0.fma(x, c10);
            c11 = b1.fma(x, c11);
            c12 = b2.fma(x, c12);
            x = DoubleVector.broadcast(S, a[a2 + ao]);
            c20 = b0.fma(x, c20);
            c21 = b1.fma(x, c21);
            c22 = b2.fma(x, c22);
            x = DoubleVector.broadcast(S, a[a3 + ao]);
            c30 = b0.fma(x, c30);
            c31 = b1.fma(x, c31);
            c32 = b2.fma(x, c32);
        }
        int o = i * n + j;
        c00.intoArray(c, o);
        c01.intoArray(c, o + L);
        c02.intoArray(c, o + 2 * L);
        o += n;
        c10.intoArray(c, o);
        c11.intoArray(c, o + L);
        c12.intoArray(c, o + 2 * L);
        o += n;
        c20.intoArray(c, o);
        c21.intoArray(c, o + L);
        c22.intoArray(c, o + 2 * L);
        o += n;
        c30.intoArray(c, o);
        c31.intoArray(c, o + L);
        c32.intoArray(c, o + 2 * L);
    }

    private static void tile4x1(double[] a, int rs, int cs, double[] b, double[] c, int k, int n, int i, int j) {
        DoubleVector c0 = DoubleVector.zero(S);
        DoubleVector c1 = c0;
        DoubleVector c2 = c0;
        DoubleVector c3 = c0;
        int a0 = i * rs;
        for (int p = 0; p < k; p++) {
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

    private static void tile1x1(double[] a, int rs, int cs, double[] b, double[] c, int k, int n, int i, int j) {
        DoubleVector acc = DoubleVector.zero(S);
        int a0 = i * rs;
        for (int p = 0; p < k; p++) {
            acc = DoubleVector.fromArray(S, b, p * n + j).fma(DoubleVector.broadcast(S, a[a0 + p * cs]), acc);
        }
        acc.intoArray(c, i * n + j);
    }

    /** One output element, rounded as the vector lanes round: one FMA per step, in the same order. */
    private static void scalarDot(double[] a, int rs, int cs, double[] b, double[] c, int k, int n, int i, int j) {
        double s = 0;
        int a0 = i * rs;
        for (int p = 0; p < k; p++) {
            s = Math.fma(a[a0 + p * cs], b[p * n + j], s);
        }
        c[i * n + j] = s;
    }

    @Override
    public void matmulTranspose(double[] a, double[] b, double[] out, int m, int k, int n) {
        int chunks = parallel.chunks(m, k, n);
        int rowsPerChunk = (m + chunks - 1) / chunks;
        parallel.run(chunks, chunk -> {
            int start = Math.min(m, chunk * rowsPerChunk);
            int end = Math.min(m, start + rowsPerChunk);
            for (int i = start; i < end; i++) {
                int j = 0;
                for (; j + 4 <= n; j += 4) {
                    dot1x4(a, b, out, k, n, i, j);
                }
                for (; j < n; j++) {
                    out[i * n + j] = dot(a, i * k, b, j * k, k);
                }
            }
        });
    }

    /** Four dot products of row i of a with rows j..j+3 of b, each summed as {@link #dot} sums. */
    private static void dot1x4(double[] a, double[] b, double[] out, int k, int n, int i, int j) {
        int ai = i * k;
        int b0 = j * k;
        int b1 = b0 + k;
        int b2 = b1 + k;
        int b3 = b2 + k;
        DoubleVector s0 = DoubleVector.zero(S);
        DoubleVector s1 = s0;
        DoubleVector s2 = s0;
        DoubleVector s3 = s0;
        int bound = S.loopBound(k);
        int p = 0;
        for (; p < bound; p += L) {
            DoubleVector av = DoubleVector.fromArray(S, a, ai + p);
            s0 = av.fma(DoubleVector.fromArray(S, b, b0 + p), s0);
            s1 = av.fma(DoubleVector.fromArray(S, b, b1 + p), s1);
            s2 = av.fma(DoubleVector.fromArray(S, b, b2 + p), s2);
            s3 = av.fma(DoubleVector.fromArray(S, b, b3 + p), s3);
        }
        double r0 = sumLanes(s0);
        double r1 = sumLanes(s1);
        double r2 = sumLanes(s2);
        double r3 = sumLanes(s3);
        for (; p < k; p++) {
            double x = a[ai + p];
            r0 = Math.fma(x, b[b0 + p], r0);
            r1 = Math.fma(x, b[b1 + p], r1);
            r2 = Math.fma(x, b[b2 + p], r2);
            r3 = Math.fma(x, b[b3 + p], r3);
        }
        int o = i * n + j;
        out[o] = r0;
        out[o + 1] = r1;
        out[o + 2] = r2;
        out[o + 3] = r3;
    }

    private static double dot(double[] a, int ai, double[] b, int bi, int k) {
        DoubleVector s = DoubleVector.zero(S);
        int bound = S.loopBound(k);
        int p = 0;
        for (; p < bound; p += L) {
            s = DoubleVector.fromArray(S, a, ai + p).fma(DoubleVector.fromArray(S, b, bi + p), s);
        }
        double r = sumLanes(s);
        for (; p < k; p++) {
            r = Math.fma(a[ai + p], b[bi + p], r);
        }
        return r;
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
