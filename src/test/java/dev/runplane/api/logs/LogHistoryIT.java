package dev.runplane.api.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.runplane.support.ApiClient;
import dev.runplane.support.IntegrationTest;
import dev.runplane.users.tokens.ApiTokenService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Logs of earlier submissions over REST: a replica scaled down and a replica restarted leave history, and the log
 * reads, searches and downloads can cover it ({@code history=true}) or leave it out (the default for reads, and
 * {@code history=false} for the download, whose default is every submission).
 */
@IntegrationTest
class LogHistoryIT {
    private static final String R = "/api/v1/projects/default/runs/log-history";

    @LocalServerPort
    int port;
    @Autowired
    ApiTokenService tokens;

    /** "replica#submission" of the lines a read returns. */
    private static Set<String> submissionsIn(ApiClient.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        Set<String> found = new TreeSet<>();
        response.json().get("lines").forEach(l -> found.add(l.get("replicaNum").asInt() + "#"
                + l.get("submissionNum").asInt()));
        return found;
    }

    /** "replica#submission" of the lines of a downloaded log (its header lines left out). */
    private static Set<String> submissionsIn(String download) {
        Set<String> found = new TreeSet<>();
        download.lines().filter(l -> !l.startsWith("#"))
                .forEach(l -> found.add(l.split(" ")[1].substring("replica-".length())));
        return found;
    }

    private static List<String> header(String download) {
        List<String> header = new ArrayList<>();
        download.lines().takeWhile(l -> l.startsWith("#")).forEach(header::add);
        return header;
    }

    @Test
    void readsSearchesAndDownloadsCoverEarlierSubmissionsWhenAsked() throws Exception {
        String token = tokens.create("admin", "log-history", null).secret();
        ApiClient api = new ApiClient("http://localhost:" + port, token);
        assertThat(api.post("/api/v1/projects/default/runs", "application/yaml", """
                type: service
                name: log-history
                commands: ["echo hello from $RUNPLANE_REPLICA; sleep 600"]
                replicas: 2
                stop_grace_period: 1s
                """).status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                submissionsIn(api.get(R + "/logs")).equals(Set.of("0#0", "1#0")));

        // replica 1 is scaled down, replica 0 restarted: 1#0 and 0#0 are history, 0#1 is current
        assertThat(api.postJson(R + "/scale", "{\"replicas\": 1}").status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get(R + "?history=true").json().get("history").size() == 1);
        assertThat(api.post(R + "/replicas/0/restart", "application/json", "").status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                submissionsIn(api.get(R + "/logs?history=true")).contains("0#1"));

        assertThat(submissionsIn(api.get(R + "/logs"))).containsExactly("0#1");
        assertThat(submissionsIn(api.get(R + "/logs?history=false&q=hello"))).containsExactly("0#1");
        assertThat(submissionsIn(api.get(R + "/logs?history=true"))).containsExactly("0#0", "0#1", "1#0");
        assertThat(submissionsIn(api.get(R + "/logs?history=true&q=hello%20from%201"))).containsExactly("1#0");
        assertThat(submissionsIn(api.get(R + "/logs?replica=0&history=true"))).containsExactly("0#0", "0#1");
        assertThat(submissionsIn(api.get(R + "/logs?replica=1&submission=0"))).containsExactly("1#0");
        assertThat(api.get(R + "/logs?history=some").status()).isEqualTo(400);

        // the download holds every submission unless told otherwise, and its header says which
        String whole = api.get(R + "/logs/download").body();
        assertThat(submissionsIn(whole)).containsExactly("0#0", "0#1", "1#0");
        assertThat(header(whole)).contains(
                "# Runplane log of default/log-history: every submission (current replicas and history)"
                        + " (history=true)",
                "# 3 submissions:",
                "#   replica 0 \u00b7 submission 1 (current, RUNNING)",
                "#   replica 1 \u00b7 submission 0 (scaled down)");
        assertThat(header(whole)).anyMatch(l -> l.startsWith("#   replica 0 \u00b7 submission 0 (restarted by user"));
        String current = api.get(R + "/logs/download?history=false").body();
        assertThat(submissionsIn(current)).containsExactly("0#1");
        assertThat(header(current)).contains("# 1 submission:", "#   replica 0 \u00b7 submission 1 (current, RUNNING)");

        HttpResponse<Void> headers = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + R + "/logs/download?history=false"))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.discarding());
        assertThat(headers.headers().firstValue("Runplane-Log-Submissions")).hasValue("current");

        assertThat(api.postJson(R + "/stop", "{\"abort\": true}").status()).isEqualTo(202);
    }
}
