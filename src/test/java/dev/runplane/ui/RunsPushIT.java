package dev.runplane.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import dev.runplane.runs.RunService;
import dev.runplane.base.Actor;
import dev.runplane.base.Source;
import dev.runplane.support.BrowserSession;
import dev.runplane.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@IntegrationTest
class RunsPushIT {
    @LocalServerPort
    int port;

    @Autowired
    RunService runService;

    @Test
    void aRunCreatedOnTheServerAppearsOnTheOpenRunsPageWithoutReload() {
        try (BrowserSession browser = new BrowserSession("http://localhost:" + port)) {
            browser.signInToRuns(IntegrationTest.ADMIN, IntegrationTest.ADMIN_PASSWORD);
            // a marker that a reload would wipe out
            browser.page().evaluate("window.__noReload = 'still-here'");
            Locator row = browser.page().locator("#runs-grid").getByText("pushed-run");
            assertThat(row).hasCount(0);

            runService.create(new Actor(IntegrationTest.ADMIN, Source.UI), "default",
                    "type: service\nname: pushed-run\nreplicas: 0\ncommands: [\"sleep 600\"]\n");

            assertThat(row).isVisible();
            assertThat(browser.page().evaluate("window.__noReload")).isEqualTo("still-here");
        }
    }
}
