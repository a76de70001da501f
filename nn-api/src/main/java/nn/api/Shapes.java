package nn.api;

import java.util.Arrays;

/** Small helpers for shapes, shared by every backend so that messages read the same everywhere. */
public final class Shapes {

    private Shapes() {
    }

    /** The number of elements of a shape; rejects negative lengths. */
    public static int size(int... shape) {
        long size = 1;
        for (int length : shape) {
            if (length < 0) {
                throw new IllegalArgumentException("Negative length in shape " + Arrays.toString(shape));
            }
            size *= length;
            if (size > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("Shape " + Arrays.toString(shape) + " has too many elements");
            }
        }
        return (int) size;
    }

    /** The shape as {@code [2, 3]}. */
    public static String toString(int... shape) {
        return Arrays.toString(shape);
    }

    /**
     * The shape that NumPy broadcasting gives for two shapes, or an {@link IllegalArgumentException} naming both.
     */
    public static int[] broadcast(int[] a, int[] b) {
        int rank = Math.max(a.length, b.length);
        int[] result = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
            int db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException(
                        "Shapes " + toString(a) + " and " + toString(b) + " cannot be broadcast together");
            }
            result[i] = da == 1 ? db : da;
        }
        return result;
    }
}
