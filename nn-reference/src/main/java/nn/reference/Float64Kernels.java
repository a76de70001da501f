package nn.reference;

import nn.array.BinaryOp;
import nn.array.Kernels;
import nn.array.RowSupport;
import nn.array.UnaryOp;
import org.jspecify.annotations.Nullable;

/**
 * The reference loops on {@code double[]}: each written as the definition reads, in one fixed order, so that
 * they are the oracle every faster backend is tested against. Clarity wins over speed here; matrix products
 * are the textbook dot product per output element.
 */
final class Float64Kernels implements Kernels<double[]> {

    @Override
    public void binary(BinaryOp op, double[] a, double[] b, double[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = op.apply(a[i], b[i]);
        }
    }

    @Override
    public void binaryScalar(BinaryOp op, double[] a, double s, boolean scalarFirst, double[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = scalarFirst ? op.apply(s, a[i]) : op.apply(a[i], s);
        }
    }

    @Override
    public void binaryRow(BinaryOp op, double[] a, double[] row, boolean rowFirst, double[] out, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int i = r * cols + c;
                out[i] = rowFirst ? op.apply(row[c], a[i]) : op.apply(a[i], row[c]);
            }
        }
    }

    @Override
    public void axpy(double alpha, double[] x, double[] y, int n) {
        for (int i = 0; i < n; i++) {
            y[i] += alpha * x[i];
        }
    }

    @Override
    public void unary(UnaryOp op, double[] a, double[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = op.apply(a[i]);
        }
    }

    @Override
    public void where(double[] mask, double[] a, double[] b, double[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = mask[i] != 0 ? a[i] : b[i];
        }
    }

    /** Reads every element of {@code a}: {@code aRows} is for kernels that skip zeros. */
    @Override
    public void matmul(double[] a, @Nullable RowSupport aRows, double[] b, double[] out, int m, int k, int n) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += a[i * k + p] * b[p * n + j];
                }
                out[i * n + j] = s;
            }
        }
    }

    /** Reads every element of {@code a}: {@code aRows} is for kernels that skip zeros. */
    @Override
    public void transposeMatmul(double[] a, @Nullable RowSupport aRows, double[] b, double[] out, int m, int k, int n) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += a[p * m + i] * b[p * n + j];
                }
                out[i * n + j] = s;
            }
        }
    }

    @Override
    public void matmulTranspose(double[] a, double[] b, double[] out, int m, int k, int n) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += a[i * k + p] * b[j * k + p];
                }
                out[i * n + j] = s;
            }
        }
    }

    @Override
    public double sum(double[] a, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += a[i];
        }
        return s;
    }

    @Override
    public double max(double[] a, int n) {
        double m = a[0];
        for (int i = 1; i < n; i++) {
            m = Math.max(m, a[i]);
        }
        return m;
    }

    @Override
    public double min(double[] a, int n) {
        double m = a[0];
        for (int i = 1; i < n; i++) {
            m = Math.min(m, a[i]);
        }
        return m;
    }

    @Override
    public void sumAxis(double[] a, double[] out, int outer, int length, int inner) {
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < inner; j++) {
                double s = 0;
                for (int l = 0; l < length; l++) {
                    s += a[(o * length + l) * inner + j];
                }
                out[o * inner + j] = s;
            }
        }
    }

    @Override
    public void maxAxis(double[] a, double[] out, int outer, int length, int inner) {
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < inner; j++) {
                double m = a[o * length * inner + j];
                for (int l = 1; l < length; l++) {
                    m = Math.max(m, a[(o * length + l) * inner + j]);
                }
                out[o * inner + j] = m;
            }
        }
    }

    @Override
    public void softmaxRows(double[] a, double[] out, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            double max = a[base];
            for (int c = 1; c < cols; c++) {
                max = Math.max(max, a[base + c]);
            }
            double sum = 0;
            for (int c = 0; c < cols; c++) {
                double e = Math.exp(a[base + c] - max);
                out[base + c] = e;
                sum += e;
            }
            for (int c = 0; c < cols; c++) {
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
