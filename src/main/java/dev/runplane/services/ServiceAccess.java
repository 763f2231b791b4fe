package dev.runplane.services;

import dev.runplane.projects.ProjectAccess;
import dev.runplane.users.tokens.ApiTokenService;
import dev.runplane.users.tokens.AuthenticatedToken;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Who may use a service that is not public: a project member's API token, or a token of that service itself.
 * Checks need the database, so they run on a bounded elastic scheduler, never on an event loop, and a verdict is
 * kept for {@link #CACHE_TTL} (a revoked token or a removed member is refused within that time).
 */
class ServiceAccess {
    static final Duration CACHE_TTL = Duration.ofSeconds(5);
    private static final int MAX_CACHED = 10_000;

    enum Verdict { ALLOWED, DENIED }

    private record Cached(Verdict verdict, Instant until) {
    }

    private final ApiTokenService tokens;
    private final ProjectAccess projects;
    private final ServiceTokens serviceTokens;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    ServiceAccess(ApiTokenService tokens, ProjectAccess projects, ServiceTokens serviceTokens, Clock clock) {
        this.tokens = tokens;
        this.projects = projects;
        this.serviceTokens = serviceTokens;
        this.clock = clock;
    }

    /** ALLOWED for a member of the run's project or a valid token of this very run; DENIED otherwise. */
    Mono<Verdict> check(ServiceRoutes.Route route, String secret) {
        String key = hash(secret) + " " + route.runId();
        Instant now = clock.instant();
        Cached cached = cache.get(key);
        if (cached != null && now.isBefore(cached.until())) {
            return Mono.just(cached.verdict());
        }
        return Mono.fromCallable(() -> decide(route, secret))
                .subscribeOn(Schedulers.boundedElastic())
                .doOnNext(verdict -> remember(key, verdict));
    }

    private Verdict decide(ServiceRoutes.Route route, String secret) {
        if (serviceTokens.valid(route.runId(), secret)) {
            return Verdict.ALLOWED;
        }
        Optional<AuthenticatedToken> token = tokens.authenticate(secret);
        if (token.isEmpty()) {
            return Verdict.DENIED;
        }
        return projects.roleOf(token.get().username(), route.project()).isPresent() ? Verdict.ALLOWED
                : Verdict.DENIED;
    }

    private void remember(String key, Verdict verdict) {
        if (cache.size() >= MAX_CACHED) {
            Instant now = clock.instant();
            cache.values().removeIf(c -> !now.isBefore(c.until()));
            if (cache.size() >= MAX_CACHED) {
                cache.clear();
            }
        }
        cache.put(key, new Cached(verdict, clock.instant().plus(CACHE_TTL)));
    }

    /** Forgets every verdict (a token revoked here takes effect at once on this node). */
    void forgetAll() {
        cache.clear();
    }

    private static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
