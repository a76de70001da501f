package nn.core.layers;

import java.util.HashMap;
import java.util.Map;
import nn.api.Tensor;

/**
 * Output tensors a layer owns and reuses from one call to the next, so that a training step at a fixed
 * batch size allocates nothing. A buffer is made anew when the shape or backend changes.
 */
public final class Buffers {

    private final Map<String, Tensor> buffers = new HashMap<>();

    /** The buffer {@code name} with the shape and backend of {@code like}. */
    public Tensor get(String name, Tensor like) {
        Tensor buffer = buffers.get(name);
        if (buffer == null || buffer.backend() != like.backend() || !sameShape(buffer, like)) {
            buffer = like.backend().zeros(like.shape());
            buffers.put(name, buffer);
        }
        return buffer;
    }

    /** The buffer {@code name} with the backend of {@code like} and shape {@code [rows, cols]}. */
    public Tensor get(String name, Tensor like, int rows, int cols) {
        Tensor buffer = buffers.get(name);
        if (buffer == null || buffer.backend() != like.backend() || buffer.rank() != 2 || buffer.dim(0) != rows
                || buffer.dim(1) != cols) {
            buffer = like.backend().zeros(rows, cols);
            buffers.put(name, buffer);
        }
        return buffer;
    }

    private static boolean sameShape(Tensor a, Tensor b) {
        if (a.rank() != b.rank()) {
            return false;
        }
        for (int axis = 0; axis < a.rank(); axis++) {
            if (a.dim(axis) != b.dim(axis)) {
                return false;
            }
        }
        return true;
    }

}
