package nn.simd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import nn.api.Availability;
import nn.api.BackendSelection;
import nn.api.Backends;
import org.junit.jupiter.api.Test;

/** The availability rules, and the choice on a JVM started with the flag (the default test execution). */
class SimdBackendProviderTest {

    @Test
    void missingModuleIsUnusableWithTheFix() {
        Availability a = SimdBackendProvider.check(false, null);
        assertThat(a.usable()).isFalse();
        assertThat(a.reason()).contains("not in the boot layer", "--add-modules jdk.incubator.vector");
    }

    @Test
    void aVmWithoutC2IsUnusable() {
        Availability a = SimdBackendProvider.check(true, "C2 is disabled (-XX:TieredStopAtLevel below 4)");
        assertThat(a.usable()).isFalse();
        assertThat(a.reason()).contains("TieredStopAtLevel", "slower than the reference");
    }

    @Test
    void withTheModuleAndC2ItIsUsableAndNamesTheVectorWidth() {
        Availability a = SimdBackendProvider.check(true, null);
        assertThat(a.usable()).isTrue();
        assertThat(a.reason()).containsPattern("\\d+-bit vectors");
        assertThat(SimdBackendProvider.compilerProblem())
                .as("this test JVM is HotSpot with C2")
                .isNull();
    }

    @Test
    void simdIsChosenOverTheReferenceWhenUsable() {
        BackendSelection selection = Backends.select(Optional.empty(), "");
        assertThat(selection.backend().name()).isEqualTo("simd");
        assertThat(selection.backend().description()).containsPattern("\\d+-bit");
        assertThat(selection.hasWarning()).isFalse();
        assertThat(selection.providers()).extracting(s -> s.name()).containsExactly("simd", "reference");
    }

    @Test
    void resultsDoNotDependOnTheThreadCount() {
        var single = VectorSupport.create(1);
        var dual = VectorSupport.create(3);
        var random = new java.util.SplittableRandom(5);
        assertThat(301L * 397 * 53)
                .as("a product the threads split")
                .isGreaterThanOrEqualTo(Parallel.PARALLEL_THRESHOLD);
        double[] a = new double[301 * 397];
        double[] b = new double[397 * 53];
        for (int i = 0; i < a.length; i++) {
            a[i] = random.nextGaussian();
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = random.nextGaussian();
        }
        double[] one = single.of(a, 301, 397).matmul(single.of(b, 397, 53)).toArray();
        double[] three = dual.of(a, 301, 397).matmul(dual.of(b, 397, 53)).toArray();
        assertThat(three).containsExactly(one);
        double[] oneT = single.of(a, 397, 301)
                .transposeMatmul(single.of(b, 397, 53), single.zeros(301, 53))
                .toArray();
        double[] threeT = dual.of(a, 397, 301)
                .transposeMatmul(dual.of(b, 397, 53), dual.zeros(301, 53))
                .toArray();
        assertThat(threeT).containsExactly(oneT);

        // float32 too: the same order of FMAs whatever the split across threads.
        var f = nn.api.DType.FLOAT32;
        float[] oneF =
                single.of(f, a, 301, 397).matmul(single.of(f, b, 397, 53)).toFloatArray();
        float[] threeF = dual.of(f, a, 301, 397).matmul(dual.of(f, b, 397, 53)).toFloatArray();
        assertThat(threeF).containsExactly(oneF);
        float[] oneTF = single.of(f, a, 397, 301)
                .transposeMatmul(single.of(f, b, 397, 53))
                .toFloatArray();
        float[] threeTF =
                dual.of(f, a, 397, 301).transposeMatmul(dual.of(f, b, 397, 53)).toFloatArray();
        assertThat(threeTF).containsExactly(oneTF);
        float[] oneMT = single.of(f, a, 301, 397)
                .matmulTranspose(single.of(f, b, 53, 397))
                .toFloatArray();
        float[] threeMT =
                dual.of(f, a, 301, 397).matmulTranspose(dual.of(f, b, 53, 397)).toFloatArray();
        assertThat(threeMT).containsExactly(oneMT);
    }

    @Test
    void aBadForcedWidthIsRefusedWithTheChoices() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> VectorWidth.bits("300"))
                .hasMessageContaining("use 128, 256 or 512");
        assertThat(VectorWidth.bits("256")).isEqualTo(256);
        assertThat(VectorWidth.FLOAT32.length()).isEqualTo(VectorWidth.BITS / 32);
    }
}
