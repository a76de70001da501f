package nn.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import nn.api.Backend;
import nn.api.Backends;
import org.junit.jupiter.api.Test;

/**
 * The kit on the SIMD backend: the same tests as the reference's. The build runs it at the preferred vector
 * width and at each forced width ({@code -Dnn.simd.vectorBits=128, 256, 512}).
 */
class SimdConformanceTest extends BackendConformance {

    @Override
    protected Backend backend() {
        return Backends.get("simd");
    }

    @Test
    void runsAtTheForcedVectorWidth() {
        String forced = System.getProperty("nn.simd.vectorBits");
        assertThat(backend().description()).contains(forced == null ? "-bit" : forced + "-bit");
    }
}
