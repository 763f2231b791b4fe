package dev.runplane.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.Route;
import dev.runplane.projects.ProjectService;
import dev.runplane.projects.Role;
import dev.runplane.support.ApiClient;
import dev.runplane.support.BrowserSession;
import dev.runplane.support.IntegrationTest;
import dev.runplane.users.UserService;
import dev.runplane.users.tokens.ApiTokenService;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The isolation matrix in a real browser (IsolationIT proves it over REST): each role of project OWN, and a user
 * who is a member of OTHER only, against the portal's routes and actions. In the own project every role reads
 * runs, the run page and its logs; only roles that may operate runs get enabled Stop, Abort, Scale, Restart and
 * Submit, and only ADMIN and MANAGER get member controls. A project the user is not a member of shows the same
 * "not found" page as a run that does not exist, with nothing of the project on it.
 */
@IntegrationTest
class UiIsolationIT {
    static final String OWN = "uiso-own";
    static final String OTHER = "uiso-other";
    static final String SHARED = "uiso-shared";
    static final String SECRET = "uiso-secret";
    static final String HIDDEN = "uiso-hidden";
    static final String GREETING = "hello-from-uiso";
    static final String SERVICE = """
            type: service
            name: %s
            commands: ["echo %s; exec sleep 600"]
            replicas: %d
            stop_grace_period: 1s
            """;

    /** Who signs in: a member of OWN with that role, or a member of OTHER only. */
    enum Who {
        ADMIN, MANAGER, USER, VIEWER, OUTSIDER;

        String username() {
            return "uiso-" + name().toLowerCase(Locale.ROOT);
        }

        Role role() {
            return this == OUTSIDER ? null : Role.valueOf(name());
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    UserService users;
    @Autowired
    ProjectService projects;
    @Autowired
    ApiTokenService tokens;
    @Autowired
    JdbcClient jdbc;

    /** Made once: the Spring context, and so the database, is shared by every IT. */
    private static ApiClient admin;

    @BeforeEach
    void setUp() {
        String base = "http://localhost:" + port;
        if (admin != null) {
            return;
        }
        admin = new ApiClient(base, tokens.create(IntegrationTest.ADMIN, "ui-isolation", null).secret());
        projects.createProject(OWN, "UI isolation, own");
        projects.createProject(OTHER, "UI isolation, other");
        for (Who who : Who.values()) {
            users.createLocalUser(who.username(), password(who), false);
            projects.putMember(who == Who.OUTSIDER ? OTHER : OWN, who.username(),
                    who == Who.OUTSIDER ? Role.USER : who.role());
        }
        created(OWN, SERVICE.formatted(SHARED, GREETING, 1));
        for (Who who : List.of(Who.ADMIN, Who.MANAGER, Who.USER, Who.VIEWER)) {
            created(OWN, SERVICE.formatted(actRun(who), "act", 0));
        }
        created(OTHER, SERVICE.formatted(SECRET, "secret-output", 1));
        created(OTHER, SERVICE.formatted(HIDDEN, "hidden-output", 0));
        await().atMost(Duration.ofSeconds(20)).until(() -> running(OWN, SHARED) && running(OTHER, SECRET));
    }

    @AfterAll
    static void stopReplicas() {
        if (admin != null) {
            admin.postJson(runs(OWN) + "/" + SHARED + "/stop", "{\"abort\": true}");
            admin.postJson(runs(OTHER) + "/" + SECRET + "/stop", "{\"abort\": true}");
        }
    }

    private static String password(Who who) {
        return "password-" + who.username();
    }

    private static String actRun(Who who) {
        return "uiso-act-" + who.name().toLowerCase(Locale.ROOT);
    }

    private static String runs(String project) {
        return "/api/v1/projects/" + project + "/runs";
    }

    private static void created(String project, String spec) {
        ApiClient.Response r = admin.post(runs(project), "application/yaml", spec);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    private static boolean running(String project, String run) {
        return admin.get(runs(project) + "/" + run).json().get("runningReplicas").asInt() == 1;
    }

    private String stopRequest(String project, String run) {
        return jdbc.sql("SELECT r.stop_request FROM run r JOIN project p ON p.id = r.project_id "
                        + "WHERE p.name = ? AND r.name = ?")
                .params(project, run).query(String.class).single();
    }

    private BrowserSession signIn(Who who) {
        BrowserSession browser = new BrowserSession("http://localhost:" + port);
        browser.signInDirectly(who.username(), password(who));
        return browser;
    }

    @ParameterizedTest
    @EnumSource(Who.class)
    void eachRoleSeesWhatItMayDoAndNothingOfAProjectItIsNotAMemberOf(Who who) {
        try (BrowserSession browser = signIn(who)) {
            if (who == Who.OUTSIDER) {
                foreignProjectIsNotFound(browser, OWN, SHARED, List.of(SHARED, actRun(Who.USER), GREETING));
                foreignRunIsLikeAMissingOne(browser, OWN, SHARED);
                return;
            }
            boolean operates = who.role().canOperateRuns();
            runsList(browser, who, operates);
            runPage(browser, operates);
            submitPage(browser, who);
            membersPage(browser, who);
            act(browser, who);
            foreignProjectIsNotFound(browser, OTHER, SECRET, List.of(SECRET, HIDDEN, "secret-output"));
        }
    }

    /** BAD-INPUTS: a POST with the session cookie but no CSRF token, from our origin or from another site. */
    @Test
    void aPostWithTheSessionCookieButNoCsrfTokenIsRefusedAndChangesNothing() {
        try (BrowserSession browser = signIn(Who.USER)) {
            Page page = browser.page();
            browser.open("/projects/" + OWN + "/runs");
            assertThat(page.locator("#signed-in-user")).hasText(Who.USER.username());
            // same origin: the cookie surely goes along, only the token is missing
            assertThat(page.evaluate("fetch('/logout', {method: 'POST', redirect: 'manual'}).then(r => r.status)"))
                    .as("POST /logout").isEqualTo(403);
            // the REST API ignores the cookie altogether: no bearer token, no access
            assertThat(page.evaluate("""
                    fetch('/api/v1/projects/%s/runs', {method: 'POST', headers: {'Content-Type': 'application/yaml'},
                          body: 'type: service\\nname: uiso-csrf\\ncommands: ["sleep 1"]\\nreplicas: 0\\n'})
                      .then(r => r.status)""".formatted(OWN))).as("POST to the API with a cookie").isEqualTo(401);
            // a page on another site that posts a form to us
            String base = "http://localhost:" + port;
            page.route("http://attacker.test/**", route -> route.fulfill(new Route.FulfillOptions()
                    .setContentType("text/html").setBody("""
                            <form method="post" action="%s/logout"></form>
                            <script>document.forms[0].submit()</script>""".formatted(base))));
            Response crossSite = page.waitForResponse(r -> r.url().equals(base + "/logout"),
                    () -> page.navigate("http://attacker.test/"));
            assertThat(crossSite.status()).as("cross-site POST /logout").isEqualTo(403);
            assertThat(crossSite.headers()).as("no new session cookie over the user's").doesNotContainKey("set-cookie");

            // still signed in: neither the check nor a new session cookie signed the user out
            browser.open("/projects/" + OWN + "/runs");
            assertThat(page.locator("#signed-in-user")).hasText(Who.USER.username());
            assertThat(admin.get(runs(OWN) + "/uiso-csrf").status()).isEqualTo(404);
        }
    }

    /**
     * BAD-INPUTS: a spoofed Host or X-Forwarded-Host never becomes the target of a redirect — not the one to the
     * login page, not the one back to the page asked for after signing in. Raw HTTP: no browser sends a forged Host.
     */
    @Test
    void aSpoofedHostNeverEndsUpInARedirect() throws IOException {
        String spoofed = "Host: evil.example\r\nX-Forwarded-Host: evil.example\r\nX-Forwarded-Proto: https\r\n";
        String asked = rawHead("GET /projects/" + OWN + "/runs HTTP/1.1\r\n" + spoofed + "\r\n");
        assertThat(asked).startsWith("HTTP/1.1 302").contains("Location: /login").doesNotContain("evil.example");
        assertThat(rawHead("GET / HTTP/1.1\r\n" + spoofed + "\r\n")).doesNotContain("evil.example");

        String session = header(asked, "Set-Cookie").split(";")[0];
        // the password form needs its CSRF token, which the login page hands to this session
        java.util.regex.Matcher csrf = java.util.regex.Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"")
                .matcher(raw("GET /login HTTP/1.1\r\nHost: localhost\r\nCookie: " + session + "\r\n\r\n"));
        assertThat(csrf.find()).as("the login page's CSRF token").isTrue();
        String form = "username=" + Who.USER.username() + "&password=" + password(Who.USER) + "&_csrf="
                + java.net.URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
        String signedIn = rawHead("POST /login HTTP/1.1\r\n" + spoofed + "Cookie: " + session + "\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + form.length()
                + "\r\n\r\n" + form);
        assertThat(signedIn).startsWith("HTTP/1.1 302").contains("Location: /projects/" + OWN + "/runs")
                .doesNotContain("evil.example");
        String failed = "username=x&password=wrong-1";
        assertThat(rawHead("POST /login HTTP/1.1\r\n" + spoofed
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + failed.length()
                + "\r\n\r\n" + failed)).doesNotContain("evil.example");
    }

    private static String header(String head, String name) {
        return head.lines().filter(l -> l.regionMatches(true, 0, name + ":", 0, name.length() + 1))
                .map(l -> l.substring(name.length() + 1).strip()).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " in " + head));
    }

    /** Sends one raw HTTP request (java.net.http refuses to set Host) and returns the response's head. */
    private String rawHead(String request) throws IOException {
        String response = raw(request);
        int end = response.indexOf("\r\n\r\n");
        return end < 0 ? response : response.substring(0, end);
    }

    /** The whole raw response, head and body. */
    private String raw(String request) throws IOException {
        try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write((request.replace("HTTP/1.1\r\n", "HTTP/1.1\r\nConnection: close\r\n"))
                    .getBytes(StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private static void enabledIff(Locator button, boolean enabled) {
        if (enabled) {
            assertThat(button).isEnabled();
        } else {
            assertThat(button).isDisabled();
        }
    }

    private void runsList(BrowserSession browser, Who who, boolean operates) {
        Page page = browser.page();
        browser.open("/projects/" + OWN + "/runs");
        assertThat(page.locator("#signed-in-user")).hasText(who.username());
        page.locator("#filter-name input").fill(SHARED);
        assertThat(page.locator("#runs-grid .run-actions >> visible=true")).hasCount(1);
        assertThat(page.locator("#runs-grid .status-badge.status-running >> visible=true")).hasCount(1);
        enabledIff(page.locator("#runs-grid .run-stop >> visible=true"), operates);
        enabledIff(page.locator("#runs-grid .run-abort >> visible=true"), operates);
        assertThat(page.locator("#submit-run-link")).isVisible(new VisibleIf(operates).options());
    }

    private void runPage(BrowserSession browser, boolean operates) {
        Page page = browser.page();
        browser.open("/projects/" + OWN + "/runs/" + SHARED);
        assertThat(page.locator("#run-replicas")).hasText("1 running / 1 desired");
        enabledIff(page.locator("#run-stop"), operates);
        enabledIff(page.locator("#run-abort"), operates);
        enabledIff(page.locator("#run-scale"), operates);
        enabledIff(page.locator("#replicas-current .replica-restart >> visible=true"), operates);
        // every member reads the logs, including a download of them
        assertThat(page.locator(".log-line").filter(new Locator.FilterOptions().setHasText(GREETING)).first())
                .isVisible();
        Download download = page.waitForDownload(() -> page.locator("#log-download").click());
        assertThat(read(download)).contains(GREETING);
    }

    private void submitPage(BrowserSession browser, Who who) {
        Page page = browser.page();
        browser.open("/projects/" + OWN + "/submit");
        enabledIff(page.locator("#spec-submit"), who.role().canOperateRuns());
        if (!who.role().canOperateRuns()) {
            assertThat(page.locator("#spec-message")).containsText("may not submit runs");
        }
    }

    private void membersPage(BrowserSession browser, Who who) {
        Page page = browser.page();
        browser.open("/projects/" + OWN + "/members");
        assertThat(page.locator("#members-grid").getByText(Who.VIEWER.username()).first()).isVisible();
        assertThat(page.locator("#member-form")).isVisible(new VisibleIf(who.role().canManageMembers()).options());
        // an ADMIN may remove anyone (the service keeps the last admin); a MANAGER never touches the ADMIN
        int removable = switch (who) {
            case ADMIN -> 4;
            case MANAGER -> 3;
            default -> 0;
        };
        assertThat(page.locator("#members-grid .member-remove >> visible=true")).hasCount(removable);
    }

    /** Operating roles stop a run from its page; a VIEWER's forced click on the disabled button changes nothing. */
    private void act(BrowserSession browser, Who who) {
        Page page = browser.page();
        String run = actRun(who);
        browser.open("/projects/" + OWN + "/runs/" + run);
        assertThat(page.locator("#run-replicas")).hasText("0 running / 0 desired");
        if (who.role().canOperateRuns()) {
            page.locator("#run-stop").click();
            await().atMost(Duration.ofSeconds(10)).until(() -> stopRequest(OWN, run).equals("STOP"));
            assertThat(page.locator("#run-status")).hasText("TERMINATED");
        } else {
            page.locator("#run-stop").click(new Locator.ClickOptions().setForce(true));
            page.locator("#run-abort").click(new Locator.ClickOptions().setForce(true));
            page.waitForTimeout(500);
            assertThat(stopRequest(OWN, run)).isEqualTo("NONE");
            assertThat(page.locator("#confirm-abort")).hasCount(0);
        }
    }

    /**
     * Every route of a project the user is not a member of shows the not-found page and nothing of the project:
     * none of its run names or outputs, no counts, no money.
     */
    private void foreignProjectIsNotFound(BrowserSession browser, String project, String run, List<String> secrets) {
        for (String path : List.of("/projects/" + project + "/runs", "/projects/" + project + "/runs/" + run,
                "/projects/" + project + "/submit", "/projects/" + project + "/members")) {
            NotFound page = notFound(browser, path);
            // the run's name is in the address the user typed, so the page may repeat it; nothing else
            String shown = page.body().replace("'" + run + "'", "");
            for (String secret : secrets) {
                assertThat(shown).as(path).doesNotContain(secret);
            }
            assertThat(shown).as(path).doesNotContainIgnoringCase("running").doesNotContainIgnoringCase("desired")
                    .doesNotContainIgnoringCase("cost").doesNotContainIgnoringCase("burn rate");
        }
    }

    /**
     * A foreign run answers exactly like a run that does not exist and like a project that does not exist: same
     * HTTP status, same text but for the names taken from the address.
     */
    private void foreignRunIsLikeAMissingOne(BrowserSession browser, String project, String run) {
        NotFound foreign = notFound(browser, "/projects/" + project + "/runs/" + run);
        NotFound missingRun = notFound(browser, "/projects/" + project + "/runs/no-such-run");
        NotFound missingProject = notFound(browser, "/projects/no-such-project/runs/" + run);
        assertThat(missingRun.status()).isEqualTo(foreign.status());
        assertThat(missingProject.status()).isEqualTo(foreign.status());
        assertThat(missingRun.text().replace("no-such-run", run)).isEqualTo(foreign.text());
        assertThat(missingProject.text().replace("no-such-project", project)).isEqualTo(foreign.text());
    }

    /** @param text the not-found box; @param body the whole page as the user sees it */
    private record NotFound(int status, String text, String body) {
    }

    private NotFound notFound(BrowserSession browser, String path) {
        Page page = browser.page();
        Response response = page.navigate("http://localhost:" + port + path);
        Locator notFound = page.locator("#not-found");
        assertThat(notFound).isVisible();
        assertThat(page.locator("#runs-grid, #replicas-current, #spec-editor, #members-grid")).hasCount(0);
        return new NotFound(response.status(), notFound.innerText(), page.locator("body").innerText());
    }

    private static String read(Download download) {
        try {
            return Files.readString(download.path(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Playwright's "is visible" or "is hidden" as one expectation. */
    private record VisibleIf(boolean visible) {
        com.microsoft.playwright.assertions.LocatorAssertions.IsVisibleOptions options() {
            return new com.microsoft.playwright.assertions.LocatorAssertions.IsVisibleOptions().setVisible(visible);
        }
    }
}
