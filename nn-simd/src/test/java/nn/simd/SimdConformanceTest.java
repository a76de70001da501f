package nn.simd;

import nn.api.Backend;
import nn.api.Backends;
import nn.conformance.BackendConformance;

/**
 * The conformance kit, the same as the reference backend's, on the SIMD backend. The build runs it once at
 * the preferred vector width and once at each forced width ({@code -Dnn.simd.vectorBits=128, 256, 512}).
 */
class SimdConformanceTest extends BackendConformance {

    @Override
    protected Backend backend() {
        return Backends.get(SimdBackendProvider.NAME);
    }
}
