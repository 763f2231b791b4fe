package dev.runplane.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CpuMeterTest {
    private final SettableClock clock = new SettableClock(Instant.parse("2026-01-01T12:00:00Z"));
    private final CpuMeter meter = new CpuMeter();

    @Test
    void firstReadingOfASubmissionYieldsNoPercentage() {
        assertThat(meter.record(1, 5.0, clock.instant())).isEmpty();
    }

    @Test
    void percentageIsCpuSecondsOverWallSecondsBetweenTwoReadings() {
        meter.record(1, 10.0, clock.instant());
        clock.advance(Duration.ofSeconds(2));
        assertThat(meter.record(1, 11.0, clock.instant()).getAsDouble()).isCloseTo(50.0, within(1e-9));

        clock.advance(Duration.ofMillis(500));
        assertThat(meter.record(1, 12.0, clock.instant()).getAsDouble()).as("two cores busy")
                .isCloseTo(200.0, within(1e-9));
    }

    @Test
    void submissionsAreMeasuredSeparately() {
        meter.record(1, 0.0, clock.instant());
        meter.record(2, 100.0, clock.instant());
        clock.advance(Duration.ofSeconds(4));
        assertThat(meter.record(1, 4.0, clock.instant()).getAsDouble()).isCloseTo(100.0, within(1e-9));
        assertThat(meter.record(2, 100.0, clock.instant()).getAsDouble()).isZero();
    }

    @Test
    void aMissedSampleStretchesTheIntervalInsteadOfInflatingThePercentage() {
        meter.record(1, 0.0, clock.instant());
        clock.advance(Duration.ofSeconds(6)); // two passes without an answer from the backend
        assertThat(meter.record(1, 3.0, clock.instant()).getAsDouble()).isCloseTo(50.0, within(1e-9));
    }

    @Test
    void cpuTimeThatGoesBackStartsANewBaseline() {
        meter.record(1, 10.0, clock.instant());
        clock.advance(Duration.ofSeconds(2));
        assertThat(meter.record(1, 4.0, clock.instant())).as("a child process ended").isEmpty();
        clock.advance(Duration.ofSeconds(2));
        assertThat(meter.record(1, 5.0, clock.instant()).getAsDouble()).isCloseTo(50.0, within(1e-9));
    }

    @Test
    void readingWithoutWallTimeKeepsTheOlderBaseline() {
        meter.record(1, 10.0, clock.instant());
        assertThat(meter.record(1, 10.5, clock.instant())).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(meter.record(1, 11.0, clock.instant()).getAsDouble()).isCloseTo(100.0, within(1e-9));
    }

    @Test
    void readingsOfSubmissionsThatNoLongerRunAreDropped() {
        meter.record(1, 1.0, clock.instant());
        meter.record(2, 1.0, clock.instant());
        meter.retainOnly(Set.of(2L));
        assertThat(meter.size()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(2));
        assertThat(meter.record(1, 3.0, clock.instant())).as("starts over").isEmpty();
        assertThat(meter.record(2, 3.0, clock.instant())).isPresent();
    }

    @Test
    void storedPercentagesAreRoundedAndKeptWithinTheColumn() {
        BigDecimal max = new BigDecimal("999.99");
        assertThat(MetricsSampler.clamp(12.345, max)).isEqualByComparingTo("12.35");
        assertThat(MetricsSampler.clamp(1e9, max)).isEqualByComparingTo("999.99");
        assertThat(MetricsSampler.clamp(Double.NaN, max)).isEqualByComparingTo("0");
        assertThat(MetricsSampler.clamp(-3, max)).isEqualByComparingTo("0");
    }
}
