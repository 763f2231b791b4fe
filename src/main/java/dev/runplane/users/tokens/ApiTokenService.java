package dev.runplane.users.tokens;

import dev.runplane.audit.AuditLog;
import dev.runplane.base.Actor;
import dev.runplane.base.NotFoundException;
import dev.runplane.base.Source;
import dev.runplane.users.tokens.ApiTokenStore.StoredToken;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A user's API tokens. The secret exists in clear only in the {@link CreatedToken} returned by {@link #create};
 * the database holds its SHA-256. Denied uses are logged with the token id, never with the secret.
 */
@Service
public class ApiTokenService {
    static final String BOOTSTRAP_NAME = "bootstrap";
    /** Bounds what one user (or a script gone wrong) can pile up, and so the size of their list. */
    static final int MAX_ACTIVE_PER_USER = 500;
    /** last_used_at is for people ("used today?"), so one write a minute is precise enough and saves a write per call. */
    static final Duration LAST_USED_PRECISION = Duration.ofMinutes(1);
    /** DATETIME holds years up to 9999; later expiries would fail in the database instead of with a clear message. */
    private static final Instant LATEST_EXPIRY = Instant.parse("9999-01-01T00:00:00Z");

    private static final Logger log = LoggerFactory.getLogger(ApiTokenService.class);

    private final ApiTokenStore store;
    private final Clock clock;
    private final AuditLog audit;
    private final org.springframework.context.ApplicationEventPublisher events;

    ApiTokenService(ApiTokenStore store, Clock clock, AuditLog audit,
                    org.springframework.context.ApplicationEventPublisher events) {
        this.store = store;
        this.clock = clock;
        this.audit = audit;
        this.events = events;
    }

    /** Creates a token for the user; {@code expiresAt} null means it never expires. */
    @Transactional
    public CreatedToken create(String username, String name, Instant expiresAt) {
        String validName = TokenNames.require(name);
        Instant now = now();
        Instant expiry = expiresAt == null ? null : expiresAt.truncatedTo(ChronoUnit.MICROS);
        if (expiry != null && !expiry.isAfter(now)) {
            throw new IllegalArgumentException("expiresAt must be in the future");
        }
        if (expiry != null && expiry.isAfter(LATEST_EXPIRY)) {
            throw new IllegalArgumentException("expiresAt must be before " + LATEST_EXPIRY);
        }
        long userId = store.userId(username).orElseThrow(() -> new NotFoundException("user not found"));
        if (store.countActive(userId, now) >= MAX_ACTIVE_PER_USER) {
            throw new IllegalArgumentException("a user may have at most " + MAX_ACTIVE_PER_USER
                    + " active tokens: revoke some first");
        }
        String secret = TokenSecrets.generate();
        String prefix = TokenSecrets.shownPrefix(secret);
        long id = store.insert(userId, validName, prefix, TokenSecrets.hash(secret), now, expiry);
        log.info("API token {} '{}' created for user '{}'", id, validName, username);
        // the audit names the token by id and prefix, never by its secret
        audit.record(new AuditLog.Entry(new Actor(username, Source.API), null, null, null, "TOKEN_CREATED", null,
                "token=" + id + " name=" + validName + " prefix=" + prefix, null));
        return new CreatedToken(id, validName, secret, prefix, now, expiry);
    }

    /** The user's tokens, usable ones first, newest first; metadata only. */
    @Transactional(readOnly = true)
    public List<TokenInfo> list(String username) {
        return store.list(username, now());
    }

    /** Revokes one of the user's own tokens; revoking twice is harmless. */
    @Transactional
    public void revoke(String username, long id) {
        if (!store.revoke(username, id, now())) {
            // the same answer for "no such token" and "someone else's token": ids reveal nothing
            throw new NotFoundException("token " + id + " not found");
        }
        log.info("API token {} revoked by user '{}'", id, username);
        audit.record(new AuditLog.Entry(new Actor(username, Source.API), null, null, null, "TOKEN_REVOKED",
                "token=" + id, null, null));
        events.publishEvent(new TokenRevoked(id, username));
    }

    /** Who the secret speaks for, if it is a known, unrevoked, unexpired token of an enabled user. */
    @Transactional
    public Optional<AuthenticatedToken> authenticate(String secret) {
        if (!TokenSecrets.plausible(secret)) {
            return Optional.empty();
        }
        Optional<StoredToken> found = store.findByHash(TokenSecrets.hash(secret));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        StoredToken token = found.get();
        Instant now = now();
        String refusal = token.refusal(now);
        if (refusal != null) {
            log.info("API token {} of user '{}' denied: {}", token.id(), token.username(), refusal);
            return Optional.empty();
        }
        Instant notAfter = now.minus(LAST_USED_PRECISION);
        if (token.lastUsedAt() == null || token.lastUsedAt().isBefore(notAfter)) {
            store.touch(token.id(), now, notAfter);
        }
        return Optional.of(new AuthenticatedToken(token.id(), token.username(), token.globalAdmin()));
    }

    /**
     * Makes {@code secret} the user's one active {@value #BOOTSTRAP_NAME} token. Idempotent, so that the same
     * configured secret at every start keeps one row (and its last-used time).
     */
    @Transactional
    void installBootstrapToken(String username, String secret) {
        long userId = store.userId(username).orElseThrow(() -> new NotFoundException("user not found"));
        Instant now = now();
        Optional<StoredToken> existing = store.findByHash(TokenSecrets.hash(secret));
        long id;
        if (existing.isPresent()) {
            StoredToken token = existing.get();
            id = token.id();
            boolean alreadyInstalled = token.userId() == userId && BOOTSTRAP_NAME.equals(token.name())
                    && token.revokedAt() == null && token.expiresAt() == null;
            if (!alreadyInstalled) {
                store.reassign(id, userId, BOOTSTRAP_NAME, TokenSecrets.shownPrefix(secret), now);
            }
        } else {
            id = store.insert(userId, BOOTSTRAP_NAME, TokenSecrets.shownPrefix(secret), TokenSecrets.hash(secret),
                    now, null);
        }
        store.revokeNamed(userId, BOOTSTRAP_NAME, id, now);
        log.info("API token {} '{}' installed for user '{}' from the configured admin token", id, BOOTSTRAP_NAME,
                username);
    }

    /** DATETIME(6) keeps microseconds: truncating here makes returned times equal the stored ones. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
