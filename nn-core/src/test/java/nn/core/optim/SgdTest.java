package nn.core.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import nn.api.Backend;
import nn.api.Parameter;
import nn.reference.ReferenceBackendProvider;
import org.junit.jupiter.api.Test;

class SgdTest {

    private final Backend backend = ReferenceBackendProvider.backend();

    @Test
    void stepsAgainstTheGradient() {
        Parameter p = new Parameter("W", backend.of(new double[] {1, 2}, 2));
        p.grad().assign(backend.of(new double[] {10, -20}, 2));
        new Sgd(0.1).update(List.of(p));
        assertThat(p.value().toArray()).containsExactly(0.0, 4.0);
    }

    @Test
    void rejectsNonsenseLearningRates() {
        assertThatThrownBy(() -> new Sgd(0)).hasMessageContaining("positive");
        assertThatThrownBy(() -> new Sgd(Double.NaN)).hasMessageContaining("NaN");
    }
}
