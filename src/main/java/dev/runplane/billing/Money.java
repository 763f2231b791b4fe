package dev.runplane.billing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;

/** Exact money arithmetic: price per hour × milliseconds, as decimals, never floating point. */
public final class Money {
    private static final BigDecimal MILLIS_PER_HOUR = BigDecimal.valueOf(3_600_000L);
    /** stored precision of a cost; totals are rounded for display only */
    public static final int SCALE = 10;

    private Money() {
    }

    public static BigDecimal cost(BigDecimal pricePerHour, Instant from, Instant to) {
        long millis = Math.max(0, Duration.between(from, to).toMillis());
        return pricePerHour.multiply(BigDecimal.valueOf(millis)).divide(MILLIS_PER_HOUR, SCALE, RoundingMode.HALF_UP);
    }

    /** A decimal string for APIs: no exponent, no float rounding. */
    public static String format(BigDecimal amount) {
        return amount.setScale(6, RoundingMode.HALF_UP).toPlainString();
    }
}
