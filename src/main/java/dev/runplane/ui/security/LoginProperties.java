package dev.runplane.ui.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code runplane.login.*}: how the password form resists guessing. Per client address, repeated failures block
 * that address for a while (an attacker's own address, never the victim's account). Per user name, failures only
 * slow further attempts down, doubling from one second up to {@code userMaxDelay}: a user name can never be locked
 * out by someone else. Behind a reverse proxy set {@code server.forward-headers-strategy=native} so that the client's
 * address, not the proxy's, is counted.
 *
 * @param addressFailures     failed sign-ins from one address within {@code addressWindow} before it is blocked
 * @param addressWindow       counted from the address's first failure; the block lasts until it ends
 * @param userFreeFailures    failed sign-ins of one user name before its attempts are slowed down
 * @param userMaxDelay        the longest wait before a user name's next attempt is checked
 * @param userWindow          a user name's failures are forgotten this long after its last one
 * @param maxTracked          addresses and user names tracked at once (bounds memory)
 */
@ConfigurationProperties("runplane.login")
record LoginProperties(
        @DefaultValue("20") int addressFailures,
        @DefaultValue("15m") Duration addressWindow,
        @DefaultValue("5") int userFreeFailures,
        @DefaultValue("10s") Duration userMaxDelay,
        @DefaultValue("15m") Duration userWindow,
        @DefaultValue("10000") int maxTracked) {
}
