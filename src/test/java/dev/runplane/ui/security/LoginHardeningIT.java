package dev.runplane.ui.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.assertions.PlaywrightAssertions;
import dev.runplane.support.BrowserSession;
import dev.runplane.support.IntegrationTest;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 13, items 2 and 8: the password form as an attacker drives it, over plain HTTP (each redirect visible),
 * and the message a blocked user reads, in a real browser.
 */
@IntegrationTest
class LoginHardeningIT {
    private static final Pattern SESSION = Pattern.compile("JSESSIONID=([^;]+)");
    private static final Pattern CSRF = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");

    @LocalServerPort
    int port;
    @Autowired
    LoginThrottle throttle;
    @Autowired
    JdbcClient jdbc;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Every test here fails sign-ins from 127.0.0.1, the address of every other test in this JVM too. */
    @BeforeEach
    @AfterEach
    void forgetFailures() {
        throttle.clear();
    }

    /** A cookie jar of one cookie: enough to see each step of form login. */
    private final class Visitor {
        String session;

        String csrf() {
            HttpResponse<String> page = get("/login");
            Matcher token = CSRF.matcher(page.body());
            assertThat(token.find()).as("the login page carries a CSRF token").isTrue();
            return token.group(1);
        }

        HttpResponse<String> get(String path) {
            return send(request(path).GET());
        }

        /** @return where form login sends the browser next */
        String signIn(String user, String password, String csrf) {
            String form = "username=" + encode(user) + "&password=" + encode(password)
                    + (csrf == null ? "" : "&_csrf=" + encode(csrf));
            HttpResponse<String> response = send(request("/login")
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
            return response.headers().firstValue("Location").orElseThrow();
        }

        boolean signedIn() {
            return get("/").statusCode() == 200;
        }

        private HttpRequest.Builder request(String path) {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .timeout(Duration.ofSeconds(60));
            return session == null ? builder : builder.header("Cookie", "JSESSIONID=" + session);
        }

        private HttpResponse<String> send(HttpRequest.Builder request) {
            try {
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                response.headers().allValues("Set-Cookie").forEach(this::remember);
                return response;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        void remember(String setCookie) {
            Matcher matcher = SESSION.matcher(setCookie);
            if (matcher.find()) {
                session = matcher.group(1);
            }
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void thePasswordFormRequiresTheCsrfToken() {
        Visitor visitor = new Visitor();
        String csrf = visitor.csrf();

        assertThat(visitor.signIn(IntegrationTest.ADMIN, IntegrationTest.ADMIN_PASSWORD, null))
                .isEqualTo("/login?expired");
        assertThat(visitor.signIn(IntegrationTest.ADMIN, IntegrationTest.ADMIN_PASSWORD, "forged-" + csrf))
                .isEqualTo("/login?expired");
        assertThat(visitor.signedIn()).isFalse();

        assertThat(visitor.signIn(IntegrationTest.ADMIN, IntegrationTest.ADMIN_PASSWORD, csrf))
                .doesNotContain("login");
        assertThat(visitor.signedIn()).isTrue();
    }

    @Test
    void repeatedFailuresFromOneAddressBlockItWithAClearMessageAndAnAuditEvent() {
        Visitor visitor = new Visitor();
        String csrf = visitor.csrf();
        for (int i = 0; i < 20; i++) {
            assertThat(visitor.signIn("guess-" + i, "wrong-password", csrf)).as("attempt %d", i)
                    .isEqualTo("/login?error");
        }

        // blocked: even the right password is not checked from this address now
        assertThat(visitor.signIn(IntegrationTest.ADMIN, IntegrationTest.ADMIN_PASSWORD, csrf))
                .isEqualTo("/login?blocked");
        assertThat(visitor.signedIn()).isFalse();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM run_event WHERE action = 'LOGIN_BLOCKED' AND actor = 'guess-19'")
                .query(Integer.class).single()).isEqualTo(1);
        // the browser at the blocked address (127.0.0.1: "localhost" may be ::1 for Chromium) tries the right password
        try (BrowserSession browser = new BrowserSession("http://127.0.0.1:" + port)) {
            browser.signIn(IntegrationTest.ADMIN, IntegrationTest.ADMIN_PASSWORD);
            PlaywrightAssertions.assertThat(browser.page()).hasURL(Pattern.compile("/login\\?blocked$"));
            PlaywrightAssertions.assertThat(browser.page().getByText("Too many failed sign-ins")).isVisible();
            PlaywrightAssertions.assertThat(browser.page().getByText(Pattern.compile("Try again in \\d+ minutes")))
                    .isVisible();
        }
    }

    @Test
    void repeatedFailuresForOneUserNameSlowItDownButNeverLockItOut() {
        Visitor attacker = new Visitor();
        String csrf = attacker.csrf();
        for (int i = 0; i < 5; i++) {
            assertThat(attacker.signIn(IntegrationTest.ADMIN, "wrong-" + i, csrf)).isEqualTo("/login?error");
        }

        long start = System.nanoTime();
        assertThat(attacker.signIn(IntegrationTest.ADMIN, "wrong-again", csrf)).isEqualTo("/login?error");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        start = System.nanoTime();
        assertThat(attacker.signIn(IntegrationTest.ADMIN, "wrong-and-again", csrf)).isEqualTo("/login?error");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));

        // the real user still gets in (after the wait), and its slow-down ends there
        Visitor user = new Visitor();
        assertThat(user.signIn(IntegrationTest.ADMIN, IntegrationTest.ADMIN_PASSWORD, user.csrf()))
                .doesNotContain("login");
        assertThat(user.signedIn()).isTrue();
        assertThat(throttle.delayFor(IntegrationTest.ADMIN)).isZero();
    }

    /** Item 2: a request saved with {@code Host: evil.example} sent the user there after signing in. */
    @Test
    void afterSigningInTheSavedRequestIsFollowedOnThisServerWhateverHostItWasMadeWith() throws IOException {
        Visitor visitor = new Visitor();
        String head;
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(("GET /projects/default/runs HTTP/1.1\r\nHost: evil.example\r\n"
                    + "X-Forwarded-Host: evil.example\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            head = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
        head.lines().filter(line -> line.regionMatches(true, 0, "Set-Cookie:", 0, 11)).forEach(visitor::remember);
        assertThat(visitor.session).as("the spoofed request saved in a session:\n" + head).isNotNull();

        String target = visitor.signIn(IntegrationTest.ADMIN, IntegrationTest.ADMIN_PASSWORD, visitor.csrf());

        assertThat(target).doesNotContain("evil.example").doesNotStartWith("//")
                .startsWith("/projects/default/runs");
    }
}
