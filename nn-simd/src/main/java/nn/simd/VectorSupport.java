package nn.simd;

import nn.api.Backend;
import nn.array.ArrayBackend;

/** The entry into the code that uses {@code jdk.incubator.vector}: loaded only once the provider allows it. */
final class VectorSupport {

    private VectorSupport() {}

    static int preferredBitSize() {
        return VectorWidth.BITS;
    }

    static Backend createBackend() {
        return create(Parallel.threadsFromProperty());
    }

    /** A SIMD backend on this many threads (the provider's one uses {@code nn.threads}). */
    static ArrayBackend create(int threads) {
        Parallel parallel = new Parallel(threads);
        int bits = VectorWidth.BITS;
        return new ArrayBackend(
                SimdBackendProvider.NAME,
                "simd (Vector API, " + bits + "-bit: " + bits / 64
                        + " float64 or " + bits / 32 + " float32 lanes, " + threads
                        + (threads == 1 ? " thread" : " threads")
                        + ")",
                new Float64VectorKernels(parallel),
                new Float32VectorKernels(parallel),
                parallel);
    }
}
