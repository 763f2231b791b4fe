package dev.runplane.api.stats;

import dev.runplane.metrics.StatsQueries;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@code window} parameter: a whole number and one unit, {@code 30s}, {@code 15m}, {@code 1h} or {@code 7d}. */
final class StatsWindow {
    private static final Pattern SYNTAX = Pattern.compile("(\\d{1,7})([smhd])");

    private StatsWindow() {
    }

    /** @throws IllegalArgumentException (a 400) when the text is not such a window or longer than 7 days */
    static Duration parse(String text) {
        Matcher m = SYNTAX.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("window must be a number and a unit (s, m, h or d), e.g. 30s, 15m, "
                    + "1h or 7d");
        }
        long amount = Long.parseLong(m.group(1));
        Duration window = switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
        if (window.isZero() || window.compareTo(StatsQueries.MAX_WINDOW) > 0) {
            throw new IllegalArgumentException("window must be longer than 0 and at most 7d");
        }
        return window;
    }
}
