package dev.runplane.execution.local;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hands each service replica submission a port of its own from a range ({@code runplane.local.ports}), so two
 * submissions of one slot (a restart, a rollout) never compete for one port.
 * <p>
 * A port is free when nothing listens on it now and it was not handed out in the last {@link #RESERVATION}: a
 * replica that was just given a port may take a few seconds to bind it, and a bind test alone would hand the same
 * port to the next launch meanwhile. Replicas that already listen (including those of an earlier server process)
 * are found by the bind test, so nothing needs to survive a restart.
 */
final class PortAllocator {
    static final Duration RESERVATION = Duration.ofMinutes(2);
    private static final Pattern RANGE = Pattern.compile("\\s*(\\d{1,5})\\s*-\\s*(\\d{1,5})\\s*");

    private final int first;
    private final int last;
    private final Clock clock;
    private final Map<Integer, Instant> handedOut = new ConcurrentHashMap<>();

    PortAllocator(int first, int last, Clock clock) {
        if (first < 1 || last > 65_535 || first > last) {
            throw new IllegalArgumentException("a port range is first-last within 1-65535, got " + first + "-" + last);
        }
        this.first = first;
        this.last = last;
        this.clock = clock;
    }

    /** {@code "20000-29999"}; anything else is refused at start-up with the setting's name. */
    static PortAllocator parse(String range, Clock clock) {
        Matcher m = RANGE.matcher(range == null ? "" : range);
        if (!m.matches()) {
            throw new IllegalArgumentException("runplane.local.ports must be a range like 20000-29999, got '"
                    + range + "'");
        }
        return new PortAllocator(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), clock);
    }

    /** A free port, reserved for this caller; empty when every port of the range is taken. */
    synchronized java.util.OptionalInt next() {
        Instant now = clock.instant();
        handedOut.values().removeIf(at -> at.plus(RESERVATION).isBefore(now));
        int size = last - first + 1;
        // a random start spreads ports over the range, so a port just released is rarely handed out again at once
        int start = ThreadLocalRandom.current().nextInt(size);
        for (int i = 0; i < size; i++) {
            int port = first + (start + i) % size;
            if (!handedOut.containsKey(port) && bindable(port)) {
                handedOut.put(port, now);
                return java.util.OptionalInt.of(port);
            }
        }
        return java.util.OptionalInt.empty();
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
