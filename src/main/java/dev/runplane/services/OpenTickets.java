package dev.runplane.services;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed, short-lived proofs that a signed-in member may use one service: the run page's "Open" link carries one
 * (valid {@link #LINK_TTL}), and the endpoint trades it for a cookie of the same form (valid
 * {@code runplane.services.open-cookie-ttl}) scoped to the service's path. The key is drawn at start-up, so a
 * restart ends every such cookie (members open the service again); no database lookup is needed to check one.
 */
public final class OpenTickets {
    static final Duration LINK_TTL = Duration.ofSeconds(60);
    private static final String ALGORITHM = "HmacSHA256";

    private final byte[] key = new byte[32];
    private final Clock clock;

    public OpenTickets(Clock clock) {
        new SecureRandom().nextBytes(key);
        this.clock = clock;
    }

    /** {@code <runId>.<purpose>.<expiry epoch s>.<signature>} */
    String issue(long runId, String purpose, Duration ttl) {
        String body = runId + "." + purpose + "." + clock.instant().plus(ttl).getEpochSecond();
        return body + "." + sign(body);
    }

    /** A ticket for the run page's "Open" link. */
    public String issueLink(long runId) {
        return issue(runId, "link", LINK_TTL);
    }

    boolean valid(String ticket, long runId, String purpose) {
        if (ticket == null || ticket.length() > 200) {
            return false;
        }
        int last = ticket.lastIndexOf('.');
        if (last < 0) {
            return false;
        }
        String body = ticket.substring(0, last);
        if (!MessageDigest.isEqual(sign(body).getBytes(StandardCharsets.US_ASCII),
                ticket.substring(last + 1).getBytes(StandardCharsets.US_ASCII))) {
            return false;
        }
        String[] parts = body.split("\\.");
        try {
            return parts.length == 3 && Long.parseLong(parts[0]) == runId && parts[1].equals(purpose)
                    && clock.instant().isBefore(Instant.ofEpochSecond(Long.parseLong(parts[2])));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private String sign(String body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(body.getBytes(
                    StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
