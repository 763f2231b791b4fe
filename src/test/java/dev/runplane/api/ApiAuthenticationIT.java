package dev.runplane.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runplane.support.IntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@IntegrationTest
class ApiAuthenticationIT {
    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void apiWithoutCredentialsAnswers401ProblemJsonAndNoSession() throws Exception {
        for (String authorization : new String[] {null, "Bearer ", "Bearer rp_0123456789abcdef"}) {
            HttpResponse<String> response = get("/api/v1/projects/default/runs", authorization);

            assertThat(response.statusCode()).as("status for %s", authorization).isEqualTo(401);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(response.body()).contains("\"status\":401").contains("invalid or missing token");
            assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
        }
    }

    @Test
    void healthProbesArePublicAndUp() throws Exception {
        HttpResponse<String> liveness = get("/actuator/health/liveness", null);
        HttpResponse<String> readiness = get("/actuator/health/readiness", null);

        assertThat(liveness.statusCode()).isEqualTo(200);
        assertThat(liveness.body()).contains("\"status\":\"UP\"");
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(readiness.body()).contains("\"status\":\"UP\"");
    }
}
