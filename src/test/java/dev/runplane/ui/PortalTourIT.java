package dev.runplane.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import dev.runplane.base.Actor;
import dev.runplane.base.Source;
import dev.runplane.projects.ProjectService;
import dev.runplane.projects.Role;
import dev.runplane.runs.RunService;
import dev.runplane.support.BrowserSession;
import dev.runplane.support.IntegrationTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every page of the portal at 1280 px (a laptop with the drawer open) and 390 px (a phone), in one browser and one
 * server: axe-core finds no serious or critical accessibility violation, nothing is clipped or scrolls the page
 * sideways, the phone still reaches navigation, sign-out and the connection badge, and each page is photographed
 * to {@code target/screenshots} (the README shows copies from {@code docs/screenshots}; see "Screenshots" there).
 */
@IntegrationTest
class PortalTourIT {
    static final String PROJECT = "tour";
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    /**
     * Violations that live inside a Vaadin component's own shadow DOM and cannot be fixed without a custom frontend
     * bundle, by rule and element; each is listed with its reason in docs/accessibility.md.
     */
    static final List<Exclusion> EXCLUSIONS = List.of(
            // the run page's TabSheet: vaadin-tabs' own shadow DOM puts a focusable div among the tablist's children
            new Exclusion("aria-required-children", "vaadin-tabs"));

    record Exclusion(String rule, String elementSelectorPart) {
        boolean covers(Rule rule, CheckedNode node) {
            return rule.getId().equals(this.rule) && String.valueOf(node.getTarget()).contains(elementSelectorPart);
        }
    }

    /** One page of the tour: where it is, and what shows that it has rendered. */
    record Stop(String name, String path, String ready) {
    }

    static final List<Stop> PAGES = List.of(
            new Stop("overview", "/projects/tour", "#overview-burn-rate"),
            new Stop("runs", "/projects/tour/runs", "#runs-grid .run-actions"),
            new Stop("run-running", "/projects/tour/runs/tour-service", "#replicas-current"),
            new Stop("run-finished", "/projects/tour/runs/tour-task", "#run-status"),
            new Stop("submit", "/projects/tour/submit", "#spec-editor"),
            new Stop("projects", "/projects", "#projects-list"),
            new Stop("members", "/projects/tour/members", "#members-grid"),
            new Stop("tokens", "/tokens", "#tokens-grid"),
            new Stop("audit", "/audit", "#audit-grid"),
            new Stop("admin-projects", "/admin/projects", "#projects-grid"),
            new Stop("admin-users", "/admin/users", "#user-username"),
            new Stop("not-found", "/foo", "#not-found"));

    @LocalServerPort
    int port;
    @Autowired
    RunService runs;
    @Autowired
    ProjectService projects;
    @Autowired
    JdbcClient jdbc;

    private static RunService started;

    private void fixedData() {
        if (started != null) {
            return;
        }
        projects.createProject(PROJECT, "Portal tour");
        projects.putMember(PROJECT, IntegrationTest.ADMIN, Role.ADMIN);
        Actor admin = new Actor(IntegrationTest.ADMIN, Source.UI);
        runs.create(admin, PROJECT, """
                type: service
                name: tour-service
                commands: ["for i in $(seq 1 300); do echo serving line $i; done; sleep 600"]
                replicas: 2
                stop_grace_period: 1s
                """);
        runs.create(admin, PROJECT, """
                type: task
                name: tour-task
                commands: ["echo trained"]
                """);
        // thirty replicas that only sleep: the run page must keep its summary and logs near the top anyway. They
        // ignore TERM, so two scaled away stay leaving (for the table's filter) until the abort after the tour
        runs.create(admin, PROJECT, """
                type: service
                name: tour-wide
                commands: ["trap '' TERM; sleep 600"]
                replicas: 30
                stop_grace_period: 10m
                """);
        runs.create(admin, PROJECT, """
                type: task
                name: tour-broken
                commands: ["echo missing input; exit 3"]
                """);
        started = runs;
        await().atMost(Duration.ofSeconds(30)).until(() -> status("tour-service").equals("RUNNING")
                && status("tour-task").equals("DONE"));
    }

    private String status(String run) {
        return jdbc.sql("SELECT r.status FROM run r JOIN project p ON p.id = r.project_id "
                        + "WHERE p.name = ? AND r.name = ?")
                .params(PROJECT, run).query(String.class).optional().orElse("");
    }

    @AfterAll
    static void stopTheService() {
        if (started != null) {
            started.stop(new Actor(IntegrationTest.ADMIN, Source.UI), PROJECT, "tour-service", true);
            started.stop(new Actor(IntegrationTest.ADMIN, Source.UI), PROJECT, "tour-wide", true);
        }
    }

    @Test
    void everyPageIsAccessibleFitsAndIsPhotographedAtLaptopAndPhoneWidths() throws Exception {
        fixedData();
        Files.createDirectories(SCREENSHOTS);
        List<String> problems = new ArrayList<>();
        try (BrowserSession browser = new BrowserSession("http://localhost:" + port)) {
            Page page = browser.page();
            page.setViewportSize(390, 844);
            browser.open("/login");
            // the first page of a cold server on a busy CI machine can take a while
            page.locator("input[name='username']").waitFor(new Locator.WaitForOptions().setTimeout(90_000));
            check(page, "login", 390, problems);
            page.setViewportSize(1280, 800);
            check(page, "login", 1280, problems);
            browser.signIn(IntegrationTest.ADMIN, IntegrationTest.ADMIN_PASSWORD);
            // the start page is the overview of a project the user can see
            assertThat(page).hasURL(Pattern.compile("/projects/[a-z0-9-]+$"));

            for (int width : new int[] {1280, 390}) {
                page.setViewportSize(width, width == 390 ? 844 : 800);
                for (Stop stop : PAGES) {
                    browser.open(stop.path());
                    softly(problems, stop.name() + " @" + width, () -> {
                        assertThat(page.locator(stop.ready()).first()).isAttached();
                        check(page, stop.name(), width, problems);
                    });
                }
                int shownWidth = width;
                softly(problems, "run stats @" + width, () -> statsChartsAreImagesWithTheirValues(browser, page,
                        shownWidth, problems));
                if (width == 390) {
                    softly(problems, "phone", () -> phoneReachesNavigationAndSignOut(page));
                } else {
                    softly(problems, "laptop runs list", () -> laptopRunsListShowsEveryColumnWhole(browser, page));
                    softly(problems, "log search", () -> logSearchAfterFollowingTheEndRaisesNoError(browser, page));
                    softly(problems, "run summary", () -> runPageSummaryAndLogsStayInReach(browser, page));
                    softly(problems, "replica table", () -> replicaTableIsPagedAndItsCountsFilterIt(browser, page,
                            problems));
                    softly(problems, "spec editor", () -> specEditorNumbersIndentsAndPlacesErrors(browser, page));
                }
            }
        }
        assertThat(problems).as("accessibility and layout problems").isEmpty();
    }

    interface Check {
        void run() throws Exception;
    }

    /** One page's failure is noted and the tour goes on, so that one run reports every problem at once. */
    private static void softly(List<String> problems, String where, Check check) {
        try {
            check.run();
        } catch (Exception | AssertionError e) {
            problems.add(where + ": " + e.getMessage().lines().limit(4).reduce("", (a, b) -> a + " " + b));
        }
    }

    /** axe, no sideways scrolling of the page, and a screenshot. */
    private void check(Page page, String name, int width, List<String> problems) throws Exception {
        List<Rule> violations = new AxeBuilder(page).withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa"))
                .analyze().getViolations();
        for (Rule rule : violations) {
            if (!"serious".equals(rule.getImpact()) && !"critical".equals(rule.getImpact())) {
                continue;
            }
            for (CheckedNode node : rule.getNodes()) {
                if (EXCLUSIONS.stream().noneMatch(e -> e.covers(rule, node))) {
                    problems.add(name + " @" + width + ": " + rule.getImpact() + " " + rule.getId() + " at "
                            + node.getTarget() + " — " + node.getFailureSummary().replace('\n', ' '));
                }
            }
        }
        Object overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth");
        if (((Number) overflow).intValue() > 1) {
            problems.add(name + " @" + width + ": the page scrolls sideways by " + overflow + " px");
        }
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + "-" + width + ".png")));
    }

    /**
     * The run page's Stats tab: its charts are images whose accessible names carry their values, and the tab passes
     * the same axe and layout checks as every page (the tab is hidden on the plain run-page stop).
     */
    private void statsChartsAreImagesWithTheirValues(BrowserSession browser, Page page, int width,
                                                     List<String> problems) throws Exception {
        browser.open("/projects/" + PROJECT + "/runs/tour-service");
        page.locator("vaadin-tab", new Page.LocatorOptions().setHasText("Stats")).click();
        assertThat(page.locator("#stats-chart-cpu polyline.chart-line[data-series='total']")).hasCount(1);
        for (String chart : new String[] {"#stats-chart-cpu", "#stats-chart-memory", "#stats-chart-cost"}) {
            assertThat(page.locator(chart)).hasAttribute("role", "img");
            // the drawing scales to the width it gets: the browser knows its view box (not a lower-case "viewbox")
            assertThat(((Number) page.locator(chart).evaluate("svg => svg.viewBox.baseVal.width")).intValue())
                    .as(chart + " view box width").isEqualTo(640);
            assertThat(page.locator(chart)).hasAttribute("aria-label", Pattern.compile(", last 15 minutes: .* now "));
        }
        page.locator("#stats-panel").evaluate("panel => panel.scrollIntoView()"); // the photo shows the charts
        check(page, "run-stats", width, problems);
    }

    /** At 1280 px with the drawer open no runs-list header is cut off and the actions menu is inside the grid. */
    private void laptopRunsListShowsEveryColumnWhole(BrowserSession browser, Page page) {
        browser.open("/projects/tour/runs");
        Locator actions = page.locator("#runs-grid .run-actions >> visible=true").first();
        assertThat(actions).isVisible();
        Object clipped = page.evaluate("""
                () => [...document.querySelectorAll('#runs-grid vaadin-grid-cell-content')]
                  .filter(c => c.offsetParent !== null && c.textContent.trim() && c.scrollWidth > c.clientWidth + 1)
                  .map(c => c.textContent.trim())""");
        assertThat((List<?>) clipped).as("cut-off cells in the runs list").isEmpty();
        double gridRight = page.locator("#runs-grid").boundingBox().x + page.locator("#runs-grid").boundingBox().width;
        assertThat(actions.boundingBox().x + actions.boundingBox().width).isLessThanOrEqualTo(gridRight);

        // a running service offers Stop and Abort; a finished task offers Delete
        page.locator("#filter-name input").fill("tour-service");
        assertThat(page.locator("#runs-grid .status-badge.status-running >> visible=true")).hasCount(1);
        assertThat(page.locator("#runs-grid .run-stop >> visible=true")).isEnabled();
        assertThat(page.locator("#runs-grid .run-abort >> visible=true")).isEnabled();
        assertThat(page.locator("#runs-grid .run-delete >> visible=true")).hasCount(0);
        page.locator("#filter-name input").fill("tour-task");
        assertThat(page.locator("#runs-grid .status-badge.status-done >> visible=true")).hasCount(1);
        assertThat(page.locator("#runs-grid .run-stop >> visible=true")).hasCount(0);
        // Delete asks first, with Cancel focused: Enter keeps the run
        page.locator("#runs-grid .run-delete >> visible=true").click();
        assertThat(page.locator("#confirm-delete-cancel")).isFocused();
        page.keyboard().press("Enter");
        assertThat(page.locator("#confirm-delete")).hasCount(0);
        assertThat(page.locator("#runs-grid .status-badge.status-done >> visible=true")).hasCount(1);
    }

    /**
     * A run of 30 replicas: the summary band (counts, burn rate in the currency, cost, age) is in the first screen,
     * the replica table scrolls inside a bounded box with counts in its header, so the logs start within reach; the
     * table collapses; prices read {@code $0.052/h}. A finished run says how long it ran and shows no burn rate.
     */
    private void runPageSummaryAndLogsStayInReach(BrowserSession browser, Page page) {
        browser.open("/projects/" + PROJECT + "/runs/tour-wide");
        assertThat(page.locator("#run-replicas")).hasText("30 running / 30 desired",
                new LocatorAssertions.HasTextOptions().setTimeout(60_000));
        assertThat(page.locator("#run-waiting")).hasText("0 pending · 0 retrying");
        assertThat(page.locator("#run-burn-rate")).hasText(Pattern.compile("^\\$\\d+(\\.\\d+)?/h$"));
        assertThat(page.locator("#run-cost")).hasText(Pattern.compile("^\\$\\d"));
        assertThat(page.locator("#run-age")).hasText(Pattern.compile("^\\d+(s|m \\d{2}s)$"));
        assertThat(page.locator("#replicas-counts")).hasText("Replicas · 30 running");
        assertThat(page.locator("#run-summary").boundingBox().y).as("the summary band in the first screen")
                .isLessThan(400);
        // 30 rows would push the logs about 1,000 px further down; in their box they stay within one more screen
        assertThat(page.locator("#log-panel").boundingBox().y).as("where the logs start").isLessThan(1100);
        Locator prices = page.locator("#replicas-current tbody tr:not([hidden]) td:nth-child(8)");
        assertThat(prices.first()).hasText(Pattern.compile("^\\$0\\.\\d{2,3}/h$"));
        page.locator("#replicas-section vaadin-details-summary").click();
        assertThat(page.locator("#replicas-current")).isHidden();
        page.locator("#replicas-section vaadin-details-summary").click();
        assertThat(page.locator("#replicas-current")).isVisible();

        browser.open("/projects/" + PROJECT + "/runs/tour-task");
        assertThat(page.locator("#run-status")).hasText("DONE");
        assertThat(page.locator("#run-age")).hasText(Pattern.compile("^\\d+s$"));
        assertThat(page.locator("#run-age").locator("xpath=..")).containsText("Ran for");
        assertThat(page.locator("#run-burn-rate")).isHidden();
        assertThat(page.locator("#run-replicas")).isHidden();
    }

    /**
     * The 30-replica run: 25 rows to a page, the next page the rest; two replicas scaled away stay leaving, and
     * their count's button shows only them, on the page the reader was on. The buttons pass axe too.
     */
    private void replicaTableIsPagedAndItsCountsFilterIt(BrowserSession browser, Page page, List<String> problems)
            throws Exception {
        browser.open("/projects/" + PROJECT + "/runs/tour-wide");
        Locator shown = page.locator("#replicas-current tbody tr:not([hidden])");
        assertThat(page.locator("#replicas-range")).hasText("Replicas 1–25 of 30");
        assertThat(shown).hasCount(25);
        page.locator("#replicas-next").click();
        assertThat(page.locator("#replicas-range")).hasText("Replicas 26–30 of 30");
        assertThat(shown).hasCount(5);
        assertThat(shown.first().locator("td").first()).hasText("25");

        runs.scale(new Actor(IntegrationTest.ADMIN, Source.UI), PROJECT, "tour-wide", 28, null);
        Locator leaving = page.locator("#replicas-filter-leaving");
        assertThat(leaving).hasText("2 leaving", new LocatorAssertions.HasTextOptions().setTimeout(30_000));
        // the redraw keeps the page the reader is on
        assertThat(page.locator("#replicas-range")).hasText("Replicas 26–30 of 30");
        leaving.click();
        assertThat(leaving).hasAttribute("aria-pressed", "true");
        assertThat(page.locator("#replicas-filter-all")).hasAttribute("aria-pressed", "false");
        assertThat(shown).hasCount(2);
        for (int i = 0; i < 2; i++) {
            assertThat(shown.nth(i).locator(".replica-message")).containsText("leaving (not counted)");
        }
        check(page, "run-wide-filtered", 1280, problems);
    }

    /**
     * The submit page's editor: a line number per line, Tab indents in place (Escape, then Tab, leaves), and six
     * errors are listed above the editor with their lines, marked in the gutter, while Submit stays in the first
     * screen; an error's button puts the caret on its line.
     */
    private void specEditorNumbersIndentsAndPlacesErrors(BrowserSession browser, Page page) {
        browser.open("/projects/" + PROJECT + "/submit");
        Locator text = page.locator("#spec-editor textarea");
        Locator gutter = page.locator("#spec-gutter .spec-line");
        assertThat(gutter).hasCount(10); // the service template's nine lines and the empty one after them
        text.fill("type: job\nname: Bad/Name\ncommands: []\nreplicas: -1\nresources: {memory: lots}\n"
                + "colour: blue\n");
        text.press("Control+End");
        text.press("Tab");
        assertThat(text).isFocused();
        Object value = text.evaluate("t => t.value");
        assertThat((String) value).endsWith("colour: blue\n  ");
        text.press("Escape");
        text.press("Tab");
        assertThat(text).not().isFocused();

        page.locator("#spec-submit").click();
        Locator errors = page.locator("#spec-errors li");
        assertThat(errors).hasCount(6);
        assertThat(errors.first()).containsText("Line 1, column 1 · type:");
        assertThat(page.locator("#spec-gutter .spec-line-error")).hasCount(6);
        var submit = page.locator("#spec-submit").boundingBox();
        assertThat(submit.y + submit.height).as("Submit in the first screen").isLessThan(800);
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("submit-errors-1280.png")));
        Object wider = page.evaluate("() => { const l = document.querySelector('#spec-errors');"
                + " return l.scrollWidth - l.clientWidth; }");
        assertThat(((Number) wider).intValue()).as("error texts wrap inside their list").isLessThanOrEqualTo(1);
        page.locator("#spec-errors li .spec-error-go").filter(new Locator.FilterOptions().setHasText("replicas:"))
                .click();
        assertThat(text).isFocused();
        Object caret = text.evaluate("t => t.value.substring(0, t.selectionStart).split('\\n').length");
        assertThat(((Number) caret).intValue()).isEqualTo(4);
    }

    /**
     * Following the end of a 300-line log, a search that leaves a few lines shrinks the list below the rows the
     * browser held: Vaadin's virtual-list connector then threw {@code RangeError: Invalid array length} in
     * {@code $connector.clear} (see VirtualListClearGuard) and the matching lines never showed.
     */
    private void logSearchAfterFollowingTheEndRaisesNoError(BrowserSession browser, Page page) {
        List<String> errors = new ArrayList<>();
        page.onPageError(errors::add);
        browser.open("/projects/" + PROJECT + "/runs/tour-service");
        Locator lastLine = page.locator(".log-line >> visible=true").filter(
                new Locator.FilterOptions().setHasText("serving line 300"));
        assertThat(lastLine.first()).isVisible();
        page.locator("#log-search input").fill("line 7");
        assertThat(page.locator(".log-line >> visible=true").filter(
                new Locator.FilterOptions().setHasText("serving line 77")).first()).isVisible();
        // lines 7 and 70-79 of both replicas, each match marked
        assertThat(page.locator("#log-matches")).hasText("22 matching lines");
        assertThat(page.locator(".log-line >> visible=true").filter(new Locator.FilterOptions()
                .setHasText("serving line 77")).first().locator("mark.log-match")).hasText("line 7");
        page.locator("#log-search input").fill("");
        assertThat(lastLine.first()).isVisible();
        assertThat(page.locator("#log-matches")).isHidden();
        assertThat(page.locator(".log-line mark")).hasCount(0);
        assertThat(errors).as("errors in the page").isEmpty();
    }

    /** On a phone the drawer holds navigation and sign-out; the connection badge stays in the header. */
    private void phoneReachesNavigationAndSignOut(Page page) {
        page.navigate("http://localhost:" + port + "/projects/tour");
        assertThat(page.locator("#connection-state")).isVisible();
        Locator toggle = page.locator("vaadin-drawer-toggle");
        if (!page.locator("#drawer-sign-out").isVisible()) {
            toggle.click();
        }
        assertThat(page.locator("#main-nav")).isVisible();
        assertThat(page.locator("#drawer-sign-out")).isVisible();
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("drawer-390.png")));
    }
}
