package dev.runplane.ui.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ChartAxesTest {
    private static final double GIB = 1024.0 * 1024 * 1024;

    @Test
    void valueTicksRunFromZeroToARoundValueAtOrAboveTheLargest() {
        assertThat(ChartAxes.valueTicks(100, 1)).containsExactly(0.0, 25.0, 50.0, 75.0, 100.0);
        assertThat(ChartAxes.valueTicks(130, 1)).containsExactly(0.0, 50.0, 100.0, 150.0);
        assertThat(ChartAxes.valueTicks(0.0031, 1)).containsExactly(0.0, 0.001, 0.002, 0.003, 0.004);
    }

    @Test
    void byteTicksAreRoundInTheUnitGiven() {
        assertThat(ChartAxes.valueTicks(1.5 * GIB, GIB)).containsExactly(0.0, 0.5 * GIB, GIB, 1.5 * GIB);
    }

    @Test
    void nothingToScaleStillGivesAnAxis() {
        assertThat(ChartAxes.valueTicks(0, 1)).containsExactly(0.0, 0.25, 0.5, 0.75, 1.0);
        assertThat(ChartAxes.valueTicks(Double.NaN, 1)).hasSize(5);
    }

    @Test
    void timeStepsSuitTheWindow() {
        assertThat(ChartAxes.timeStep(Duration.ofMinutes(15))).isEqualTo(Duration.ofMinutes(5));
        assertThat(ChartAxes.timeStep(Duration.ofHours(1))).isEqualTo(Duration.ofMinutes(15));
        assertThat(ChartAxes.timeStep(Duration.ofHours(24))).isEqualTo(Duration.ofHours(3));
        assertThat(ChartAxes.timeStep(Duration.ofDays(7))).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void timeTicksSitOnWholeStepsOfTheReadersClock() {
        Instant to = Instant.parse("2026-12-02T06:37:00Z");
        assertThat(ChartAxes.timeTicks(to.minus(Duration.ofMinutes(15)), to, ZoneOffset.UTC))
                .extracting(ChartAxes.TimeTick::label).containsExactly("06:25", "06:30", "06:35");
        assertThat(ChartAxes.timeTicks(to.minus(Duration.ofHours(1)), to, ZoneOffset.UTC))
                .extracting(ChartAxes.TimeTick::label).containsExactly("05:45", "06:00", "06:15", "06:30");
        // Berlin is an hour ahead in December: the same instants read an hour later
        assertThat(ChartAxes.timeTicks(to.minus(Duration.ofMinutes(15)), to, ZoneId.of("Europe/Berlin")))
                .extracting(ChartAxes.TimeTick::label).containsExactly("07:25", "07:30", "07:35");
        assertThat(ChartAxes.timeTicks(to.minus(Duration.ofDays(7)), to, ZoneOffset.UTC))
                .extracting(ChartAxes.TimeTick::label)
                .containsExactly("Nov 26", "Nov 27", "Nov 28", "Nov 29", "Nov 30", "Dec 1", "Dec 2");
    }
}
