package dev.runplane.api.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.runplane.support.ApiClient;
import dev.runplane.support.IntegrationTest;
import dev.runplane.support.Replicas;
import dev.runplane.users.tokens.ApiTokenService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The story the tool we replace got wrong, driven over HTTP exactly as a script would. */
@IntegrationTest
class ScalingStoryIT {
    private static final String RUNS = "/api/v1/projects/default/runs";

    @LocalServerPort
    int port;
    @Autowired
    ApiTokenService tokens;
    @Autowired
    JdbcClient jdbc;

    ApiClient api;

    @BeforeEach
    void signIn() {
        api = new ApiClient("http://localhost:" + port, tokens.create("admin", "scaling-story", null).secret());
    }

    private JsonNode run(String name, boolean history) {
        ApiClient.Response response = api.get(RUNS + "/" + name + (history ? "?history=true" : ""));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static List<String> statuses(JsonNode replicas) {
        List<String> out = new ArrayList<>();
        replicas.forEach(r -> out.add(r.get("replicaNum").asInt() + "#" + r.get("submissionNum").asInt() + ":"
                + r.get("status").asString()));
        return out;
    }

    private JsonNode scale(String name, int replicas) {
        ApiClient.Response response = api.postJson(RUNS + "/" + name + "/scale", "{\"replicas\": " + replicas + "}");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    @Test
    void scalingOneTwoOneTwoThenStopKeepsEveryReplicaTruthful() {
        ApiClient.Response created = api.post(RUNS, "application/yaml", """
                type: service
                name: story
                commands:
                  - sleep 600
                replicas: 1
                stop_grace_period: 5s
                """);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("name").asString()).isEqualTo("story");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode run = run("story", false);
            assertThat(run.get("status").asString()).isEqualTo("RUNNING");
            assertThat(statuses(run.get("replicas"))).containsExactly("0#0:RUNNING");
        });
        long firstPid = Replicas.pids(jdbc, "story", 0).getFirst();

        // 1 → 2: replica 0 is never reported as anything but RUNNING while replica 1 comes up
        scale("story", 2);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode run = run("story", false);
            assertThat(statuses(run.get("replicas"))).first().isEqualTo("0#0:RUNNING");
            assertThat(statuses(run.get("replicas"))).containsExactly("0#0:RUNNING", "1#0:RUNNING");
            assertThat(run.get("runningReplicas").asInt()).isEqualTo(2);
        });

        // 2 → 1: replica 1 moves to history as TERMINATED / SCALED_DOWN and its process is gone
        long secondPid = Replicas.pids(jdbc, "story", 1).getFirst();
        scale("story", 1);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode run = run("story", true);
            assertThat(statuses(run.get("replicas"))).containsExactly("0#0:RUNNING");
            assertThat(statuses(run.get("history"))).containsExactly("1#0:TERMINATED");
            assertThat(run.get("history").get(0).get("terminationReason").asString()).isEqualTo("SCALED_DOWN");
            assertThat(run.get("runningReplicas").asInt()).isEqualTo(1);
        });
        assertThat(Replicas.alive(secondPid)).as("scaled-down replica's process").isFalse();
        assertThat(Replicas.alive(firstPid)).as("replica 0's process").isTrue();

        // 1 → 2: a new submission of replica 1
        scale("story", 2);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode run = run("story", true);
            assertThat(statuses(run.get("replicas"))).containsExactly("0#0:RUNNING", "1#1:RUNNING");
            assertThat(statuses(run.get("history"))).containsExactly("1#0:TERMINATED");
        });

        // stop: every replica terminated (and so history), the run TERMINATED, no process left
        ApiClient.Response stopped = api.postJson(RUNS + "/story/stop", "{}");
        assertThat(stopped.status()).as(stopped.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode run = run("story", true);
            assertThat(run.get("status").asString()).isEqualTo("TERMINATED");
            assertThat(run.get("replicas")).isEmpty();
            assertThat(statuses(run.get("history"))).containsExactlyInAnyOrder("0#0:TERMINATED", "1#1:TERMINATED",
                    "1#0:TERMINATED");
            run.get("history").forEach(r -> assertThat(r.get("terminationReason").asString())
                    .isIn("STOPPED_BY_USER", "SCALED_DOWN"));
        });
        assertThat(Replicas.alive(firstPid)).isFalse();
        Replicas.pids(jdbc, "story", 1).forEach(pid -> assertThat(Replicas.alive(pid)).isFalse());

        // the timeline names who did what, from where
        JsonNode events = api.get("/api/v1/projects/default/events?run=story").json().get("events");
        List<String> actions = new ArrayList<>();
        events.forEach(e -> actions.add(e.get("action").asString() + "/" + e.get("source").asString()));
        assertThat(actions).contains("CREATED/api", "SCALED/api", "STOPPED/api");
    }

    @Test
    void unknownRunNamesAnswer404ForEveryVerb() {
        assertThat(api.get(RUNS + "/no-such-run").status()).isEqualTo(404);
        assertThat(api.postJson(RUNS + "/no-such-run/scale", "{\"replicas\": 2}").status()).isEqualTo(404);
        assertThat(api.postJson(RUNS + "/no-such-run/stop", "{}").status()).isEqualTo(404);
        assertThat(api.post(RUNS + "/no-such-run/replicas/0/restart", "application/json", "").status())
                .isEqualTo(404);
        assertThat(api.delete(RUNS + "/no-such-run").status()).isEqualTo(404);
        ApiClient.Response response = api.get("/api/v1/projects/no-such-project/runs");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.body()).contains("not found");
    }
}
