package dev.runplane.runs.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.math.BigInteger;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QuantitiesTest {

    @ParameterizedTest
    @CsvSource({"1MB, 1000000", "1.000001MB, 1000001", "1.0000015MB, 1000001", "1MiB, 1048576", "1mi, 1048576",
            "1 GiB, 1073741824", "0.5TB, 500000000000", "16Ti, 17592186044416"})
    void memorySizes(String text, long bytes) {
        assertThat(Quantities.memoryBytes(text)).isEqualTo(bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "MB", "1  MB", " 1MB", "1MB ", "0.1.1MB", "1KIBB", "1e6", "+1MB", "1_000MB"})
    void malformedSizesSayWhatIsAllowed(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> Quantities.memoryBytes(text))
                .withMessageContaining("512MB, 2GB, 1GiB, 256Mi or 1.5GB");
    }

    @ParameterizedTest
    @ValueSource(longs = {999_999L, 17_592_186_044_417L})
    void sizesOutsideTheLimitsAreRejected(long bytes) {
        assertThatIllegalArgumentException().isThrownBy(() -> Quantities.memoryBytes(BigInteger.valueOf(bytes)))
                .withMessageContaining("between 1MB and 16TiB");
    }

    @ParameterizedTest
    @CsvSource({"1ms, PT0.001S", "1d1ms, PT24H0.001S", "9999999999d, PT239999999976H", "0s, PT0S", "0d0h, PT0S"})
    void durations(String text, Duration expected) {
        assertThat(Quantities.duration(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1", "h", "1h30", "1m1h", "1s1s", "1ms1s", "1.5h", "1D", " 1h", "99999999999d"})
    void malformedDurationsSayWhatIsAllowed(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> Quantities.duration(text))
                .withMessageContaining("90s, 30m, 2h, 1d or 1h30m");
    }

    @ParameterizedTest
    @CsvSource({"PT0S, 0s", "PT10S, 10s", "PT1H, 1h", "PT8760H, 365d", "PT1H30M0.5S, 1h30m500ms"})
    void durationsAreFormattedInTheSameSyntax(Duration duration, String text) {
        assertThat(Quantities.format(duration)).isEqualTo(text);
        assertThat(Quantities.duration(text)).isEqualTo(duration);
    }
}
