package dev.runplane.api.security;

import dev.runplane.users.tokens.ApiTokenService;
import dev.runplane.users.tokens.AuthenticatedToken;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer rp_…} for the API chain. Without the header the request goes on
 * unauthenticated (public paths work, the rest get the entry point's 401). A header that does not authenticate is
 * answered 401 here at once and counted against the client; a client over its limit gets 429 before its token is
 * even looked up.
 * <p>
 * Created with {@code new} by the API chain, never as a bean: Spring Boot would register a bean filter for every
 * URL, the UI included.
 */
public final class BearerTokenFilter extends OncePerRequestFilter {
    private static final Logger log = LoggerFactory.getLogger(BearerTokenFilter.class);
    private static final String SCHEME = "Bearer ";

    private final ApiTokenService tokens;
    private final AuthFailureLimiter limiter;
    private final AuthenticationEntryPoint entryPoint;
    private final Supplier<SecurityContextHolderStrategy> contexts;

    public BearerTokenFilter(ApiTokenService tokens, AuthFailureLimiter limiter, AuthenticationEntryPoint entryPoint) {
        this(tokens, limiter, entryPoint, SecurityContextHolder::getContextHolderStrategy);
    }

    /**
     * @param contexts the strategy this application's filters read (Vaadin's bean): the global one belongs to
     *                 whichever application context started last, which in a JVM with two (tests) is not ours
     */
    public BearerTokenFilter(ApiTokenService tokens, AuthFailureLimiter limiter, AuthenticationEntryPoint entryPoint,
                             Supplier<SecurityContextHolderStrategy> contexts) {
        this.tokens = tokens;
        this.limiter = limiter;
        this.entryPoint = entryPoint;
        this.contexts = contexts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            chain.doFilter(request, response);
            return;
        }
        String client = AuthFailureLimiter.clientKey(request.getRemoteAddr());
        Duration wait = limiter.retryAfter(client);
        if (!wait.isZero()) {
            tooManyFailures(request, response, wait);
            return;
        }
        Optional<AuthenticatedToken> token;
        try {
            token = secret(header).flatMap(tokens::authenticate);
        } catch (RuntimeException e) {
            if (!DatabaseUnavailable.is(e)) {
                throw e;
            }
            // answered here: escaping the filter, it ended on the UI chain's error page as a redirect to /login
            log.warn("API token check impossible: the database is unavailable ({})", e.toString());
            response.setHeader(HttpHeaders.RETRY_AFTER, Integer.toString(DatabaseUnavailable.RETRY_AFTER_SECONDS));
            ProblemJson.write(request, response, 503, "Service unavailable", DatabaseUnavailable.DETAIL);
            return;
        }
        if (token.isEmpty()) {
            if (limiter.recordFailure(client)) {
                log.warn("API client {} reached the limit of failed token checks; refusing it for a while", client);
            } else {
                log.info("API token check failed for client {} on {} {}", client, request.getMethod(),
                        request.getRequestURI());
            }
            entryPoint.commence(request, response, new BadCredentialsException("invalid or missing token"));
            return;
        }
        AuthenticatedToken authenticated = token.get();
        // looked up per request: Vaadin installs its own strategy after this filter is created
        SecurityContextHolderStrategy contexts = this.contexts.get();
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(new ApiTokenAuthentication(authenticated.username(), authenticated.tokenId(),
                authenticated.globalAdmin()));
        contexts.setContext(context);
        chain.doFilter(request, response);
    }

    private static Optional<String> secret(String header) {
        if (header.length() <= SCHEME.length() || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return Optional.empty();
        }
        return Optional.of(header.substring(SCHEME.length()).strip());
    }

    private static void tooManyFailures(HttpServletRequest request, HttpServletResponse response, Duration wait)
            throws IOException {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        ProblemJson.write(request, response, 429, "Too Many Requests",
                "too many failed authentication attempts; retry later");
    }
}
