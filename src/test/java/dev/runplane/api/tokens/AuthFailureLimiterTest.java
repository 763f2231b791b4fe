package dev.runplane.api.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runplane.api.security.AuthFailureLimiter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class AuthFailureLimiterTest {
    private final SettableClock clock = new SettableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final AuthFailureLimiter limiter = new AuthFailureLimiter(clock, 3, Duration.ofMinutes(1), 100);

    @Test
    void clientMayFailUpToTheLimitAndIsThenToldToWaitUntilTheWindowEnds() {
        assertThat(limiter.recordFailure("10.0.0.1")).isFalse();
        assertThat(limiter.recordFailure("10.0.0.1")).isFalse();
        assertThat(limiter.retryAfter("10.0.0.1")).isZero();

        clock.advance(Duration.ofSeconds(15));
        assertThat(limiter.recordFailure("10.0.0.1")).as("the failure that uses up the allowance").isTrue();

        assertThat(limiter.retryAfter("10.0.0.1")).isEqualTo(Duration.ofSeconds(45));
        clock.advance(Duration.ofSeconds(44));
        assertThat(limiter.retryAfter("10.0.0.1")).isEqualTo(Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        assertThat(limiter.retryAfter("10.0.0.1")).isZero();
    }

    @Test
    void aNewWindowStartsAfterTheOldOneEnds() {
        limiter.recordFailure("10.0.0.1");
        limiter.recordFailure("10.0.0.1");
        clock.advance(Duration.ofMinutes(1));

        limiter.recordFailure("10.0.0.1");
        limiter.recordFailure("10.0.0.1");

        assertThat(limiter.retryAfter("10.0.0.1")).as("2 failures in the new window, not 4").isZero();
    }

    @Test
    void clientsAreCountedSeparately() {
        for (int i = 0; i < 3; i++) {
            limiter.recordFailure("10.0.0.1");
        }

        assertThat(limiter.retryAfter("10.0.0.1")).isPositive();
        assertThat(limiter.retryAfter("10.0.0.2")).isZero();
    }

    @Test
    void memoryIsBoundedAndExpiredClientsMakeRoom() {
        AuthFailureLimiter small = new AuthFailureLimiter(clock, 1, Duration.ofMinutes(1), 2);
        small.recordFailure("a");
        small.recordFailure("b");

        small.recordFailure("c");
        assertThat(small.retryAfter("c")).as("not tracked while the map is full").isZero();
        assertThat(small.retryAfter("a")).as("tracked clients stay limited").isPositive();

        clock.advance(Duration.ofMinutes(1));
        small.recordFailure("c");
        assertThat(small.retryAfter("c")).as("expired windows were dropped to make room").isPositive();
    }

    @Test
    void ipv6ClientsAreCountedPerSlash64AndIpv4PerAddress() {
        assertThat(AuthFailureLimiter.clientKey("2001:db8:1:2:aaaa::1"))
                .isEqualTo(AuthFailureLimiter.clientKey("2001:db8:1:2:bbbb::2"))
                .isNotEqualTo(AuthFailureLimiter.clientKey("2001:db8:1:3::1"));
        assertThat(AuthFailureLimiter.clientKey("192.0.2.1")).isNotEqualTo(AuthFailureLimiter.clientKey("192.0.2.2"));
    }

    /** A clock the test moves by hand. */
    static final class SettableClock extends Clock {
        private Instant now;

        SettableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
