package dev.runplane.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The retention job: rolls complete minutes of raw samples up into {@code metric_minute}, then deletes raw samples
 * older than the raw retention and minute rows older than the downsampled retention. Raw samples are never deleted
 * before their minute was rolled up.
 */
@Component
class MetricsRetention {
    private static final Logger log = LoggerFactory.getLogger(MetricsRetention.class);
    /** Minutes before the last pass's end that are looked at again, for samples stored late. */
    private static final Duration OVERLAP = Duration.ofMinutes(5);

    private final MetricsStore store;
    private final Clock clock;
    private final MetricsProperties settings;
    /** Where the last successful roll-up ended; null until the first, which looks back over all raw samples. */
    private Instant rolledUpBefore;

    MetricsRetention(MetricsStore store, Clock clock, MetricsProperties settings) {
        this.store = store;
        this.clock = clock;
        this.settings = settings;
    }

    synchronized void runOnce() {
        Instant now = clock.instant();
        // the first whole minute that raw retention has not cut into yet
        Instant oldestRaw = now.minus(settings.rawRetention()).truncatedTo(ChronoUnit.MINUTES)
                .plus(Duration.ofMinutes(1));
        Instant from = rolledUpBefore == null ? oldestRaw : latest(oldestRaw, rolledUpBefore.minus(OVERLAP));
        Instant before = MinuteRollup.completeBefore(now);
        int rows = rollUp(from, before);
        rolledUpBefore = before;
        int raw = store.deleteSamplesBefore(earliest(now.minus(settings.rawRetention()), before));
        int minutes = store.deleteMinutesBefore(now.minus(settings.downsampledRetention()));
        log.debug("Metrics retention: {} minute rows added, {} samples and {} minute rows deleted", rows, raw,
                minutes);
    }

    /** Rolls up the minutes that start in {@code [from, before)} and are not stored yet; returns the rows added. */
    int rollUp(Instant from, Instant before) {
        if (!from.isBefore(before)) {
            return 0;
        }
        MinuteRollup rollup = new MinuteRollup();
        store.samplesBetween(from, before, rollup::add);
        var minutes = rollup.minutes(store.minutesBetween(from, before));
        store.insertMinutes(minutes);
        return minutes.size();
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
