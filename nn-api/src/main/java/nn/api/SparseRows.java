package nn.api;

import java.util.Arrays;

/**
 * Where the non-zero elements of a mostly-zero matrix are, row by row: the row starts and column indices of the CSR
 * format, without the values, plus a bitmap of each row's columns. Made once, for instance by a data set at load (81%
 * of MNIST's pixels are 0), then used to write rows into batch tensors with {@link Tensor#assignSparseRow}, which
 * may keep the bitmaps: the first layer's products then find a batch's zeros in them instead of reading the batch.
 * Immutable.
 */
public final class SparseRows {

    private final int columns;
    private final int[] starts;
    private final int[] indices;
    private final int words;
    private final long[] bits;

    /**
     * Row r's non-zeros are at columns {@code indices[starts[r] .. starts[r + 1])}, ascending; {@code starts} has one
     * more element than there are rows, from 0 to {@code indices.length}. Both arrays are copied.
     *
     * @throws IllegalArgumentException naming the first row or index that breaks these rules
     */
    public SparseRows(int columns, int[] starts, int[] indices) {
        if (columns < 0) {
            throw new IllegalArgumentException("SparseRows: " + columns + " columns; give a count of 0 or more");
        }
        if (starts.length == 0 || starts[0] != 0 || starts[starts.length - 1] != indices.length) {
            throw new IllegalArgumentException("SparseRows: the row starts must run from 0 to the number of indices ("
                    + indices.length + "), one more than there are rows");
        }
        this.columns = columns;
        this.starts = starts.clone();
        this.indices = indices.clone();
        this.words = (columns + 63) >>> 6;
        int rows = starts.length - 1;
        this.bits = new long[rows * words];
        for (int r = 0; r < rows; r++) {
            if (this.starts[r + 1] < this.starts[r]) {
                throw new IllegalArgumentException("SparseRows: row " + r + " ends (" + this.starts[r + 1]
                        + ") before it starts (" + this.starts[r] + "); give non-decreasing row starts");
            }
        }
        for (int r = 0; r < rows; r++) {
            int previous = -1;
            for (int q = this.starts[r]; q < this.starts[r + 1]; q++) {
                int c = this.indices[q];
                if (c <= previous || c >= columns) {
                    throw new IllegalArgumentException("SparseRows: row " + r + " lists column " + c + ", "
                            + (c >= columns || c < 0 ? "outside [0, " + columns + ")" : "not after column " + previous)
                            + "; give each row's columns once, in ascending order");
                }
                previous = c;
                bits[r * words + (c >>> 6)] |= 1L << c;
            }
        }
    }

    /** The non-zeros of a row-major {@code [rows, columns]} matrix: every element that is not ±0 (a NaN counts). */
    public static SparseRows of(double[] matrix, int rows, int columns) {
        if ((long) rows * columns != matrix.length) {
            throw new IllegalArgumentException("SparseRows.of: " + matrix.length + " values do not fill " + rows
                    + " rows of " + columns + " columns");
        }
        int[] starts = new int[rows + 1];
        int[] indices = new int[matrix.length];
        int q = 0;
        for (int r = 0; r < rows; r++) {
            starts[r] = q;
            for (int c = 0; c < columns; c++) {
                if (!(matrix[r * columns + c] == 0)) {
                    indices[q++] = c;
                }
            }
        }
        starts[rows] = q;
        return new SparseRows(columns, starts, Arrays.copyOf(indices, q));
    }

    /** The number of rows. */
    public int rows() {
        return starts.length - 1;
    }

    /** The number of columns. */
    public int columns() {
        return columns;
    }

    /** Where row {@code row}'s column indices start, in the order of all rows' indices. */
    public int start(int row) {
        return starts[row];
    }

    /** How many non-zeros row {@code row} has. */
    public int count(int row) {
        return starts[row + 1] - starts[row];
    }

    /** The column of the non-zero at {@code position} (from {@link #start} of its row on). */
    public int column(int position) {
        return indices[position];
    }

    /** Longs in a row's bitmap: bit {@code c % 64} of word {@code c / 64} is set where column c is listed. */
    public int words() {
        return words;
    }

    /** Copies row {@code row}'s bitmap ({@link #words()} longs) into {@code to} from {@code offset} on. */
    public void copyBits(int row, long[] to, int offset) {
        System.arraycopy(bits, row * words, to, offset, words);
    }

    @Override
    public String toString() {
        return "SparseRows[" + rows() + " × " + columns + ", " + indices.length + " non-zeros]";
    }
}
