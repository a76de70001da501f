package nn.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BackendSelectorTest {

    private static BackendProvider provider(String name, int priority, Availability availability) {
        BackendProvider provider = mock(BackendProvider.class);
        Backend backend = mock(Backend.class);
        when(backend.name()).thenReturn(name);
        when(provider.name()).thenReturn(name);
        when(provider.priority()).thenReturn(priority);
        when(provider.availability()).thenReturn(availability);
        when(provider.create()).thenReturn(backend);
        return provider;
    }

    private final BackendProvider reference = provider("reference", 0, Availability.usable("pure Java"));
    private final BackendProvider fast = provider("simd", 100, Availability.usable("AVX2"));
    private final BackendProvider broken =
            provider("gpu", 200, Availability.unusable("no GPU found; install the driver"));

    @Test
    void highestPriorityUsableProviderWins() {
        BackendSelection selection = new BackendSelector(List.of(reference, fast)).select(Optional.empty(), "");
        assertThat(selection.backend().name()).isEqualTo("simd");
        assertThat(selection.reason()).contains("highest priority");
        assertThat(selection.hasWarning()).isFalse();
        verify(reference, never()).create();
    }

    @Test
    void unusableProviderIsPassedOverWithAWarningThatSaysWhy() {
        BackendSelection selection = new BackendSelector(List.of(reference, broken, fast)).select(Optional.empty(), "");
        assertThat(selection.backend().name()).isEqualTo("simd");
        assertThat(selection.warning()).contains("gpu", "install the driver");
        verify(broken, never()).create();
    }

    @Test
    void explicitChoiceBeatsPriority() {
        BackendSelection selection = new BackendSelector(List.of(reference, fast))
                .select(Optional.of("Reference"), "-Dnn.backend=Reference");
        assertThat(selection.backend().name()).isEqualTo("reference");
        assertThat(selection.reason()).contains("-Dnn.backend=Reference");
    }

    @Test
    void unknownNameListsTheAvailableBackends() {
        assertThatThrownBy(() ->
                        new BackendSelector(List.of(reference, fast)).select(Optional.of("cuda"), "NN_BACKEND=cuda"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'cuda'")
                .hasMessageContaining("simd, reference");
    }

    @Test
    void explicitChoiceOfAnUnusableBackendFailsWithItsReason() {
        assertThatThrownBy(() ->
                        new BackendSelector(List.of(reference, broken)).select(Optional.of("gpu"), "--backend gpu"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("install the driver");
    }

    @Test
    void blankNameMeansNoExplicitChoice() {
        assertThat(new BackendSelector(List.of(reference, fast))
                        .select(Optional.of("  "), "")
                        .backend()
                        .name())
                .isEqualTo("simd");
    }

    @Test
    void noProviderAtAllIsAClearError() {
        assertThatThrownBy(() -> new BackendSelector(List.of()).select(Optional.empty(), ""))
                .hasMessageContaining("No nn backend found");
    }

    @Test
    void noUsableProviderSaysWhyForEach() {
        assertThatThrownBy(() -> new BackendSelector(List.of(broken)).select(Optional.empty(), ""))
                .hasMessageContaining("gpu: no GPU found");
    }

    @Test
    void statusesListEveryProviderHighestPriorityFirst() {
        List<ProviderStatus> statuses = new BackendSelector(List.of(reference, broken, fast)).statuses();
        assertThat(statuses).extracting(ProviderStatus::name).containsExactly("gpu", "simd", "reference");
        assertThat(statuses.get(0).availability().usable()).isFalse();
        assertThat(statuses.get(0).toString()).contains("unusable", "install the driver");
    }
}
