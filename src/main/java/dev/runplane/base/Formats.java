package dev.runplane.base;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Currency;
import java.util.Locale;

/**
 * Numbers and times as people read them, the same on every page: {@code $12.40}, {@code $0.052/h}, {@code 3h 05m},
 * {@code 5 min ago}. Exact values stay in the API ({@code Money.format}); these are for eyes only.
 */
public final class Formats {
    private static final MathContext TWO_SIGNIFICANT = new MathContext(2, RoundingMode.HALF_UP);

    private Formats() {
    }

    /**
     * Money with its currency: two decimals from one unit up ({@code $12.40}, {@code $1,234.50}) and two significant
     * digits below ({@code $0.052}); nothing at all is plain {@code $0}, never {@code 0.000000}.
     */
    public static String money(BigDecimal amount, String currency) {
        String prefix = symbol(currency);
        if (amount == null || amount.signum() == 0) {
            return prefix + "0";
        }
        BigDecimal abs = amount.abs();
        String sign = amount.signum() < 0 ? "-" : "";
        if (abs.compareTo(BigDecimal.ONE) >= 0) {
            DecimalFormat grouped = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT));
            grouped.setRoundingMode(RoundingMode.HALF_UP);
            return sign + prefix + grouped.format(abs);
        }
        BigDecimal rounded = abs.round(TWO_SIGNIFICANT);
        if (rounded.scale() < 2) {
            rounded = rounded.setScale(2, RoundingMode.UNNECESSARY);
        }
        return sign + prefix + rounded.toPlainString();
    }

    /** A burn rate: {@code $0.052/h}; an idle run reads {@code $0/h}. */
    public static String perHour(BigDecimal amount, String currency) {
        return money(amount, currency) + "/h";
    }

    /** {@code $} for USD, {@code €} for EUR; codes without a symbol of their own read {@code CHF 12.40}. */
    static String symbol(String currency) {
        if (currency == null || currency.isBlank()) {
            return "";
        }
        try {
            String symbol = Currency.getInstance(currency).getSymbol(Locale.US);
            return symbol.equals(currency) ? currency + "\u00a0" : symbol;
        } catch (IllegalArgumentException e) {
            return currency + "\u00a0";
        }
    }

    /** A span of time to the unit that matters: {@code 42s}, {@code 5m 03s}, {@code 3h 05m}, {@code 2d 4h}. */
    public static String duration(Duration duration) {
        long s = Math.max(0, duration.getSeconds());
        if (s >= 86_400) {
            return "%dd %dh".formatted(s / 86_400, s % 86_400 / 3600);
        }
        if (s >= 3600) {
            return "%dh %02dm".formatted(s / 3600, s % 3600 / 60);
        }
        return s >= 60 ? "%dm %02ds".formatted(s / 60, s % 60) : s + "s";
    }

    /** The time between two instants; an unfinished span runs up to {@code now}. Empty when it never started. */
    public static String duration(Instant start, Instant end, Instant now) {
        return start == null ? "" : duration(Duration.between(start, end != null ? end : now));
    }

    /** How long ago, coarse on purpose: {@code just now}, {@code 5 min ago}, {@code 3 h ago}, {@code 12 d ago}. */
    public static String ago(Instant instant, Instant now) {
        if (instant == null) {
            return "";
        }
        long s = Duration.between(instant, now).getSeconds();
        if (s < 0) {
            return "in the future";
        }
        if (s < 45) {
            return "just now";
        }
        if (s < 3600) {
            return Math.max(1, Math.round(s / 60.0)) + " min ago";
        }
        if (s < 86_400) {
            return s / 3600 + " h ago";
        }
        return s / 86_400 + " d ago";
    }

    /** The absolute time, for a tooltip beside a relative one: {@code 2026-12-02 14:03:07 UTC} or {@code … Europe/Berlin}. */
    public static String absolute(Instant instant, ZoneId zone) {
        if (instant == null) {
            return "";
        }
        String pattern = zone.normalized().equals(ZoneOffset.UTC) ? "yyyy-MM-dd HH:mm:ss 'UTC'" : "yyyy-MM-dd HH:mm:ss VV";
        return DateTimeFormatter.ofPattern(pattern, Locale.ROOT).withZone(zone).format(instant);
    }
}
