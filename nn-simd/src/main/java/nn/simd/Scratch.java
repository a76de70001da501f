package nn.simd;

/**
 * A working array kept by one thread and grown when a call needs more, so that kernels called thousands of times
 * a second allocate nothing. Each thread has its own (through a {@link ThreadLocal}), so a backend may be used
 * from several threads at once.
 */
final class Scratch {

    private int[] ints = new int[0];
    private double[] doubles = new double[0];
    private float[] floats = new float[0];

    static int[] ints(ThreadLocal<Scratch> owner, int length) {
        Scratch s = owner.get();
        if (s.ints.length < length) {
            s.ints = new int[length];
        }
        return s.ints;
    }

    static double[] doubles(ThreadLocal<Scratch> owner, int length) {
        Scratch s = owner.get();
        if (s.doubles.length < length) {
            s.doubles = new double[length];
        }
        return s.doubles;
    }

    static float[] floats(ThreadLocal<Scratch> owner, int length) {
        Scratch s = owner.get();
        if (s.floats.length < length) {
            s.floats = new float[length];
        }
        return s.floats;
    }
}
