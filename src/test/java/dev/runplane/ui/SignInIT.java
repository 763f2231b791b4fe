package dev.runplane.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import dev.runplane.support.BrowserSession;
import dev.runplane.support.IntegrationTest;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@IntegrationTest
class SignInIT {
    @LocalServerPort
    int port;

    private String baseUrl() {
        return "http://localhost:" + port;
    }

    @Test
    void wrongPasswordIsRejectedWithAVisibleMessage() {
        try (BrowserSession browser = new BrowserSession(baseUrl())) {
            browser.signIn(IntegrationTest.ADMIN, "not-the-password");

            assertThat(browser.page()).hasURL(Pattern.compile("/login\\?error"));
            assertThat(browser.page().getByText("Wrong user name or password")).isVisible();
            assertThat(browser.page().locator("#runs-grid")).hasCount(0);
        }
    }

    @Test
    void rightPasswordLandsOnRunsAndSignOutReturnsToLogin() {
        try (BrowserSession browser = new BrowserSession(baseUrl())) {
            browser.signInToRuns(IntegrationTest.ADMIN, IntegrationTest.ADMIN_PASSWORD);
            assertThat(browser.page().locator("#signed-in-user")).hasText(IntegrationTest.ADMIN);

            browser.page().locator("#sign-out").click();

            assertThat(browser.page()).hasURL(Pattern.compile("/login"));
            assertThat(browser.page().locator("input[name='username']")).isVisible();
            // the session is really gone: the runs page sends us back to sign in
            browser.open("/");
            assertThat(browser.page()).hasURL(Pattern.compile("/login"));
        }
    }
}
