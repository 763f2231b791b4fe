package dev.runplane.ui.metrics;

import java.time.Duration;

/** The windows the Stats tab offers; the first is the default, the one every open page of a run shares. */
public enum StatsWindow {
    MINUTES_15("15 min", Duration.ofMinutes(15)),
    HOUR_1("1 h", Duration.ofHours(1)),
    HOURS_24("24 h", Duration.ofHours(24)),
    DAYS_7("7 d", Duration.ofDays(7));

    private final String label;
    private final Duration duration;

    StatsWindow(String label, Duration duration) {
        this.label = label;
        this.duration = duration;
    }

    public String label() {
        return label;
    }

    public Duration duration() {
        return duration;
    }

    /** "15 minutes", "1 hour", "24 hours", "7 days". */
    static String describe(Duration window) {
        long minutes = window.toMinutes();
        if (minutes % (24 * 60) == 0 && minutes >= 48 * 60) {
            return minutes / (24 * 60) + " days";
        }
        if (minutes % 60 == 0 && minutes >= 60) {
            return minutes == 60 ? "1 hour" : minutes / 60 + " hours";
        }
        return minutes == 1 ? "1 minute" : minutes + " minutes";
    }
}
