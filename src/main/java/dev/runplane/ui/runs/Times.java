package dev.runplane.ui.runs;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How times and durations look in the portal: UTC, to the second. */
final class Times {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Times() {
    }

    static String format(Instant instant) {
        return instant == null ? "" : FORMAT.format(instant);
    }

    static String uptime(Instant started, Instant finished, Instant now) {
        if (started == null) {
            return "";
        }
        Duration d = Duration.between(started, finished != null ? finished : now);
        long s = Math.max(0, d.getSeconds());
        return s >= 3600 ? "%dh %02dm".formatted(s / 3600, s % 3600 / 60)
                : s >= 60 ? "%dm %02ds".formatted(s / 60, s % 60) : s + "s";
    }
}
