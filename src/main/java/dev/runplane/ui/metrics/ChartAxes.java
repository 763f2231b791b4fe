package dev.runplane.ui.metrics;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The ticks of a chart's two axes, as pure functions so they can be tested without a UI. Values get "nice" steps
 * (1, 2, 2.5 or 5 times a power of ten, of a unit the caller chooses: 1024³ for GiB), times get steps that suit the
 * window (5 minutes across 15 minutes, a day across 7 days), aligned to the clock of the reader's time zone.
 */
final class ChartAxes {
    private static final double[] NICE = {1, 2, 2.5, 5, 10};
    private static final DateTimeFormatter HOURS = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
    private static final DateTimeFormatter DAYS = DateTimeFormatter.ofPattern("MMM d", Locale.ROOT);

    private ChartAxes() {
    }

    /** One tick on the time axis: where and what it reads. */
    record TimeTick(Instant time, String label) {
    }

    /**
     * Ticks from 0 up to a round value at or above {@code max}, about four steps.
     *
     * @param unit the size of one unit the steps are round in (1 for percent, 1024³ for bytes shown as GiB)
     */
    static List<Double> valueTicks(double max, double unit) {
        double top = Double.isFinite(max) && max > 0 ? max / unit : 1;
        double raw = top / 4;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = magnitude;
        for (double nice : NICE) {
            if (nice * magnitude >= raw - 1e-9 * magnitude) {
                step = nice * magnitude;
                break;
            }
        }
        int steps = (int) Math.ceil(top / step - 1e-9);
        List<Double> ticks = new ArrayList<>(steps + 1);
        for (int i = 0; i <= steps; i++) {
            ticks.add(i * step * unit);
        }
        return ticks;
    }

    /** The step between time ticks for a window: at most about eight ticks. */
    static Duration timeStep(Duration window) {
        for (Duration step : List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15),
                Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(3), Duration.ofHours(6),
                Duration.ofHours(12))) {
            if (window.dividedBy(step) <= 8) {
                return step;
            }
        }
        return Duration.ofDays(Math.max(1, (window.toDays() + 7) / 8));
    }

    /** Ticks at whole steps of the reader's clock between {@code from} and {@code to}, both included. */
    static List<TimeTick> timeTicks(Instant from, Instant to, ZoneId zone) {
        Duration step = timeStep(Duration.between(from, to));
        boolean days = step.compareTo(Duration.ofDays(1)) >= 0;
        DateTimeFormatter format = days ? DAYS : HOURS;
        ZonedDateTime tick = from.atZone(zone).truncatedTo(ChronoUnit.DAYS);
        List<TimeTick> ticks = new ArrayList<>();
        while (!tick.toInstant().isAfter(to)) {
            if (!tick.toInstant().isBefore(from)) {
                ticks.add(new TimeTick(tick.toInstant(), format.format(tick)));
            }
            tick = days ? tick.plusDays(step.toDays()) : tick.plus(step);
        }
        return ticks;
    }
}
