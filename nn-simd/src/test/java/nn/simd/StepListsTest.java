package nn.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StepListsTest {

    /** Every mask of every lane count the kernels use, appended after a prefix, against a loop over the bits. */
    @ParameterizedTest
    @ValueSource(ints = {2, 4, 8, 16})
    void appendsTheSetBitsInOrderAfterWhatIsThere(int lanes) {
        int first = 40;
        int[] prefix = {3, 17};
        for (int bits = 0; bits < 1 << lanes; bits++) {
            int[] steps = new int[prefix.length + lanes + StepLists.SLACK];
            System.arraycopy(prefix, 0, steps, 0, prefix.length);
            int count = StepLists.append(steps, prefix.length, first, bits, lanes);

            int[] expected = new int[prefix.length + lanes];
            System.arraycopy(prefix, 0, expected, 0, prefix.length);
            int n = prefix.length;
            for (int r = 0; r < lanes; r++) {
                if ((bits >>> r & 1) != 0) {
                    expected[n++] = first + r;
                }
            }
            assertEquals(n, count, "count for mask " + Integer.toBinaryString(bits));
            assertArrayEquals(Arrays.copyOf(expected, n), Arrays.copyOf(steps, count), Integer.toBinaryString(bits));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 4, 8, 16})
    void laneWeightsArePowersOfTwoInBothDtypes(int lanes) {
        long[] longs = StepLists.laneBits(lanes);
        int[] ints = StepLists.laneBitsInt(lanes);
        for (int r = 0; r < lanes; r++) {
            assertEquals(1L << r, longs[r]);
            assertEquals(1 << r, ints[r]);
        }
    }
}
