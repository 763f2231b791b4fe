package dev.runplane.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** How times, ages and sizes from the API read in a terminal. Unknown values are null, which tables show as "-". */
final class Format {
    private Format() {
    }

    /** An ISO-8601 time from the API to the second, still in UTC so that it matches the server's logs. */
    static String time(String iso) {
        Instant instant = instant(iso);
        return instant == null ? iso : instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** How long ago: {@code 42s}, {@code 5m}, {@code 3h}, {@code 2d}. */
    static String age(String iso, Instant now) {
        Instant instant = instant(iso);
        if (instant == null) {
            return null;
        }
        long seconds = Math.max(0, Duration.between(instant, now).toSeconds());
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return seconds / 60 + "m";
        }
        if (seconds < 48 * 3600) {
            return seconds / 3600 + "h";
        }
        return seconds / 86_400 + "d";
    }

    static String bytes(Long bytes) {
        if (bytes == null) {
            return null;
        }
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    static String percent(Double value) {
        return value == null ? null : String.format(Locale.ROOT, "%.1f%%", value);
    }

    static Instant instant(String iso) {
        if (iso == null) {
            return null;
        }
        try {
            return Instant.parse(iso);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
