package dev.runplane.base;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class FormatsTest {
    @Test
    void moneyHasTwoDecimalsFromOneUnitUpAndTwoSignificantDigitsBelow() {
        assertThat(Formats.money(new BigDecimal("12.4"), "USD")).isEqualTo("$12.40");
        assertThat(Formats.money(new BigDecimal("1234.567"), "USD")).isEqualTo("$1,234.57");
        assertThat(Formats.perHour(new BigDecimal("0.052384"), "USD")).isEqualTo("$0.052/h");
        assertThat(Formats.money(new BigDecimal("0.5"), "USD")).isEqualTo("$0.50");
        assertThat(Formats.money(new BigDecimal("0.0000123"), "USD")).isEqualTo("$0.000012");
    }

    @Test
    void anIdleRunReadsZeroWithoutTrailingZeros() {
        assertThat(Formats.perHour(new BigDecimal("0.000000"), "USD")).isEqualTo("$0/h");
        assertThat(Formats.money(BigDecimal.ZERO.setScale(10), "USD")).isEqualTo("$0");
    }

    @Test
    void currenciesWithoutASymbolShowTheirCode() {
        assertThat(Formats.money(new BigDecimal("3"), "EUR")).isEqualTo("€3.00");
        assertThat(Formats.money(new BigDecimal("3"), "CHF")).isEqualTo("CHF\u00a03.00");
        assertThat(Formats.money(new BigDecimal("3"), "credits")).isEqualTo("credits\u00a03.00");
    }

    @Test
    void durationsUseTheUnitsThatMatter() {
        assertThat(Formats.duration(Duration.ofSeconds(42))).isEqualTo("42s");
        assertThat(Formats.duration(Duration.ofSeconds(303))).isEqualTo("5m 03s");
        assertThat(Formats.duration(Duration.ofMinutes(185))).isEqualTo("3h 05m");
        assertThat(Formats.duration(Duration.ofHours(52))).isEqualTo("2d 4h");
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        assertThat(Formats.duration(start, null, start.plusSeconds(61))).isEqualTo("1m 01s");
        assertThat(Formats.duration(null, null, start)).isEmpty();
    }

    @Test
    void relativeTimesAreCoarseAndTheAbsoluteOneNamesItsZone() {
        Instant now = Instant.parse("2026-01-01T12:00:00Z");
        assertThat(Formats.ago(now.minusSeconds(10), now)).isEqualTo("just now");
        assertThat(Formats.ago(now.minusSeconds(300), now)).isEqualTo("5 min ago");
        assertThat(Formats.ago(now.minusSeconds(3 * 3600 + 5), now)).isEqualTo("3 h ago");
        assertThat(Formats.ago(now.minus(Duration.ofDays(12)), now)).isEqualTo("12 d ago");
        assertThat(Formats.absolute(now, ZoneOffset.UTC)).isEqualTo("2026-01-01 12:00:00 UTC");
        assertThat(Formats.absolute(now, ZoneId.of("Europe/Berlin"))).isEqualTo("2026-01-01 13:00:00 Europe/Berlin");
    }
}
