package nn.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ThreadsTest {

    @Test
    void unsetMeansEveryProcessor() {
        assertThat(Threads.parse(null, 8)).isEqualTo(8);
        assertThat(Threads.parse(" ", 8)).isEqualTo(8);
        assertThat(Threads.parse(" 3 ", 8)).isEqualTo(3);
    }

    @Test
    void nonsenseIsRefusedWithTheValueAndTheFix() {
        for (String bad : new String[] {"abc", "0", "-1", "2.5"}) {
            assertThatThrownBy(() -> Threads.parse(bad, 2))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("-Dnn.threads=" + bad)
                    .hasMessageContaining("from 1 to 2");
        }
    }
}
