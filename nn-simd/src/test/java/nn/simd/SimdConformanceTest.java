package nn.simd;

import nn.api.Backend;
import nn.api.Backends;
import nn.conformance.LayerConformanceTest;
import nn.conformance.TensorConformanceTest;
import org.junit.jupiter.api.Nested;

/** The conformance suite, the same as the reference backend's, on the SIMD backend. */
class SimdConformanceTest {

    static Backend simd() {
        return Backends.get(SimdBackendProvider.NAME);
    }

    @Nested
    class Tensors extends TensorConformanceTest {
        @Override
        protected Backend backend() {
            return simd();
        }
    }

    @Nested
    class Layers extends LayerConformanceTest {
        @Override
        protected Backend backend() {
            return simd();
        }
    }
}
