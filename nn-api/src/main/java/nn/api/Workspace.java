package nn.api;

import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Recycles the results of tensor operations from one step to the next, so that code written as the book's
 * formulas ({@code dout.mul(y.rsub(1.0)).mul(y)}) allocates nothing after the first step.
 *
 * <p>A training loop keeps one workspace and opens it around every step:
 *
 * <pre>{@code
 * Workspace workspace = new Workspace();
 * for (...) {
 *     try (Workspace.Scope step = workspace.open()) {
 *         network.gradient(x, t);
 *         optimizer.update(network.parameters().values());
 *     }
 * }
 * }</pre>
 *
 * <p>While it is open on a thread, the n-th operation result of the step reuses the tensor that the n-th
 * result of the previous step got, when backend, dtype and shape match (a step repeats the same operations,
 * so they do); otherwise a new tensor takes that place. So a result stays valid until the workspace is opened
 * again: keep one longer with {@link Tensor#copy()}, and update state that outlives a step (weights,
 * optimizer moments, running statistics) in place with the {@code out} forms or {@link Tensor#assign}. Tensors
 * made by a {@link Backend} ({@code zeros}, {@code of}, …) and by {@code copy()} are never recycled.
 *
 * <p>A workspace belongs to one thread at a time and is not reentrant; workspaces may nest (an evaluation
 * inside a training step opens its own), the inner one being in force until it is closed.
 */
public final class Workspace {

    /**
     * Each thread's open workspace, in a holder that stays: setting and removing the thread-local itself at every
     * step would make and drop an entry of the thread's map each time (an allocation per step).
     */
    private static final ThreadLocal<Current> CURRENT = ThreadLocal.withInitial(Current::new);

    /** The workspace open on one thread, if any. */
    private static final class Current {
        private @Nullable Workspace workspace;
    }

    /** Makes a new tensor for a place in the workspace; backends pass a method reference they keep. */
    @FunctionalInterface
    public interface Allocator {
        /** A new tensor of this dtype and shape; its contents will be overwritten. */
        Tensor allocate(DType dtype, int[] shape);
    }

    /** An open workspace; closing it makes the workspace that was open before current again. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    private Tensor[] tensors = new Tensor[8];
    private Backend[] backends = new Backend[8];
    private DType[] dtypes = new DType[8];
    private int[][] shapes = new int[8][];
    private int held;
    private int cursor;
    private boolean open;
    private @Nullable Thread owner;
    private @Nullable Workspace previous;
    private @Nullable Current current;
    private final Scope scope = this::close;

    /** An empty workspace; it holds no tensors until its first step. */
    public Workspace() {}

    /** Opens this workspace on the calling thread, starting a new step: results are recycled from the first place. */
    public Scope open() {
        if (open) {
            throw new IllegalStateException("This workspace is already open; close the previous step's scope first");
        }
        open = true;
        owner = Thread.currentThread();
        Current here = CURRENT.get();
        previous = here.workspace;
        here.workspace = this;
        current = here;
        cursor = 0;
        return scope;
    }

    private void close() {
        if (!open) {
            return;
        }
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("A workspace must be closed on the thread that opened it");
        }
        open = false;
        owner = null;
        Objects.requireNonNull(current).workspace = previous;
        current = null;
        previous = null;
    }

    /** How many tensors this workspace holds for reuse. */
    public int size() {
        return held;
    }

    /** The bytes of storage this workspace holds for reuse. */
    public long bytes() {
        long bytes = 0;
        for (int i = 0; i < held; i++) {
            bytes += (long) tensors[i].size() * dtypes[i].bytes();
        }
        return bytes;
    }

    /** Drops every tensor held, for example after a change of batch size. */
    public void clear() {
        Arrays.fill(tensors, 0, held, null);
        Arrays.fill(backends, 0, held, null);
        Arrays.fill(shapes, 0, held, null);
        held = 0;
        cursor = 0;
    }

    /**
     * For backends: the tensor to hold an operation's result. Outside a workspace this is
     * {@code fresh.allocate(dtype, shape)}; inside, the tensor recycled at the current place, or a fresh one
     * that takes the place. The caller overwrites every element.
     */
    public static Tensor result(Backend backend, DType dtype, int[] shape, Allocator fresh) {
        Workspace workspace = CURRENT.get().workspace;
        if (workspace == null) {
            return fresh.allocate(dtype, shape);
        }
        return workspace.next(backend, dtype, shape, fresh);
    }

    /** {@link #result(Backend, DType, int[], Allocator)} for a matrix, without making a shape array to compare. */
    public static Tensor result(Backend backend, DType dtype, int rows, int columns, Allocator fresh) {
        Workspace workspace = CURRENT.get().workspace;
        if (workspace == null) {
            return fresh.allocate(dtype, new int[] {rows, columns});
        }
        int place = workspace.cursor;
        if (workspace.holdsAt(place, backend, dtype)) {
            int[] held = workspace.shapes[place];
            if (held.length == 2 && held[0] == rows && held[1] == columns) {
                workspace.cursor++;
                return workspace.tensors[place];
            }
        }
        return workspace.next(backend, dtype, new int[] {rows, columns}, fresh);
    }

    /** {@link #result(Backend, DType, int[], Allocator)} for a vector, without making a shape array to compare. */
    public static Tensor result(Backend backend, DType dtype, int length, Allocator fresh) {
        Workspace workspace = CURRENT.get().workspace;
        if (workspace == null) {
            return fresh.allocate(dtype, new int[] {length});
        }
        int place = workspace.cursor;
        if (workspace.holdsAt(place, backend, dtype)) {
            int[] held = workspace.shapes[place];
            if (held.length == 1 && held[0] == length) {
                workspace.cursor++;
                return workspace.tensors[place];
            }
        }
        return workspace.next(backend, dtype, new int[] {length}, fresh);
    }

    /** Whether a tensor of this backend and dtype is held at {@code place}. */
    private boolean holdsAt(int place, Backend backend, DType dtype) {
        return place < held && backends[place] == backend && dtypes[place] == dtype;
    }

    private Tensor next(Backend backend, DType dtype, int[] shape, Allocator fresh) {
        int place = cursor++;
        if (holdsAt(place, backend, dtype) && Arrays.equals(shapes[place], shape)) {
            return tensors[place];
        }
        int[] own = shape.clone();
        Tensor tensor = fresh.allocate(dtype, own);
        if (place == tensors.length) {
            int capacity = tensors.length * 2;
            tensors = Arrays.copyOf(tensors, capacity);
            backends = Arrays.copyOf(backends, capacity);
            dtypes = Arrays.copyOf(dtypes, capacity);
            shapes = Arrays.copyOf(shapes, capacity);
        }
        tensors[place] = tensor;
        backends[place] = backend;
        dtypes[place] = dtype;
        shapes[place] = own;
        held = Math.max(held, place + 1);
        return tensor;
    }
}
