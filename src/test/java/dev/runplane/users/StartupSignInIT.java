package dev.runplane.users;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runplane.support.IntegrationTest;
import dev.runplane.support.ServerProcess;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A newcomer's first start (issue 14), as a separate JVM on the embedded H2 database, with the administrator's
 * password set: from the first moment the server answers at all, the administrator can sign in, readiness is UP
 * only then, and the log says where Runplane listens and how to sign in — without ever printing the password.
 */
class StartupSignInIT {
    /** Generous: other builds may share the two cores (a start then takes minutes, not seconds). */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(300);

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void theFirstAnswerComesOnlyOnceTheAdministratorCanSignInAndTheLogSaysWhereToGo() throws Exception {
        var settings = new ServerProcess.Settings(null, null, null, dataDir, "rp_startup-sign-in-it-0123456789",
                List.of());
        try (ServerProcess server = ServerProcess.launch("startup-sign-in", settings)) {
            String base = server.baseUrl();
            long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
            Optional<Integer> readiness = Optional.empty();
            Optional<Integer> login = Optional.empty();
            // poll both as fast as a browser or a load balancer could: the first answer of either is the moment
            while (readiness.isEmpty() && login.isEmpty()) {
                assertThat(System.nanoTime()).as(() -> "answered within " + START_TIMEOUT + "; log:\n"
                        + server.logTail(40)).isLessThan(deadline);
                assertThat(server.isAlive()).as(() -> "server alive; log:\n" + server.logTail(40)).isTrue();
                readiness = status(base + "/actuator/health/readiness");
                login = status(base + "/login");
                Thread.sleep(10);
            }
            assertThat(signIn(base, IntegrationTest.ADMIN, IntegrationTest.ADMIN_PASSWORD))
                    .as("sign-in at the first answer (readiness %s, /login %s)", readiness, login)
                    .isTrue();

            server.awaitReady();
            assertThat(signIn(base, IntegrationTest.ADMIN, IntegrationTest.ADMIN_PASSWORD)).isTrue();
            assertThat(signIn(base, IntegrationTest.ADMIN, "not-the-password")).isFalse();

            String log = server.log();
            assertThat(log).contains("Runplane is ready: " + base + "/\n")
                    .contains("Sign in as '" + IntegrationTest.ADMIN + "' with the password set in "
                            + "RUNPLANE_ADMIN_PASSWORD")
                    .doesNotContain(IntegrationTest.ADMIN_PASSWORD);
        }
    }

    private Optional<Integer> status(String url) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build();
            return Optional.of(http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode());
        } catch (IOException e) {
            return Optional.empty(); // not listening yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The login form's POST, as the browser sends it: success redirects anywhere but back to {@code /login?error}. */
    private boolean signIn(String base, String username, String password) throws IOException, InterruptedException {
        // the password form needs the CSRF token the login page hands to this session (its cookie)
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        java.util.regex.Matcher csrf = java.util.regex.Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"")
                .matcher(page.body());
        assertThat(csrf.find()).as("the login page's CSRF token").isTrue();
        String cookie = page.headers().firstValue("Set-Cookie").orElse("").split(";")[0];
        String form = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf="
                + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/login")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", cookie)
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
        assertThat(response.statusCode()).as("POST /login answers with a redirect").isEqualTo(302);
        String location = response.headers().firstValue("Location").orElse("");
        return !location.contains("/login");
    }
}
