package nn.api;

import java.util.Arrays;

/**
 * Shape arithmetic, in one place for every backend so that rules and messages read the same everywhere:
 * sizes, NumPy broadcasting, {@code reshape} with {@code -1}, axis normalisation and permutations.
 */
public final class Shapes {

    private Shapes() {}

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
        if (Arrays.equals(a, b)) {
            return a;
        }
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

    /**
     * Element strides of {@code shape} read as a tensor of {@code target}'s shape under broadcasting: 0 along
     * the axes it is stretched over.
     */
    public static int[] broadcastStrides(int[] shape, int[] target) {
        int rank = target.length;
        int[] strides = new int[rank];
        int stride = 1;
        for (int axis = rank - 1; axis >= 0; axis--) {
            int own = axis - (rank - shape.length);
            if (own >= 0 && shape[own] == target[axis]) {
                strides[axis] = stride;
                stride *= shape[own];
            } else if (own >= 0) {
                stride *= shape[own];
            }
        }
        return strides;
    }

    /** Whether {@code small}, leading 1s aside, is the trailing block of {@code full}: a cyclic broadcast. */
    public static boolean isTrailingBlock(int[] small, int[] full) {
        int start = 0;
        while (start < small.length && small[start] == 1) {
            start++;
        }
        int length = small.length - start;
        if (length > full.length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (small[start + i] != full[full.length - length + i]) {
                return false;
            }
        }
        return true;
    }

    /** {@code requested} with its one {@code -1} (if any) inferred so that it holds {@code size} elements. */
    public static int[] reshape(int size, int[] current, int[] requested) {
        int[] resolved = requested.clone();
        int inferred = -1;
        long known = 1;
        for (int i = 0; i < resolved.length; i++) {
            if (resolved[i] == -1) {
                if (inferred >= 0) {
                    throw new IllegalArgumentException("reshape: only one axis may be -1 in " + toString(requested));
                }
                inferred = i;
            } else if (resolved[i] < 0) {
                throw new IllegalArgumentException("reshape: negative length in " + toString(requested));
            } else {
                known *= resolved[i];
            }
        }
        if (inferred >= 0 && known > 0 && size % known == 0) {
            resolved[inferred] = (int) (size / known);
        }
        if ((inferred >= 0 && resolved[inferred] == -1) || known > Integer.MAX_VALUE || size(resolved) != size) {
            throw new IllegalArgumentException(
                    "reshape: cannot reshape " + toString(current) + " (size " + size + ") to " + toString(requested));
        }
        return resolved;
    }

    /** {@code axis} counted from the front ({@code -1} is the last axis), or an error naming the shape. */
    public static int axis(int axis, int[] shape) {
        int a = axis < 0 ? axis + shape.length : axis;
        if (a < 0 || a >= shape.length) {
            throw new IllegalArgumentException("Axis " + axis + " is out of range for shape " + toString(shape));
        }
        return a;
    }

    /** The shape without one axis: the shape of a reduction over it. */
    public static int[] without(int[] shape, int axis) {
        int[] result = new int[shape.length - 1];
        for (int i = 0, j = 0; i < shape.length; i++) {
            if (i != axis) {
                result[j++] = shape[i];
            }
        }
        return result;
    }

    /** The product of the lengths before {@code axis}. */
    public static int outer(int[] shape, int axis) {
        int outer = 1;
        for (int i = 0; i < axis; i++) {
            outer *= shape[i];
        }
        return outer;
    }

    /** The product of the lengths after {@code axis}. */
    public static int inner(int[] shape, int axis) {
        int inner = 1;
        for (int i = axis + 1; i < shape.length; i++) {
            inner *= shape[i];
        }
        return inner;
    }

    /** The shape after permuting axes as NumPy's {@code transpose(axes)}; checks that axes is a permutation. */
    public static int[] permute(int[] shape, int[] axes) {
        if (axes.length != shape.length) {
            throw new IllegalArgumentException("transpose: axes " + toString(axes) + " do not match the " + shape.length
                    + " axes of shape " + toString(shape));
        }
        boolean[] seen = new boolean[shape.length];
        int[] result = new int[shape.length];
        for (int i = 0; i < axes.length; i++) {
            int a = axis(axes[i], shape);
            if (seen[a]) {
                throw new IllegalArgumentException("transpose: axes " + toString(axes) + " repeat axis " + a);
            }
            seen[a] = true;
            result[i] = shape[a];
        }
        return result;
    }

    /**
     * For a layer's {@code backward}: {@code dout} must have the shape of the output it is the gradient of, or an
     * {@link IllegalArgumentException} names both (a broadcast would silently give a gradient of another shape).
     */
    public static void requireGradientShape(String layer, Tensor output, Tensor dout) {
        boolean same = output.rank() == dout.rank();
        for (int axis = 0; same && axis < output.rank(); axis++) {
            same = output.dim(axis) == dout.dim(axis);
        }
        if (!same) {
            throw new IllegalArgumentException(layer + ".backward: dout has shape " + toString(dout.shape())
                    + ", but the output of the last forward pass has shape " + toString(output.shape()));
        }
    }

    /**
     * For every index of {@code shape} in row-major order, the element offset {@code Σ index[axis] · strides[axis]}:
     * the one strided walk behind general broadcasting and axis permutation.
     */
    public static int[] offsets(int[] shape, int[] strides) {
        int[] offsets = new int[size(shape)];
        int[] index = new int[shape.length];
        int offset = 0;
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] = offset;
            for (int axis = shape.length - 1; axis >= 0; axis--) {
                index[axis]++;
                offset += strides[axis];
                if (index[axis] < shape[axis]) {
                    break;
                }
                offset -= strides[axis] * index[axis];
                index[axis] = 0;
            }
        }
        return offsets;
    }

    /** Row-major element strides of a shape. */
    public static int[] strides(int[] shape) {
        int[] strides = new int[shape.length];
        int stride = 1;
        for (int axis = shape.length - 1; axis >= 0; axis--) {
            strides[axis] = stride;
            stride *= shape[axis];
        }
        return strides;
    }
}
