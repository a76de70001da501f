package nn.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ShapesTest {

    @Test
    void sizeOfShapes() {
        assertThat(Shapes.size()).isEqualTo(1);
        assertThat(Shapes.size(2, 3, 4)).isEqualTo(24);
        assertThat(Shapes.size(5, 0)).isZero();
        assertThatThrownBy(() -> Shapes.size(2, -1)).hasMessageContaining("[2, -1]");
        assertThatThrownBy(() -> Shapes.size(1 << 16, 1 << 16)).hasMessageContaining("too many");
    }

    @Test
    void broadcastsAsNumPyDoes() {
        assertThat(Shapes.broadcast(new int[] {100, 50}, new int[] {50})).containsExactly(100, 50);
        assertThat(Shapes.broadcast(new int[] {3, 1}, new int[] {1, 4})).containsExactly(3, 4);
        assertThat(Shapes.broadcast(new int[] {}, new int[] {2, 2})).containsExactly(2, 2);
        assertThatThrownBy(() -> Shapes.broadcast(new int[] {2, 3}, new int[] {4}))
                .hasMessageContaining("[2, 3]")
                .hasMessageContaining("[4]");
    }
}
