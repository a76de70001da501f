package nn.simd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import nn.api.Availability;
import nn.api.BackendSelection;
import nn.api.Backends;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Run by the {@code without-vector-module} Surefire execution, on a JVM started without
 * {@code --add-modules jdk.incubator.vector}: SIMD reports itself unusable with the fix, the reference is
 * chosen. (nn-conformance runs the kit on such a JVM.)
 */
@Tag("without-vector-module")
class WithoutVectorModuleTest {

    @Test
    void theJvmReallyLacksTheModule() {
        assertThat(ModuleLayer.boot().findModule("jdk.incubator.vector")).isEmpty();
    }

    @Test
    void simdSaysWhyAndHowToFixIt() {
        Availability availability = new SimdBackendProvider().availability();
        assertThat(availability.usable()).isFalse();
        assertThat(availability.reason()).contains("--add-modules jdk.incubator.vector");
    }

    @Test
    void theReferenceIsChosenWithOneWarningLine() {
        BackendSelection selection = Backends.select(Optional.empty(), "");
        assertThat(selection.backend().name()).isEqualTo("reference");
        assertThat(selection.warning())
                .contains("simd")
                .contains("--add-modules jdk.incubator.vector")
                .doesNotContain("\n");
    }

    @Test
    void askingForSimdExplicitlyFailsWithTheReason() {
        assertThatThrownBy(() -> Backends.get("simd"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("--add-modules jdk.incubator.vector");
    }
}
