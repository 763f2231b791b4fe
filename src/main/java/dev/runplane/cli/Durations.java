package dev.runplane.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Durations as people type them: {@code 30s}, {@code 10m}, {@code 2h}, {@code 1d}, or combined, {@code 1h30m}. */
final class Durations implements ITypeConverter<Duration> {
    private static final Pattern WHOLE = Pattern.compile("(\\d{1,9}[smhd])+");
    private static final Pattern PART = Pattern.compile("(\\d{1,9})([smhd])");

    @Override
    public Duration convert(String text) {
        return parse(text);
    }

    static Duration parse(String text) {
        String value = text == null ? "" : text.trim();
        if (!WHOLE.matcher(value).matches()) {
            throw new TypeConversionException("'" + text + "' is not a duration like 30s, 10m, 2h, 1d or 1h30m");
        }
        Duration total = Duration.ZERO;
        Matcher part = PART.matcher(value);
        while (part.find()) {
            long amount = Long.parseLong(part.group(1));
            total = total.plus(switch (part.group(2)) {
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            });
        }
        return total;
    }
}
