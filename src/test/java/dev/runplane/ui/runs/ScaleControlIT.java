package dev.runplane.ui.runs;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Page;
import dev.runplane.support.ApiClient;
import dev.runplane.support.BrowserSession;
import dev.runplane.support.IntegrationTest;
import dev.runplane.users.tokens.ApiTokenService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Issue 12's "done when", in a real browser: a signed-in user scales a service 1→2→1→2 with the run page's own
 * control (and its confirm dialog), then a script scales it 1→2→1→2 over the REST API while the page watches. A
 * MutationObserver installed in the page records the visible rows of the current-replica table at every moment the
 * browser could paint; at no recorded moment may a current row show an ended submission (a scaled-down one:
 * {@code TERMINATED}, {@code SCALED_DOWN}, exit 143) — the bug Runplane exists to prevent. At each settled count the
 * page and the API list the same slots.
 */
@IntegrationTest
class ScaleControlIT {
    private static final String RUN = "scale-watch";
    private static final String API_RUN = "/api/v1/projects/default/runs/" + RUN;
    private static final Set<String> ENDED = Set.of("TERMINATED", "ABORTED", "DONE", "FAILED");

    /** Records the visible rows' cell texts whenever they change; Vaadin applies a push in one task, so this sees
     * every state the browser could paint. */
    private static final String OBSERVE = """
            () => {
              const table = document.querySelector('#replicas-current');
              window.__moments = [];
              const record = () => {
                const rows = Array.from(table.querySelectorAll('tbody tr'))
                    .filter(r => !r.hidden && getComputedStyle(r).display !== 'none')
                    .map(r => Array.from(r.cells).map(c => c.textContent.trim()));
                const last = window.__moments[window.__moments.length - 1];
                if (!last || JSON.stringify(last) !== JSON.stringify(rows)) {
                  window.__moments.push(rows);
                }
              };
              record();
              new MutationObserver(record).observe(table,
                  {childList: true, characterData: true, subtree: true, attributes: true});
            }""";

    // the current table's columns (ReplicaTable): replica, submission, status, reason, exit code, …, then the message
    // and the services columns (readiness, endpoint)
    private static final int SUBMISSION = 1;
    private static final int STATUS = 2;
    private static final int REASON = 3;
    private static final int EXIT_CODE = 4;

    @LocalServerPort
    int port;
    @Autowired
    ApiTokenService tokens;

    @Test
    void scalingOneTwoOneTwoInThePageAndOverTheApiNeverShowsAnEndedSubmissionAmongCurrentReplicas() {
        String baseUrl = "http://localhost:" + port;
        ApiClient api = new ApiClient(baseUrl, tokens.create("admin", "scale-control", null).secret());
        ApiClient.Response created = api.post("/api/v1/projects/default/runs", "application/yaml", """
                type: service
                name: %s
                commands: ["sleep 600"]
                replicas: 1
                stop_grace_period: 2s
                """.formatted(RUN));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        try (BrowserSession browser = new BrowserSession(baseUrl)) {
            browser.signInDirectly(IntegrationTest.ADMIN, IntegrationTest.ADMIN_PASSWORD);
            browser.open("/projects/default/runs/" + RUN);
            Page page = browser.page();
            awaitSettled(page, api, 1);
            page.evaluate(OBSERVE);

            Throwable stepFailed = null;
            try {
                scaleOneTwoOneTwoInThePageThenOverTheApi(page, api);
            } catch (AssertionError | RuntimeException e) {
                stepFailed = e; // what the observer saw meanwhile says more than a count that never settled
            }
            List<List<List<String>>> moments = moments(page);
            System.out.printf("[ScaleControlIT] %d distinct moments of the current-replica table recorded: %s%n",
                    moments.size(), moments.stream().map(m -> m.stream().map(r -> r.get(0) + "/" + r.get(SUBMISSION)
                            + "/" + r.get(STATUS)).toList()).distinct().toList());
            for (int i = 0; i < moments.size(); i++) {
                for (List<String> row : moments.get(i)) {
                    assertCurrent(row, "moment " + i + " of " + moments.size() + ": " + moments.get(i));
                }
            }
            if (stepFailed instanceof AssertionError failed) {
                throw failed;
            } else if (stepFailed instanceof RuntimeException failed) {
                throw failed;
            }
            assertThat(moments).as("the observer saw replica 1's slot come up (else it proved nothing)")
                    .anyMatch(m -> m.size() == 2 && !"RUNNING".equals(m.get(1).get(STATUS)));
            assertThat(moments).as("and two running replicas").anyMatch(m -> m.size() == 2
                    && m.stream().allMatch(r -> "RUNNING".equals(r.get(STATUS))));
            JsonNode history = api.get(API_RUN + "?history=true").json().get("history");
            assertThat(history).as("three scale-downs, each a scaled-down submission in the history").hasSize(3);
            history.forEach(h -> assertThat(h.get("terminationReason").asString()).isEqualTo("SCALED_DOWN"));

            // a live run scaled to 0 keeps its history closed (an open one gained a row at every scale-down, in
            // every open browser); a finished run opens it, as what there is left to see
            ApiClient.Response toZero = api.postJson(API_RUN + "/scale", "{\"replicas\": 0}");
            assertThat(toZero.status()).as(toZero.body()).isEqualTo(200);
            awaitSettled(page, api, 0);
            assertThat(historyOpened(page)).as("the history of a live run scaled to 0").isFalse();
            api.postJson(API_RUN + "/stop", "{\"abort\": true}");
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> assertThat(historyOpened(page)).as("the history of a finished run").isTrue());
        } finally {
            api.postJson(API_RUN + "/stop", "{\"abort\": true}");
        }
    }

    private static boolean historyOpened(Page page) {
        return (Boolean) page.locator("#replicas-history-section").evaluate("details => details.opened === true");
    }

    /** Every scale-down waits until the scaled-down submission has ended, so each scale-up brings one back. */
    private static void scaleOneTwoOneTwoInThePageThenOverTheApi(Page page, ApiClient api) {
        for (int wanted : new int[] {2, 1, 2}) {
            scaleInThePage(page, wanted);
            assertThat(api.get(API_RUN).json().get("desiredReplicas").asInt())
                    .as("the page's scale took effect").isEqualTo(wanted);
            awaitSettled(page, api, wanted);
        }
        for (int wanted : new int[] {1, 2, 1, 2}) {
            ApiClient.Response scaled = api.postJson(API_RUN + "/scale", "{\"replicas\": " + wanted + "}");
            assertThat(scaled.status()).as(scaled.body()).isEqualTo(200);
            awaitSettled(page, api, wanted);
        }
    }

    /** The user types the count, presses Scale and confirms the dialog that says what changes. */
    private static void scaleInThePage(Page page, int wanted) {
        page.locator("#scale-replicas input").fill(String.valueOf(wanted));
        page.locator("#run-scale").click();
        assertThat(page.locator("#confirm-scale")).containsText("to " + wanted + " replicas");
        page.locator("#confirm-scale vaadin-button[slot='confirm-button']").click();
        assertThat(page.locator("#run-replicas")).containsText("/ " + wanted + " desired");
    }

    /**
     * The user sees the wanted count with every replica running, and the page lists the same slots (replica,
     * submission, status) as the API.
     */
    private static void awaitSettled(Page page, ApiClient api, int wanted) {
        assertThat(page.locator("#run-replicas")).hasText(wanted + " running / " + wanted + " desired");
        assertThat(page.locator("#replicas-current .status-badge.status-running >> visible=true")).hasCount(wanted);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            List<String> fromApi = new ArrayList<>();
            api.get(API_RUN).json().get("replicas").forEach(r -> fromApi.add(r.get("replicaNum").asInt() + "/"
                    + (r.get("submissionNum").isNull() ? "–" : r.get("submissionNum").asInt()) + "/"
                    + r.get("status").asString()));
            List<String> fromPage = visibleRows(page).stream()
                    .map(r -> r.get(0) + "/" + r.get(SUBMISSION) + "/" + r.get(STATUS)).toList();
            assertThat(fromPage).as("the page's current replicas, against the API's").isEqualTo(fromApi);
            assertThat(fromApi).hasSize(wanted);
        });
    }

    /** A row among the current replicas: live or pending, or leaving while it terminates; never an ended one. */
    private static void assertCurrent(List<String> row, String when) {
        assertThat(row.get(STATUS)).as("status of a current replica, %s", when).isNotIn(ENDED);
        assertThat(row.get(EXIT_CODE)).as("exit code of a current replica, %s", when).isEmpty();
        if ("SCALED_DOWN".equals(row.get(REASON))) {
            assertThat(row.get(STATUS)).as("a scaled-down submission is current only while it terminates, %s", when)
                    .isEqualTo("TERMINATING");
            // the message cell (not necessarily the last one: the services columns follow it)
            assertThat(row).as("and is marked as leaving, %s", when)
                    .anySatisfy(cell -> assertThat(cell).startsWith("leaving (not counted)"));
        }
    }

    @SuppressWarnings("unchecked")
    private static List<List<String>> visibleRows(Page page) {
        return (List<List<String>>) page.evaluate("""
                () => Array.from(document.querySelectorAll('#replicas-current tbody tr'))
                    .filter(r => !r.hidden && getComputedStyle(r).display !== 'none')
                    .map(r => Array.from(r.cells).map(c => c.textContent.trim()))""");
    }

    @SuppressWarnings("unchecked")
    private static List<List<List<String>>> moments(Page page) {
        return (List<List<List<String>>>) page.evaluate("() => window.__moments");
    }
}
