package dev.runplane.api.logs;

import java.util.Locale;

/** Which submissions a log read covers: {@code current} replicas only, or {@code all} (history included). */
enum Submissions {
    CURRENT, ALL;

    static Submissions parse(String value) {
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("submissions must be 'current' or 'all', not '" + value + "'");
        }
    }

    boolean all() {
        return this == ALL;
    }
}
