package dev.runplane.api.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.runplane.support.ApiClient;
import dev.runplane.support.IntegrationTest;
import dev.runplane.support.Replicas;
import dev.runplane.users.tokens.ApiTokenService;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Statuses a script sees over the run's life: scale to zero, tasks that succeed and fail, abort, restart, delete. */
@IntegrationTest
class RunLifecycleIT {
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
        api = new ApiClient("http://localhost:" + port, tokens.create("admin", "lifecycle", null).secret());
    }

    private JsonNode run(String name) {
        ApiClient.Response response = api.get(RUNS + "/" + name + "?history=true");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private void create(String yaml) {
        ApiClient.Response response = api.post(RUNS, "application/yaml", yaml);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
    }

    private void awaitStatus(String name, String status) {
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            JsonNode run = run(name);
            assertThat(run.get("status").asString()).as(run.toString()).isEqualTo(status);
        });
    }

    @Test
    void scalingToZeroLeavesTheRunPendingNotTerminated() {
        create("type: service\nname: to-zero\ncommands: [\"sleep 600\"]\nreplicas: 1\n");
        awaitStatus("to-zero", "RUNNING");
        long pid = Replicas.pids(jdbc, "to-zero", 0).getFirst();

        assertThat(api.postJson(RUNS + "/to-zero/scale", "{\"replicas\": 0}").status()).isEqualTo(200);

        awaitStatus("to-zero", "PENDING");
        await().atMost(Duration.ofSeconds(10)).until(() -> !Replicas.alive(pid));
        // the reconciler notices the exit on its next pass: until then the replica is current and TERMINATING
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(run("to-zero").get("replicas")).isEmpty());
        JsonNode run = run("to-zero");
        assertThat(run.get("history").get(0).get("terminationReason").asString()).isEqualTo("SCALED_DOWN");
        api.postJson(RUNS + "/to-zero/stop", "{}");
        awaitStatus("to-zero", "TERMINATED");
    }

    @Test
    void aTaskWhoseReplicasExitZeroIsDone() {
        create("type: task\nname: task-ok\ncommands: [\"echo hello\", \"exit 0\"]\nreplicas: 2\n");
        awaitStatus("task-ok", "DONE");
        JsonNode run = run("task-ok");
        // every replica ended: none is current any more (DESIGN.md, rule 5), both are history
        assertThat(run.get("replicas")).isEmpty();
        assertThat(run.get("history")).hasSize(2);
        run.get("history").forEach(r -> {
            assertThat(r.get("status").asString()).isEqualTo("DONE");
            assertThat(r.get("exitCode").asInt()).isZero();
        });
        assertThat(run.get("finishedAt").isNull()).isFalse();
    }

    @Test
    void aTaskExitingThreeFailsWithItsExitCodeAfterTheRetries() {
        create("type: task\nname: task-fails\ncommands: [\"exit 3\"]\nretry: {on: [error], limit: 1}\n");
        // one retry after the 10 s back-off, then the failure is final
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(run("task-fails").get("status").asString()).isEqualTo("FAILED"));
        JsonNode run = run("task-fails");
        assertThat(run.get("replicas")).as("a failure beyond its retries is history, never current").isEmpty();
        JsonNode last = run.get("history").get(0);
        assertThat(last.get("submissionNum").asInt()).isEqualTo(1);
        assertThat(last.get("status").asString()).isEqualTo("FAILED");
        assertThat(last.get("terminationReason").asString()).isEqualTo("EXITED_WITH_ERROR");
        assertThat(last.get("exitCode").asInt()).isEqualTo(3);
        assertThat(run.get("history").get(1).get("exitCode").asInt()).isEqualTo(3);
    }

    @Test
    void abortKillsAtOnceEvenAReplicaThatIgnoresTerm() {
        create("""
                type: service
                name: stubborn
                commands: ["trap '' TERM; while true; do sleep 1; done"]
                stop_grace_period: 1h
                """);
        awaitStatus("stubborn", "RUNNING");
        long pid = Replicas.pids(jdbc, "stubborn", 0).getFirst();

        assertThat(api.postJson(RUNS + "/stubborn/stop", "{\"abort\": true}").status()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(5)).until(() -> !Replicas.alive(pid));
        awaitStatus("stubborn", "TERMINATED");
        assertThat(run("stubborn").get("replicas")).isEmpty();
        JsonNode replica = run("stubborn").get("history").get(0);
        assertThat(replica.get("status").asString()).isEqualTo("ABORTED");
        assertThat(replica.get("terminationReason").asString()).isEqualTo("ABORTED_BY_USER");
    }

    @Test
    void restartingAReplicaMakesANewSubmissionOfTheSameNumber() {
        create("type: service\nname: restartable\ncommands: [\"sleep 600\"]\nreplicas: 2\n");
        await().atMost(Duration.ofSeconds(10)).until(() -> run("restartable").get("runningReplicas").asInt() == 2);
        long oldPid = Replicas.pids(jdbc, "restartable", 1).getFirst();

        assertThat(api.post(RUNS + "/restartable/replicas/1/restart", "application/json", "").status())
                .isEqualTo(202);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode run = run("restartable");
            assertThat(run.get("replicas").get(1).get("submissionNum").asInt()).isEqualTo(1);
            assertThat(run.get("replicas").get(1).get("status").asString()).isEqualTo("RUNNING");
            assertThat(run.get("history").get(0).get("terminationReason").asString()).isEqualTo("RESTARTED_BY_USER");
        });
        assertThat(Replicas.alive(oldPid)).isFalse();
        assertThat(run("restartable").get("replicas").get(0).get("submissionNum").asInt()).isZero();
        assertThat(api.post(RUNS + "/restartable/replicas/7/restart", "application/json", "").status())
                .isEqualTo(404);
        api.postJson(RUNS + "/restartable/stop", "{}");
        awaitStatus("restartable", "TERMINATED");
    }

    @Test
    void deleteRefusesAnActiveRunAndRemovesAFinishedOne() {
        create("type: service\nname: deletable\ncommands: [\"sleep 600\"]\n");
        awaitStatus("deletable", "RUNNING");

        ApiClient.Response refused = api.delete(RUNS + "/deletable");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body()).contains("stop it");

        api.postJson(RUNS + "/deletable/stop", "{}");
        awaitStatus("deletable", "TERMINATED");
        assertThat(api.delete(RUNS + "/deletable").status()).isEqualTo(204);
        assertThat(api.get(RUNS + "/deletable").status()).isEqualTo(404);
    }

    @Test
    void aNameInUseIsAConflictAndAStaleVersionIsAConflict() {
        create("type: service\nname: versioned\ncommands: [\"sleep 600\"]\nreplicas: 0\n");
        ApiClient.Response again = api.post(RUNS, "application/yaml",
                "type: service\nname: versioned\ncommands: [\"sleep 1\"]\n");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body()).contains("already exists");

        long version = run("versioned").get("version").asLong();
        assertThat(api.postJson(RUNS + "/versioned/scale", "{\"replicas\": 1, \"expectedVersion\": " + version + "}")
                .status()).isEqualTo(200);
        // the same count again is idempotent whatever the version; a different count from a stale version conflicts
        assertThat(api.postJson(RUNS + "/versioned/scale", "{\"replicas\": 1, \"expectedVersion\": " + version + "}")
                .status()).isEqualTo(200);
        ApiClient.Response stale = api.postJson(RUNS + "/versioned/scale",
                "{\"replicas\": 2, \"expectedVersion\": " + version + "}");
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.body()).contains("changed by someone else");
        api.postJson(RUNS + "/versioned/stop", "{}");
    }
}
