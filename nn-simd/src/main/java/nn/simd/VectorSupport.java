package nn.simd;

import jdk.incubator.vector.DoubleVector;
import nn.api.Backend;
import nn.core.array.ArrayBackend;

/** The entry into the code that uses {@code jdk.incubator.vector}: loaded only once the provider allows it. */
final class VectorSupport {

    private VectorSupport() {
    }

    static int preferredBitSize() {
        return DoubleVector.SPECIES_PREFERRED.vectorBitSize();
    }

    static Backend createBackend() {
        int threads = Parallel.threadsFromProperty();
        int bits = preferredBitSize();
        return new ArrayBackend(SimdBackendProvider.NAME, "simd (Vector API, " + bits + "-bit: " + bits / 64
                + " doubles per vector, " + threads + (threads == 1 ? " thread" : " threads") + ")",
                new VectorKernels(new Parallel(threads)));
    }
}
