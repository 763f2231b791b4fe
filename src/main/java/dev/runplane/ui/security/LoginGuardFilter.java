package dev.runplane.ui.security;

import dev.runplane.audit.AuditLog;
import dev.runplane.base.Actor;
import dev.runplane.base.Source;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.security.web.csrf.XorCsrfTokenRequestAttributeHandler;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards the password form's {@code POST /login}, before form login sees it:
 * <ol>
 * <li>it requires the CSRF token (Vaadin's security configuration exempts the login path; the login form sends the
 * token from the page's {@code _csrf} meta tag), so another site cannot sign a browser into an account of its
 * choosing; a missing or stale token goes back to {@code /login?expired};</li>
 * <li>an address with too many failures is answered {@code /login?blocked} without checking the password, and the
 * failure that blocks it is audited ({@code LOGIN_BLOCKED});</li>
 * <li>a user name with repeated failures waits before its attempt is checked (slowed down, never locked out).</li>
 * </ol>
 * The outcome is read from form login's redirect ({@code ?error} is a failure). Created by the UI chain, never as a
 * bean (a bean filter would apply to every URL).
 */
final class LoginGuardFilter extends OncePerRequestFilter {
    private static final Logger log = LoggerFactory.getLogger(LoginGuardFilter.class);

    private final LoginThrottle throttle;
    private final AuditLog audit;
    private final HttpSessionCsrfTokenRepository csrfTokens = new HttpSessionCsrfTokenRepository();
    private final XorCsrfTokenRequestAttributeHandler csrfValues = new XorCsrfTokenRequestAttributeHandler();

    LoginGuardFilter(LoginThrottle throttle, AuditLog audit) {
        this.throttle = throttle;
        this.audit = audit;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !("POST".equals(request.getMethod()) && "/login".equals(path));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!validCsrfToken(request)) {
            log.info("Password sign-in from {} refused: missing or stale CSRF token", request.getRemoteAddr());
            response.sendRedirect(request.getContextPath() + "/login?expired");
            return;
        }
        String address = request.getRemoteAddr();
        String username = request.getParameter("username");
        if (!throttle.blockedFor(address).isZero()) {
            response.sendRedirect(request.getContextPath() + "/login?blocked");
            return;
        }
        Duration delay = username == null ? Duration.ZERO : throttle.delayFor(username);
        if (!delay.isZero()) {
            sleep(delay); // a virtual thread: waiting costs no platform thread
        }
        boolean[] failed = {false};
        chain.doFilter(request, new HttpServletResponseWrapper(response) {
            @Override
            public void sendRedirect(String location) throws IOException {
                failed[0] = location.contains("?error");
                super.sendRedirect(location);
            }

            @Override
            public void sendRedirect(String location, int sc, boolean clearBuffer) throws IOException {
                failed[0] = location.contains("?error");
                super.sendRedirect(location, sc, clearBuffer);
            }
        });
        if (!failed[0]) {
            throttle.recordSuccess(username);
        } else if (throttle.recordFailure(address, username)) {
            log.warn("Password sign-ins from {} blocked after repeated failures (last tried: '{}')", address, username);
            audit.record(new AuditLog.Entry(new Actor(safe(username), Source.UI), null, null, null, "LOGIN_BLOCKED",
                    null, "address=" + LoginThrottle.key(address), "sign-ins from this address blocked after "
                    + "repeated failures"));
        }
    }

    private boolean validCsrfToken(HttpServletRequest request) {
        CsrfToken expected = csrfTokens.loadToken(request);
        if (expected == null) {
            return false;
        }
        String actual = csrfValues.resolveCsrfTokenValue(request, expected);
        return actual != null && MessageDigest.isEqual(expected.getToken().getBytes(StandardCharsets.UTF_8),
                actual.getBytes(StandardCharsets.UTF_8));
    }

    /** What was typed as a user name is shown in the audit: bounded and printable. */
    private static String safe(String username) {
        if (username == null || username.isBlank()) {
            return "(none)";
        }
        String printable = username.codePoints().filter(cp -> !Character.isISOControl(cp))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return printable.length() > 100 ? printable.substring(0, 100) : printable;
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
