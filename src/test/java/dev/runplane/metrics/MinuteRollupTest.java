package dev.runplane.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runplane.metrics.MetricsStore.Minute;
import dev.runplane.metrics.MetricsStore.MinuteKey;
import dev.runplane.metrics.MetricsStore.Sample;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MinuteRollupTest {
    private static final Instant NOON = Instant.parse("2026-01-01T12:00:00Z");
    private final SettableClock clock = new SettableClock(NOON);

    private Sample sample(long submission, String cpu, long memory) {
        return new Sample(submission, clock.instant(), new BigDecimal(cpu), memory, null, null);
    }

    @Test
    void aMinuteIsCompleteOnlyOnceItsGracePeriodHasPassed() {
        clock.advance(Duration.ofSeconds(59));
        assertThat(MinuteRollup.completeBefore(clock.instant())).as("12:00 still open")
                .isEqualTo(Instant.parse("2026-01-01T11:59:00Z"));
        clock.advance(Duration.ofSeconds(61)); // 12:02:00
        assertThat(MinuteRollup.completeBefore(clock.instant())).isEqualTo(Instant.parse("2026-01-01T12:01:00Z"));
        clock.advance(Duration.ofMillis(1));
        assertThat(MinuteRollup.completeBefore(clock.instant())).isEqualTo(Instant.parse("2026-01-01T12:01:00Z"));
    }

    @Test
    void samplesOfOneSubmissionAndMinuteBecomeOneRowWithAveragesAndMaxima() {
        MinuteRollup rollup = new MinuteRollup();
        rollup.add(sample(7, "10.00", 100));
        clock.advance(Duration.ofSeconds(20));
        rollup.add(sample(7, "40.00", 300));
        clock.advance(Duration.ofSeconds(20));
        rollup.add(sample(7, "25.01", 200));
        rollup.add(sample(8, "1.00", 50));
        clock.advance(Duration.ofSeconds(20)); // 12:01:00, the next minute
        rollup.add(sample(7, "90.00", 1000));

        List<Minute> minutes = rollup.minutes(Set.of());

        assertThat(minutes).extracting(m -> m.key().submissionId() + "@" + m.key().minute())
                .containsExactly("7@2026-01-01T12:00:00Z", "8@2026-01-01T12:00:00Z", "7@2026-01-01T12:01:00Z");
        Minute first = minutes.getFirst();
        assertThat(first.samples()).isEqualTo(3);
        assertThat(first.avgCpuPercent()).isEqualByComparingTo("25.00");
        assertThat(first.maxCpuPercent()).isEqualByComparingTo("40.00");
        assertThat(first.avgMemoryBytes()).isEqualTo(200);
        assertThat(first.maxMemoryBytes()).isEqualTo(300);
        assertThat(first.avgGpuUtilPercent()).as("no GPU figures").isNull();
        assertThat(first.maxGpuMemoryBytes()).isNull();
        assertThat(minutes.get(2).samples()).isEqualTo(1);
        assertThat(minutes.get(2).avgCpuPercent()).isEqualByComparingTo("90.00");
    }

    @Test
    void gpuFiguresAreAveragedOverTheSamplesThatHaveThem() {
        MinuteRollup rollup = new MinuteRollup();
        rollup.add(new Sample(1, NOON, BigDecimal.ONE, 10, new BigDecimal("50.00"), 1000L));
        rollup.add(new Sample(1, NOON.plusSeconds(2), BigDecimal.ONE, 10, new BigDecimal("70.00"), 3000L));
        rollup.add(new Sample(1, NOON.plusSeconds(4), BigDecimal.ONE, 10, null, null));

        Minute minute = rollup.minutes(Set.of()).getFirst();

        assertThat(minute.avgGpuUtilPercent()).isEqualByComparingTo("60.00");
        assertThat(minute.maxGpuUtilPercent()).isEqualByComparingTo("70.00");
        assertThat(minute.avgGpuMemoryBytes()).isEqualTo(2000);
        assertThat(minute.maxGpuMemoryBytes()).isEqualTo(3000);
    }

    @Test
    void minutesRolledUpBeforeAreNotRolledUpAgain() {
        MinuteRollup rollup = new MinuteRollup();
        rollup.add(sample(7, "10.00", 100));
        clock.advance(Duration.ofMinutes(1));
        rollup.add(sample(7, "20.00", 100));

        List<Minute> minutes = rollup.minutes(Set.of(new MinuteKey(7, NOON)));

        assertThat(minutes).extracting(m -> m.key().minute()).containsExactly(NOON.plusSeconds(60));
    }
}
