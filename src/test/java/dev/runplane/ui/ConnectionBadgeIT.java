package dev.runplane.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import dev.runplane.support.ApiClient;
import dev.runplane.support.BrowserSession;
import dev.runplane.support.IntegrationTest;
import dev.runplane.support.ServerProcess;
import dev.runplane.support.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The header's connection badge in a real browser while the server process dies and comes back: it must say
 * "offline" on its own, without the user touching the page, and after a restart (which ends every session) say
 * that the session is gone and offer a sign-in that leads back to the same run page.
 */
class ConnectionBadgeIT {
    private static final String TOKEN = "rp_badge-" + UUID.randomUUID().toString().replace("-", "");
    private static final String DATABASE = "runplane_badge_" + UUID.randomUUID().toString().substring(0, 8);
    private static final String RUN_PAGE = "/projects/default/runs/badge-watch";

    @TempDir
    static Path dataDir;

    static ServerProcess server;

    @BeforeAll
    static void createDatabase() {
        TestDatabase.get().execute("CREATE DATABASE " + DATABASE + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
    }

    @AfterAll
    static void cleanUp() {
        if (server != null) {
            server.close();
        }
        TestDatabase.get().execute("DROP DATABASE IF EXISTS " + DATABASE);
    }

    private static ServerProcess.Settings settings() {
        TestDatabase test = TestDatabase.get();
        return new ServerProcess.Settings(test.urlFor(DATABASE), test.user(), test.password(), dataDir, TOKEN,
                List.of("--vaadin.devmode.devTools.enabled=false"));
    }

    @Test
    void aKilledServerShowsOfflineWithinFiveSecondsAndARestartOffersSignInBackToTheSamePage() {
        server = ServerProcess.start("badge-server-a", settings());
        ApiClient api = new ApiClient(server.baseUrl(), TOKEN);
        assertThat(api.post("/api/v1/projects/default/runs", "application/yaml", """
                type: service
                name: badge-watch
                commands: ["sleep 600"]
                """).status()).isEqualTo(201);
        try (BrowserSession browser = new BrowserSession(server.baseUrl())) {
            Page page = browser.page();
            browser.signInToRuns(IntegrationTest.ADMIN, IntegrationTest.ADMIN_PASSWORD);
            browser.open(RUN_PAGE);
            Locator badge = page.locator("#connection-state");
            assertThat(page.locator("#replicas-current")).isVisible();
            assertThat(badge).hasText("live");

            long killed = System.nanoTime();
            server.kill9();
            assertThat(badge).hasText("offline — reconnecting…", new LocatorAssertions.HasTextOptions()
                    .setTimeout(10_000));
            long detectedMs = (System.nanoTime() - killed) / 1_000_000;
            System.out.printf("[connection-badge] offline shown %d ms after the server was killed%n", detectedMs);
            assertThat(page.locator("vaadin-app-layout > .stale")).hasCount(1);
            assertThat(detectedMs).as("time until the badge said offline").isLessThan(5_000);

            server = ServerProcess.start("badge-server-b", settings(), server.port());
            assertThat(badge).hasText(Pattern.compile("signed out"), new LocatorAssertions.HasTextOptions()
                    .setTimeout(15_000));
            // the page stays (no reload to a bare login page) and says why, here and in Vaadin's notice
            assertThat(page.locator("#replicas-current")).isVisible();
            assertThat(page.locator(".v-system-error")).containsText("this session ended",
                    new LocatorAssertions.ContainsTextOptions().setTimeout(15_000));
            page.locator("#connection-sign-in").click();
            page.locator("input[name='username']").fill(IntegrationTest.ADMIN);
            page.locator("input[name='password']").fill(IntegrationTest.ADMIN_PASSWORD);
            page.locator("input[name='password']").press("Enter");
            // Spring Security marks the return from the login page with "?continue": the same page
            // (Playwright runs the pattern as a JavaScript regex: no \\Q…\\E quoting)
            assertThat(page).hasURL(Pattern.compile(RUN_PAGE + "(\\?continue)?$"));
            assertThat(page.locator("#replicas-current")).isVisible();
            assertThat(badge).hasText("live");
        }
    }
}
