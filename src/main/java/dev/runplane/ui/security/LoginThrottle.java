package dev.runplane.ui.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Counts failed password sign-ins per client address (blocks it) and per user name (slows it down); see
 * {@link LoginProperties}. In memory and per node, bounded: it forgets on restart, which errs on letting people in.
 */
@Component
class LoginThrottle {
    private record Count(Instant first, Instant last, int failures) {
    }

    private final LoginProperties settings;
    private final Clock clock;
    private final Map<String, Count> addresses = new ConcurrentHashMap<>();
    private final Map<String, Count> users = new ConcurrentHashMap<>();

    LoginThrottle(LoginProperties settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** How long the address stays blocked; zero when it may try. */
    Duration blockedFor(String address) {
        Count count = addresses.get(key(address));
        if (count == null || count.failures() < settings.addressFailures()) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(clock.instant(), count.first().plus(settings.addressWindow()));
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** How long to wait before this user name's attempt is checked: doubling past the free failures, capped. */
    Duration delayFor(String username) {
        Count count = users.get(username.toLowerCase(Locale.ROOT));
        if (count == null || expired(count, settings.userWindow(), clock.instant())) {
            return Duration.ZERO;
        }
        int over = count.failures() - settings.userFreeFailures();
        if (over < 0) {
            return Duration.ZERO;
        }
        long millis = 1000L << Math.min(over, 20);
        return Duration.ofMillis(Math.min(millis, settings.userMaxDelay().toMillis()));
    }

    /** Counts a failure; true when it is the one that blocks the address (so it is audited once). */
    boolean recordFailure(String address, String username) {
        Instant now = clock.instant();
        if (username != null && !username.isBlank()) {
            count(users, username.toLowerCase(Locale.ROOT), now, settings.userWindow(), false);
        }
        Count count = count(addresses, key(address), now, settings.addressWindow(), true);
        return count != null && count.failures() == settings.addressFailures();
    }

    /** The user got in: its name's slow-down ends (its address's count stays: that is the attacker's budget). */
    void recordSuccess(String username) {
        if (username != null) {
            users.remove(username.toLowerCase(Locale.ROOT));
        }
    }

    /** Tests only: forget everything (tests in one JVM share one address). */
    void clear() {
        addresses.clear();
        users.clear();
    }

    /** @param fromFirst the window runs from the first failure (addresses) or from the last one (user names) */
    private Count count(Map<String, Count> counts, String key, Instant now, Duration window, boolean fromFirst) {
        if (!counts.containsKey(key) && counts.size() >= settings.maxTracked()) {
            counts.values().removeIf(c -> expired(c, window, now, fromFirst));
            if (counts.size() >= settings.maxTracked()) {
                return null;
            }
        }
        return counts.compute(key, (k, c) -> c == null || expired(c, window, now, fromFirst)
                ? new Count(now, now, 1) : new Count(c.first(), now, c.failures() + 1));
    }

    private static boolean expired(Count count, Duration window, Instant now) {
        return expired(count, window, now, false);
    }

    private static boolean expired(Count count, Duration window, Instant now, boolean fromFirst) {
        return !now.isBefore((fromFirst ? count.first() : count.last()).plus(window));
    }

    /** IPv6 clients usually hold a whole /64: counted per /64, or one client could rotate addresses. */
    static String key(String address) {
        if (address == null || address.indexOf(':') < 0) {
            return String.valueOf(address);
        }
        try {
            byte[] bytes = InetAddress.getByName(address).getAddress(); // a literal: no DNS lookup
            if (bytes.length != 16) {
                return address;
            }
            StringBuilder key = new StringBuilder();
            for (int i = 0; i < 8; i += 2) {
                key.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
            }
            return key.append(":/64").toString();
        } catch (UnknownHostException e) {
            return address;
        }
    }
}
