package nn.simd;

import nn.api.Backend;
import nn.api.Backends;
import nn.conformance.BackendConformance;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The conformance kit, the same as the reference backend's, on the SIMD backend. The build runs it once at
 * the preferred vector width and once at each forced width ({@code -Dnn.simd.vectorBits=128, 256, 512}).
 */
class SimdConformanceTest extends BackendConformance {

    @Override
    protected Backend backend() {
        return Backends.get(SimdBackendProvider.NAME);
    }

    @Test
    void runsAtTheForcedVectorWidth() {
        String forced = System.getProperty(VectorWidth.PROPERTY);
        int bits = forced == null ? jdk.incubator.vector.VectorShape.preferredShape().vectorBitSize()
                : Integer.parseInt(forced);
        assertThat(backend().description()).contains(bits + "-bit");
        assertThat(VectorWidth.FLOAT64.vectorBitSize()).isEqualTo(bits);
        assertThat(VectorWidth.FLOAT32.length()).isEqualTo(bits / 32);
    }

    @Test
    void aBadForcedWidthIsRefusedWithTheChoices() {
        assertThatThrownBy(() -> VectorWidth.bits("300")).hasMessageContaining("use 128, 256 or 512");
    }
}
