package dev.runplane.api.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runplane.support.IntegrationTest;
import dev.runplane.users.UserService;
import dev.runplane.users.tokens.ApiTokenService;
import dev.runplane.users.tokens.CreatedToken;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The token endpoints and bearer authentication over real HTTP. Failing requests come from their own loopback
 * addresses (127.x.y.z, where the system allows), so that this class's failures never count against other tests'
 * client (127.0.0.1).
 */
@IntegrationTest
class ApiTokenIT {
    private static final String TOKENS = "/api/v1/users/me/tokens";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;
    @Autowired
    ApiTokenService tokens;
    @Autowired
    UserService users;
    @Autowired
    JdbcClient jdbc;

    private HttpClient http;
    private boolean privateAddress;
    /** One per class: every token made for the shared admin counts towards its limit of active tokens. */
    private static String adminToken;

    @BeforeEach
    void setUp() {
        http = clientFrom(randomLoopback()).orElse(null);
        privateAddress = http != null;
        if (http == null) {
            http = HttpClient.newHttpClient();
        }
        if (adminToken == null) {
            adminToken = tokens.create(IntegrationTest.ADMIN, "api-token-it", null).secret();
        }
    }

    @Test
    void createdTokenAuthenticatesIsListedWithoutSecretAndStopsWorkingOnceRevoked() throws Exception {
        HttpResponse<String> created = send("POST", TOKENS, adminToken, "{\"name\": \"laptop\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode body = JSON.readTree(created.body());
        String secret = body.path("token").asString();
        long id = body.path("id").asLong();
        assertThat(secret).startsWith("rp_").hasSizeGreaterThanOrEqualTo(40);
        assertThat(body.path("prefix").asString()).isEqualTo(secret.substring(0, 10));
        assertThat(body.path("name").asString()).isEqualTo("laptop");
        assertThat(body.path("createdAt").asString()).isNotBlank();

        HttpResponse<String> listed = send("GET", TOKENS, secret, null);
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.body()).doesNotContain(secret).doesNotContain("\"token\"").doesNotContain("secret");
        JsonNode entry = find(JSON.readTree(listed.body()).path("tokens"), id);
        assertThat(entry.path("name").asString()).isEqualTo("laptop");
        assertThat(entry.path("lastUsedAt").asString()).as("the call that listed it used it").isNotBlank();
        assertThat(entry.has("revokedAt")).isFalse();

        assertThat(send("DELETE", TOKENS + "/" + id, adminToken, null).statusCode()).isEqualTo(204);

        assertUnauthorized(send("GET", TOKENS, secret, null));
        JsonNode revoked = find(JSON.readTree(send("GET", TOKENS, adminToken, null).body()).path("tokens"), id);
        assertThat(revoked.path("revokedAt").asString()).isNotBlank();
    }

    @Test
    void tokenWithExpiryIsReturnedAndAnExpiredTokenIsRefused() throws Exception {
        Instant expiry = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        HttpResponse<String> created = send("POST", TOKENS, adminToken,
                "{\"name\": \"ci\", \"expiresAt\": \"" + expiry + "\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode body = JSON.readTree(created.body());
        assertThat(Instant.parse(body.path("expiresAt").asString())).isEqualTo(expiry);
        String secret = body.path("token").asString();
        assertThat(send("GET", TOKENS, secret, null).statusCode()).isEqualTo(200);

        jdbc.sql("UPDATE api_token SET expires_at = ? WHERE id = ?")
                .params(LocalDateTime.now(ZoneOffset.UTC).minusSeconds(1), body.path("id").asLong()).update();

        assertUnauthorized(send("GET", TOKENS, secret, null));
    }

    @Test
    void invalidCreationsAre400ProblemsAndCreateNothing() throws Exception {
        int before = tokens.list(IntegrationTest.ADMIN).size();
        for (String request : List.of(
                "{\"name\": \"old\", \"expiresAt\": \"2020-01-01T00:00:00Z\"}",
                "{\"name\": \"   \"}",
                "{}",
                "{\"name\": \"" + "x".repeat(101) + "\"}",
                "{\"name\": \"line\\nbreak\"}",
                "{\"name\": \"ok\", \"expiresAt\": \"tomorrow\"}",
                "not json")) {
            HttpResponse<String> response = send("POST", TOKENS, adminToken, request);

            assertThat(response.statusCode()).as(request).isEqualTo(400);
            assertProblem(response, 400);
        }
        assertThat(tokens.list(IntegrationTest.ADMIN)).hasSize(before);
    }

    @Test
    void revokingAnUnknownOrSomeoneElsesTokenIs404() throws Exception {
        String other = "it-other-" + UUID.randomUUID().toString().substring(0, 8);
        users.createLocalUser(other, "pw-" + UUID.randomUUID(), false);
        CreatedToken theirs = tokens.create(other, "theirs", null);

        HttpResponse<String> foreign = send("DELETE", TOKENS + "/" + theirs.id(), adminToken, null);
        HttpResponse<String> unknown = send("DELETE", TOKENS + "/987654321", adminToken, null);

        assertProblem(foreign, 404);
        assertProblem(unknown, 404);
        assertThat(foreign.body()).doesNotContain(other);
        assertThat(tokens.authenticate(theirs.secret())).as("still valid").isPresent();
    }

    @Test
    void missingEmptyMalformedOrUnknownTokensAre401ProblemsWithoutCookies() throws Exception {
        List<String> headers = new ArrayList<>();
        headers.add(null);
        headers.addAll(List.of("", "Bearer ", "Bearer", "bearer    ", "Basic YWRtaW46cHc=",
                "Bearer rp_" + UUID.randomUUID(), "Bearer " + adminToken.substring(3), adminToken));
        for (String header : headers) {
            HttpResponse<String> response = sendRaw("GET", TOKENS, header, null);

            assertThat(response.statusCode()).as("status for [%s]", header).isEqualTo(401);
            assertUnauthorized(response);
        }
    }

    @Test
    void theDatabaseNeverHoldsTheSecret() throws Exception {
        String secret = JSON.readTree(send("POST", TOKENS, adminToken, "{\"name\": \"db-check\"}").body())
                .path("token").asString();

        List<Map<String, Object>> rows = jdbc.sql("SELECT * FROM api_token").query().listOfRows();

        assertThat(rows).isNotEmpty();
        for (Map<String, Object> row : rows) {
            for (Object value : row.values()) {
                assertThat(String.valueOf(value)).doesNotContain(secret).doesNotContain(adminToken);
            }
        }
    }

    @Test
    void repeatedFailuresFromOneClientAreAnswered429WithRetryAfter() throws Exception {
        Assumptions.assumeTrue(privateAddress, "needs a loopback address of its own, or it would block other tests");
        List<Integer> statuses = new ArrayList<>();
        HttpResponse<String> last = null;
        for (int i = 0; i < 25; i++) {
            last = send("GET", TOKENS, "rp_guess-" + i + "-" + UUID.randomUUID(), null);
            statuses.add(last.statusCode());
        }

        assertThat(statuses.subList(0, 20)).containsOnly(401);
        assertThat(statuses.subList(20, 25)).containsOnly(429);
        assertProblem(last, 429);
        assertThat(last.headers().firstValue("Retry-After")).hasValueSatisfying(
                seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, 60L));
        assertThat(send("GET", TOKENS, adminToken, null).statusCode())
                .as("a blocked client's checks are refused before lookup, valid tokens included").isEqualTo(429);
        assertThat(clientFrom(randomLoopback()).orElseThrow().send(request("GET", TOKENS, "Bearer " + adminToken, null),
                HttpResponse.BodyHandlers.ofString()).statusCode())
                .as("other clients are unaffected").isEqualTo(200);
    }

    @Test
    void openApiDescriptionAndSwaggerUiArePublic() throws Exception {
        HttpResponse<String> openApi = sendRaw("GET", "/api/v1/openapi.json", null, null);
        assertThat(openApi.statusCode()).isEqualTo(200);
        JsonNode description = JSON.readTree(openApi.body());
        assertThat(description.path("openapi").asString()).startsWith("3.");
        assertThat(description.path("paths").has(TOKENS)).isTrue();
        assertThat(description.path("paths").has(TOKENS + "/{id}")).isTrue();

        HttpClient following = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
        HttpResponse<String> page = following.send(
                HttpRequest.newBuilder(URI.create(url("/api/v1/docs"))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.uri().getPath()).startsWith("/api/v1/");
        assertThat(page.body()).contains("swagger-ui");
        Matcher resources = Pattern.compile("(?:src|href)=\"([^\"]+)\"").matcher(page.body());
        List<String> loaded = new ArrayList<>();
        while (resources.find()) {
            URI resource = page.uri().resolve(resources.group(1));
            HttpResponse<String> response = following.send(HttpRequest.newBuilder(resource).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(resource.toString()).isEqualTo(200);
            loaded.add(resource.getPath());
        }
        assertThat(loaded).anyMatch(path -> path.endsWith("swagger-ui-bundle.js"));
        HttpResponse<String> config = sendRaw("GET", "/api/v1/openapi.json/swagger-config", null, null);
        assertThat(config.statusCode()).isEqualTo(200);
        assertThat(config.body()).contains("/api/v1/openapi.json");
    }

    private static JsonNode find(JsonNode list, long id) {
        for (JsonNode node : list) {
            if (node.path("id").asLong() == id) {
                return node;
            }
        }
        throw new AssertionError("token " + id + " not in " + list);
    }

    private static void assertUnauthorized(HttpResponse<String> response) throws IOException {
        assertProblem(response, 401);
        assertThat(response.body()).contains("invalid or missing token");
        assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
    }

    private static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(JSON.readTree(response.body()).path("status").asInt()).isEqualTo(status);
    }

    private HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        return sendRaw(method, path, "Bearer " + token, body);
    }

    private HttpResponse<String> sendRaw(String method, String path, String authorization, String body)
            throws Exception {
        return http.send(request(method, path, authorization, body), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest request(String method, String path, String authorization, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request.build();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** Linux routes all of 127/8 to loopback; other systems may not, and then there is no such client. */
    private static Optional<HttpClient> clientFrom(InetAddress source) {
        try (Socket probe = new Socket()) {
            probe.bind(new InetSocketAddress(source, 0));
            return Optional.of(HttpClient.newBuilder().localAddress(source).build());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static InetAddress randomLoopback() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        try {
            return InetAddress.getByAddress(new byte[] {127, (byte) random.nextInt(1, 255),
                    (byte) random.nextInt(1, 255), (byte) random.nextInt(2, 255)});
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
