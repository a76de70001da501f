package nn.conformance;

import nn.api.Backend;
import nn.api.DType;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;

/**
 * The whole conformance kit for one backend: every tensor operation and every layer, in float64 and in
 * float32, against the reference backend. A backend's test extends this and names its backend:
 *
 * <pre>{@code
 * class MyBackendConformanceTest extends BackendConformance {
 *     @Override
 *     protected Backend backend() {
 *         return new MyBackend();
 *     }
 * }
 * }</pre>
 *
 * A backend is done when this passes.
 */
public abstract class BackendConformance {

    /** For a backend's test class to extend. */
    protected BackendConformance() {}

    /** The backend under test. */
    protected abstract Backend backend();

    @Nested
    @DisplayName("float64 tensors")
    class Float64Tensors extends TensorConformanceTest {
        @Override
        protected Backend backend() {
            return BackendConformance.this.backend();
        }

        @Override
        protected DType dtype() {
            return DType.FLOAT64;
        }
    }

    @Nested
    @DisplayName("float32 tensors")
    class Float32Tensors extends TensorConformanceTest {
        @Override
        protected Backend backend() {
            return BackendConformance.this.backend();
        }

        @Override
        protected DType dtype() {
            return DType.FLOAT32;
        }
    }

    @Nested
    @DisplayName("float64 layers")
    class Float64Layers extends LayerConformanceTest {
        @Override
        protected Backend backend() {
            return BackendConformance.this.backend();
        }

        @Override
        protected DType dtype() {
            return DType.FLOAT64;
        }
    }

    @Nested
    @DisplayName("float32 layers")
    class Float32Layers extends LayerConformanceTest {
        @Override
        protected Backend backend() {
            return BackendConformance.this.backend();
        }

        @Override
        protected DType dtype() {
            return DType.FLOAT32;
        }
    }
}
