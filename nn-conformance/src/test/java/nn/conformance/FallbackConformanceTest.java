package nn.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import nn.api.Backend;
import nn.api.Backends;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Run by the {@code without-vector-module} execution, on a JVM started without
 * {@code --add-modules jdk.incubator.vector} but with nn-simd on the class path: the reference is chosen and
 * passes the kit.
 */
@Tag("without-vector-module")
class FallbackConformanceTest extends BackendConformance {

    @Override
    protected Backend backend() {
        Backend chosen = Backends.get();
        assertThat(chosen.name()).isEqualTo("reference");
        return chosen;
    }

    @Test
    void theJvmReallyLacksTheModule() {
        assertThat(ModuleLayer.boot().findModule("jdk.incubator.vector")).isEmpty();
    }
}
