package dev.runplane.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.runplane.support.ApiClient;
import dev.runplane.support.IntegrationTest;
import dev.runplane.users.UserService;
import dev.runplane.users.tokens.ApiTokenService;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The services endpoint against real replicas (a small Python service that says which replica answered and echoes
 * the headers it got): routing only to ready replicas while the service scales and restarts, streaming, WebSocket,
 * and who gets in.
 */
@IntegrationTest
class ServicesEndpointIT {
    private static final String RUNS = "/api/v1/projects/default/runs";

    @LocalServerPort
    int port;
    @Autowired
    ApiTokenService tokens;
    @Autowired
    UserService users;
    @Autowired
    ServicesEndpoint endpoint;
    @Autowired
    ServiceLinks links;

    private ApiClient api;
    private String adminToken;
    private Path script;
    private final List<String> created = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void setUp() throws IOException {
        adminToken = tokens.create("admin", "services-it", null).secret();
        api = new ApiClient("http://localhost:" + port, adminToken);
        script = Files.createTempFile("echo_service", ".py");
        try (InputStream in = getClass().getResourceAsStream("/services/echo_service.py")) {
            Files.write(script, in.readAllBytes());
        }
    }

    @AfterEach
    void stopServices() {
        created.forEach(name -> api.postJson(RUNS + "/" + name + "/stop", "{\"abort\": true}"));
    }

    private String service(String extra, int replicas) {
        String name = "svc-" + UUID.randomUUID().toString().substring(0, 8);
        ApiClient.Response response = api.post(RUNS, "application/yaml", """
                type: service
                name: %s
                commands: ["exec python3 %s"]
                replicas: %d
                stop_grace_period: 2s
                %s
                """.formatted(name, script, replicas, extra));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        created.add(name);
        return name;
    }

    private String url(String name, String rest) {
        return "http://127.0.0.1:" + endpoint.port() + "/default/" + name + rest;
    }

    private HttpResponse<String> get(String url, String... headers) {
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
            if (headers.length > 0) {
                builder.headers(headers);
            }
            return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<JsonNode> replicas(String name) {
        JsonNode run = api.get(RUNS + "/" + name).json();
        return StreamSupport.stream(run.get("replicas").spliterator(), false).toList();
    }

    private void awaitReady(String name, int ready) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            List<JsonNode> current = replicas(name);
            assertThat(current).hasSize(ready);
            assertThat(current).allSatisfy(r -> assertThat(r.path("ready").asBoolean()).as(r.toString()).isTrue());
        });
    }

    private void scale(String name, int replicas) {
        ApiClient.Response response = api.postJson(RUNS + "/" + name + "/scale", "{\"replicas\": " + replicas + "}");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    @Test
    void noRequestFailsWhileTheServiceScalesOneToThreeToOneAndAReplicaRestarts() throws Exception {
        // a replica asked to stop keeps serving 1.5 s (as a well-behaved one drains): it must get no new request
        String name = service("auth: false\nenv: {SERVE_AFTER_TERM: \"1.5\"}\n"
                + "probes: [{type: http, path: /ready, interval: 200ms}]", 1);
        awaitReady(name, 1);
        long before;
        try (LoadGenerator load = new LoadGenerator(url(name, "/hello"), 4)) {
            scale(name, 3);
            awaitReady(name, 3);
            await().atMost(Duration.ofSeconds(30)).until(() -> load.byReplica().keySet().containsAll(
                    List.of("0", "1", "2")));
            before = load.answered();
            String oldEndpoint = replicas(name).get(1).get("endpoint").asString();
            assertThat(api.post(RUNS + "/" + name + "/replicas/1/restart", "application/json", "").status())
                    .isEqualTo(202);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                List<JsonNode> current = replicas(name);
                assertThat(current).hasSize(3).allSatisfy(r -> assertThat(r.path("ready").asBoolean()).isTrue());
                assertThat(current.get(1).get("submissionNum").asInt()).isEqualTo(1);
                assertThat(current.get(1).get("endpoint").asString()).isNotEqualTo(oldEndpoint);
            });
            scale(name, 1);
            awaitReady(name, 1);
            long settled = load.answered();
            await().atMost(Duration.ofSeconds(30)).until(() -> load.answered() > settled + 50);
            assertThat(load.answered()).isGreaterThan(before);
            load.close();
            assertThat(load.failures()).as("failed requests of %d", load.answered()).isEmpty();
            assertThat(load.byReplica().keySet()).containsExactlyInAnyOrder("0", "1", "2");
        }
    }

    @Test
    void aReplicaThatIsNotReadyYetGetsNoRequestAndItsSlotSaysWhy() throws Exception {
        String name = service("""
                auth: false
                env: {NOT_READY_REPLICA: "1", NOT_READY_FOR: "10"}
                probes: [{type: http, path: /ready, interval: 200ms, timeout: 1s}]""", 2);
        await().atMost(Duration.ofSeconds(60)).until(() -> get(url(name, "/hello")).statusCode() == 200);
        try (LoadGenerator load = new LoadGenerator(url(name, "/hello"), 2)) {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                JsonNode slot = replicas(name).get(1);
                assertThat(slot.path("status").asString()).isEqualTo("RUNNING");
                assertThat(slot.path("ready").asBoolean()).isFalse();
                assertThat(slot.path("probeFailure").asString()).contains("503");
            });
            awaitReady(name, 2);
            await().atMost(Duration.ofSeconds(30)).until(() -> load.byReplica().getOrDefault("1", 0L) > 5);
            load.close();
            assertThat(load.failures()).isEmpty();
        }
    }

    @Test
    void aReplicaFailingItsProbesAfterBeingReadyLeavesRotationAndIsReplacedUnderTheRetryPolicy() throws Exception {
        Path marker = Files.createTempDirectory("marker").resolve("first-started");
        String name = service("""
                auth: false
                env: {UNHEALTHY_AFTER: "4", MARKER_FILE: "%s"}
                retry: {on: [error], limit: 2}
                probes: [{type: http, path: /ready, interval: 300ms, failure_threshold: 3}]""".formatted(marker), 1);
        awaitReady(name, 1);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            JsonNode slot = replicas(name).getFirst();
            assertThat(slot.path("ready").asBoolean()).isFalse();
            assertThat(slot.path("probeFailure").asString()).contains("500");
        });
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            JsonNode slot = replicas(name).getFirst();
            assertThat(slot.path("submissionNum").asInt()).as(slot.toString()).isEqualTo(1);
            assertThat(slot.path("ready").asBoolean()).isTrue();
        });
        JsonNode history = api.get(RUNS + "/" + name + "?history=true").json().get("history");
        assertThat(history.get(0).path("status").asString()).isEqualTo("FAILED");
        assertThat(get(url(name, "/hello")).statusCode()).isEqualTo(200);
    }

    @Test
    void streamsServerSentEventsChunkedUploadsAndWebSocketsPassThrough() throws Exception {
        String name = service("auth: false", 1);
        awaitReady(name, 1);

        // a 30 s streaming response (the length: no idle or response timeout on the way may cut it), each
        // line coming as the replica writes it, not when the response ends
        long start = System.nanoTime();
        HttpResponse<java.util.stream.Stream<String>> stream = http.send(HttpRequest.newBuilder(URI.create(
                url(name, "/stream?n=31&ms=1000"))).build(), HttpResponse.BodyHandlers.ofLines());
        List<Long> arrivals = new ArrayList<>();
        List<String> lines = stream.body().peek(l -> arrivals.add(System.nanoTime() - start)).toList();
        assertThat(lines).hasSize(31).first().isEqualTo("line 0 from replica 0");
        assertThat(lines.getLast()).isEqualTo("line 30 from replica 0");
        assertThat(TimeUnit.NANOSECONDS.toMillis(arrivals.getLast() - arrivals.getFirst()))
                .as("the lines came over 30 s, as written").isGreaterThan(29_000);

        HttpResponse<String> events = get(url(name, "/events?n=3&ms=10"), "Accept", "text/event-stream");
        assertThat(events.headers().firstValue("Content-Type")).hasValue("text/event-stream");
        assertThat(events.body()).isEqualTo("data: 0\n\ndata: 1\n\ndata: 2\n\n");

        byte[] body = new byte[3_000_000];
        HttpResponse<String> upload = http.send(HttpRequest.newBuilder(URI.create(url(name, "/upload")))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(upload.statusCode()).isEqualTo(200);
        assertThat(upload.body()).contains("\"received\": 3000000");

        CompletableFuture<String> echoed = new CompletableFuture<>();
        WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(url(name, "/ws").replace("http:",
                "ws:")), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        echoed.complete(data.toString());
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        socket.sendText("hello through the endpoint", true);
        assertThat(echoed.get(10, TimeUnit.SECONDS)).isEqualTo("replica 0: hello through the endpoint");
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
    }

    @Test
    void onlyMembersAndTheServicesOwnTokensGetInAndRunplanesCredentialsNeverReachTheReplica() {
        String name = service("", 1);
        String other = service("", 1);
        String open = service("auth: false", 1);
        awaitReady(name, 1);
        awaitReady(other, 1);
        awaitReady(open, 1);

        HttpResponse<String> anonymous = get(url(name, "/hello"));
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValue("application/problem+json");

        HttpResponse<String> member = get(url(name, "/hello"), "Authorization", "Bearer " + adminToken,
                "Cookie", "theirs=1");
        assertThat(member.statusCode()).isEqualTo(200);
        assertThat(member.body()).doesNotContain("authorization").doesNotContain(adminToken)
                .contains("\"cookie\": \"theirs=1\"").contains("\"x-forwarded-prefix\": \"/default/" + name + "\"")
                .contains("\"x-forwarded-for\": \"127.0.0.1\"").contains("\"x-forwarded-proto\": \"http\"");

        String outsider = "outsider-" + UUID.randomUUID().toString().substring(0, 6);
        users.createLocalUser(outsider, "outsider-password-1", false);
        String outsiderToken = tokens.create(outsider, "t", null).secret();
        assertThat(get(url(name, "/hello"), "Authorization", "Bearer " + outsiderToken).statusCode()).isEqualTo(404);
        assertThat(get(url(name, "/hello"), "Authorization", "Bearer rp_not-a-token-at-all-000000").statusCode())
                .isEqualTo(404);

        ApiClient.Response created = api.postJson(RUNS + "/" + name + "/service-tokens", "{\"name\": \"ci\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String serviceToken = created.json().get("token").asString();
        assertThat(get(url(name, "/hello"), "Authorization", "Bearer " + serviceToken).statusCode()).isEqualTo(200);
        assertThat(get(url(other, "/hello"), "Authorization", "Bearer " + serviceToken).statusCode())
                .as("a service token opens its own service only").isEqualTo(404);
        assertThat(api.get(RUNS).status()).isEqualTo(200);
        assertThat(new ApiClient("http://localhost:" + port, serviceToken).get(RUNS).status())
                .as("a service token is no API token").isEqualTo(401);
        assertThat(api.get(RUNS + "/" + name + "/service-tokens").body()).contains("\"ci\"")
                .doesNotContain(serviceToken);
        long id = created.json().get("id").asLong();
        assertThat(api.delete(RUNS + "/" + name + "/service-tokens/" + id).status()).isEqualTo(204);
        assertThat(get(url(name, "/hello"), "Authorization", "Bearer " + serviceToken).statusCode())
                .as("revoked").isEqualTo(404);

        HttpResponse<String> publicAnswer = get(url(open, "/hello"), "Authorization", "Basic dXNlcjpwYXNz");
        assertThat(publicAnswer.statusCode()).isEqualTo(200);
        assertThat(publicAnswer.body()).as("a public service gets the client's own Authorization")
                .contains("\"authorization\": \"Basic dXNlcjpwYXNz\"");

        assertThat(get(url("no-such-service", "/")).statusCode()).isEqualTo(404);
        HttpResponse<String> root = get("http://127.0.0.1:" + endpoint.port() + "/");
        assertThat(root.statusCode()).isEqualTo(404);
        assertThat(root.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void theOpenLinkGivesABrowserAServiceScopedCookieThatNeverReachesTheReplica() {
        String name = service("", 1);
        awaitReady(name, 1);
        String other = service("", 1);
        awaitReady(other, 1);
        HttpResponse<String> opened = get(url(name, "/page?x=1&" + links.openParameter("admin", "default", name)));
        assertThat(opened.statusCode()).isEqualTo(303);
        assertThat(opened.headers().firstValue("Location")).hasValue("/default/" + name + "/page?x=1");
        String setCookie = opened.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).contains("Path=/default/" + name + "/").contains("HTTPOnly");
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));

        HttpResponse<String> page = get(url(name, "/page?x=1"), "Cookie", cookie + "; theirs=2");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("\"cookie\": \"theirs=2\"").doesNotContain(ServiceGate.COOKIE);

        assertThat(get(url(name, "/page?" + links.openParameter("admin", "default", other))).statusCode())
                .as("a link for another service").isEqualTo(401);
        assertThat(get(url(other, "/page"), "Cookie", cookie).statusCode()).as("the cookie of another service")
                .isEqualTo(401);
    }

    @Test
    void theRunPageShowsTheEndpointAndItsOpenButtonSignsTheBrowserInToTheService() {
        String name = service("", 1);
        awaitReady(name, 1);
        // opened by address, not as localhost: the endpoint shown must name the host the page was opened on
        try (dev.runplane.support.BrowserSession browser = new dev.runplane.support.BrowserSession(
                "http://127.0.0.1:" + port)) {
            browser.signInDirectly(IntegrationTest.ADMIN, IntegrationTest.ADMIN_PASSWORD);
            browser.open("/projects/default/runs/" + name);
            com.microsoft.playwright.Page page = browser.page();
            String address = "http://127.0.0.1:" + endpoint.port() + "/default/" + name + "/";
            com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(page.locator("#service-url"))
                    .hasText(address);
            com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(page.locator(".replica-ready")
                    .first()).hasText("ready");
            // after pushes (a push has no request to take the host from) the address is still this host's
            scale(name, 2);
            com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(page.locator("#run-replicas"))
                    .hasText("2 running / 2 desired");
            com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(page.locator("#service-url"))
                    .hasText(address);
            com.microsoft.playwright.Page service = page.waitForPopup(() -> page.locator("#service-open").click());
            service.waitForLoadState();
            assertThat(service.url()).isEqualTo(address);
            String shown = service.locator("body").innerText();
            assertThat(shown).contains("\"replica\": \"").doesNotContain(ServiceGate.COOKIE);
            // the same browser, signed in to the service by its cookie, on another page of it
            service.navigate(url(name, "/other"));
            assertThat(service.locator("body").innerText()).contains("\"path\": \"/other\"");
        }
    }

    @Test
    void aServiceWithoutReadyReplicasAnswers503WithRetryAfter() {
        String name = service("auth: false", 0);
        await().atMost(Duration.ofSeconds(10)).until(() -> get(url(name, "/hello")).statusCode() == 503);
        HttpResponse<String> answer = get(url(name, "/hello"));
        assertThat(answer.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }
}
