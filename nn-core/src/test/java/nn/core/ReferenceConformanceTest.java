package nn.core;

import nn.api.Backend;
import nn.conformance.LayerConformanceTest;
import nn.conformance.TensorConformanceTest;
import org.junit.jupiter.api.Nested;

/** The conformance suite on the reference backend. */
class ReferenceConformanceTest {

    @Nested
    class Tensors extends TensorConformanceTest {
        @Override
        protected Backend backend() {
            return ReferenceBackendProvider.backend();
        }
    }

    @Nested
    class Layers extends LayerConformanceTest {
        @Override
        protected Backend backend() {
            return ReferenceBackendProvider.backend();
        }
    }
}
