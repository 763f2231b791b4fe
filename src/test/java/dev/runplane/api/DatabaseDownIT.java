package dev.runplane.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import dev.runplane.support.BrowserSession;
import dev.runplane.support.IntegrationTest;
import dev.runplane.support.ServerProcess;
import dev.runplane.support.TcpProxy;
import dev.runplane.support.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, item 3: while the database was down every API call with a valid token answered {@code 302 Location:
 * /login} (the token check's exception escaped the API's error handling). A server of its own reaches MariaDB through
 * a proxy the test can cut, so the shared test database stays up for everyone else. The portal's Audit page, open
 * meanwhile, says it could not load rather than "No audit events match." (item 1).
 */
class DatabaseDownIT {
    private static final String TOKEN = "rp_db-down-" + UUID.randomUUID().toString().replace("-", "");
    private static final String DATABASE = "runplane_dbdown_" + UUID.randomUUID().toString().substring(0, 8);

    @TempDir
    static Path dataDir;

    private static TcpProxy proxy;
    private static ServerProcess server;

    @AfterAll
    static void cleanUp() {
        if (server != null) {
            server.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        TestDatabase.get().execute("DROP DATABASE IF EXISTS " + DATABASE);
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void whileTheDatabaseIsDownTheApiAnswers503WithRetryAfterAndRecoversByItself() throws Exception {
        TestDatabase test = TestDatabase.get();
        test.execute("CREATE DATABASE " + DATABASE + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        URI db = URI.create(test.urlFor(DATABASE).substring("jdbc:".length()));
        proxy = new TcpProxy(db.getHost(), db.getPort() < 0 ? 3306 : db.getPort());
        server = ServerProcess.start("db-down", new ServerProcess.Settings(
                "jdbc:mariadb://127.0.0.1:" + proxy.port() + "/" + DATABASE, test.user(), test.password(), dataDir,
                TOKEN, List.of("--runplane.reconciler.enabled=false", "--runplane.metrics.enabled=false")));
        assertThat(get("/api/v1/projects/default/runs").statusCode()).isEqualTo(200);
        // the portal's Audit page, opened while the database is up
        BrowserSession browser = new BrowserSession(server.baseUrl());
        browser.signInDirectly(IntegrationTest.ADMIN, IntegrationTest.ADMIN_PASSWORD);
        browser.open("/audit");
        Page page = browser.page();
        PlaywrightAssertions.assertThat(page.locator("#audit-grid")).isVisible();
        PlaywrightAssertions.assertThat(page.locator("#audit-error")).isHidden();

        proxy.cut();
        for (String path : List.of("/api/v1/projects/default/runs", "/api/v1/users/me/tokens")) {
            HttpResponse<String> down = get(path);

            assertThat(down.statusCode()).as(path + ": " + down.body() + "\n" + server.logTail(30)).isEqualTo(503);
            assertThat(down.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(down.headers().firstValue("Retry-After")).isPresent();
            assertThat(down.headers().firstValue("Location")).isEmpty();
            assertThat(down.body()).contains("the database is unavailable");
        }

        // issue 13, item 1: a failed load says so; an error never reads "No audit events match."
        page.locator("#audit-apply").click();
        PlaywrightAssertions.assertThat(page.locator("#audit-error")).containsText("Could not load the audit log",
                new LocatorAssertions.ContainsTextOptions().setTimeout(60_000));
        PlaywrightAssertions.assertThat(page.locator("#audit-grid")).not().containsText("No audit events match");

        proxy.restore();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> get("/api/v1/projects/default/runs").statusCode() == 200);
        page.locator("#audit-apply").click();
        PlaywrightAssertions.assertThat(page.locator("#audit-error")).isHidden();
        browser.close();
    }
}
