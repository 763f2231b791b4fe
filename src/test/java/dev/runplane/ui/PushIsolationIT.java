package dev.runplane.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import dev.runplane.projects.ProjectService;
import dev.runplane.projects.Role;
import dev.runplane.support.ApiClient;
import dev.runplane.support.BrowserSession;
import dev.runplane.support.IntegrationTest;
import dev.runplane.users.UserService;
import dev.runplane.users.tokens.ApiTokenService;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * A role revoked while the portal is open (BAD-INPUTS, "Authentication and access"): the open page stops receiving
 * the project's updates — run changes and live log lines alike — and the user's next action is refused and changes
 * nothing. Each test first shows that the same page does receive updates, so it can fail.
 */
@IntegrationTest
class PushIsolationIT {
    static final String PROJECT = "push-iso";
    static final String RUN = "push-iso-watched";
    static final String RUNS = "/api/v1/projects/" + PROJECT + "/runs";
    static final String MEMBERS = "/api/v1/projects/" + PROJECT + "/members";
    /** Longer than the 5 s periodic refresh of an open view plus a push interval. */
    static final Duration QUIET = Duration.ofSeconds(7);

    @LocalServerPort
    int port;
    @Autowired
    UserService users;
    @Autowired
    ProjectService projects;
    @Autowired
    ApiTokenService tokens;

    private static ApiClient admin;

    @BeforeEach
    void setUp() {
        if (admin != null) {
            return;
        }
        admin = new ApiClient("http://localhost:" + port,
                tokens.create(IntegrationTest.ADMIN, "push-isolation", null).secret());
        projects.createProject(PROJECT, "Push isolation");
        projects.putMember(PROJECT, IntegrationTest.ADMIN, Role.ADMIN);
        ApiClient.Response created = admin.post(RUNS, "application/yaml", """
                type: service
                name: %s
                commands: ["i=0; while :; do echo tick-$i; i=$((i+1)); sleep 0.2; done"]
                replicas: 1
                stop_grace_period: 1s
                """.formatted(RUN));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    @AfterAll
    static void stopReplicas() {
        if (admin != null) {
            admin.postJson(RUNS + "/" + RUN + "/stop", "{\"abort\": true}");
        }
    }

    private BrowserSession openRunAs(String username) {
        users.createLocalUser(username, "password-" + username, false);
        projects.putMember(PROJECT, username, Role.USER);
        BrowserSession browser = new BrowserSession("http://localhost:" + port);
        browser.signInToRuns(username, "password-" + username);
        browser.open("/projects/" + PROJECT + "/runs/" + RUN);
        assertThat(browser.page().locator("#run-status")).hasText("RUNNING");
        browser.page().evaluate("window.__noReload = 'still-here'");
        return browser;
    }

    private static void scale(int replicas) {
        ApiClient.Response r = admin.postJson(RUNS + "/" + RUN + "/scale", "{\"replicas\": " + replicas + "}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    private static JsonNode run() {
        return admin.get(RUNS + "/" + RUN).json();
    }

    /** The newest tick the page's log panel shows (the replicas print tick-0, tick-1, … five times a second). */
    private static int lastTick(Page page) {
        Object tick = page.evaluate("""
                () => Math.max(-1, ...[...document.querySelectorAll('#log-list .log-line')]
                  .map(l => /tick-(\\d+)/.exec(l.textContent)).filter(m => m).map(m => Number(m[1])))""");
        return ((Number) tick).intValue();
    }

    private static void staysFor(Duration quiet, Runnable check) {
        long end = System.nanoTime() + quiet.toNanos();
        while (System.nanoTime() < end) {
            check.run();
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void aRevokedMemberStopsReceivingTheProjectsUpdatesAndItsNextActionIsRefused() {
        String user = "push-iso-revoked";
        try (BrowserSession browser = openRunAs(user)) {
            Page page = browser.page();
            Locator replicas = page.locator("#run-replicas");
            int desired = run().get("desiredReplicas").asInt();
            String before = (desired + 1) + " running / " + (desired + 1) + " desired";
            String download = (String) page.evaluate("document.querySelector('#log-download').href");

            // while a member, the page follows the server: a scale over the API and new log lines arrive
            scale(desired + 1);
            assertThat(replicas).hasText(before);
            await().atMost(Duration.ofSeconds(10)).until(() -> lastTick(page) >= 0);
            int seen = lastTick(page);
            await().atMost(Duration.ofSeconds(10)).until(() -> lastTick(page) > seen + 3);
            assertThat(page.request().get(download).text()).contains("tick-");

            assertThat(admin.delete(MEMBERS + "/" + user).status()).isEqualTo(204);
            page.waitForTimeout(1000); // a batch of lines already on its way may still land
            int frozen = lastTick(page);
            scale(desired);
            await().atMost(Duration.ofSeconds(10)).until(() -> run().get("runningReplicas").asInt() == desired);

            // the change and the lines printed since never reach the page, not even by the periodic refresh
            staysFor(QUIET, () -> {
                assertThat(replicas.textContent()).isEqualTo(before);
                assertThat(lastTick(page)).isEqualTo(frozen);
            });
            assertThat(page.locator("#log-notice")).containsText("no longer visible");
            APIResponse logs = page.request().get(download);
            assertThat(logs.status()).isEqualTo(404);
            assertThat(logs.text()).doesNotContain("tick-").startsWith("Not found");

            // the next action is refused with a message, and changes nothing
            page.locator("#run-stop").click();
            assertThat(page.locator("vaadin-notification-card").filter(new Locator.FilterOptions()
                    .setHasText("not found"))).isVisible();
            JsonNode after = run();
            assertThat(after.get("stopRequest").asString()).isEqualTo("NONE");
            assertThat(after.get("desiredReplicas").asInt()).isEqualTo(desired);
            assertThat(after.get("status").asString()).isEqualTo("RUNNING");
            assertThat(page.evaluate("window.__noReload")).isEqualTo("still-here");
        }
    }

    @Test
    void aMemberDemotedToViewerKeepsReadingButCanNoLongerAct() {
        String user = "push-iso-demoted";
        try (BrowserSession browser = openRunAs(user)) {
            Page page = browser.page();
            Locator stop = page.locator("#run-stop");
            assertThat(stop).isEnabled();
            int desired = run().get("desiredReplicas").asInt();

            assertThat(admin.put(MEMBERS, "{\"username\": \"" + user + "\", \"role\": \"VIEWER\"}").status())
                    .isEqualTo(200);
            // clicked before the page heard of the new role: the service refuses; after: nothing to click
            stop.click(new Locator.ClickOptions().setForce(true));
            assertThat(stop).isDisabled();
            assertThat(run().get("stopRequest").asString()).isEqualTo("NONE");

            // a viewer still reads the project: updates keep arriving
            scale(desired + 1);
            assertThat(page.locator("#run-replicas")).hasText((desired + 1) + " running / " + (desired + 1)
                    + " desired");
            assertThat(page.locator("#run-scale")).isDisabled();
            assertThat(page.locator("#run-abort")).isDisabled();
            assertThat(page.locator("#replicas-current .replica-restart >> visible=true").first()).isDisabled();
            assertThat(page.evaluate("window.__noReload")).isEqualTo("still-here");
        }
    }
}
