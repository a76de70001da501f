package nn.array;

import java.util.Arrays;
import nn.api.SparseRows;

/**
 * Which elements of each row of a matrix may be non-zero, as {@link ArrayTensor#assignSparseRow} wrote them from a
 * {@link SparseRows} pattern: a bitmap of {@link #words()} longs per row, bit {@code c % 64} of word {@code c / 64}
 * for column {@code c}. A product that skips zeros lists its steps from these bits instead of reading the whole
 * matrix for them. A tensor hands it to its kernels only while it is {@link #complete()}: every row written that way
 * since the tensor's last other write.
 */
public final class RowSupport {

    private final int rows;
    private final int columns;
    private final int words;
    private final long[] bits;
    private final boolean[] known;
    private int knownRows;

    RowSupport(int rows, int columns) {
        this.rows = rows;
        this.columns = columns;
        this.words = (columns + 63) >>> 6;
        this.bits = new long[rows * words];
        this.known = new boolean[rows];
    }

    /** The matrix's number of rows. */
    public int rows() {
        return rows;
    }

    /** The matrix's number of columns. */
    public int columns() {
        return columns;
    }

    /** Longs per row. */
    public int words() {
        return words;
    }

    /** Every row's bits, row after row: row r's are {@code bits()[r * words() .. (r + 1) * words())}. */
    public long[] bits() {
        return bits;
    }

    /** Whether every row's bits are known. */
    public boolean complete() {
        return knownRows == rows;
    }

    /** How many elements are not zero, over all rows (when {@link #complete()}). */
    public long nonzeros() {
        long n = 0;
        for (long word : bits) {
            n += Long.bitCount(word);
        }
        return n;
    }

    /** Marks row {@code row} unknown, while it is written. */
    void forgetRow(int row) {
        if (known[row]) {
            known[row] = false;
            knownRows--;
        }
    }

    /** Row {@code row} now holds row {@code sourceRow} of {@code pattern}: its bits, known when {@code trusted}. */
    void setRow(int row, SparseRows pattern, int sourceRow, boolean trusted) {
        pattern.copyBits(sourceRow, bits, row * words);
        if (trusted) {
            known[row] = true;
            knownRows++;
        }
    }

    /** Forgets every row: the matrix was written some other way. */
    void forget() {
        if (knownRows > 0) {
            Arrays.fill(known, false);
            knownRows = 0;
        }
    }
}
