package dev.runplane.api.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code runplane.api.auth-failures.*}: how many failed token checks one client (IP address, IPv6 /64) may make per
 * window before it gets 429. Behind a reverse proxy set {@code server.forward-headers-strategy=native} so that the
 * client's address, not the proxy's, is counted.
 *
 * @param limit      failed checks allowed per client and window
 * @param window     length of the window, counted from a client's first failure
 * @param maxClients how many clients are tracked at once (bounds memory)
 */
@ConfigurationProperties("runplane.api.auth-failures")
record AuthFailureProperties(
        @DefaultValue("20") int limit,
        @DefaultValue("1m") Duration window,
        @DefaultValue("10000") int maxClients) {
}
