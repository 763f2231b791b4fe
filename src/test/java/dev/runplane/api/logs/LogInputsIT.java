package dev.runplane.api.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.runplane.support.ApiClient;
import dev.runplane.support.IntegrationTest;
import dev.runplane.support.SseClient;
import dev.runplane.users.tokens.ApiTokenService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The "What replicas print" rows of BAD-INPUTS.md, and exact stream reconnects. */
@IntegrationTest
class LogInputsIT {
    private static final String RUNS = "/api/v1/projects/default/runs";

    @LocalServerPort
    int port;
    @Autowired
    ApiTokenService tokens;

    ApiClient api;
    String token;

    @BeforeEach
    void signIn() {
        token = tokens.create("admin", "log-inputs", null).secret();
        api = new ApiClient("http://localhost:" + port, token);
    }

    private JsonNode linesOf(String run, String query) {
        ApiClient.Response response = api.get(RUNS + "/" + run + "/logs?limit=5000" + query);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().get("lines");
    }

    private void awaitDone(String run) {
        await().atMost(Duration.ofSeconds(15)).until(() ->
                "DONE".equals(api.get(RUNS + "/" + run).json().get("status").asString()));
    }

    private List<String> texts(JsonNode lines) {
        List<String> texts = new ArrayList<>();
        lines.forEach(l -> texts.add(l.get("text").asString()));
        return texts;
    }

    @Test
    void hostileOutputIsStoredAsPlainSafeText() {
        assertThat(api.post(RUNS, "application/yaml", """
                type: task
                name: hostile
                env:
                  API_TOKEN: s3cr3t-value-42
                commands:
                  - echo '<script>alert(1)</script>'
                  - printf '\\033[31mred\\033[0m plain\\n'
                  - printf 'old text\\rnew\\n'
                  - printf 'before\\033[2Jafter\\033c!\\n'
                  - printf '\\033]0;window title\\007visible\\n'
                  - printf 'bad \\377\\376 bytes\\n'
                  - printf 'nul\\000byte\\n'
                  - echo "token is $API_TOKEN"
                  - echo to-stderr >&2
                """).status()).isEqualTo(201);
        awaitDone("hostile");
        await().atMost(Duration.ofSeconds(3)).until(() -> linesOf("hostile", "").size() >= 9);
        JsonNode lines = linesOf("hostile", "");
        List<String> texts = texts(lines);

        assertThat(texts).contains("<script>alert(1)</script>", "red plain", "new", "beforeafter!", "visible",
                "bad \uFFFD\uFFFD bytes", "nulbyte", "token is ***", "to-stderr");
        assertThat(texts).noneMatch(t -> t.contains("\u001b") || t.contains("\r") || t.contains("\u0000"));
        assertThat(texts).noneMatch(t -> t.contains("s3cr3t-value-42"));
        JsonNode red = null;
        for (JsonNode line : lines) {
            if (line.get("text").asString().equals("red plain")) {
                red = line;
            }
            if (line.get("text").asString().equals("to-stderr")) {
                assertThat(line.get("stream").asString()).isEqualTo("stderr");
            }
        }
        assertThat(red).isNotNull();
        assertThat(red.get("spans").asString()).contains("red");
        // the secret is masked in downloads too
        assertThat(api.get(RUNS + "/hostile/logs/download").body()).contains("token is ***")
                .doesNotContain("s3cr3t-value-42");
        // server-side search
        assertThat(texts(linesOf("hostile", "&q=alert"))).containsExactly("<script>alert(1)</script>");
    }

    /** Issue 13, item 11: it used to become 160 stored lines, each with its own "N more characters" marker. */
    @Test
    void aTenMegabyteLineWithoutNewlineIsStoredOnceCutWithTheTrueCountOfWhatWasSkipped() {
        assertThat(api.post(RUNS, "application/yaml", """
                type: task
                name: huge-line
                commands:
                  - head -c 10485760 /dev/zero | tr '\\0' x; echo; echo after
                """).status()).isEqualTo(201);
        awaitDone("huge-line");
        await().atMost(Duration.ofSeconds(10)).until(() -> texts(linesOf("huge-line", "")).contains("after"));
        List<String> texts = texts(linesOf("huge-line", ""));

        assertThat(texts).hasSize(3);
        assertThat(texts.get(0)).isEqualTo("x".repeat(8192) + " … [line cut at 8192 characters]");
        assertThat(texts.get(1)).isEqualTo("[runplane] the line cut at 8192 characters had " + (10485760 - 8192)
                + " more characters, skipped");
        assertThat(texts.get(2)).isEqualTo("after");
    }

    @Test
    void aLogFloodIsCutByTheRateLimitWithAnExplicitMarker() {
        assertThat(api.post(RUNS, "application/yaml", """
                type: task
                name: flood
                commands:
                  - yes flood | head -n 300000
                """).status()).isEqualTo(201);
        awaitDone("flood");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(texts(linesOf("flood", "&q=dropped")))
                .anyMatch(t -> t.matches("\\[runplane\\] \\d+ lines dropped \\(rate limit .*")));
        // what was stored plus what the markers say was dropped is everything the replica printed (ingestion
        // may still be catching up with the file after the replica ended)
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            long[] counts = storedAndDropped();
            assertThat(counts[0]).isLessThan(300_000);
            assertThat(counts[0] + counts[1]).isEqualTo(300_000);
        });
    }

    /** {stored "flood" lines, lines the markers say were dropped} */
    private long[] storedAndDropped() {
        long dropped = 0;
        for (String marker : texts(linesOf("flood", "&q=dropped"))) {
            dropped += Long.parseLong(marker.replaceAll("\\[runplane\\] (\\d+) lines dropped.*", "$1"));
        }
        long stored = 0;
        long cursor = 0;
        while (true) {
            JsonNode page = api.get(RUNS + "/flood/logs?limit=5000&after=" + cursor).json();
            for (JsonNode line : page.get("lines")) {
                if (line.get("text").asString().equals("flood")) {
                    stored++;
                }
            }
            if (page.get("lines").size() < 5000) {
                break;
            }
            cursor = Long.parseLong(page.get("next").asString());
        }
        return new long[] {stored, dropped};
    }

    @Test
    void aStreamReconnectWithLastEventIdLosesAndRepeatsNothing() {
        assertThat(api.post(RUNS, "application/yaml", """
                type: task
                name: counted
                commands:
                  - 'i=1; while [ $i -le 400 ]; do echo "n $i"; sleep 0.005; i=$((i+1)); done'
                """).status()).isEqualTo(201);
        String url = "http://localhost:" + port + RUNS + "/counted/logs/stream?after=0";
        List<SseClient.Event> received = new ArrayList<>();
        try (SseClient first = new SseClient(url, token, null)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> first.events().size() >= 50);
            received.addAll(first.events());
        }
        String lastId = received.getLast().id();
        awaitDone("counted");
        try (SseClient second = new SseClient(url, token, lastId)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> received.size() + second.events().size() >= 400);
            received.addAll(second.events());
        }
        List<String> numbers = new ArrayList<>();
        received.forEach(e -> numbers.add(e.data().replaceAll(".*\"text\":\"n (\\d+)\".*", "$1")));
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= 400; i++) {
            expected.add(Integer.toString(i));
        }
        assertThat(numbers).containsExactlyElementsOf(expected);
    }
}
