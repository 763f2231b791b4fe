package dev.runplane.runs.spec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Memory sizes and durations as people write them in specs. Pure functions; an invalid value throws
 * {@link IllegalArgumentException} whose message says what is allowed, ready to become a field error.
 */
final class Quantities {

    static final long MIN_MEMORY_BYTES = 1_000_000L;
    static final long MAX_MEMORY_BYTES = 16L << 40;

    static final String MEMORY_FORMAT = "a size like 512MB, 2GB, 1GiB, 256Mi or 1.5GB (units B, KB, MB, GB, TB"
            + " are powers of 1000; KiB, MiB, GiB, TiB and Ki, Mi, Gi, Ti are powers of 1024), or a whole number"
            + " of bytes";
    static final String MEMORY_RANGE = "between 1MB and 16TiB";

    static final String DURATION_FORMAT = "a duration like 500ms, 90s, 30m, 2h, 1d or 1h30m (units d, h, m, s, ms,"
            + " largest first), or a whole number of seconds";

    // digit limits bound the work on hostile input; durations also stay far below Long.MAX_VALUE milliseconds
    private static final Pattern MEMORY = Pattern.compile("(\\d{1,15})(?:\\.(\\d{1,9}))? ?([A-Za-z]{0,3})");
    private static final Pattern DURATION_PART = Pattern.compile("(\\d{1,10})(ms|d|h|m|s)");

    private static final Map<String, Long> MEMORY_UNITS = Map.ofEntries(
            Map.entry("", 1L), Map.entry("b", 1L),
            Map.entry("kb", 1_000L), Map.entry("mb", 1_000_000L),
            Map.entry("gb", 1_000_000_000L), Map.entry("tb", 1_000_000_000_000L),
            Map.entry("kib", 1L << 10), Map.entry("mib", 1L << 20), Map.entry("gib", 1L << 30), Map.entry("tib", 1L << 40),
            Map.entry("ki", 1L << 10), Map.entry("mi", 1L << 20), Map.entry("gi", 1L << 30), Map.entry("ti", 1L << 40));

    /** Largest first; a unit must be smaller than the one before it, so "30m1h" and "1h1h" are typos, not sums. */
    private static final Map<String, Long> DURATION_UNIT_MILLIS = Map.of(
            "d", 86_400_000L, "h", 3_600_000L, "m", 60_000L, "s", 1_000L, "ms", 1L);

    private Quantities() {
    }

    /** Parses {@code 512MB}, {@code 1.5GiB}, {@code 256Mi}...; fractions of a byte are dropped. */
    static long memoryBytes(String text) {
        Matcher m = MEMORY.matcher(text);
        Long unit = m.matches() ? MEMORY_UNITS.get(m.group(3).toLowerCase(Locale.ROOT)) : null;
        if (unit == null) {
            throw new IllegalArgumentException("must be " + MEMORY_FORMAT);
        }
        String number = m.group(2) == null ? m.group(1) : m.group(1) + "." + m.group(2);
        BigDecimal bytes = new BigDecimal(number).multiply(BigDecimal.valueOf(unit)).setScale(0, RoundingMode.DOWN);
        return memoryBytes(bytes.toBigIntegerExact());
    }

    /** Checks a plain byte count against the limits. */
    static long memoryBytes(BigInteger bytes) {
        if (bytes.compareTo(BigInteger.valueOf(MIN_MEMORY_BYTES)) < 0
                || bytes.compareTo(BigInteger.valueOf(MAX_MEMORY_BYTES)) > 0) {
            throw new IllegalArgumentException("must be " + MEMORY_RANGE + " (" + bytes + " bytes)");
        }
        return bytes.longValueExact();
    }

    /** Parses {@code 90s}, {@code 1h30m}, {@code 500ms}...; no range check (each field has its own). */
    static Duration duration(String text) {
        Matcher m = DURATION_PART.matcher(text);
        long millis = 0;
        long previousUnit = Long.MAX_VALUE;
        int position = 0;
        while (position < text.length()) {
            m.region(position, text.length());
            if (!m.lookingAt()) {
                throw new IllegalArgumentException("must be " + DURATION_FORMAT);
            }
            long unit = DURATION_UNIT_MILLIS.get(m.group(2));
            if (unit >= previousUnit) {
                throw new IllegalArgumentException("must be " + DURATION_FORMAT);
            }
            millis += Long.parseLong(m.group(1)) * unit;
            previousUnit = unit;
            position = m.end();
        }
        if (position == 0) {
            throw new IllegalArgumentException("must be " + DURATION_FORMAT);
        }
        return Duration.ofMillis(millis);
    }

    /** The shortest spelling of {@code d} in the syntax {@link #duration} reads, for messages. */
    static String format(Duration d) {
        long millis = d.toMillis();
        if (millis == 0) {
            return "0s";
        }
        StringBuilder out = new StringBuilder();
        for (String unit : new String[] {"d", "h", "m", "s", "ms"}) {
            long size = DURATION_UNIT_MILLIS.get(unit);
            if (millis >= size) {
                out.append(millis / size).append(unit);
                millis %= size;
            }
        }
        return out.toString();
    }
}
