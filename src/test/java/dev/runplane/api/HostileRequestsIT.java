package dev.runplane.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.runplane.projects.ProjectService;
import dev.runplane.projects.Role;
import dev.runplane.support.ApiClient;
import dev.runplane.support.IntegrationTest;
import dev.runplane.support.SseClient;
import dev.runplane.users.UserService;
import dev.runplane.users.tokens.ApiTokenService;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 13 over HTTP: what an attacker tried against the API and what it must answer. Each test names the item it
 * keeps fixed; docs/security.md lists them.
 */
@IntegrationTest
class HostileRequestsIT {
    private static final String PROJECT = "hostile-inputs";
    private static final String MEMBER = "hostile-member";

    @LocalServerPort
    int port;
    @Autowired
    ApiTokenService tokens;
    @Autowired
    UserService users;
    @Autowired
    ProjectService projects;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static String adminToken;
    private static String memberToken;

    @BeforeEach
    void setUp() {
        if (adminToken != null) {
            return;
        }
        adminToken = tokens.create(IntegrationTest.ADMIN, "hostile-inputs", null).secret();
        projects.createProject(PROJECT, "Hostile inputs");
        users.createLocalUser(MEMBER, "password-" + MEMBER, false);
        projects.putMember(PROJECT, MEMBER, Role.USER);
        memberToken = tokens.create(MEMBER, "hostile-inputs", null).secret();
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private ApiClient api(String token) {
        return new ApiClient(url(""), token);
    }

    private static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"status\":" + status);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.header("Authorization", "Bearer " + adminToken).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Item 1: the audit query lost a space for everyone who is not a global admin and answered 500. */
    @Test
    void theAuditLogAnswersAMemberWithTheirProjectsEvents() {
        assertThat(api(adminToken).put("/api/v1/projects/" + PROJECT + "/members",
                "{\"username\":\"" + MEMBER + "\",\"role\":\"MANAGER\"}").status()).isEqualTo(200);

        ApiClient.Response response = api(memberToken).get("/api/v1/audit?limit=50");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().get("events")).anySatisfy(event ->
                assertThat(event.get("project").asString()).isEqualTo(PROJECT));
        // events of no project (user and token changes) are for global admins only
        assertThat(response.json().get("events")).allSatisfy(event -> assertThat(event.has("project")).isTrue());
    }

    /** Item 4: a 90 MB token name exhausted the heap; every body is capped before it is read. */
    @Test
    void aBodyOverTheLimitIs413BeforeItIsRead() {
        // sizes a little over the limit: Tomcat swallows up to 2 MB of an unread body so the 413 arrives intact;
        // beyond that it resets the connection, which is no answer a test can read (but still no OOM)
        String name = "x".repeat(1536 * 1024);
        HttpResponse<String> declared = send(HttpRequest.newBuilder(URI.create(url("/api/v1/users/me/tokens")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\"}")));
        assertProblem(declared, 413);
        assertThat(declared.body()).contains("runplane.api.max-body");

        // chunked: no Content-Length to refuse up front, so the counting stream cuts it off
        HttpResponse<String> chunked = send(HttpRequest.newBuilder(URI.create(url(
                        "/api/v1/projects/" + PROJECT + "/runs/none/scale")))
                .header("Content-Type", "application/json")
                .POST(chunked("{\"replicas\":1,\"pad\":\"", 2560 * 1024, "\"}")));
        assertProblem(chunked, 413);
        assertThat(api(adminToken).get("/api/v1/users/me/tokens").body()).doesNotContain("xxxxxxxx");
    }

    /** Item 4: every string field has a length limit, answered 400 naming the field. */
    @Test
    void overLongStringFieldsAre400() {
        String tooLong = "a".repeat(1000);
        ApiClient admin = api(adminToken);
        ApiClient.Response token = admin.postJson("/api/v1/users/me/tokens", "{\"name\":\"" + tooLong + "\"}");
        ApiClient.Response project = admin.postJson("/api/v1/projects",
                "{\"name\":\"long-display\",\"displayName\":\"" + tooLong + "\"}");
        ApiClient.Response projectAdmin = admin.postJson("/api/v1/projects",
                "{\"name\":\"long-admin\",\"admin\":\"" + tooLong + "\"}");
        ApiClient.Response user = admin.postJson("/api/v1/users", "{\"username\":\"" + tooLong + "\"}");

        assertThat(token.status()).isEqualTo(400);
        assertThat(token.body()).contains("token name must be at most 100 characters");
        assertThat(project.status()).isEqualTo(400);
        assertThat(project.body()).contains("displayName must be at most 200 characters");
        assertThat(projectAdmin.status()).isEqualTo(400);
        assertThat(projectAdmin.body()).contains("admin must be a user name");
        assertThat(user.status()).isEqualTo(400);
        assertThat(user.body()).contains("username must match");
        assertThat(admin.get("/api/v1/projects").body()).doesNotContain("long-display", "long-admin");
    }

    /** Item 6: unknown API paths answered 200 with the portal's HTML. */
    @Test
    void unknownApiPathsAre404ProblemsForEveryVerbAndAWrongVerbIs405() {
        for (String method : List.of("GET", "POST", "PUT", "PATCH", "DELETE")) {
            for (String path : List.of("/api/v1/nothing-here", "/api/v2/projects", "/api/v1/projects/x/runs/y/zz")) {
                assertProblem(send(HttpRequest.newBuilder(URI.create(url(path)))
                        .method(method, HttpRequest.BodyPublishers.noBody())), 404);
            }
        }
        HttpResponse<String> wrongVerb = send(HttpRequest.newBuilder(URI.create(url("/api/v1/audit")))
                .DELETE());
        assertProblem(wrongVerb, 405);
        assertThat(wrongVerb.headers().firstValue("Allow")).hasValueSatisfying(
                allow -> assertThat(allow).contains("GET"));
        assertProblem(send(HttpRequest.newBuilder(URI.create(url("/api/v1/projects/" + PROJECT + "/runs/x/scale")))
                .GET()), 405);
        // the documentation pages stay where they are
        assertThat(send(HttpRequest.newBuilder(URI.create(url("/api/v1/openapi.json"))).GET()).statusCode())
                .isEqualTo(200);
    }

    /** Item 7: bidi overrides, zero-width and control characters were stored in display names verbatim. */
    @Test
    void displayNamesRefuseInvisibleAndReorderingCharactersButKeepJoiners() {
        ApiClient admin = api(adminToken);
        String[] refused = {"evil\u0007bell", "esc\u001b[2J", "abc\u202Egnp.exe", "iso\u2066late", "zero\u200Bwidth",
                "\uFEFFbom"};
        for (int i = 0; i < refused.length; i++) {
            ApiClient.Response response = admin.postJson("/api/v1/projects",
                    "{\"name\":\"bad-name-" + i + "\",\"displayName\":\"" + jsonEscape(refused[i]) + "\"}");
            assertThat(response.status()).as("display name %d", i).isEqualTo(400);
            assertThat(response.body()).contains("displayName must not contain");
        }
        ApiClient.Response family = admin.postJson("/api/v1/projects",
                "{\"name\":\"joiners\",\"displayName\":\"Team \uD83D\uDC69\u200D\uD83D\uDC69\u200D\uD83D\uDC67 "
                        + "\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645\"}");
        assertThat(family.status()).as(family.body()).isEqualTo(201);
        assertThat(family.json().get("displayName").asString()).contains("\u200D", "\u200C");
        assertThat(admin.get("/api/v1/projects").body()).doesNotContain("bad-name-");
    }

    /** Item 10: a cookieless /VAADIN/* request was redirected to /login;jsessionid=… and looped. */
    @Test
    void sessionsAreTrackedByCookieOnlyNeverInTheUrl() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(url("/VAADIN/some/resource.js"))).GET().build(), HttpResponse.BodyHandlers.ofString());

        String location = response.headers().firstValue("Location").orElse("");
        assertThat(location.toLowerCase()).doesNotContain("jsessionid");
        // followed to its end, it ends (no loop) on an answer, not on yet another redirect
        HttpResponse<String> followed = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build()
                .send(HttpRequest.newBuilder(URI.create(url("/VAADIN/some/resource.js"))).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(followed.statusCode() / 100).isNotEqualTo(3);
        assertThat(followed.uri().toString()).doesNotContain("jsessionid");
    }

    /** Item 5: a revoked token kept its open log stream for up to an hour. */
    @Test
    void revokingATokenEndsItsLogStreamsWithinTwoSeconds() {
        String run = streamedRun();
        var token = tokens.create(MEMBER, "streaming", null);
        try (SseClient stream = new SseClient(url(logStream(run)), token.secret(), null)) {
            awaitOpen(stream);

            long revokedAt = System.currentTimeMillis();
            assertThat(api(token.secret()).delete("/api/v1/users/me/tokens/" + token.id()).status()).isEqualTo(204);

            await().atMost(Duration.ofSeconds(5)).until(() -> stream.endedAt() > 0);
            assertThat(stream.endedAt() - revokedAt).isLessThanOrEqualTo(2000);
        }
    }

    /** Item 5: the same for a member removed from the project. */
    @Test
    void removingAMembershipEndsItsLogStreamsWithinTwoSeconds() {
        String run = streamedRun();
        users.createLocalUser("hostile-leaver", "password-hostile-leaver", false);
        projects.putMember(PROJECT, "hostile-leaver", Role.USER);
        String token = tokens.create("hostile-leaver", "streaming", null).secret();
        try (SseClient stream = new SseClient(url(logStream(run)), token, null)) {
            awaitOpen(stream);

            long removedAt = System.currentTimeMillis();
            assertThat(api(adminToken).delete("/api/v1/projects/" + PROJECT + "/members/hostile-leaver").status())
                    .isEqualTo(204);

            await().atMost(Duration.ofSeconds(5)).until(() -> stream.endedAt() > 0);
            assertThat(stream.endedAt() - removedAt).isLessThanOrEqualTo(2000);
        }
    }

    private String streamedRun() {
        ApiClient.Response existing = api(adminToken).get("/api/v1/projects/" + PROJECT + "/runs/streamed");
        if (existing.status() == 404) {
            assertThat(api(adminToken).post("/api/v1/projects/" + PROJECT + "/runs", "application/yaml",
                    "type: task\nname: streamed\ncommands: [\"echo hello\"]\n").status()).isEqualTo(201);
        }
        return "streamed";
    }

    private static String logStream(String run) {
        return "/api/v1/projects/" + PROJECT + "/runs/" + run + "/logs/stream?after=0";
    }

    private static void awaitOpen(SseClient stream) {
        await().atMost(Duration.ofSeconds(10)).until(() -> stream.status() == 200);
        // open, and still open a moment later: only the revocation may end it
        await().pollDelay(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> stream.endedAt() == 0);
    }

    private static String jsonEscape(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            out.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return out.toString();
    }

    /** A body of about {@code size} bytes sent without Content-Length, generated as it goes (no 60 MB in memory). */
    private static HttpRequest.BodyPublisher chunked(String head, long size, String tail) {
        return HttpRequest.BodyPublishers.fromPublisher(subscriber -> {
            AtomicLong sent = new AtomicLong();
            byte[] filler = "x".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
            subscriber.onSubscribe(new Flow.Subscription() {
                private volatile boolean done;

                @Override
                public void request(long n) {
                    for (long i = 0; i < n && !done; i++) {
                        long already = sent.get();
                        if (already == 0) {
                            sent.addAndGet(head.length());
                            subscriber.onNext(java.nio.ByteBuffer.wrap(head.getBytes(StandardCharsets.US_ASCII)));
                        } else if (already < size) {
                            sent.addAndGet(filler.length);
                            subscriber.onNext(java.nio.ByteBuffer.wrap(filler));
                        } else {
                            done = true;
                            subscriber.onNext(java.nio.ByteBuffer.wrap(tail.getBytes(StandardCharsets.US_ASCII)));
                            subscriber.onComplete();
                        }
                    }
                }

                @Override
                public void cancel() {
                    done = true;
                }
            });
        });
    }
}
