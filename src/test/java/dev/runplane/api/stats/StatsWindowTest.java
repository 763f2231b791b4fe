package dev.runplane.api.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class StatsWindowTest {
    @Test
    void windowsAreANumberAndAUnit() {
        assertThat(StatsWindow.parse("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(StatsWindow.parse("15m")).isEqualTo(Duration.ofMinutes(15));
        assertThat(StatsWindow.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(StatsWindow.parse("7d")).isEqualTo(Duration.ofDays(7));
        assertThat(StatsWindow.parse("168h")).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void anythingElseOrMoreThanSevenDaysIsRejected() {
        for (String bad : new String[]{"", "15", "m", "1.5h", "-1m", "0s", "8d", "10081m", "1w", "PT1H", "1 h"}) {
            assertThatIllegalArgumentException().as(bad).isThrownBy(() -> StatsWindow.parse(bad));
        }
    }
}
