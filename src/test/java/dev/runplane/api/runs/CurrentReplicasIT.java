package dev.runplane.api.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.runplane.support.ApiClient;
import dev.runplane.support.IntegrationTest;
import dev.runplane.users.tokens.ApiTokenService;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Current replicas are slots (DESIGN.md, rule 5): whatever a script reads — the scale call's own answer or a GET,
 * polled as fast as it can — never lists an ended submission among them; a slot waiting for its new submission is
 * a pending entry, and the counts agree with the slots.
 */
@IntegrationTest
class CurrentReplicasIT {
    private static final String RUNS = "/api/v1/projects/default/runs";
    private static final Set<String> ENDED = Set.of("TERMINATED", "ABORTED", "DONE", "FAILED");

    @LocalServerPort
    int port;
    @Autowired
    ApiTokenService tokens;

    ApiClient api;

    @BeforeEach
    void signIn() {
        api = new ApiClient("http://localhost:" + port, tokens.create("admin", "current-replicas", null).secret());
    }

    private void createService(String name, int replicas) {
        ApiClient.Response created = api.post(RUNS, "application/yaml", """
                type: service
                name: %s
                commands: ["sleep 600"]
                replicas: %d
                stop_grace_period: 2s
                """.formatted(name, replicas));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    private JsonNode get(String name) {
        ApiClient.Response response = api.get(RUNS + "/" + name + "?history=true");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private JsonNode scale(String name, int replicas) {
        ApiClient.Response response = api.postJson(RUNS + "/" + name + "/scale", "{\"replicas\": " + replicas + "}");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private void awaitRunning(String name, int running) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            JsonNode run = get(name);
            assertThat(run.get("runningReplicas").asInt()).isEqualTo(running);
            assertThat(run.get("replicas")).hasSize(running);
        });
    }

    /** What a user checks on every answer: no ended submission is current, and the counts match the slots. */
    private static void assertTruthful(JsonNode run, String when) {
        int running = 0;
        int counted = 0;
        for (JsonNode replica : run.get("replicas")) {
            String status = replica.get("status").asString();
            assertThat(status).as("%s: a current replica of %s", when, run).isNotIn(ENDED);
            if ("PENDING".equals(status)) {
                assertThat(replica.get("submissionNum").isNull()).as("%s: a pending slot has no submission", when)
                        .isTrue();
                assertThat(replica.get("message").asString()).isNotBlank();
            }
            if (!replica.get("terminating").asBoolean()) {
                counted++;
                if ("RUNNING".equals(status)) {
                    running++;
                }
            }
        }
        assertThat(run.get("runningReplicas").asInt()).as("%s: running count of %s", when, run).isEqualTo(running);
        assertThat(counted).as("%s: counted slots of %s", when, run).isEqualTo(run.get("desiredReplicas").asInt());
    }

    @Test
    void aScaledDownSubmissionScaledBackIsPendingNeverCurrent() {
        createService("scale-back", 2);
        awaitRunning("scale-back", 2);
        scale("scale-back", 1);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(get("scale-back").get("history")).isNotEmpty());

        JsonNode answer = scale("scale-back", 2);
        assertTruthful(answer, "the scale call's answer");
        JsonNode one = answer.get("replicas").get(1);
        assertThat(one.get("replicaNum").asInt()).isEqualTo(1);
        assertThat(one.get("status").asString()).isIn("PENDING", "SUBMITTED", "PROVISIONING", "RUNNING");
        assertThat(one.has("submissionNum")).as("submissionNum is sent, null for a pending slot").isTrue();
        assertTruthful(get("scale-back"), "GET right after");
        JsonNode scaledDown = get("scale-back").get("history").get(0);
        assertThat(scaledDown.get("terminationReason").asString()).isEqualTo("SCALED_DOWN");
        awaitRunning("scale-back", 2);
        api.postJson(RUNS + "/scale-back/stop", "{\"abort\": true}");
    }

    @Test
    void scalingOneTwoOneTwoTenTimesNeverShowsAnEndedSubmissionAmongCurrentReplicas() throws Exception {
        createService("flip", 1);
        awaitRunning("flip", 1);
        List<String> seen = new ArrayList<>();
        int reads = 0;
        Instant start = Instant.now();
        for (int round = 0; round < 10; round++) {
            for (int wanted : new int[] {2, 1, 2, 1}) {
                JsonNode answer = scale("flip", wanted);
                assertTruthful(answer, "round " + round + ", scale to " + wanted);
                // poll as fast as one client can until the run has settled on the wanted count
                Instant until = Instant.now().plusSeconds(20);
                while (true) {
                    JsonNode run = get("flip");
                    reads++;
                    assertTruthful(run, "round " + round + " after scaling to " + wanted);
                    List<String> statuses = new ArrayList<>();
                    run.get("replicas").forEach(r -> statuses.add(r.get("status").asString()));
                    seen.add(statuses.toString());
                    boolean settled = run.get("runningReplicas").asInt() == wanted
                            && run.get("replicas").size() == wanted;
                    if (settled || Instant.now().isAfter(until)) {
                        assertThat(settled).as("settled at %d within 20 s", wanted).isTrue();
                        break;
                    }
                }
            }
        }
        System.out.printf("CurrentReplicasIT: 40 scale calls, %d GETs in %d ms, distinct views %s%n", reads,
                Duration.between(start, Instant.now()).toMillis(), seen.stream().distinct().toList());
        assertThat(seen.stream().distinct()).as("it did see the slot come up").anyMatch(v -> v.contains("PENDING")
                || v.contains("SUBMITTED") || v.contains("PROVISIONING"));
        JsonNode history = get("flip").get("history");
        assertThat(history).as("every scaled-down submission is kept in the history").hasSizeGreaterThanOrEqualTo(20);
        history.forEach(h -> assertThat(h.get("status").asString()).isIn(ENDED));
        api.postJson(RUNS + "/flip/stop", "{\"abort\": true}");
    }
}
