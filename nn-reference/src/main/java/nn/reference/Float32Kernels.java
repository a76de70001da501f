package nn.reference;

import nn.array.BinaryOp;
import nn.array.Kernels;
import nn.array.RowSupport;
import nn.array.UnaryOp;
import org.jspecify.annotations.Nullable;

/**
 * The reference loops on {@code float[]}: every element computed in double, as its definition reads, and
 * rounded to float once at the end, so the oracle is as exact as a float32 result can be. Sums and products
 * accumulate in double; a faster float32 backend accumulates in float and is compared within the float32
 * tolerance.
 */
final class Float32Kernels implements Kernels<float[]> {

    @Override
    public void binary(BinaryOp op, float[] a, float[] b, float[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = (float) op.apply(a[i], b[i]);
        }
    }

    @Override
    public void binaryScalar(BinaryOp op, float[] a, double s, boolean scalarFirst, float[] out, int n) {
        float f = (float) s;
        for (int i = 0; i < n; i++) {
            out[i] = (float) (scalarFirst ? op.apply(f, a[i]) : op.apply(a[i], f));
        }
    }

    @Override
    public void binaryRow(BinaryOp op, float[] a, float[] row, boolean rowFirst, float[] out, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int i = r * cols + c;
                out[i] = (float) (rowFirst ? op.apply(row[c], a[i]) : op.apply(a[i], row[c]));
            }
        }
    }

    @Override
    public void axpy(double alpha, float[] x, float[] y, int n) {
        float f = (float) alpha;
        for (int i = 0; i < n; i++) {
            y[i] = (float) (y[i] + (double) f * x[i]);
        }
    }

    @Override
    public void unary(UnaryOp op, float[] a, float[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = (float) op.apply(a[i]);
        }
    }

    @Override
    public void where(float[] mask, float[] a, float[] b, float[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = mask[i] != 0 ? a[i] : b[i];
        }
    }

    /** Reads every element of {@code a}: {@code aRows} is for kernels that skip zeros. */
    @Override
    public void matmul(float[] a, @Nullable RowSupport aRows, float[] b, float[] out, int m, int k, int n) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += (double) a[i * k + p] * b[p * n + j];
                }
                out[i * n + j] = (float) s;
            }
        }
    }

    /** Reads every element of {@code a}: {@code aRows} is for kernels that skip zeros. */
    @Override
    public void transposeMatmul(float[] a, @Nullable RowSupport aRows, float[] b, float[] out, int m, int k, int n) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += (double) a[p * m + i] * b[p * n + j];
                }
                out[i * n + j] = (float) s;
            }
        }
    }

    @Override
    public void matmulTranspose(float[] a, float[] b, float[] out, int m, int k, int n) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += (double) a[i * k + p] * b[j * k + p];
                }
                out[i * n + j] = (float) s;
            }
        }
    }

    @Override
    public double sum(float[] a, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += a[i];
        }
        return s;
    }

    @Override
    public double max(float[] a, int n) {
        float m = a[0];
        for (int i = 1; i < n; i++) {
            m = Math.max(m, a[i]);
        }
        return m;
    }

    @Override
    public double min(float[] a, int n) {
        float m = a[0];
        for (int i = 1; i < n; i++) {
            m = Math.min(m, a[i]);
        }
        return m;
    }

    @Override
    public void sumAxis(float[] a, float[] out, int outer, int length, int inner) {
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < inner; j++) {
                double s = 0;
                for (int l = 0; l < length; l++) {
                    s += a[(o * length + l) * inner + j];
                }
                out[o * inner + j] = (float) s;
            }
        }
    }

    @Override
    public void maxAxis(float[] a, float[] out, int outer, int length, int inner) {
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < inner; j++) {
                float m = a[o * length * inner + j];
                for (int l = 1; l < length; l++) {
                    m = Math.max(m, a[(o * length + l) * inner + j]);
                }
                out[o * inner + j] = m;
            }
        }
    }

    @Override
    public void softmaxRows(float[] a, float[] out, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            float max = a[base];
            for (int c = 1; c < cols; c++) {
                max = Math.max(max, a[base + c]);
            }
            double sum = 0;
            for (int c = 0; c < cols; c++) {
                sum += Math.exp((double) a[base + c] - max);
            }
            for (int c = 0; c < cols; c++) {
                out[base + c] = (float) (Math.exp((double) a[base + c] - max) / sum);
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
