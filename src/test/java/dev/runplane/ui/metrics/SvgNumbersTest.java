package dev.runplane.ui.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SvgNumbersTest {
    @Test
    void numbersAreWrittenWithoutLocaleOrExponent() {
        assertThat(SvgNumbers.num(1e-9)).isEqualTo("0");
        assertThat(SvgNumbers.num(12.346)).isEqualTo("12.35");
        assertThat(SvgNumbers.num(33.3333)).isEqualTo("33.33");
        assertThat(SvgNumbers.num(2.5)).isEqualTo("2.5");
        assertThat(SvgNumbers.num(100)).isEqualTo("100");
    }
}
