package nn.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SparseRowsTest {

    @Test
    void listsEachRowsColumnsAndTheirBitmap() {
        int[] starts = {0, 3, 3, 4};
        int[] indices = {0, 63, 64, 129};
        SparseRows rows = new SparseRows(130, starts, indices);
        starts[1] = 99; // copied: the caller's arrays may change
        indices[0] = 5;
        assertThat(rows.rows()).isEqualTo(3);
        assertThat(rows.columns()).isEqualTo(130);
        assertThat(rows.words()).isEqualTo(3);
        assertThat(rows.count(0)).isEqualTo(3);
        assertThat(rows.count(1)).isZero();
        assertThat(rows.start(2)).isEqualTo(3);
        assertThat(rows.column(0)).isZero();
        assertThat(rows.column(3)).isEqualTo(129);
        long[] bits = new long[5];
        rows.copyBits(0, bits, 1);
        assertThat(bits).containsExactly(0, 1L | 1L << 63, 1, 0, 0);
        rows.copyBits(2, bits, 0);
        assertThat(bits).startsWith(0, 0, 2);
        assertThat(rows).hasToString("SparseRows[3 × 130, 4 non-zeros]");
    }

    @Test
    void listsTheNonZerosOfADenseMatrix() {
        SparseRows rows = SparseRows.of(new double[] {0, 2, -0.0, Double.NaN, 0, 0, 0, 0, -1}, 3, 3);
        assertThat(rows.rows()).isEqualTo(3);
        assertThat(rows.count(0)).isEqualTo(1);
        assertThat(rows.column(0)).isEqualTo(1);
        assertThat(rows.count(1)).isEqualTo(1); // the NaN counts, -0 does not
        assertThat(rows.column(rows.start(1))).isZero();
        assertThat(rows.count(2)).isEqualTo(1);
        assertThat(rows.column(rows.start(2))).isEqualTo(2);
        assertThatThrownBy(() -> SparseRows.of(new double[5], 2, 3))
                .hasMessageContaining("5 values do not fill 2 rows");
    }

    @Test
    void refusesRowsThatAreNotListedInOrder() {
        assertThatThrownBy(() -> new SparseRows(4, new int[] {0, 2}, new int[] {2, 1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("row 0 lists column 1, not after column 2")
                .hasMessageContaining("ascending order");
        assertThatThrownBy(() -> new SparseRows(4, new int[] {0, 1, 2}, new int[] {1, 4}))
                .hasMessageContaining("row 1 lists column 4, outside [0, 4)");
        assertThatThrownBy(() -> new SparseRows(4, new int[] {0, 1, 1}, new int[] {-1}))
                .hasMessageContaining("column -1, outside [0, 4)");
        assertThatThrownBy(() -> new SparseRows(4, new int[] {0, 2, 1}, new int[] {0}))
                .hasMessageContaining("row 1 ends (1) before it starts (2)");
        assertThatThrownBy(() -> new SparseRows(4, new int[] {0, 1}, new int[] {0, 1}))
                .hasMessageContaining("from 0 to the number of indices (2)");
        assertThatThrownBy(() -> new SparseRows(-1, new int[] {0}, new int[0])).hasMessageContaining("-1 columns");
    }
}
