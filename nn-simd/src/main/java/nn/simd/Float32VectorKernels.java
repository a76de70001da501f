package nn.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import nn.array.BinaryOp;
import nn.array.Kernels;
import nn.array.UnaryOp;

/**
 * Every kernel on {@code float[]} with the Vector API, twice the lanes of float64: the same code as
 * {@code Float64VectorKernels} on {@code FloatVector} (a change there belongs here too). Sums accumulate in
 * float, as NumPy's float32 products do; the conformance suite allows for that against the reference, which
 * accumulates in double.
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
final class Float32VectorKernels implements Kernels<float[]> {

    private static final VectorSpecies<Float> S = VectorWidth.FLOAT32;
    private static final int L = S.length();

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
    public void matmul(float[] a, float[] b, float[] out, int m, int k, int n) {
        // A(i, p) = a[i * k + p]
        gemm(a, k, 1, b, out, m, k, n);
    }

    @Override
    public void transposeMatmul(float[] a, float[] b, float[] out, int m, int k, int n) {
        // A = aᵀ for a [k, m]: A(i, p) = a[p * m + i]
        gemm(a, 1, m, b, out, m, k, n);
    }

    /** {@code c = A · b} with {@code A(i, p) = a[i * rowStride + p * colStride]}, split by rows across threads. */
    private void gemm(float[] a, int rowStride, int colStride, float[] b, float[] c, int m, int k, int n) {
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
            float[] a, int rs, int cs, float[] b, float[] c, int k, int n, int rowStart, int rowEnd) {
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

    private static void tile4x3(float[] a, int rs, int cs, float[] b, float[] c, int k, int n, int i, int j) {
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
        int a1 = a0 + rs;
        int a2 = a1 + rs;
        int a3 = a2 + rs;
        for (int p = 0; p < k; p++) {
            int bo = p * n + j;
            int ao = p * cs;
            FloatVector b0 = FloatVector.fromArray(S, b, bo);
            FloatVector b1 = FloatVector.fromArray(S, b, bo + L);
            FloatVector b2 = FloatVector.fromArray(S, b, bo + 2 * L);
            FloatVector x = FloatVector.broadcast(S, a[a0 + ao]);
            c00 = b0.fma(x, c00);
            c01 = b1.fma(x, c01);
            c02 = b2.fma(x, c02);
            x = FloatVector.broadcast(S, a[a1 + ao]);
            c10 = b0.fma(x, c10);
            c11 = b1.fma(x, c11);
            c12 = b2.fma(x, c12);
            x = FloatVector.broadcast(S, a[a2 + ao]);
            c20 = b0.fma(x, c20);
            c21 = b1.fma(x, c21);
            c22 = b2.fma(x, c22);
            x = FloatVector.broadcast(S, a[a3 + ao]);
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

    private static void tile4x1(float[] a, int rs, int cs, float[] b, float[] c, int k, int n, int i, int j) {
        FloatVector c0 = FloatVector.zero(S);
        FloatVector c1 = c0;
        FloatVector c2 = c0;
        FloatVector c3 = c0;
        int a0 = i * rs;
        for (int p = 0; p < k; p++) {
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

    private static void tile1x1(float[] a, int rs, int cs, float[] b, float[] c, int k, int n, int i, int j) {
        FloatVector acc = FloatVector.zero(S);
        int a0 = i * rs;
        for (int p = 0; p < k; p++) {
            acc = FloatVector.fromArray(S, b, p * n + j).fma(FloatVector.broadcast(S, a[a0 + p * cs]), acc);
        }
        acc.intoArray(c, i * n + j);
    }

    /** One output element, rounded as the vector lanes round: one FMA per step, in the same order. */
    private static void scalarDot(float[] a, int rs, int cs, float[] b, float[] c, int k, int n, int i, int j) {
        float s = 0;
        int a0 = i * rs;
        for (int p = 0; p < k; p++) {
            s = Math.fma(a[a0 + p * cs], b[p * n + j], s);
        }
        c[i * n + j] = s;
    }

    @Override
    public void matmulTranspose(float[] a, float[] b, float[] out, int m, int k, int n) {
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
    private static void dot1x4(float[] a, float[] b, float[] out, int k, int n, int i, int j) {
        int ai = i * k;
        int b0 = j * k;
        int b1 = b0 + k;
        int b2 = b1 + k;
        int b3 = b2 + k;
        FloatVector s0 = FloatVector.zero(S);
        FloatVector s1 = s0;
        FloatVector s2 = s0;
        FloatVector s3 = s0;
        int bound = S.loopBound(k);
        int p = 0;
        for (; p < bound; p += L) {
            FloatVector av = FloatVector.fromArray(S, a, ai + p);
            s0 = av.fma(FloatVector.fromArray(S, b, b0 + p), s0);
            s1 = av.fma(FloatVector.fromArray(S, b, b1 + p), s1);
            s2 = av.fma(FloatVector.fromArray(S, b, b2 + p), s2);
            s3 = av.fma(FloatVector.fromArray(S, b, b3 + p), s3);
        }
        float r0 = sumLanes(s0);
        float r1 = sumLanes(s1);
        float r2 = sumLanes(s2);
        float r3 = sumLanes(s3);
        for (; p < k; p++) {
            float x = a[ai + p];
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

    private static float dot(float[] a, int ai, float[] b, int bi, int k) {
        FloatVector s = FloatVector.zero(S);
        int bound = S.loopBound(k);
        int p = 0;
        for (; p < bound; p += L) {
            s = FloatVector.fromArray(S, a, ai + p).fma(FloatVector.fromArray(S, b, bi + p), s);
        }
        float r = sumLanes(s);
        for (; p < k; p++) {
            r = Math.fma(a[ai + p], b[bi + p], r);
        }
        return r;
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
