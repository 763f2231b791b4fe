package dev.runplane.api.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed token checks per client and refuses further checks once a client has failed too often within a
 * window, so that guessing is slow and cannot load the database. In memory and per node: good enough against a
 * noisy client, and it forgets everything on restart, which errs on the side of letting people in.
 * <p>
 * The map is bounded: once full (after dropping expired windows), new clients are not tracked. An attacker with
 * more addresses than that is not slowed by per-address limits anyway, and memory must never grow without bound.
 */
public final class AuthFailureLimiter {
    private record Window(Instant start, int failures) {
    }

    private final Clock clock;
    private final int maxFailures;
    private final Duration window;
    private final int maxClients;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    public AuthFailureLimiter(Clock clock, int maxFailures, Duration window, int maxClients) {
        if (maxFailures < 1 || window.isNegative() || window.isZero() || maxClients < 1) {
            throw new IllegalArgumentException("maxFailures, window and maxClients must be positive");
        }
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.window = window;
        this.maxClients = maxClients;
    }

    /** How long the client must wait before its next attempt is checked; zero when it may try now. */
    public Duration retryAfter(String client) {
        Window w = windows.get(client);
        if (w == null) {
            return Duration.ZERO;
        }
        Instant now = clock.instant();
        Instant end = w.start().plus(window);
        if (!now.isBefore(end)) {
            windows.remove(client, w);
            return Duration.ZERO;
        }
        return w.failures() >= maxFailures ? Duration.between(now, end) : Duration.ZERO;
    }

    /** Counts a failure; true when this one used up the client's allowance (so the caller can log it once). */
    public boolean recordFailure(String client) {
        Instant now = clock.instant();
        if (!windows.containsKey(client) && windows.size() >= maxClients) {
            windows.values().removeIf(w -> !now.isBefore(w.start().plus(window)));
            if (windows.size() >= maxClients) {
                return false;
            }
        }
        Window updated = windows.compute(client, (key, w) -> w == null || !now.isBefore(w.start().plus(window))
                ? new Window(now, 1)
                : new Window(w.start(), w.failures() + 1));
        return updated.failures() == maxFailures;
    }

    /**
     * The key a remote address is counted under. IPv6 clients usually hold a whole /64, so they are counted per
     * /64; otherwise one client could rotate through addresses and never be limited.
     */
    public static String clientKey(String remoteAddress) {
        if (remoteAddress == null || remoteAddress.indexOf(':') < 0) {
            return String.valueOf(remoteAddress);
        }
        try {
            byte[] bytes = InetAddress.getByName(remoteAddress).getAddress(); // a literal: no DNS lookup
            if (bytes.length != 16) {
                return remoteAddress;
            }
            StringBuilder key = new StringBuilder();
            for (int i = 0; i < 8; i += 2) {
                key.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
            }
            return key.append(":/64").toString();
        } catch (UnknownHostException e) {
            return remoteAddress;
        }
    }
}
