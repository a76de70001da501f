package nn.array;

import java.util.Arrays;
import nn.api.DType;
import nn.api.SparseRows;

/**
 * What a dtype's Java array can do, for the parts of {@link ArrayTensor} that are not hot loops: element
 * access, copies and conversions. One implementation per dtype, shared by every array backend.
 *
 * @param <A> the array type: {@code double[]} or {@code float[]}
 */
public interface Storage<A> {

    /** {@code double[]} storage. */
    Storage<double[]> FLOAT64 = new Float64();

    /** {@code float[]} storage. */
    Storage<float[]> FLOAT32 = new Float32();

    DType dtype();

    A allocate(int length);

    int length(A array);

    double get(A array, int i);

    /** Stores {@code value}, rounded to the dtype. */
    void set(A array, int i, double value);

    void fill(A array, double value);

    A copyOf(A array);

    void copy(A from, A to);

    /** Copies all of {@code values} into {@code to} from {@code offset} on, rounding to the dtype. */
    void assign(double[] values, A to, int offset);

    /** Copies all of {@code values} into {@code to} from {@code offset} on. */
    void assign(float[] values, A to, int offset);

    /**
     * Zeros {@code to[offset .. offset + length)}, then writes {@code values[j]}, rounded to the dtype, at the j-th
     * column row {@code sourceRow} of {@code pattern} lists: a sparse row, checked by the caller.
     */
    void assignSparse(SparseRows pattern, int sourceRow, double[] values, A to, int offset, int length);

    /** {@link #assignSparse(SparseRows, int, double[], Object, int, int)} from {@code float} values. */
    void assignSparse(SparseRows pattern, int sourceRow, float[] values, A to, int offset, int length);

    double[] toDoubles(A array);

    float[] toFloats(A array);

    /** The storage of a dtype. */
    @SuppressWarnings("unchecked")
    static <A> Storage<A> of(DType dtype) {
        return (Storage<A>) (dtype == DType.FLOAT64 ? FLOAT64 : FLOAT32);
    }

    /** {@code double[]} storage. */
    final class Float64 implements Storage<double[]> {
        private Float64() {}

        @Override
        public DType dtype() {
            return DType.FLOAT64;
        }

        @Override
        public double[] allocate(int length) {
            return new double[length];
        }

        @Override
        public int length(double[] array) {
            return array.length;
        }

        @Override
        public double get(double[] array, int i) {
            return array[i];
        }

        @Override
        public void set(double[] array, int i, double value) {
            array[i] = value;
        }

        @Override
        public void fill(double[] array, double value) {
            Arrays.fill(array, value);
        }

        @Override
        public double[] copyOf(double[] array) {
            return array.clone();
        }

        @Override
        public void copy(double[] from, double[] to) {
            System.arraycopy(from, 0, to, 0, to.length);
        }

        @Override
        public void assign(double[] values, double[] to, int offset) {
            System.arraycopy(values, 0, to, offset, values.length);
        }

        @Override
        public void assign(float[] values, double[] to, int offset) {
            for (int i = 0; i < values.length; i++) {
                to[offset + i] = values[i];
            }
        }

        @Override
        public void assignSparse(
                SparseRows pattern, int sourceRow, double[] values, double[] to, int offset, int length) {
            Arrays.fill(to, offset, offset + length, 0.0);
            int start = pattern.start(sourceRow);
            int count = pattern.count(sourceRow);
            for (int j = 0; j < count; j++) {
                to[offset + pattern.column(start + j)] = values[j];
            }
        }

        @Override
        public void assignSparse(
                SparseRows pattern, int sourceRow, float[] values, double[] to, int offset, int length) {
            Arrays.fill(to, offset, offset + length, 0.0);
            int start = pattern.start(sourceRow);
            int count = pattern.count(sourceRow);
            for (int j = 0; j < count; j++) {
                to[offset + pattern.column(start + j)] = values[j];
            }
        }

        @Override
        public double[] toDoubles(double[] array) {
            return array.clone();
        }

        @Override
        public float[] toFloats(double[] array) {
            float[] result = new float[array.length];
            for (int i = 0; i < array.length; i++) {
                result[i] = (float) array[i];
            }
            return result;
        }
    }

    /** {@code float[]} storage. */
    final class Float32 implements Storage<float[]> {
        private Float32() {}

        @Override
        public DType dtype() {
            return DType.FLOAT32;
        }

        @Override
        public float[] allocate(int length) {
            return new float[length];
        }

        @Override
        public int length(float[] array) {
            return array.length;
        }

        @Override
        public double get(float[] array, int i) {
            return array[i];
        }

        @Override
        public void set(float[] array, int i, double value) {
            array[i] = (float) value;
        }

        @Override
        public void fill(float[] array, double value) {
            Arrays.fill(array, (float) value);
        }

        @Override
        public float[] copyOf(float[] array) {
            return array.clone();
        }

        @Override
        public void copy(float[] from, float[] to) {
            System.arraycopy(from, 0, to, 0, to.length);
        }

        @Override
        public void assign(double[] values, float[] to, int offset) {
            for (int i = 0; i < values.length; i++) {
                to[offset + i] = (float) values[i];
            }
        }

        @Override
        public void assign(float[] values, float[] to, int offset) {
            System.arraycopy(values, 0, to, offset, values.length);
        }

        @Override
        public void assignSparse(
                SparseRows pattern, int sourceRow, double[] values, float[] to, int offset, int length) {
            Arrays.fill(to, offset, offset + length, 0f);
            int start = pattern.start(sourceRow);
            int count = pattern.count(sourceRow);
            for (int j = 0; j < count; j++) {
                to[offset + pattern.column(start + j)] = (float) values[j];
            }
        }

        @Override
        public void assignSparse(
                SparseRows pattern, int sourceRow, float[] values, float[] to, int offset, int length) {
            Arrays.fill(to, offset, offset + length, 0f);
            int start = pattern.start(sourceRow);
            int count = pattern.count(sourceRow);
            for (int j = 0; j < count; j++) {
                to[offset + pattern.column(start + j)] = values[j];
            }
        }

        @Override
        public double[] toDoubles(float[] array) {
            double[] result = new double[array.length];
            for (int i = 0; i < array.length; i++) {
                result[i] = array[i];
            }
            return result;
        }

        @Override
        public float[] toFloats(float[] array) {
            return array.clone();
        }
    }
}
